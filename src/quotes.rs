//! Direct quotations in a document and the speakers they are credited to.
//!
//! [`extract_quotes`] takes a cleaned document (paragraphs separated by
//! blank lines; a lone newline counts as a space) and returns the quoted
//! speech in it, in document order. It works in one pass over the tokens
//! plus a bounded look around each quotation, so its cost is linear in the
//! length of the document.
//!
//! # Quotation marks
//!
//! A document quotes speech either with double marks (`"…"`, `“…”`, `„…“`,
//! `«…»`, and wire copy's doubled apostrophes `''…''`) or, British style, with single ones (`‘…’`, `'…'`); marks of the
//! other style are plain punctuation, so a quotation nested in them stays
//! inside the outer one. A text holding both kinds is read both ways; a
//! quotation lying inside one of the other reading is nested, not speech, and
//! of what remains each paragraph keeps the reading that credits more quoted
//! words in it (the double one on a tie), so a digest may mix both styles. In the single style a `’` or `'` is an apostrophe, not a
//! mark, inside a word ("don’t"), in an elision ("the ’90s", "’em", "rock ’n’
//! roll") and after the `s` of a plural possessive ("countries’ laws", unless a
//! function word, a pronoun or a verb of speech follows). A straight mark opens
//! when it is followed by text and preceded by a space or an opening bracket,
//! and closes in the mirror case.
//!
//! A quotation left open at the end of a paragraph continues into the next
//! paragraph when that paragraph starts with an opening mark (the wire
//! convention) or when its first mark closes. It is dropped when the next
//! paragraph opens a new quotation instead, and after
//! `MAX_QUOTE_PARAGRAPHS` (5) paragraphs, so a stray mark never swallows the
//! rest of the document. The pieces are joined with a single space.
//!
//! # Which quotations count
//!
//! A quotation is returned only when something credits it to a speaker:
//!
//! 1. a cue right after it: `“…,” says Nora Blake, the president of
//!    Rivet`, `“…,” Smith said`, `“…,” Hugo Lind, a fellow at X,
//!    told Bulletin`, `“…,” according to Lind`, `“…,” he said`,
//!    `“…,” the ministry said`, `“…,” Rep. Jane Roe (D-Wis.) said` (the
//!    tokens skip party-and-state tags); or a byline after a dash, for a
//!    quotation opening its paragraph: `“…” ― Ana Ruiz, 34, a nurse`;
//! 2. a cue right before it: `Smith said: “…”`, `Smith said “…”`,
//!    `According to Lind, “…”`, `Jane Doe, the CEO of X, said: “…”`,
//!    or a paragraph ending `… said:` followed by a paragraph that opens
//!    with the quotation;
//! 3. a cue earlier in its sentence, for quotations that do not read as a
//!    title: `Smith said the accord was “a missed chance for the U.S.”`,
//!    `Jones told reporters the budget would “fix nothing” for renters`, or
//!    a label, `The mayor called the deal “a gift to developers”` (cues of
//!    labels and cries: "call", "brand", "dub", "liken", "demand", "chant",
//!    …). These are *partial* quotes ([`QuoteKind::Partial`]), credited to
//!    the subject of the reporting clause, and so is a quotation following
//!    one in the same sentence with only words between (`called her
//!    “disgusting” and “a con”`). A quotation with words of its sentence
//!    before it and its cue after (`the plan was “dead,” Smith said`) is
//!    partial too, and so is one whose sentence runs on to its
//!    attribution (`“I admire the mechanics” of the plan, Holt said`);
//! 4. continuation: a quotation that is a sentence of its own, with no
//!    attribution, right after a credited quotation in the same paragraph,
//!    or forming a whole paragraph right after one, belongs to the same
//!    speaker, unless another person is named in between; failing that, one
//!    right after a sentence of reported speech that ends with its
//!    attribution (`The vote may slip, Holm said. “…”`) is that speaker's;
//! 5. a transcript label: `PENCE: Well, look …` (a paragraph opened by a
//!    mark, or plain paragraphs where at least two are labelled) is a quote
//!    of the person named in full with that surname, else of the label.
//!
//! So scare quotes and names of things (`from “hacking back,” or`, `the
//! “Lyon Charter for Safety in Cyberspace,”`) are left out: they
//! have no cue in their sentence, and title-cased quotations inside a sentence
//! are never quotes. Quotations in a headline (a short first paragraph not
//! ending like a sentence) are skipped too: headlines clip quotes that the
//! body repeats.
//!
//! Cue verbs are the verbs of speech ("say", "tell", "add", "write",
//! "argue", "warn", "note", "explain", …) in any tense, plus "according
//! to". The text loses a trailing comma, which belongs to the attribution.
//! Before a quotation, the last cue whose subject can be found credits it
//! ("anybody who complains" has none, so an earlier "saying" does); a
//! participle takes the first name or pronoun of its sentence, else the
//! subject of a finite cue before it ("the mayor said, adding that …").
//! A relative subject stands for its antecedent: a name before "who"
//! (past an appositive: "McConnell, the majority leader, who said"), the
//! noun phrase before "that" or "which" ("a letter that says").
//!
//! # Speakers
//!
//! A name is a run of capitalised words, with particles ("von der"),
//! initials and hyphens. Honorifics ("Mr.", "Dr.") are dropped; titles
//! before the name ("French President", "Microsoft president") become the
//! role unless an appositive gives one (`Nora Blake, the president of
//! Rivet, …`); the appositive is cut at the next comma or relative
//! clause ("who …"). A name introduced with a role keeps it for later
//! quotes.
//!
//! A full name ending a descriptive subject is the speaker, the rest its
//! role: "Secretary of State John F. Kerry" (from a known given name
//! inside a capitalised run), "the Rev. Peter Wherry". Full names that
//! differ only by middle initials ("Loretta E. Lynch", "Loretta Lynch") are
//! one person.
//!
//! Short references resolve against the full names met earlier outside
//! quotations: a surname ("Lind", "Ms. Vance") when exactly one such name
//! contains it, or a given name after "Sir" or "Dame" ("Dame Harriet") when the
//! person was introduced with that honorific; "he"/"she" when exactly one
//! person (of a compatible gender, where an honorific or an earlier pronoun
//! told it) is named before the quotation in its paragraph outside appositive
//! roles, or, if nobody is, in the previous paragraph, or, if nobody is, the
//! most recent speaker within three paragraphs. Common given names tell several
//! such people apart when every one of them has a known one ("Marie Tremblay
//! and Daniel Osei … she said"). A person of unknown gender takes the pronoun
//! only when nobody else was named: when the others were ruled out by an
//! honorific, the pronoun may mean someone unnamed. Otherwise `speaker` is
//! `None`, `surface` holds the form and `resolved` is false. A lone capitalised
//! word that matches no full name and has no honorific ("Microsoft said") is
//! taken as a complete name (an organisation or mononym). "The" and a role noun
//! ("the senator", "the foreign minister") is the one person named in the
//! quotation's paragraph (else the previous one, else anywhere before) whose
//! role or title has that noun. "The" and a name ("the Pentagon", "the
//! State Department") is that organisation speaking; "the" and an
//! organisation's noun ("the ministry") is the one organisation named
//! before the quotation, by paragraph as for persons, whose name ends with
//! it ("the Defense Ministry"). Any other descriptive subject ("a spokesman
//! for the ministry", "officials", "the statement") gives no speaker; it is
//! reported as the role.
//!
//! Every quote says what its speaker is ([`SpeakerType`]): a person (a
//! person named or described, "he", "a spokesman"), an organisation ("the
//! Defense Ministry", "the group", a name holding an organisation's word,
//! or a lone name the document gives as someone's employer: "the president
//! of Kestrel" … "Kestrel said"), a document ("the statement", "the
//! letter", "the report"), a group (two people speaking as one) or unknown
//! ("it", "they", a lone name the document says nothing else of).
//!
//! Paragraphs in headline case (four or more words, every long one
//! capitalised: "Mayor Tom Reed Fights Back") and runs of two or more words
//! in capitals ("CONGRESS HAS INVESTIGATED HIM — …") hold no names: nothing
//! ends a name run there.
//!
//! # Where each stage lives
//!
//! - `tokens`: words, punctuation, quotation marks and paragraph breaks
//!   (doubled apostrophes, party-and-state tags);
//! - `spans`: marks paired into quotations, carried over paragraphs;
//! - `cues`: the attribution after or before a quotation and its subject;
//! - `coref`: from that subject to a speaker (`names` holds the registry of
//!   people the document names, `lexicon` the word lists);
//! - `continuation`: quotations that carry a credited one on;
//! - here: the driver ([`extract_quotes`]) and kinds. Who a speaker is
//!   across documents (keys, name variants, the speaker table) is
//!   [`crate::speakers`]'s.

