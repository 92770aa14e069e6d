//! `--json` output: one JSON object per line (JSON Lines), built from the
//! dedicated structs below. Their fields are documented in the README and
//! change only on purpose, since users script against them.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::corpus::quality::{Quality, Reported};
use crate::search::document::Document;
use crate::search::facets::{Count, Facets};
use crate::search::kwic::{Concordance, Line};
use crate::search::similar::Like;
use crate::search::trend::Period;
use crate::search::variants::Variant;
use crate::search::{hit_from, Hit, Record};
use crate::speakers::Speaker;

/// One `search` hit.
#[derive(Debug, Serialize)]
pub struct SearchHit<'a> {
    /// Document id: path relative to the corpus (`archive.mbox#2` for a message).
    pub doc: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    /// 0-based passage ordinal in the document.
    pub passage: u64,
    /// 1-based paragraph number.
    pub paragraph: u64,
    /// 1-based page, for paged documents (else null).
    pub page: Option<u64>,
    /// 1-based page where the paragraph ends, when it runs onto a later
    /// page (else null).
    pub last_page: Option<u64>,
    /// Printed page number(s) from the PDF's page labels, when they differ
    /// from `page` (else null).
    pub page_label: Option<&'a str>,
    /// What the paragraph is: `body`, `heading`, `list_item`, `footnote`,
    /// `table_row`.
    pub block: &'a str,
    /// The headings it sits under, outermost first, joined by " › " (else
    /// null).
    pub heading: Option<&'a str>,
    pub citation: String,
    /// Null when the query has only filters (see `search_hits`).
    pub score: Option<f32>,
    /// The whole passage.
    pub text: &'a str,
    /// Byte ranges `[start, end)` of the matches in `text`.
    pub highlights: Vec<[usize; 2]>,
    pub snippet: &'a str,
    /// Byte ranges of the matches in `snippet`.
    pub snippet_highlights: Vec<[usize; 2]>,
    /// The document looks machine-paraphrased (see README).
    pub spun: bool,
    /// Its spinner score, when spun.
    pub spin_score: Option<f64>,
    /// Speakers quoted in the passage.
    pub speakers: &'a [String],
    /// Alias names (as written in aliases.toml) that matched in the passage.
    pub aliases: &'a [String],
    /// Matched only in the restored wording of a spun passage.
    pub restored: bool,
}

pub fn ranges(r: &[Range<usize>]) -> Vec<[usize; 2]> {
    r.iter().map(|r| [r.start, r.end]).collect()
}

/// `scored`: whether hits were ranked by a query (else `score` is null).
pub fn search_hits(out: &mut impl Write, hits: &[Hit], scored: bool) -> io::Result<()> {
    for hit in hits {
        line(out, &search_hit(hit, scored))?;
    }
    Ok(())
}

/// The `search` object of one hit.
pub fn search_hit(hit: &Hit, scored: bool) -> SearchHit<'_> {
    let r = &hit.record;
    SearchHit {
        doc: &r.doc,
        title: &r.title,
        kind: &r.kind,
        date: r.date.as_deref(),
        source: r.source.as_deref(),
        url: r.url.as_deref(),
        passage: r.passage,
        paragraph: r.paragraph,
        page: r.page,
        last_page: r.last_page,
        page_label: r.page_label.as_deref(),
        block: &r.block,
        heading: r.heading.as_deref(),
        citation: r.citation(),
        score: scored.then_some(hit.score),
        text: &r.text,
        highlights: ranges(&hit.highlights),
        snippet: &hit.snippet.text,
        snippet_highlights: ranges(&hit.snippet.highlights),
        spun: r.spin.is_some(),
        spin_score: r.spin,
        speakers: &r.speakers,
        aliases: &hit.aliases,
        restored: hit.restored,
    }
}

/// The line `search --facets` writes after the hits:
/// `{"facets": {"passages": N, "kind": [{"value": …, "passages": n}], …}}`.
#[derive(Debug, Serialize)]
pub struct FacetsLine<'a> {
    pub facets: FacetsJson<'a>,
}

#[derive(Debug, Serialize)]
pub struct FacetsJson<'a> {
    /// Passages matching the whole query (every word, all filters).
    pub passages: u64,
    pub kind: Vec<FacetCount<'a>>,
    pub source: Vec<FacetCount<'a>>,
    pub year: Vec<FacetCount<'a>>,
    pub speaker: Vec<FacetCount<'a>>,
}

/// A facet value (null: no source, undated) and its passages.
#[derive(Debug, Serialize)]
pub struct FacetCount<'a> {
    pub value: Option<&'a str>,
    pub passages: u64,
}

