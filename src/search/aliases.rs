//! Aliases: names of the same thing ("the U.S.", "United States", "USA"),
//! read from `aliases.toml`, so that a query naming one finds them all.
//!
//! The file sits at the corpus root (`<corpus>/aliases.toml`, which the
//! indexer skips). The groups shipped with accord (`corpus/aliases.toml` in
//! the repository, embedded at build time) are used too, but for those
//! sharing a name with one of the file's groups, which the file's replace;
//! `builtin = false` in the file leaves them all out. The file is read
//! at query time only, so editing it needs no re-indexing.
//!
//! Format: one `[[group]]` table per thing, with its `names`:
//!
//! ```toml
//! [[group]]
//! names = ["North Korea", "DPRK", "Democratic People's Republic of Korea"]
//! ```
//!
//! Names are analysed like query text: `US`, `U.S.` and `U.S` are the same
//! acronym (never the pronoun "us"), case and diacritics do not matter, and
//! a hyphen is a space. Expansion ([`Aliases::expand`]) works inside a
//! phrase: every name found in the query's words, longest first, is replaced
//! in turn by each other name of its group, up to [`MAX_EXPANSIONS`]
//! rewritten phrases per phrase.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::analysis::{self, Mode};
use crate::error::{Error, Result};

/// Name of the aliases file at the corpus root.
pub const FILE_NAME: &str = "aliases.toml";

/// The aliases shipped with accord, used when a corpus has no file.
pub const BUILT_IN: &str = include_str!("../../corpus/aliases.toml");

/// At most this many rewritten phrases per query phrase (all combinations
/// of the names found in it, in file order), so a long pasted sentence full
/// of state names cannot explode into thousands of phrase queries.
pub const MAX_EXPANSIONS: usize = 32;

/// The alias groups in use; [`Aliases::default`] has none.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    groups: Vec<Vec<Name>>,
    /// Whether the built-in groups apply too (the file's `builtin`).
    with_builtin: bool,
}

/// One name of a group: as written in the file, and its analysed words.
#[derive(Debug, Clone)]
struct Name {
    text: String,
    words: Vec<String>,
}