mod continuation;
mod coref;
mod cues;
pub(crate) mod lexicon;
mod names;
mod spans;
mod tokens;

use std::collections::HashMap;

use lexicon::{Cue, Gender};
use names::{Lookup, ParsedName, Registry};
use spans::{find_spans, title_like, word_count, Span};
use tokens::{Doc, Kind, Marks};

/// A direct quotation and whom it is credited to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quote {
    /// The quotation without its marks; a quote spanning paragraphs is joined with a single space.
    pub text: String,
    /// Byte offsets into the document text of the whole quotation INCLUDING its opening and closing marks (0-based, end exclusive, on char boundaries).
    pub start: usize,
    pub end: usize,
    /// Canonical full name ("Peter Singer") or None when nobody can be identified.
    pub speaker: Option<String>,
    /// The speaker as written at the attribution ("Singer", "Mr. Smith", "he"), if any.
    pub surface: Option<String>,
    /// Role/affiliation as the text gives it, e.g. "the cybersecurity policy director at Public Knowledge".
    pub role: Option<String>,
    /// false when a short reference (surname, pronoun) could not be resolved unambiguously to a full name introduced earlier in the document; then `speaker` is None and `surface` holds the form.
    pub resolved: bool,
    /// Whether the quotation stands as speech of its own or is a fragment
    /// inside someone's reported speech.
    pub kind: QuoteKind,
    /// For a partial quote, the sentence holding it, marks included and
    /// whitespace runs made single spaces; `None` for a full one.
    pub sentence: Option<String>,
    /// What the speaker is: a person, an organisation, a document, two
    /// people quoted together, or unknown.
    pub speaker_type: SpeakerType,
}

/// What kind of thing a speaker is, told from its name or description at
/// the attribution: "Nora Blake", "he" and "a spokesman" are persons; "the
/// Defense Ministry", "Microsoft" (named elsewhere as an employer) and "the
/// group" organisations; "the statement" and "the letter" documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    /// A ministry, company, party, campaign, outlet, country …
    Organisation,
    /// A statement, letter, report, filing, memo, ruling, article …
    Document,
    /// Two people quoted together ("Peter Olsen and Anna Berg said").
    Group,
    /// Nothing tells: an unresolved "it" or "they", a lone capitalised
    /// word the document says nothing else of.
    Unknown,
}

impl SpeakerType {
    /// The word used in JSON: `person`, `organisation`, `document`,
    /// `group`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Document => "document",
            SpeakerType::Group => "group",
            SpeakerType::Unknown => "unknown",
        }
    }
}

/// What a quotation is within its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Speech of its own, introduced or followed by its attribution:
    /// `“…,” Smith said`, `Smith said: “…”`, and the quotations that carry
    /// it on.
    Full,
    /// Quoted words inside a sentence of reported speech or a label, credited
    /// to the speaker of the reporting clause: `Jones said the plan would
    /// “fix nothing”`, `the mayor called the deal “a gift to developers.”`
    Partial,
}

impl QuoteKind {
    /// The word used in JSON and on the command line: `full`, `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
        }
    }
}

/// Finds the direct quotations in `text` and credits each to a speaker;
/// see the module docs for the rules.
pub fn extract_quotes(text: &str) -> Vec<Quote> {
    let quotes = match Marks::candidates(text) {
        // A transcript quotes without marks: "PENCE: Well, look …".
        [] if tokens::has_transcript(text) => extract_with(text, Marks::Double),
        [] => Vec::new(),
        [marks] => extract_with(text, *marks),
        _ => mixed(
            extract_with(text, Marks::Double),
            extract_with(text, Marks::Single),
        ),
    };
    quotes.into_iter().map(|(_, q)| q).collect()
}

/// A quotation and the paragraph it starts in.
type InParagraph = (usize, Quote);

/// Merges the double and single readings of a text that quotes in both
/// styles, each in document order. A quotation that lies inside one of the
/// other reading is nested, not speech of its own (`“He told me, ‘Pay
/// up.’”`). Of what remains, each paragraph takes the reading that credits
/// more words in it, the double one on a tie, so a digest may quote a
/// British item and an American one side by side. Words, not quotations:
/// two scare quotes credited in passing ("call it 'living off the land,'
/// said Ortiz") must not outweigh a sentence of speech.
fn mixed(double: Vec<InParagraph>, single: Vec<InParagraph>) -> Vec<InParagraph> {
    // The quotations of a reading do not overlap, so the only one that can
    // hold `q` is the last starting at or before it.
    let outer = |quotes: Vec<InParagraph>, other: &[InParagraph]| -> Vec<InParagraph> {
        quotes
            .into_iter()
            .filter(|(_, q)| {
                let k = other.partition_point(|(_, o)| o.start <= q.start);
                !(k > 0 && q.end <= other[k - 1].1.end)
            })
            .collect()
    };
    let single = outer(single, &double);
    let double = outer(double, &single);
    // Quoted words per paragraph: (double, single).
    let mut words: HashMap<usize, (usize, usize)> = HashMap::new();
    for (p, q) in &double {
        words.entry(*p).or_default().0 += word_count(&q.text);
    }
    for (p, q) in &single {
        words.entry(*p).or_default().1 += word_count(&q.text);
    }
    let single_wins = |p: &usize| words.get(p).is_some_and(|&(d, s)| s > d);
    let mut chosen: Vec<InParagraph> = double
        .into_iter()
        .filter(|(p, _)| !single_wins(p))
        .chain(single.into_iter().filter(|(p, _)| single_wins(p)))
        .collect();
    chosen.sort_by_key(|(_, q)| q.start);
    // A quotation carried over from an earlier paragraph wins.
    let mut covered = 0;
    chosen.retain(|(_, q)| {
        let keep = q.start >= covered;
        if keep {
            covered = q.end;
        }
        keep
    });
    chosen
}

fn extract_with(text: &str, marks: Marks) -> Vec<InParagraph> {
    let doc = Doc::new(text, marks);
    let spans = find_spans(&doc);
    if spans.is_empty() {
        return Vec::new();
    }
    let registry = Registry::build(&doc, &spans);
    let mut attributor = Attributor {
        doc: &doc,
        reg: registry,
        clauses: Vec::new(),
        roles: Vec::new(),
        last_person: None,
    };
    attributor.run(&spans)
}

fn lower_is(word: &str, target: &str) -> bool {
    word.eq_ignore_ascii_case(target)
}