pub fn facets(out: &mut impl Write, facets: &Facets) -> io::Result<()> {
    fn counts(c: &[Count]) -> Vec<FacetCount<'_>> {
        c.iter()
            .map(|c| FacetCount {
                value: c.value.as_deref(),
                passages: c.passages,
            })
            .collect()
    }
    let json = FacetsLine {
        facets: FacetsJson {
            passages: facets.passages,
            kind: counts(&facets.kind),
            source: counts(&facets.source),
            year: counts(&facets.year),
            speaker: counts(&facets.speaker),
        },
    };
    line(out, &json)
}

/// One `similar` hit: a `search` hit and how like the paragraph it is.
#[derive(Debug, Serialize)]
pub struct SimilarHit<'a> {
    #[serde(flatten)]
    pub hit: SearchHit<'a>,
    /// 0 to 1: the weighted share of stemmed words the passage and the
    /// paragraph have in common. `score` (what ranks) is this times the
    /// passage's prior, halved in the paragraph's own document.
    pub similarity: f32,
    /// The passage has the paragraph's own wording; copies follow the
    /// ranked hits.
    pub copy: bool,
    /// Citations of passages with this one's wording, not listed apart.
    pub duplicates: &'a [String],
}

/// The ranked hits, then the copies (`"copy": true`).
pub fn similar_hits(out: &mut impl Write, hits: &[Like], copies: &[Like]) -> io::Result<()> {
    let marked = hits.iter().map(|h| (h, false));
    for (like, copy) in marked.chain(copies.iter().map(|h| (h, true))) {
        let json = SimilarHit {
            hit: search_hit(&like.hit, true),
            similarity: like.similarity,
            copy,
            duplicates: &like.duplicates,
        };
        line(out, &json)?;
    }
    Ok(())
}

/// One `quotes` hit.
#[derive(Debug, Serialize)]
pub struct QuoteHit<'a> {
    /// Document id: path relative to the corpus (`archive.mbox#2` for a message).
    pub doc: &'a str,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    /// The speaker's name as `speakers` lists it: the full name, or a
    /// surname the document gives alone ("Mr. Hale" → `Hale`); null when the
    /// text names nobody ("a spokesman for the ministry"), for a pronoun
    /// that could not be resolved, and for a surname several people share.
    pub speaker: Option<&'a str>,
    /// What the speaker is: `person`, `organisation`, `document`, `group`
    /// or `unknown`, also when `speaker` is null ("the statement said" is
    /// a document).
    pub speaker_type: &'a str,
    /// The speaker as written at the attribution ("Singer", "he"), if any.
    pub surface: Option<&'a str>,
    /// False when `surface` is a surname or pronoun that could not be tied
    /// to one person.
    pub resolved: bool,
    /// For an unresolved bare surname, the full name it joins across the
    /// corpus, as `speakers` counts it.
    pub joined: Option<&'a str>,
    /// Role or affiliation as the text gives it, or the description of an
    /// unnamed speaker.
    pub role: Option<&'a str>,
    /// The quote without its marks; a quote spanning paragraphs is joined
    /// with one space.
    pub text: &'a str,
    /// `full` for speech of its own, `partial` for quoted words inside a
    /// sentence of reported speech or a label.
    pub kind: &'a str,
    /// For a partial quote, the sentence holding it (else null).
    pub sentence: Option<&'a str>,
    /// Byte offsets `[start, end)` of the quotation, marks included, in the
    /// document's cleaned text.
    pub start: u64,
    pub end: u64,
    /// 0-based ordinal of the passage where the quote starts.
    pub passage: u64,
    /// 1-based paragraph number where the quote starts.
    pub paragraph: u64,
    /// 1-based page, for paged documents (else null).
    pub page: Option<u64>,
    /// 1-based page where the paragraph ends, when it runs onto a later
    /// page (else null).
    pub last_page: Option<u64>,
    /// Printed page number(s) from the PDF's page labels, when they differ
    /// from `page` (else null).
    pub page_label: Option<&'a str>,
    /// What the paragraph is: `body`, `heading`, `list_item`, `footnote`,
    /// `table_row`.
    pub block: &'a str,
    /// The headings it sits under, outermost first, joined by " › " (else
    /// null).
    pub heading: Option<&'a str>,
    pub citation: String,
    /// Relevance to the query; null when listing without words to rank by.
    pub score: Option<f32>,
    /// Byte ranges `[start, end)` of the matches in `text`.
    pub highlights: Vec<[usize; 2]>,
    /// The document looks machine-paraphrased, so the quote may not be the
    /// speaker's wording.
    pub spun: bool,
    /// Its spinner score, when spun.
    pub spin_score: Option<f64>,
}