/// A query phrase with some names replaced by aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Exact-view words of the rewritten phrase.
    pub words: Vec<String>,
    /// The alias names put in, as written in the file.
    pub names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Whether the built-in groups apply as well (default: yes).
    #[serde(default = "yes")]
    builtin: bool,
    #[serde(default)]
    group: Vec<GroupEntry>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    names: Vec<toml::Spanned<String>>,
    /// Free text for the people editing the file; ignored.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Aliases {
    /// The aliases for `corpus`: its `aliases.toml`, else the built-in ones.
    pub fn load(corpus: &Path) -> Result<Aliases> {
        let path = corpus.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Aliases::parse(&text, &path)?.with_builtin_groups()),
            // No file, or no corpus folder (which the caller reports).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Aliases::parse(BUILT_IN, &PathBuf::from("<built-in aliases.toml>"))
            }
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Parses the text of an aliases file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Aliases> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let at = |offset: usize, message: &str| {
            let line = line_of(offset);
            Error::Input(format!(
                "{}: line {line}: {message}; fix the file (format: [[group]] tables, each with names = [\"…\", \"…\"])",
                origin.display()
            ))
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            // toml's messages run over several lines; errors are one line.
            at(offset, &e.message().trim().replace('\n', ": "))
        })?;
        let mut groups = Vec::with_capacity(file.group.len());
        // Names of earlier groups, with where they were given: a name in
        // two groups would silently expand through only one of them.
        let mut named: HashMap<Vec<String>, usize> = HashMap::new();
        for entry in file.group {
            let mut names = Vec::with_capacity(entry.names.len());
            for spanned in &entry.names {
                let text = spanned.get_ref().trim();
                let words: Vec<String> = analysis::tokenize(text, Mode::Query)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                if words.is_empty() {
                    return Err(at(
                        spanned.span().start,
                        &format!("the name {text:?} has no letters or digits"),
                    ));
                }
                if let Some(&earlier) = named.get(&words) {
                    return Err(at(
                        spanned.span().start,
                        &format!(
                            "the name {text:?} is already in the group at line {}; \
                             put all the names of one thing in one group",
                            line_of(earlier)
                        ),
                    ));
                }
                names.push(Name {
                    text: text.to_string(),
                    words,
                });
            }
            if names.len() < 2 {
                let offset = entry.names.first().map_or(0, |n| n.span().start);
                return Err(at(offset, "a group needs at least two names"));
            }
            for (name, spanned) in names.iter().zip(&entry.names) {
                named.insert(name.words.clone(), spanned.span().start);
            }
            groups.push(names);
        }
        Ok(Aliases {
            groups,
            with_builtin: file.builtin,
        })
    }

    /// These groups and, unless the file said `builtin = false`, every
    /// built-in group that shares no name with them.
    fn with_builtin_groups(mut self) -> Aliases {
        if !self.with_builtin {
            return self;
        }
        let built_in = Aliases::parse(BUILT_IN, Path::new("<built-in aliases.toml>"))
            .expect("the built-in aliases parse, as a unit test checks");
        let own: std::collections::HashSet<&Vec<String>> =
            self.groups.iter().flatten().map(|n| &n.words).collect();
        let kept: Vec<Vec<Name>> = built_in
            .groups
            .into_iter()
            .filter(|group| group.iter().all(|n| !own.contains(&n.words)))
            .collect();
        self.groups.extend(kept);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Rewrites of the exact-view `words` in which each alias name found
    /// (longest first, left to right, not overlapping) is replaced by the
    /// other names of its group, in every combination: `the u.s and
    /// australia` gives `the united states and australia`, `the u.s and
    /// commonwealth of australia`, …. The words themselves are not among
    /// the results, nor rewrites with the same words (`hack-back` for
    /// `hack back`). At most [`MAX_EXPANSIONS`].
    pub fn expand(&self, words: &[String]) -> Vec<Expansion> {
        let found = self.find(words);
        if found.is_empty() {
            return Vec::new();
        }
        let mut partial = vec![Expansion {
            words: Vec::new(),
            names: Vec::new(),
        }];
        let mut cursor = 0;
        for (start, len, group) in found {
            for p in &mut partial {
                p.words.extend_from_slice(&words[cursor..start]);
            }
            let original = &words[start..start + len];
            let mut next = Vec::new();
            for p in &partial {
                let mut same = p.clone();
                same.words.extend_from_slice(original);
                next.push(same);
                for name in &self.groups[group] {
                    if name.words == original {
                        continue;
                    }
                    let mut with = p.clone();
                    with.words.extend_from_slice(&name.words);
                    with.names.push(name.text.clone());
                    next.push(with);
                }
            }
            next.truncate(MAX_EXPANSIONS + 1);
            partial = next;
            cursor = start + len;
        }
        let mut out: Vec<Expansion> = Vec::new();
        for mut p in partial {
            p.words.extend_from_slice(&words[cursor..]);
            if p.words != words && !out.iter().any(|o| o.words == p.words) {
                out.push(p);
            }
        }
        out.truncate(MAX_EXPANSIONS);
        out
    }

    /// Whether `words` are, all of them, one alias name.
    pub fn is_name(&self, words: &[String]) -> bool {
        self.groups.iter().flatten().any(|name| name.words == words)
    }

    /// Alias names in `words`: (start, length, group), longest match first
    /// at each position, left to right.
    fn find(&self, words: &[String]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let longest = self
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, names)| names.iter().map(move |n| (g, n)))
                .filter(|(_, n)| words[at..].starts_with(&n.words))
                .max_by_key(|(_, n)| n.words.len());
            match longest {
                Some((group, name)) => {
                    found.push((at, name.words.len(), group));
                    at += name.words.len();
                }
                None => at += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        analysis::tokenize(text, Mode::Query)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn aliases(toml: &str) -> Aliases {
        Aliases::parse(toml, Path::new("aliases.toml")).unwrap()
    }

    const STATES: &str = r#"
[[group]]
names = ["United States", "U.S.", "US", "USA"]
[[group]]
names = ["Australia", "Commonwealth of Australia"]
"#;

    fn phrases(expansions: &[Expansion]) -> Vec<String> {
        expansions.iter().map(|e| e.words.join(" ")).collect()
    }

    #[test]
    fn acronym_in_a_phrase_expands_to_each_other_name() {
        let a = aliases(STATES);
        let e = a.expand(&words("the U.S. and Australia did not"));
        let p = phrases(&e);
        assert!(p.contains(&"the united states and australia did not".to_string()));
        assert!(p.contains(&"the u.s and commonwealth of australia did not".to_string()));
        assert!(p.contains(&"the u.s.a and commonwealth of australia did not".to_string()));
        // `US` and `U.S.` are one acronym, so no duplicate rewrite.
        assert_eq!(p.len(), 3 * 2 - 1, "{p:?}");
        let both = &e[p
            .iter()
            .position(|x| x == "the united states and commonwealth of australia did not")
            .unwrap()];
        assert_eq!(both.names, ["United States", "Commonwealth of Australia"]);
    }

    #[test]
    fn longest_name_wins_so_long_forms_expand_as_a_whole() {
        let a = aliases(
            r#"[[group]]
names = ["China", "People's Republic of China", "PRC"]"#,
        );
        let p = phrases(&a.expand(&words("People’s Republic of China")));
        assert_eq!(p, ["china", "p.r.c"]);
    }

    #[test]
    fn words_without_names_and_pronoun_us_do_not_expand() {
        let a = aliases(STATES);
        assert!(a.expand(&words("help us now")).is_empty());
        assert!(a.expand(&words("private sector")).is_empty());
        assert!(a.is_name(&words("united states")));
        assert!(!a.is_name(&words("united")));
    }

    #[test]
    fn expansions_are_capped() {
        let a = aliases(STATES);
        let long = words(&"the U.S. and Australia ".repeat(6));
        assert_eq!(a.expand(&long).len(), MAX_EXPANSIONS);
    }

    #[test]
    fn malformed_file_is_an_error_naming_file_and_line() {
        let err = Aliases::parse(
            "[[group]]\nnames = [\"a\", \"b\"]\n\n[[group]]\nnames = [\"x\" \"y\"]\n",
            Path::new("corpus/aliases.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("corpus/aliases.toml: line 5:"), "{err}");
        assert!(!err.contains('\n'), "{err}");
        let err = Aliases::parse("[[group]]\nnames = [\"only\"]\n", Path::new("a.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2: a group needs at least two names"),
            "{err}"
        );
        let err = Aliases::parse("[[group]]\nnames = [\"ok\", \"--\"]\n", Path::new("a.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2: the name \"--\""), "{err}");
        let err = Aliases::parse(
            "[[group]]\nnames = [\"hack back\", \"counter-hacking\"]\n\n\
             [[group]]\nnames = [\"hacking back\", \"Hack-back\"]\n",
            Path::new("a.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 5: the name \"Hack-back\" is already in the group at line 2"),
            "{err}"
        );
    }

    #[test]
    fn built_in_file_parses() {
        let a = Aliases::parse(BUILT_IN, Path::new("built-in")).unwrap();
        assert!(a.is_name(&words("DPRK")));
        assert!(
            !a.is_name(&words("America")),
            "America may be the continent"
        );
    }
}