/// Tokens `[first, end)`.
type TokRange = (usize, usize);

/// Who is speaking, as found at the attribution.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Name(ParsedName),
    /// Two people speaking as one: "Peter Olsen and Anna Berg said".
    Joint(ParsedName, ParsedName),
    Pronoun(usize),
    /// A descriptive noun phrase, tokens `[first, end)`.
    Nominal(usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Attribution {
    subject: Subject,
    /// Appositive role, tokens `[first, end)`.
    role: Option<(usize, usize)>,
    /// Title words before the name, tokens `[first, end)`.
    title: Option<(usize, usize)>,
    /// Byte range of the attribution clause.
    clause: (usize, usize),
    /// The quotation is a fragment inside the reported speech, not next to
    /// its cue.
    partial: bool,
}

/// The speaker fields of a quote, shared by continuations.
#[derive(Debug, Clone)]
struct Speaker {
    speaker: Option<String>,
    surface: Option<String>,
    role: Option<String>,
    resolved: bool,
    person: Option<usize>,
    kind: SpeakerType,
}

struct Attributor<'d, 'a> {
    doc: &'d Doc<'a>,
    reg: Registry<'a>,
    /// Byte ranges of attribution clauses so far, in document order.
    clauses: Vec<(usize, usize)>,
    /// Byte ranges of roles found at attributions, in document order.
    roles: Vec<(usize, usize)>,
    /// Last named speaker and the paragraph of the quote.
    last_person: Option<(usize, usize)>,
}

impl Attributor<'_, '_> {
    fn run(&mut self, spans: &[Span]) -> Vec<InParagraph> {
        let mut out = Vec::new();
        let mut prev: Option<(usize, Speaker, QuoteKind)> = None;
        let headline = self.doc.has_headline();
        for (si, span) in spans.iter().enumerate() {
            // Headlines clip and paraphrase quotes that the body repeats.
            if headline && span.first_para == 0 {
                continue;
            }
            let label = self.label(span);
            let (speaker, kind) = if let Some((x, colon)) = label {
                (self.label_speaker(x, colon, span), QuoteKind::Full)
            } else if let Some(a) = self.attribute(span) {
                self.clauses.push(a.clause);
                if let Some((x, y)) = a.role {
                    self.roles.push(self.bytes(x, y));
                }
                let kind = if a.partial {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Full
                };
                (self.speaker_for(span, &a), kind)
            } else if let Some((_, s, _)) = prev.as_ref().filter(|(p, _, kind)| {
                *kind == QuoteKind::Partial && self.same_sentence(&spans[*p], span)
            }) {
                // "called Machado “disgusting” and “a con”"
                (s.clone(), QuoteKind::Partial)
            } else if let Some((_, s, _)) = prev
                .as_ref()
                .filter(|(p, s, _)| self.continues(&spans[*p], span, s))
            {
                (s.clone(), QuoteKind::Full)
            } else if let Some(a) = self.after_reported_speech(span) {
                self.clauses.push(a.clause);
                (self.speaker_for(span, &a), QuoteKind::Full)
            } else {
                continue;
            };
            if let Some(id) = speaker.person {
                self.last_person = Some((id, span.last_para));
            }
            out.push((
                span.first_para,
                Quote {
                    // Without the label of a transcript line opened by a mark.
                    text: match label {
                        Some((x, _)) if x == span.open + 1 => span
                            .text
                            .split_once(':')
                            .map_or(&*span.text, |(_, rest)| rest.trim_start())
                            .to_string(),
                        _ => span.text.clone(),
                    },
                    start: self.doc.toks[span.open].start,
                    end: self.doc.toks[span.close].end,
                    speaker: speaker.speaker.clone(),
                    surface: speaker.surface.clone(),
                    role: speaker.role.clone(),
                    resolved: speaker.resolved,
                    kind,
                    sentence: (kind == QuoteKind::Partial).then(|| self.sentence_of(span)),
                    speaker_type: speaker.kind,
                },
            ));
            prev = Some((si, speaker, kind));
        }
        out
    }

    /// The sentence around a quotation: back to the previous sentence end
    /// or paragraph break, on to the next (or the quotation's own end when
    /// it closes the sentence), at most `WINDOW` tokens each way.
    fn sentence_of(&self, span: &Span) -> String {
        let doc = self.doc;
        let ends = |k: usize| {
            matches!(
                doc.toks[k].kind,
                Kind::Para | Kind::Punct('.' | '!' | '?' | '\u{2026}')
            )
        };
        let mut a = span.open;
        while a > 0 && span.open - a < tokens::WINDOW && !ends(a - 1) {
            a -= 1;
        }
        // A closing mark after the previous sentence's end is not this one's.
        while a < span.open && matches!(doc.toks[a].kind, Kind::Mark(_)) {
            a += 1;
        }
        let mut z = span.close;
        if !span.text.ends_with(['.', '!', '?', '\u{2026}']) {
            while z + 1 < doc.len() && z - span.close < tokens::WINDOW && !ends(z + 1) {
                z += 1;
            }
            if z + 1 < doc.len() && doc.toks[z + 1].kind != Kind::Para {
                z += 1;
            }
        }
        self.slice(a, z + 1)
    }

    /// Byte range of tokens `[x, y)`.
    fn bytes(&self, x: usize, y: usize) -> (usize, usize) {
        (self.doc.toks[x].start, self.doc.toks[y - 1].end)
    }

    /// Text of tokens `[x, y)` with whitespace runs made single spaces.
    fn slice(&self, x: usize, y: usize) -> String {
        names::words(self.doc, x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our own wire-style fixture articles; `news-expected.json` beside their
    /// folder lists their quotes (kept out of it so a CLI test can index the
    /// folder as a corpus).
    const FIXTURES: &[(&str, &str)] = &[
        (
            "01_tallinn_pledge.txt",
            include_str!("../tests/fixtures/news/01_tallinn_pledge.txt"),
        ),
        (
            "02_ransomware_summit.txt",
            include_str!("../tests/fixtures/news/02_ransomware_summit.txt"),
        ),
        (
            "03_un_working_group.txt",
            include_str!("../tests/fixtures/news/03_un_working_group.txt"),
        ),
        (
            "04_bug_bounty.txt",
            include_str!("../tests/fixtures/news/04_bug_bounty.txt"),
        ),
        (
            "05_election_interference.txt",
            include_str!("../tests/fixtures/news/05_election_interference.txt"),
        ),
        (
            "06_two_speakers.txt",
            include_str!("../tests/fixtures/news/06_two_speakers.txt"),
        ),
        (
            "07_multi_paragraph.txt",
            include_str!("../tests/fixtures/news/07_multi_paragraph.txt"),
        ),
        (
            "08_spokesman.txt",
            include_str!("../tests/fixtures/news/08_spokesman.txt"),
        ),
        (
            "09_straight_quotes_and_titles.txt",
            include_str!("../tests/fixtures/news/09_straight_quotes_and_titles.txt"),
        ),
        (
            "10_pronoun_ambiguity.txt",
            include_str!("../tests/fixtures/news/10_pronoun_ambiguity.txt"),
        ),
        (
            "11_split_and_nested.txt",
            include_str!("../tests/fixtures/news/11_split_and_nested.txt"),
        ),
        (
            "12_wire_continuation.txt",
            include_str!("../tests/fixtures/news/12_wire_continuation.txt"),
        ),
        (
            "13_british_single_marks.txt",
            include_str!("../tests/fixtures/news/13_british_single_marks.txt"),
        ),
        (
            "14_list_post_single_quotes.txt",
            include_str!("../tests/fixtures/news/14_list_post_single_quotes.txt"),
        ),
    ];
    const EXPECTED: &str = include_str!("../tests/fixtures/news-expected.json");

    #[derive(serde::Deserialize)]
    struct Expected {
        file: String,
        speaker: Option<String>,
        text_starts_with: String,
    }

    type Row = (String, Option<String>, Option<String>, Option<String>, bool);

    /// Extracts and flattens quotes to (text, speaker, surface, role, resolved).
    fn rows(text: &str) -> Vec<Row> {
        extract_quotes(text)
            .into_iter()
            .map(|q| {
                assert_quote_offsets(text, &q);
                (q.text, q.speaker, q.surface, q.role, q.resolved)
            })
            .collect()
    }

    /// The speaker of each quote in `text`.
    fn speakers_of(text: &str) -> Vec<Option<String>> {
        rows(text).into_iter().map(|r| r.1).collect()
    }

    /// The speaker and role of each quote in `text`.
    fn speakers_and_roles(text: &str) -> Vec<(Option<String>, Option<String>)> {
        rows(text).into_iter().map(|r| (r.1, r.3)).collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    fn row(
        text: &str,
        speaker: Option<&str>,
        surface: Option<&str>,
        role: Option<&str>,
        resolved: bool,
    ) -> Row {
        let own = |s: Option<&str>| s.map(str::to_string);
        (
            text.to_string(),
            own(speaker),
            own(surface),
            own(role),
            resolved,
        )
    }

    #[test]
    fn quotes_credit_speaker_named_after_cue_across_two_paragraphs() {
        let text = "Rivet says it helped draft the accord.\n\n\
            \u{201c}It\u{2019}s a chance to agree on a few principles: protecting hospitals, protecting voters.\n\n\
            It\u{2019}s a chance to do that together,\u{201d} says Nora Blake, the president of Rivet, who also spoke on Monday. \
            In some ways, Blake sounds like a diplomat.";
        let role = Some("the president of Rivet");
        assert_eq!(
            rows(text),
            [row(
                "It\u{2019}s a chance to agree on a few principles: protecting hospitals, protecting voters. It\u{2019}s a chance to do that together",
                Some("Nora Blake"),
                Some("Nora Blake"),
                role,
                true
            )]
        );
    }

    #[test]
    fn quotes_continue_after_attributed_quote_in_same_paragraph() {
        let text = "\u{201c}Over the past few years we\u{2019}ve seen a wave of private leadership,\u{201d} says Ida Marsh, \
            the policy director at Open Wire, a group that backed the pact. \u{201c}Firms now say they will do more.\u{201d}";
        let role = Some("the policy director at Open Wire");
        assert_eq!(
            rows(text),
            [
                row(
                    "Over the past few years we\u{2019}ve seen a wave of private leadership",
                    Some("Ida Marsh"),
                    Some("Ida Marsh"),
                    role,
                    true
                ),
                row(
                    "Firms now say they will do more.",
                    Some("Ida Marsh"),
                    Some("Ida Marsh"),
                    role,
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_credit_speaker_named_before_cue_and_resolve_surname_later() {
        let text = "What they\u{2019}re saying: \"It is a lost chance for the country, mainly because the pact is voluntary,\" \
            Hugo Lind, a strategist and senior fellow at the Harbor Institute, told Bulletin via email.\n\n\
            The pact is a handshake. \"The trouble is that many threats cannot be solved that way,\" said Lind.";
        let role = Some("a strategist and senior fellow at the Harbor Institute");
        assert_eq!(
            rows(text),
            [
                row(
                    "It is a lost chance for the country, mainly because the pact is voluntary",
                    Some("Hugo Lind"),
                    Some("Hugo Lind"),
                    role,
                    true
                ),
                row(
                    "The trouble is that many threats cannot be solved that way",
                    Some("Hugo Lind"),
                    Some("Lind"),
                    role,
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_cut_role_at_relative_clause() {
        let text = "\"While the goal is laudable, it feels like spectators telling players to stop,\" said Rosa Vance, \
            a one-time attorney together with adviser at the Office of Net Safety who was just named head of a new hub.";
        assert_eq!(
            rows(text),
            [row(
                "While the goal is laudable, it feels like spectators telling players to stop",
                Some("Rosa Vance"),
                Some("Rosa Vance"),
                Some("a one-time attorney together with adviser at the Office of Net Safety"),
                true
            )]
        );
    }

    #[test]
    fn quotes_credit_speaker_named_before_quote() {
        let text =
            "Jane Doe, the CEO of Kestrel, said: \u{201c}We will sign the pledge.\u{201d}\n\n\
            According to Doe, \u{201c}others will follow within a year.\u{201d}\n\n\
            Tom Reed said \u{201c}nobody asked us first.\u{201d}";
        let ceo = Some("the CEO of Kestrel");
        assert_eq!(
            rows(text),
            [
                row(
                    "We will sign the pledge.",
                    Some("Jane Doe"),
                    Some("Jane Doe"),
                    ceo,
                    true
                ),
                row(
                    "others will follow within a year.",
                    Some("Jane Doe"),
                    Some("Doe"),
                    ceo,
                    true
                ),
                row(
                    "nobody asked us first.",
                    Some("Tom Reed"),
                    Some("Tom Reed"),
                    None,
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_credit_speaker_who_describes_something_in_quoted_words() {
        let text = "Johanna Pfeiffer led the study. She described the results as \
            \u{201c}sobering but not hopeless.\u{201d}";
        assert_eq!(
            rows(text),
            [row(
                "sobering but not hopeless.",
                Some("Johanna Pfeiffer"),
                Some("She"),
                None,
                true
            )]
        );
    }

    #[test]
    fn quotes_skip_scare_quotes_and_titles() {
        let text = "French President Anne Roux announced the \u{201c}Lyon Charter for Safety in Cyberspace,\u{201d} a new pledge.\n\n\
            It bars firms from \u{201c}hacking back,\u{201d} or retaliating. The private sector will not \"hack back\" their attackers.\n\n\
            \"This long sentence has quotation marks but nobody is credited with saying it.\"";
        assert_eq!(rows(text), []);
    }

    #[test]
    fn quotes_move_title_into_role_and_keep_it_for_later_quotes() {
        let text = "President Emmanuel Marchand said: \u{201c}We will act.\u{201d}\n\n\
            \u{201c}And soon,\u{201d} Marchand added.";
        assert_eq!(
            rows(text),
            [
                row(
                    "We will act.",
                    Some("Emmanuel Marchand"),
                    Some("Emmanuel Marchand"),
                    Some("President"),
                    true
                ),
                row(
                    "And soon",
                    Some("Emmanuel Marchand"),
                    Some("Marchand"),
                    Some("President"),
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_leave_ambiguous_pronoun_unresolved() {
        let text =
            "Alex Jones met Robin Brown on Monday. \u{201c}We agreed on nothing,\u{201d} he said.";
        assert_eq!(
            rows(text),
            [row("We agreed on nothing", None, Some("he"), None, false)]
        );
    }

    #[test]
    fn quotes_resolve_pronoun_by_the_gender_of_given_names() {
        let text = "Alice Jones met Daniel Brown on Monday. \
            \u{201c}We agreed on nothing,\u{201d} he said. \u{201c}Nothing at all,\u{201d} she said.";
        assert_eq!(
            speakers_of(text),
            [some("Daniel Brown"), some("Alice Jones")]
        );
        // Bob is not a known name: with Alice ruled out, "he" could still
        // be someone unnamed.
        let text = "Alice Jones met Bob Brown. \u{201c}We agreed on nothing,\u{201d} he said.";
        assert_eq!(speakers_of(text), [None]);
    }

    #[test]
    fn quotes_resolve_pronoun_to_the_person_of_the_paragraph() {
        let text = "\u{201c}Talks failed,\u{201d} said Omar Said, an envoy.\n\n\
            Lena Park was blunter. \u{201c}Nobody came to listen,\u{201d} she said.";
        assert_eq!(
            rows(text),
            [
                row(
                    "Talks failed",
                    Some("Omar Said"),
                    Some("Omar Said"),
                    Some("an envoy"),
                    true
                ),
                row(
                    "Nobody came to listen",
                    Some("Lena Park"),
                    Some("she"),
                    None,
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_credit_added_pronoun_to_the_speaker_just_named() {
        // Two people named, then one credited: "she added" is her, unless
        // someone else is named in between.
        let text = "Marie Tremblay and Daniel Osei briefed reporters. \
            \"We are not arbiters,\" Tremblay said. \"We will tell voters,\" she added.\n\n\
            Alex Jones met Robin Brown. \"A is fine,\" Alex Jones said. Robin Brown disagreed. \
            \"B is not,\" he said.";
        let speakers: Vec<_> = rows(text).into_iter().map(|r| (r.1, r.4)).collect();
        let named = |s: &str| (Some(s.to_string()), true);
        assert_eq!(
            speakers,
            [
                named("Marie Tremblay"),
                named("Marie Tremblay"),
                named("Alex Jones"),
                (None, false)
            ]
        );
    }

    #[test]
    fn quotes_leave_pronoun_after_a_shared_surname_unresolved() {
        let text = "\"We are closer,\" said Li Chen, a delegate.\n\n\
            Michael Chen, a researcher, disagreed. \"The gap is wide,\" Michael Chen said.\n\n\
            \"There is a consensus,\" Li Chen said.\n\n\
            Chen, the researcher, added a warning. \"Few can afford it,\" he said.";
        let last = rows(text).pop().expect("four quotes");
        assert_eq!(
            last,
            row("Few can afford it", None, Some("he"), None, false)
        );
    }

    #[test]
    fn quotes_leave_shared_surname_unresolved_and_honour_honorifics() {
        let text = "John Smith and Paul Smith attended.\n\n\u{201c}It is over,\u{201d} said Mr. Smith.\n\n\
            \u{201c}Not yet,\u{201d} Ms. O\u{2019}Neill replied.";
        assert_eq!(
            rows(text),
            [
                row("It is over", None, Some("Mr. Smith"), None, false),
                row("Not yet", None, Some("Ms. O\u{2019}Neill"), None, false),
            ]
        );
    }

    #[test]
    fn quotes_give_two_speakers_in_one_paragraph_their_own_quotes() {
        let text = "\"A is fine,\" Alice Jones said. \"B is not,\" said Bob Brown, a critic.";
        assert_eq!(
            rows(text),
            [
                row(
                    "A is fine",
                    Some("Alice Jones"),
                    Some("Alice Jones"),
                    None,
                    true
                ),
                row(
                    "B is not",
                    Some("Bob Brown"),
                    Some("Bob Brown"),
                    Some("a critic"),
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_report_descriptive_subject_as_role() {
        let text =
            "\u{201c}The claims are groundless,\u{201d} a ministry spokesman told reporters.";
        assert_eq!(
            rows(text),
            [row(
                "The claims are groundless",
                None,
                None,
                Some("a ministry spokesman"),
                true
            )]
        );
    }

    #[test]
    fn quotes_do_not_take_the_organisation_of_a_spokesman_for_a_speaker() {
        let text = "A spokesman for the State Department said: \"We are aware of it.\"";
        assert_eq!(
            rows(text),
            [row(
                "We are aware of it.",
                None,
                None,
                Some("A spokesman for the State Department"),
                true
            )]
        );
    }

    #[test]
    fn quotes_never_let_an_unclosed_mark_swallow_the_document() {
        let text = "Ann Lee said: \u{201c}This never closes.\n\nA plain paragraph.\n\n\
            Then Bo Kim said: \u{201c}This one is fine.\u{201d}";
        assert_eq!(
            rows(text),
            [row(
                "This one is fine.",
                Some("Bo Kim"),
                Some("Bo Kim"),
                None,
                true
            )]
        );
    }

    #[test]
    fn quotes_keep_apostrophes_and_nested_single_quotes_inside() {
        let text = "\u{201c}They said it was \u{2018}for lawful use only\u{2019} \u{2014} that\u{2019}s what every vendor says,\u{201d} \
            said Jo\u{e3}o Beltr\u{e3}o of Red Libre.";
        assert_eq!(
            rows(text),
            [row(
                "They said it was \u{2018}for lawful use only\u{2019} \u{2014} that\u{2019}s what every vendor says",
                Some("Jo\u{e3}o Beltr\u{e3}o"),
                Some("Jo\u{e3}o Beltr\u{e3}o"),
                Some("of Red Libre"),
                true
            )]
        );
    }

    #[test]
    fn quotes_in_single_marks_are_read_british_style() {
        let text = "Sir Alan Pryce, the minister, spoke.\n\n\
            \u{2018}Our citizens\u{2019} data is not \u{201c}fair game\u{201d},\u{2019} said Sir Alan. \
            \u{2018}We don\u{2019}t pay ransoms.\n\n\u{2018}Not once.\u{2019}\n\n\
            The \u{2018}hack back\u{2019} idea was dropped.";
        let alan = Some("Alan Pryce");
        assert_eq!(
            rows(text),
            [
                row(
                    "Our citizens\u{2019} data is not \u{201c}fair game\u{201d}",
                    alan,
                    Some("Sir Alan"),
                    Some("the minister"),
                    true
                ),
                row(
                    "We don\u{2019}t pay ransoms. Not once.",
                    alan,
                    Some("Sir Alan"),
                    Some("the minister"),
                    true
                ),
            ],
            "a possessive and a nested double quotation stay inside; \
             Sir Alan is Alan Pryce; the scare quote is no quotation"
        );
    }

    #[test]
    fn quotes_in_straight_single_marks_skip_possessives_and_elisions() {
        let text = "Ruth Lowe, a researcher, spoke of the '90s. \
            'The members' vote was never in doubt,' Lowe said.";
        assert_eq!(
            rows(text),
            [row(
                "The members' vote was never in doubt",
                Some("Ruth Lowe"),
                Some("Lowe"),
                Some("a researcher"),
                true
            )]
        );
    }

    #[test]
    fn quotes_keep_the_reading_that_credits_more() {
        // Straight single marks as scare quotes in a text that quotes
        // speech with double marks: the double reading wins.
        let text = "The 'active defence' and 'hack back' ideas split the room. \
            \"Neither idea is new,\" said Ida Berg. 'Nor' was her last word.";
        assert_eq!(
            rows(text),
            [row(
                "Neither idea is new",
                Some("Ida Berg"),
                Some("Ida Berg"),
                None,
                true
            )]
        );
    }

    #[test]
    fn quotes_credit_the_minister_to_the_one_minister_named() {
        let text = "Liv Aas, the minister for digital affairs, and Ole Berg, a researcher, spoke. \
            \u{201c}Hospitals are off limits,\u{201d} the minister said. \
            \u{201c}Words are cheap,\u{201d} the researcher said.\n\n\
            Tor Lie, the minister of defence, arrived. \u{201c}We agree,\u{201d} the minister said.\n\n\
            Tor Lie and Liv Aas left. \u{201c}Nothing more today,\u{201d} the minister said.";
        let got: Vec<(Option<String>, Option<String>)> = extract_quotes(text)
            .into_iter()
            .map(|q| (q.speaker, q.surface))
            .collect();
        let named = |who: &str, how: &str| (Some(who.to_string()), Some(how.to_string()));
        assert_eq!(
            got,
            [
                named("Liv Aas", "the minister"),
                named("Ole Berg", "the researcher"),
                named("Tor Lie", "the minister"),
                (None, None),
            ],
            "the minister named in the quote's own paragraph; two there: nobody"
        );
    }

    #[test]
    fn quotes_survive_nesting_elisions_and_house_styles() {
        /// A text and, per quote, its speaker and how its text starts.
        type Case<'a> = (&'a str, &'a [(Option<&'a str>, &'a str)]);
        let cases: &[Case] = &[
            // American text nesting single marks keeps its double reading.
            (
                "\"The hacker told me, 'Pay up.' Then my boss said, 'We don't negotiate.' \
                 It was surreal,\" said Ron Kessler, the IT manager.",
                &[(Some("Ron Kessler"), "The hacker told me, 'Pay up.'")],
            ),
            // British text nesting double marks, one quotation of each kind.
            (
                "Baroness Ellery said: \u{2018}They say \u{201c}we know nothing\u{201d}, \
                 and I doubt it.\u{2019}",
                &[(Some("Baroness Ellery"), "They say")],
            ),
            // A plural's mark before "and" closes the quotation; the label
            // is Labour's, a partial quote naming no person (#18).
            (
                "Labour called it \u{2018}a gift to hackers\u{2019} and demanded a vote.\n\n\
                 \u{2018}This will not stand,\u{2019} said Priya Chandran, an MP.",
                &[
                    (None, "a gift to hackers"),
                    (Some("Priya Chandran"), "This will not stand"),
                ],
            ),
            // A digest quoting a British item and an American one.
            (
                "1. UK: The minister, Sir Alan Pryce, spoke. 'Operators have had three \
                 years' warning,' he said.\n\n\
                 2. US: Sen. Kim Porter spoke. \"Nobody's thrilled, which means it's fair,\" \
                 she said.",
                &[
                    (Some("Alan Pryce"), "Operators have had three years' warning"),
                    (Some("Kim Porter"), "Nobody's thrilled"),
                ],
            ),
            // Elisions are not marks.
            (
                "It began in the \u{2019}90s.\n\n\u{2018}We\u{2019}ll find \u{2019}em, it\u{2019}s \
                 rock \u{2019}n\u{2019} roll,\u{2019} Dr Marcus Feeney said.",
                &[(Some("Marcus Feeney"), "We\u{2019}ll find \u{2019}em, it\u{2019}s rock")],
            ),
            // Capitalised titles, peers and abbreviated titles.
            (
                "The Minister for Communications, Eoin Mac Giolla, spoke. \
                 \u{2018}We will not pay,\u{2019} the Minister said.",
                &[(Some("Eoin Mac Giolla"), "We will not pay")],
            ),
            (
                "Lord Ashcombe, a former spy chief, spoke first. \
                 \u{2018}There is no safe backdoor,\u{2019} he said.",
                &[(Some("Lord Ashcombe"), "There is no safe backdoor")],
            ),
            (
                "Sen. Walter Hayes spoke. \"We will find them,\" the senator said.",
                &[(Some("Walter Hayes"), "We will find them")],
            ),
            (
                "\"It is needed,\" said Senator Mark Tull, a Democrat from Ohio.\n\n\
                 \"It is dead,\" the senator said.",
                &[(Some("Mark Tull"), "It is needed"), (Some("Mark Tull"), "It is dead")],
            ),
            (
                "Senator Ana Lopes questioned officials.\n\nThe hearing ran late.\n\n\
                 \"Not good enough,\" the senator said.",
                &[(Some("Ana Lopes"), "Not good enough")],
            ),
            // Scare quotes credited in passing do not outvote speech.
            (
                "Researchers call it 'living off the land,' said Jane Ortiz. Regulators \
                 prefer 'critical asset,' said Paul Nguyen. \"We're looking for a needle \
                 in a stack of needles,\" Ortiz said.",
                &[(Some("Jane Ortiz"), "We're looking for a needle")],
            ),
            (
                "Opening the meeting, the Chair, Minister Clara Vella of Malta, said: \
                 \"No State can secure its networks alone.\"",
                &[(Some("Clara Vella"), "No State can")],
            ),
            // A given name only tells apart people who all have a known one:
            // the one person named in the paragraph is "he", whatever her
            // name suggests elsewhere.
            (
                "Ambassador Tom Becker welcomed the declaration.\n\n\
                 Karen Hakobyan, a deputy minister, spoke. \"We saw it,\" he said.",
                &[(Some("Karen Hakobyan"), "We saw it")],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<(Option<String>, String)> =
                rows(text).into_iter().map(|r| (r.1, r.0)).collect();
            assert_eq!(got.len(), want.len(), "{text}: {got:?}");
            for ((speaker, quote), (want_speaker, start)) in got.iter().zip(want.iter()) {
                assert_eq!(speaker.as_deref(), *want_speaker, "{text}: {got:?}");
                assert!(quote.starts_with(start), "{text}: {quote}");
            }
        }
    }

    #[test]
    fn quotes_credit_set_phrases_without_a_verb_of_speech() {
        let text = "Talks\n\nMaria Lind, a researcher in Oslo, spoke first. As Lind put it, \
            \"norms without enforcement are wishes.\"\n\n\
            In the words of Peter Olsen, \"restraint is a choice.\"\n\n\
            \"Silence is consent,\" as Lind put it.\n\n\
            To quote Olsen: \"we are all exposed.\"\n\n\
            Quoting Olsen, Anna Berg said: \"the call is a start.\"\n\n\
            As things stand, \"the pledge binds nobody.\"";
        assert_eq!(
            speakers_of(text),
            [
                some("Maria Lind"),
                some("Peter Olsen"),
                some("Maria Lind"),
                some("Peter Olsen"),
                some("Anna Berg"),
            ]
        );
    }

    #[test]
    fn quotes_said_jointly_are_credited_to_both() {
        let text =
            "Talks\n\nPeter Olsen and Anna Berg said in a statement, \"the call is a start.\"\n\n\
            \"We disagree,\" said Olsen and Berg.\n\n\
            \"Nothing changes,\" Anna Berg wrote.";
        assert_eq!(
            speakers_of(text),
            [
                some("Peter Olsen and Anna Berg"),
                some("Peter Olsen and Anna Berg"),
                some("Anna Berg"),
            ]
        );
    }

    #[test]
    fn quotes_credit_people_named_like_months_but_not_dates() {
        let text = "\"Exports need control,\" said Theresa May, a former prime minister.\n\n\
            \"We will not be intimidated,\" May said. \"Norms matter,\" said April Ryan.\n\n\
            In May Jo Smith left. \"I am done,\" Smith said.";
        let speakers: Vec<Option<String>> = rows(text).into_iter().map(|r| r.1).collect();
        let named = |s: &str| Some(s.to_string());
        assert_eq!(
            speakers,
            [
                named("Theresa May"),
                named("Theresa May"),
                named("April Ryan"),
                named("Jo Smith")
            ]
        );
    }

    #[test]
    fn quotes_credit_a_person_of_an_organisation_before_the_cue() {
        let text = "Jane Doe of the Cyber Law Clinic said: \"Rules matter.\"\n\n\
            Det Insp Sunita Varma of West Yorkshire Police said: \"We will find you.\"\n\n\
            A spokesman for Microsoft said: \"No comment.\"";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("Jane Doe"), some("of the Cyber Law Clinic")),
                (
                    some("Sunita Varma"),
                    some("Det Insp of West Yorkshire Police")
                ),
                (None, some("A spokesman for Microsoft")),
            ]
        );
    }

    #[test]
    fn quotes_tie_a_surname_with_particles_to_the_full_name() {
        let text = "\"One,\" said Ursula von der Leyen, the president.\n\n\
            \"Two,\" said Von der Leyen. \"Three,\" von der Leyen said.\n\n\
            \"Four,\" said Al Gore.";
        let got: Vec<(Option<String>, Option<String>)> =
            rows(text).into_iter().map(|r| (r.1, r.2)).collect();
        let ursula = some("Ursula von der Leyen");
        assert_eq!(
            got,
            [
                (ursula.clone(), ursula.clone()),
                (ursula.clone(), some("Von der Leyen")),
                (ursula, some("von der Leyen")),
                (some("Al Gore"), some("Al Gore")),
            ]
        );
    }

    #[test]
    fn quotes_read_wire_copy_doubled_apostrophes() {
        let text = "Tax\n\n''This isn't reform,'' said Alan Cole, an economist. \
            ''It's a tax increase.''";
        let got = rows(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "This isn't reform");
        assert_eq!(got[1].0, "It's a tax increase.");
        assert_eq!(got[1].1.as_deref(), Some("Alan Cole"));
    }

    #[test]
    fn quotes_read_past_party_and_state_tags() {
        let text = "Vote\n\n\"We need answers,\" Rep. Jane Roe (D-Wis.) said Friday.\n\n\
            \"Not now,\" Senate Leader Tom Doe, R-Ky., said.\n\n\
            \"Later,\" said Sen. Ann Poe, D-N.Y., the ranking member.";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("Jane Roe"), some("Rep.")),
                (some("Tom Doe"), some("Senate Leader")),
                (some("Ann Poe"), some("the ranking member")),
            ]
        );
    }

    #[test]
    fn quotes_credit_a_byline_after_a_dash() {
        let text =
            "Voices\n\n\u{201c}I'm still undecided.\u{201d} \u{2015} Ana Ruiz, 34, a nurse\n\n\
            \u{201c}Nobody asked us.\u{201d}\u{2015} Carl Mendes.\n\n\
            Prices rose \u{201c}a lot\u{201d} \u{2014} Donna Lee, for one, noticed.";
        assert_eq!(speakers_of(text), [some("Ana Ruiz"), some("Carl Mendes")]);
    }

    #[test]
    fn quotes_credit_the_person_inside_a_description_and_past_middle_initials() {
        let text = "News\n\nSecretary of State John F. Kerry said the allies would take \
            \"robust steps\" soon.\n\n\"It is a start,\" said MSNBC host Chris Matthews.\n\n\
            Attorney General Loretta E. Lynch spoke. Loretta Lynch had arrived late. \
            \"People don't see you,\" Lynch said.\n\n\
            \"A waste of time,\" said Del. Stacey Plaskett.\n\n\
            Tom Hale spoke in Ohio. He's claiming that fraud is \"a big, big problem\" there.\n\n\
            \"We will look at it,\" said the State Department.";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("John F. Kerry"), some("Secretary of State")),
                (some("Chris Matthews"), some("MSNBC host")),
                (some("Loretta E. Lynch"), some("Attorney General")),
                (some("Stacey Plaskett"), some("Del.")),
                (some("Tom Hale"), None),
                // An organisation named after its article speaks as itself.
                (some("State Department"), None),
            ]
        );
    }

    #[test]
    fn quotes_credit_a_quotation_whose_sentence_runs_on_to_its_attribution() {
        let text = "Tax\n\n\"I admire the mechanics\" of the plan, Dana Holt said. \
            \"But I have concerns.\"\n\n\"It works\" For now, Ed Lyle said.";
        let got: Vec<(Option<String>, String, QuoteKind)> = extract_quotes(text)
            .into_iter()
            .map(|q| (q.speaker, q.text, q.kind))
            .collect();
        assert_eq!(
            got,
            [
                (
                    some("Dana Holt"),
                    "I admire the mechanics".to_string(),
                    QuoteKind::Partial
                ),
                (
                    some("Dana Holt"),
                    "But I have concerns.".to_string(),
                    QuoteKind::Full
                ),
            ],
            "a capitalised word after the mark starts a new sentence"
        );
    }

    #[test]
    fn quotes_fall_back_to_an_earlier_cue_whose_subject_is_known() {
        let text = "Debate\n\nRita Vance mocked the complaint, saying anybody who complains \
            about a microphone \"is not having a good night.\"\n\n\
            \"We see no link,\" the mayor said, adding that it would take \"more hours\" to know.\n\n\
            Sen. Ted Cruz exhorted Republicans to \"vote your conscience\" in the fall.";
        let got: Vec<(Option<String>, Option<String>, String)> = extract_quotes(text)
            .into_iter()
            .map(|q| (q.speaker, q.role, q.text))
            .collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0].0.as_deref(), Some("Rita Vance"));
        assert_eq!(
            (got[2].1.as_deref(), got[2].2.as_str()),
            (Some("the mayor"), "more hours"),
            "the participle borrows the subject of the finite cue before it"
        );
        assert_eq!(got[3].0.as_deref(), Some("Ted Cruz"));
    }

    #[test]
    fn quotes_credit_the_antecedent_of_who_and_that() {
        let text = "Senate\n\nObama met Mitch McConnell, the majority leader, who said the goal \
            was a \"one-term president.\"\n\n\
            The clinic issued a letter that says he is in \"excellent health\" for his age.";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("Mitch McConnell"), some("the majority leader")),
                (None, some("a letter")),
            ]
        );
    }

    #[test]
    fn quotes_see_past_stacked_appositives_to_the_person() {
        let text = "Council\n\nJean Roux, the foreign minister of France, a permanent member \
            of the Council, said the test was a \"provocation.\"\n\n\
            Mike Mull, president of the union, which represents teachers, said he hopes \
            for \"a message to the city.\"";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("Jean Roux"), some("the foreign minister of France")),
                (some("Mike Mull"), some("president of the union")),
            ]
        );
    }

    #[test]
    fn quotes_credit_a_person_from_a_place_and_a_letter_that_reads() {
        let text = "Museum\n\nJohn Wills, of Springfield, Va., said he had served \
            ''for the nation's rights.''\n\n\"We see hope,\" the letter reads.";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("John Wills"), some("of Springfield")),
                (None, some("the letter")),
            ]
        );
    }

    #[test]
    fn quotes_find_the_subject_of_a_participle_past_a_scare_quote() {
        // The words quoted after "criticised" and "called" are the
        // speaker's too: partial quotes (#18).
        let british = "Baroness Ellery criticised \u{2018}bulletproof hosting\u{2019} providers, \
            adding: \u{2018}We are entitled to be sceptical.\u{2019}";
        let american = "Tom Reed called it \"a mess\", saying: \"Nobody is in charge here.\"";
        for (text, who) in [(british, "Baroness Ellery"), (american, "Tom Reed")] {
            assert_eq!(speakers_of(text), [some(who), some(who)], "{text}");
            let kinds: Vec<QuoteKind> = extract_quotes(text).iter().map(|q| q.kind).collect();
            assert_eq!(kinds, [QuoteKind::Partial, QuoteKind::Full], "{text}");
        }
    }

    #[test]
    fn quotes_credit_partial_quotes_to_the_reporting_clause() {
        let text =
            "Budget\n\nTom Jones told reporters the budget would \"fix nothing\" for renters. \
            The mayor, Ida Kern, called the deal \"a gift to developers\" and \"a scandal.\" \
            Protesters chanted \"Not our city\" outside.";
        let got: Vec<(Option<String>, Option<String>, String, QuoteKind)> = extract_quotes(text)
            .into_iter()
            .map(|q| (q.speaker, q.surface, q.text, q.kind))
            .collect();
        let partial = |speaker: Option<&str>, surface: &str, text: &str| {
            (
                speaker.map(str::to_string),
                some(surface),
                text.to_string(),
                QuoteKind::Partial,
            )
        };
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[0],
            partial(Some("Tom Jones"), "Tom Jones", "fix nothing")
        );
        assert_eq!(
            got[1],
            partial(Some("Ida Kern"), "Ida Kern", "a gift to developers")
        );
        assert_eq!(got[2], partial(Some("Ida Kern"), "Ida Kern", "a scandal."));
        assert_eq!(
            (got[3].2.as_str(), got[3].3),
            ("Not our city", QuoteKind::Partial)
        );
        let sentences: Vec<Option<String>> = extract_quotes(text)
            .into_iter()
            .map(|q| q.sentence)
            .collect();
        assert_eq!(
            sentences[0].as_deref(),
            Some("Tom Jones told reporters the budget would \"fix nothing\" for renters.")
        );
        assert_eq!(
            sentences[2].as_deref(),
            Some(
                "The mayor, Ida Kern, called the deal \"a gift to developers\" and \"a scandal.\""
            )
        );
    }

    #[test]
    fn quotes_see_past_a_peer_s_seat_and_letters_after_a_name() {
        let text = "The health minister, Lord Pemberton of Ashby, told peers. \
            \u{2018}Not a penny,\u{2019} said the minister.\n\n\
            Sir Nigel Hughes and Baroness Okafor of Lambeth, the Liberal Democrat spokeswoman, \
            clashed. \u{2018}Publish it,\u{2019} she said.\n\n\
            \u{2018}Parliament has to act,\u{2019} said Angela Whitcombe MP.";
        assert_eq!(
            speakers_and_roles(text),
            [
                (some("Lord Pemberton"), some("The health minister")),
                (
                    some("Baroness Okafor"),
                    some("the Liberal Democrat spokeswoman")
                ),
                (some("Angela Whitcombe"), None),
            ]
        );
    }

    #[test]
    fn quotes_in_headline_are_skipped() {
        let text = "\u{201c}Not a target\u{201d}: minister says hospitals are off limits\n\n\
            \u{201c}Hospitals are not targets,\u{201d} said Liv Aas.";
        assert_eq!(
            rows(text),
            [row(
                "Hospitals are not targets",
                Some("Liv Aas"),
                Some("Liv Aas"),
                None,
                true
            )]
        );
        assert_eq!(rows("\u{201c}An unclosed headline\n\nBody text."), []);
    }

    #[test]
    fn quotes_continue_wire_style_into_next_paragraph() {
        let text = "\"We failed our own standard,\" Ben Ade said. \"We owe customers an account.\n\n\
            \"It will be published in full.\"\n\n\"Security never ends.\"\n\nThe bill passed.\n\n\"Unrelated words here.\"";
        assert_eq!(
            rows(text),
            [
                row(
                    "We failed our own standard",
                    Some("Ben Ade"),
                    Some("Ben Ade"),
                    None,
                    true
                ),
                row(
                    "We owe customers an account. It will be published in full.",
                    Some("Ben Ade"),
                    Some("Ben Ade"),
                    None,
                    true
                ),
                row(
                    "Security never ends.",
                    Some("Ben Ade"),
                    Some("Ben Ade"),
                    None,
                    true
                ),
            ]
        );
    }

    #[test]
    fn quotes_type_their_speakers_by_name_description_and_use() {
        let text =
            "Harbour\n\nBrad Vole, the president of Kestrel, spoke. President Obama spoke.\n\n\
            \"Yes,\" Kestrel said. \"No,\" Obama said. \"Maybe,\" Ruston said.\n\n\
            \"Later,\" the memo said. \"Soon,\" officials said. \"Never,\" the union said.\n\n\
            \"Fine,\" they said. \"Good,\" The Hill reported.";
        let got: Vec<(Option<String>, SpeakerType)> = extract_quotes(text)
            .into_iter()
            .map(|q| (q.speaker, q.speaker_type))
            .collect();
        use SpeakerType::*;
        assert_eq!(
            got,
            [
                (some("Kestrel"), Organisation),
                (some("Obama"), Person),
                (some("Ruston"), Unknown),
                (None, Document),
                (None, Person),
                (None, Organisation),
                (None, Unknown),
                (some("The Hill"), Organisation),
            ],
            "an employer is an organisation, a titled name a person; \
             a lone word used nowhere else is unknown"
        );
    }

    #[test]
    fn quotes_offsets_include_marks_on_char_boundaries() {
        let text = "\u{e9}t\u{e9}. \u{201c}\u{c7}a suffit,\u{201d} said Zo\u{eb} Roy.";
        let quotes = extract_quotes(text);
        assert_eq!(quotes.len(), 1);
        assert_eq!(
            &text[quotes[0].start..quotes[0].end],
            "\u{201c}\u{c7}a suffit,\u{201d}"
        );
    }

    /// The offsets cover the marks and slice valid text holding the quote.
    fn assert_quote_offsets(text: &str, q: &Quote) {
        let whole = &text[q.start..q.end];
        let mark =
            |c: char| tokens::is_double_mark(c) || matches!(c, '\u{2018}' | '\u{2019}' | '\'');
        assert!(whole.starts_with(mark), "{whole}");
        assert!(whole.ends_with(mark), "{whole}");
        let first = q.text.split_whitespace().next().unwrap_or("");
        assert!(whole.contains(first), "{whole} / {}", q.text);
    }

    #[test]
    fn quotes_reach_precision_and_recall_on_fixture_articles() {
        let expected: Vec<Expected> =
            serde_json::from_str(EXPECTED).expect("news-expected.json parses");
        let (mut found, mut correct, mut matched) = (0, 0, 0);
        for (file, text) in FIXTURES {
            let want: Vec<&Expected> = expected.iter().filter(|e| e.file == *file).collect();
            let got = extract_quotes(text);
            for q in &got {
                assert_quote_offsets(text, q);
                found += 1;
                let hit = want
                    .iter()
                    .find(|e| q.text.starts_with(&e.text_starts_with));
                match hit {
                    Some(e) if e.speaker == q.speaker => correct += 1,
                    _ => eprintln!(
                        "WRONG {file}: {:?} {:?} {:.60}",
                        q.speaker, q.surface, q.text
                    ),
                }
            }
            for e in &want {
                let ok = got
                    .iter()
                    .any(|q| q.text.starts_with(&e.text_starts_with) && q.speaker == e.speaker);
                if ok {
                    matched += 1;
                } else {
                    eprintln!("MISSED {file}: {:?} {}", e.speaker, e.text_starts_with);
                }
            }
        }
        let precision = correct as f64 / found.max(1) as f64;
        let recall = matched as f64 / expected.len() as f64;
        eprintln!("fixtures: precision {precision:.3} ({correct}/{found}), recall {recall:.3} ({matched}/{})", expected.len());
        assert!(precision >= 0.9, "precision {precision:.3}");
        assert!(recall >= 0.8, "recall {recall:.3}");
    }
}