/// `scored`: whether hits were ranked by a query (else `score` is null).
pub fn quote_hits(out: &mut impl Write, hits: &[Hit], scored: bool) -> io::Result<()> {
    for hit in hits {
        line(out, &quote_hit(hit, scored))?;
    }
    Ok(())
}

/// The `quotes` object of one hit.
pub fn quote_hit(hit: &Hit, scored: bool) -> QuoteHit<'_> {
    let r = &hit.record;
    QuoteHit {
        doc: &r.doc,
        title: &r.title,
        date: r.date.as_deref(),
        source: r.source.as_deref(),
        speaker: r.speaker().or(r.listed_as.as_deref()),
        speaker_type: r.speaker_type.as_deref().unwrap_or("unknown"),
        surface: r.surface.as_deref(),
        resolved: r.resolved,
        joined: r.joined(),
        role: r.role.as_deref(),
        text: &r.text,
        kind: r.quote_kind.as_deref().unwrap_or("full"),
        sentence: r.sentence.as_deref(),
        start: r.start,
        end: r.end,
        passage: r.passage,
        paragraph: r.paragraph,
        page: r.page,
        last_page: r.last_page,
        page_label: r.page_label.as_deref(),
        block: &r.block,
        heading: r.heading.as_deref(),
        citation: r.citation(),
        score: scored.then_some(hit.score),
        highlights: ranges(&hit.highlights),
        spun: r.spin.is_some(),
        spin_score: r.spin,
    }
}

/// One `speakers` line.
#[derive(Debug, Serialize)]
pub struct SpeakerLine<'a> {
    /// Full name, or the bare name when no full name is known.
    pub speaker: &'a str,
    /// `person`, `organisation` (by a word of its name: "Harbor Policy
    /// Foundation") or `group` (people quoted together).
    pub kind: &'a str,
    /// A bare surname two or more people of the corpus share (or a name
    /// without middle initials two initialled names share): its quotes
    /// may be any of theirs.
    pub ambiguous: bool,
    /// The role given most often, if any.
    pub role: Option<&'a str>,
    /// Number of quotes credited to the speaker.
    pub quotes: usize,
    /// Documents quoting the speaker (ids as in `doc`), in corpus order.
    pub documents: &'a [String],
}

pub fn speakers(out: &mut impl Write, speakers: &[Speaker]) -> io::Result<()> {
    for s in speakers {
        let json = SpeakerLine {
            speaker: &s.name,
            kind: s.kind.as_str(),
            ambiguous: s.ambiguous,
            role: s.role.as_deref(),
            quotes: s.quotes,
            documents: &s.documents,
        };
        line(out, &json)?;
    }
    Ok(())
}

/// Writes one object as a line.
pub fn line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// One `kwic` line: an occurrence and its context.
#[derive(Debug, Serialize)]
pub struct KwicLine<'a> {
    pub doc: &'a str,
    pub title: &'a str,
    pub citation: String,
    /// 0-based passage ordinal in the document.
    pub passage: u64,
    /// 1-based paragraph number.
    pub paragraph: u64,
    pub page: Option<u64>,
    /// Context before the match (whole words, at most `--width` characters,
    /// whitespace runs as one space).
    pub left: &'a str,
    #[serde(rename = "match")]
    pub matched: &'a str,
    pub right: &'a str,
    /// Byte offsets `[start, end)` of the match in the passage text.
    pub start: usize,
    pub end: usize,
    pub spun: bool,
    /// Alias names this occurrence is, when found through aliases.
    pub aliases: &'a [String],
    /// Found only through the restored wording of a spun passage.
    pub restored: bool,
}

pub fn kwic(out: &mut impl Write, c: &Concordance) -> io::Result<()> {
    for l in &c.lines {
        kwic_line(out, &c.records[l.record], l)?;
    }
    Ok(())
}

/// One `kwic` line of `r`, the passage it is in.
pub fn kwic_line(out: &mut impl Write, r: &Record, l: &Line) -> io::Result<()> {
    line(
        out,
        &KwicLine {
            doc: &r.doc,
            title: &r.title,
            citation: r.citation(),
            passage: r.passage,
            paragraph: r.paragraph,
            page: r.page,
            left: &l.left,
            matched: &l.matched,
            right: &l.right,
            start: l.range.start,
            end: l.range.end,
            spun: r.spin.is_some(),
            aliases: &l.aliases,
            restored: l.restored,
        },
    )
}

