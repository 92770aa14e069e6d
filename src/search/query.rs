//! The query language: words, "exact phrases", `OR`, `-exclusion` (or
//! `NOT`) and `field:value` filters, parsed into a small syntax tree.
//! Punctuation inside words (`non-state`, `U.S.`, `9/11`, `C++`) is left
//! for the analyzer, so only an unclosed quote or an unknown field is an
//! error, and not even those in a pasted passage (see [`PASTED_WORDS`]).

use crate::error::{Error, Result};

/// Fields a query may name, and what each filters on.
pub const FIELDS: [(&str, &str); 6] = [
    ("title", "words in the document title"),
    ("doc", "part of the document's path, e.g. doc:axios"),
    ("kind", "the document kind, e.g. kind:accord"),
    ("source", "words of the source or publisher"),
    ("speaker", "a quoted speaker, any part of the name"),
    (
        "role",
        "words of a quoted speaker's role, e.g. role:microsoft",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Atom {
    /// A bare word; one that the analyzer splits (`non-state`) is a phrase.
    Word(String),
    /// A quoted phrase, matched exactly (unstemmed).
    Phrase(String),
    /// `name:value` or `name:"value"` (`quoted`: exact wording asked).
    Field {
        name: String,
        value: String,
        quoted: bool,
    },
}

/// One element of the query: alternatives joined by `OR`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clause {
    pub negated: bool,
    pub alternatives: Vec<Atom>,
    /// How many times the query says it: a word a pasted passage repeats
    /// says more about what is asked.
    pub times: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

const OPEN_QUOTES: [char; 3] = ['"', '“', '„'];
const CLOSE_QUOTES: [char; 2] = ['"', '”'];

/// A query of this many words or more is taken for a pasted passage: an
/// unclosed quote or an unknown `name:` in it (`The big picture: …`) is
/// read as text rather than refused.
pub const PASTED_WORDS: usize = 8;

pub fn parse(input: &str) -> Result<Query> {
    let pasted = input.split_whitespace().count() >= PASTED_WORDS;
    let mut clauses: Vec<Clause> = Vec::new();
    let mut join_next = false;
    let mut negate_next = false;
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let dash =
            rest.starts_with('-') && rest.len() > 1 && !rest[1..].starts_with(char::is_whitespace);
        if dash {
            rest = &rest[1..];
        }
        let negated = dash || std::mem::take(&mut negate_next);
        let (atom, after) = if rest.starts_with(OPEN_QUOTES) {
            match quoted(rest) {
                Ok((phrase, after)) => (Some(Atom::Phrase(phrase.to_string())), after),
                // The mark is punctuation; the words after it are searched.
                Err(_) if pasted => (None, &rest[rest.chars().next().map_or(1, char::len_utf8)..]),
                Err(e) => return Err(e),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            if word == "OR" && !negated {
                join_next = !clauses.is_empty();
                rest = rest[end..].trim_start();
                continue;
            }
            if word == "AND" && !negated {
                rest = rest[end..].trim_start();
                continue;
            }
            if word == "NOT" && !negated {
                negate_next = true;
                rest = rest[end..].trim_start();
                continue;
            }
            match field_or_word(rest, word, end) {
                Err(_) if pasted => (Some(Atom::Word(word.to_string())), &rest[end..]),
                parsed => parsed?,
            }
        };
        rest = after.trim_start();
        let Some(atom) = atom else { continue };
        match clauses.last_mut() {
            Some(last) if join_next && !negated && !last.negated => last.alternatives.push(atom),
            _ => clauses.push(Clause {
                negated,
                alternatives: vec![atom],
                times: 1,
            }),
        }
        join_next = false;
    }
    // A pasted passage repeats words: each clause is searched once (which
    // keeps a long paste from costing quadratic time) and weighs as often
    // as it is said.
    let mut first: std::collections::HashMap<(bool, Vec<Atom>), usize> =
        std::collections::HashMap::new();
    let mut unique: Vec<Clause> = Vec::with_capacity(clauses.len());
    for clause in clauses {
        let key = (clause.negated, clause.alternatives.clone());
        match first.get(&key) {
            Some(&at) => unique[at].times += 1,
            None => {
                first.insert(key, unique.len());
                unique.push(clause);
            }
        }
    }
    Ok(Query { clauses: unique })
}

/// `rest` starts with an opening quote: the phrase and what follows it.
fn quoted(rest: &str) -> Result<(&str, &str)> {
    let open = rest
        .chars()
        .next()
        .expect("caller checked an opening quote");
    let body = &rest[open.len_utf8()..];
    match body.find(CLOSE_QUOTES) {
        Some(close) => {
            let close_len = body[close..].chars().next().map_or(1, char::len_utf8);
            Ok((&body[..close], &body[close + close_len..]))
        }
        None => Err(Error::Query(format!(
            "unbalanced quote: the phrase {open}{} is never closed; add a closing \"",
            body.chars().take(40).collect::<String>()
        ))),
    }
}

/// A word at the start of `rest` (ending at byte `end`), or a `name:value`
/// filter, whose value may be quoted.
fn field_or_word<'a>(rest: &'a str, word: &'a str, end: usize) -> Result<(Option<Atom>, &'a str)> {
    let Some((name, value)) = word.split_once(':') else {
        return Ok((Some(Atom::Word(word.to_string())), &rest[end..]));
    };
    let looks_like_field = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic());
    // A URL (`https://…`) or a time (`10:30`) is text, not a filter.
    if !looks_like_field || value.starts_with("//") {
        return Ok((Some(Atom::Word(word.to_string())), &rest[end..]));
    }
    let name = name.to_lowercase();
    if !FIELDS.iter().any(|(f, _)| *f == name) {
        let known: Vec<String> = FIELDS.iter().map(|(f, _)| format!("{f}:")).collect();
        return Err(Error::Query(format!(
            "unknown field '{name}:'; the fields are {} (put a word with a colon in quotes to search for it)",
            known.join(" ")
        )));
    }
    let after_colon = &rest[name.len() + 1..];
    let is_quoted = after_colon.starts_with(OPEN_QUOTES);
    let (value, after) = if is_quoted {
        quoted(after_colon)?
    } else {
        (value, &rest[end..])
    };
    if value.trim().is_empty() {
        return Err(Error::Query(format!(
            "field '{name}:' needs a value, e.g. {name}:word"
        )));
    }
    let atom = Atom::Field {
        name,
        value: value.to_string(),
        quoted: is_quoted,
    };
    Ok((Some(atom), after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Atom {
        Atom::Word(w.into())
    }

    fn clause(negated: bool, alternatives: Vec<Atom>) -> Clause {
        Clause {
            negated,
            alternatives,
            times: 1,
        }
    }

    #[test]
    fn words_phrases_or_and_exclusion() {
        let q = parse(r#"“private sector” hacking OR retaliation -china"#).unwrap();
        assert_eq!(
            q.clauses,
            [
                clause(false, vec![Atom::Phrase("private sector".into())]),
                clause(false, vec![word("hacking"), word("retaliation")]),
                clause(true, vec![word("china")]),
            ]
        );
    }

    #[test]
    fn fields_with_plain_and_quoted_values() {
        let q = parse(r#"speaker:"Peter Singer" kind:accord"#).unwrap();
        assert_eq!(
            q.clauses[0].alternatives[0],
            Atom::Field {
                name: "speaker".into(),
                value: "Peter Singer".into(),
                quoted: true,
            }
        );
        assert_eq!(q.clauses.len(), 2);
    }

    #[test]
    fn everyday_punctuation_is_never_a_syntax_error() {
        for q in [
            "non-state",
            "U.S.",
            "Microsoft's",
            "9/11",
            "C++",
            "10:30",
            "https://example.org",
            "a - b",
        ] {
            assert!(parse(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn unbalanced_quote_and_unknown_field_are_errors() {
        let err = parse(r#""hacking back"#).unwrap_err().to_string();
        assert!(err.contains("unbalanced quote"), "{err}");
        let err = parse("colour:red").unwrap_err().to_string();
        assert!(err.contains("unknown field 'colour:'"), "{err}");
    }

    #[test]
    fn a_pasted_passage_is_never_a_syntax_error() {
        let q = parse("The big picture: states pledged to stop “hacking back by firms").unwrap();
        let words: Vec<&Atom> = q.clauses.iter().map(|c| &c.alternatives[0]).collect();
        assert_eq!(words[2], &word("picture:"));
        assert_eq!(words[7], &word("hacking"));
        assert_eq!(q.clauses.len(), 11);
    }

    #[test]
    fn repeated_clauses_are_one_clause_that_weighs_more() {
        let twice = |c: Clause| Clause { times: 2, ..c };
        assert_eq!(
            parse("norms paris norms -x paris OR call -x")
                .unwrap()
                .clauses,
            [
                twice(clause(false, vec![word("norms")])),
                clause(false, vec![word("paris")]),
                twice(clause(true, vec![word("x")])),
                clause(false, vec![word("paris"), word("call")]),
            ]
        );
    }

    #[test]
    fn not_excludes_like_a_dash() {
        assert_eq!(
            parse("cyber NOT china").unwrap(),
            parse("cyber -china").unwrap()
        );
        assert_eq!(
            parse(r#"NOT "private sector""#).unwrap().clauses,
            [clause(true, vec![Atom::Phrase("private sector".into())])]
        );
    }
}