/// One `variants` wording.
#[derive(Debug, Serialize)]
pub struct VariantLine<'a> {
    /// The wording, lower-cased, whitespace runs as one space.
    pub variant: &'a str,
    pub count: usize,
    /// Occurrences per document id.
    pub documents: &'a std::collections::BTreeMap<String, usize>,
    /// Alias names this wording came through.
    pub aliases: &'a [String],
    /// A spinner's wording: every occurrence is in a machine-paraphrased
    /// passage and matched only through its restored wording.
    pub spun: bool,
}

pub fn variants(out: &mut impl Write, variants: &[Variant]) -> io::Result<()> {
    for v in variants {
        line(
            out,
            &VariantLine {
                variant: &v.wording,
                count: v.count,
                documents: &v.documents,
                aliases: &v.aliases,
                spun: v.spun,
            },
        )?;
    }
    Ok(())
}

/// One `report` line: a document, or a file that yielded none.
#[derive(Debug, Serialize)]
pub struct ReportLine<'a> {
    pub doc: &'a str,
    pub title: &'a str,
    /// Why the file yielded no document (then every count is absent).
    pub skipped: Option<&'a str>,
    pub warnings: &'a [String],
    /// Cut paragraphs or scraps make more than one passage in ten.
    pub check: bool,
    #[serde(flatten)]
    pub quality: Option<&'a Quality>,
    /// With `--passages`: each passage's citation, block and text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passage_list: Option<Vec<ReportPassage<'a>>>,
}

#[derive(Debug, Serialize)]
pub struct ReportPassage<'a> {
    pub citation: &'a str,
    pub block: &'a str,
    pub text: &'a str,
}

pub fn report(out: &mut impl Write, reported: &[Reported], with_passages: bool) -> io::Result<()> {
    for r in reported {
        let read = r.outcome.as_ref().ok();
        let json = ReportLine {
            doc: &r.doc,
            title: &r.title,
            skipped: r.outcome.as_ref().err().map(String::as_str),
            warnings: &r.warnings,
            check: read.is_some_and(|read| read.quality.suspicious()),
            quality: read.map(|read| &read.quality),
            passage_list: read.filter(|_| with_passages).map(|read| {
                read.passages
                    .iter()
                    .map(|(citation, block, text)| ReportPassage {
                        citation,
                        block,
                        text,
                    })
                    .collect()
            }),
        };
        line(out, &json)?;
    }
    Ok(())
}

/// One `trend` period.
#[derive(Debug, Serialize)]
pub struct TrendLine<'a> {
    /// `YYYY` or `YYYY-MM`; null for undated documents (and, per month,
    /// those dated by year only).
    pub period: Option<&'a str>,
    /// Occurrences of the phrase or any of its variants.
    pub count: usize,
    /// Passages holding them.
    pub passages: usize,
    /// Documents holding them (ids as in `doc`), sorted.
    pub documents: &'a std::collections::BTreeSet<String>,
}

pub fn trend(out: &mut impl Write, periods: &[Period]) -> io::Result<()> {
    for p in periods {
        line(
            out,
            &TrendLine {
                period: p.period.as_deref(),
                count: p.count,
                passages: p.passages,
                documents: &p.documents,
            },
        )?;
    }
    Ok(())
}

/// A document for a reader: its metadata, then every passage as a
/// `search` hit (unscored, no highlights) and every quote as a `quotes`
/// hit. `accord serve` answers `/api/documents/{id}` with it.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    pub doc: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub author: Option<&'a str>,
    pub spun: bool,
    pub spin_score: Option<f64>,
    pub passages: Vec<SearchHit<'a>>,
    pub quotes: Vec<QuoteHit<'a>>,
}

/// Hits of a document's records, for [`document_view`] to borrow from.
pub fn document_hits(document: Document) -> (Vec<Hit>, Vec<Hit>) {
    let hits = |records: Vec<crate::search::Record>| -> Vec<Hit> {
        records
            .into_iter()
            .map(|r| hit_from(r, 0.0, Vec::new(), Vec::new()))
            .collect()
    };
    (hits(document.passages), hits(document.quotes))
}

/// The reader's object; `None` when there are no passages.
pub fn document_view<'a>(passages: &'a [Hit], quotes: &'a [Hit]) -> Option<DocumentView<'a>> {
    let first = &passages.first()?.record;
    Some(DocumentView {
        doc: &first.doc,
        title: &first.title,
        kind: &first.kind,
        date: first.date.as_deref(),
        source: first.source.as_deref(),
        url: first.url.as_deref(),
        author: first.author.as_deref(),
        spun: first.spin.is_some(),
        spin_score: first.spin,
        passages: passages.iter().map(|h| search_hit(h, false)).collect(),
        quotes: quotes.iter().map(|h| quote_hit(h, false)).collect(),
    })
}
