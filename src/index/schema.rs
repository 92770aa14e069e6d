//! Every field of the index, in one place. Passages and quotes are both
//! records of one index (told apart by `record`), so a build commits them
//! together and a search never sees one without the other.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

use crate::analysis;

/// Bumped whenever the schema, the analysis or what is extracted into the
/// index (quotes, their speakers and roles) changes, so an index built by
/// an older accord is rebuilt rather than misread. The index lives in
/// `<index>/v<SCHEMA_VERSION>`.
pub const SCHEMA_VERSION: u32 = 18;

/// Values of the `record` field.
pub const PASSAGE: &str = "passage";
pub const QUOTE: &str = "quote";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `passage` or `quote`.
    pub record: Field,
    /// Document id as cited (`file.txt`, `archive.mbox#2`); a fast field
    /// too, for listing hits by document.
    pub doc: Field,
    /// Lower-cased document id, for `doc:` substring filters.
    pub doc_key: Field,
    /// Relative path of the source file, for deleting a changed file's records.
    pub file: Field,
    pub title: Field,
    /// The title's exact words, for quoted `title:"…"` filters.
    pub title_exact: Field,
    /// Fast too, as are `source` and `speaker` (their values as
    /// written): facets count over every match from these columns.
    pub kind: Field,
    pub source: Field,
    /// Lower-cased source, for exact `--source` filters.
    pub source_key: Field,
    /// The date in ISO form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Field,
    /// The date as a number `YYYYMMDD` (month/day 0 when not given), for
    /// ranges: [`crate::date::PartialDate::key`].
    pub date_key: Field,
    pub url: Field,
    pub author: Field,
    /// 0-based passage ordinal within the document (a quote's: the passage
    /// where it starts).
    pub passage: Field,
    /// 1-based paragraph number.
    pub paragraph: Field,
    /// 1-based page number, 0 when the format has no pages.
    pub page: Field,
    /// 1-based page where the passage's paragraph ends, when later than
    /// `page`; else 0.
    pub last_page: Field,
    /// The printed page number(s) ("396", "396–397"), when the PDF's page
    /// labels differ from the page numbers.
    pub page_label: Field,
    /// What the passage's paragraph is: `body`, `heading`, `list_item`,
    /// `footnote`, `table_row`.
    pub block: Field,
    /// The headings the passage sits under, outermost first, joined by
    /// " › " (see `corpus::sections`); stored only.
    pub heading: Field,
    /// The document title and the passage's headings, stemmed: evidence
    /// that adds to the passage's own words in ranking. `None` in the quote
    /// view: a quote must say what is asked itself.
    pub context: Option<Field>,
    /// What the passage is worth before any query (see `index::prior`), a
    /// factor on its score.
    pub prior: Field,
    /// Byte span of the record in the document text.
    pub start: Field,
    pub end: Field,
    /// The passage text, or the quote without its marks (stored only).
    pub text: Field,
    /// Stemmed view of `text` (ranking).
    pub body: Field,
    /// Exact view of `text` (quoted phrases, KWIC, variants).
    pub exact: Field,
    /// Both views of a machine-paraphrased passage rewritten to its likely
    /// original wording; empty for ordinary documents.
    pub restored: Field,
    pub restored_exact: Field,
    /// The same four views for quote records, so that a passage query
    /// never needs a filter to leave quotes out (such a filter would stop
    /// tantivy from skipping low-scoring blocks).
    pub quote_body: Field,
    pub quote_exact: Field,
    pub quote_restored: Field,
    pub quote_restored_exact: Field,
    /// Spinner score of the document (see `spin`); 0 for ordinary text.
    pub spin: Field,
    /// Speaker names: a quote's speaker, or every speaker quoted in a passage.
    pub speaker: Field,
    /// Lower-cased canonical speaker name, for exact `--speaker` filters.
    pub speaker_key: Field,
    /// A quote's speaker's role; on a passage, the roles of those it quotes.
    pub role: Field,
    /// How the speaker is written at the attribution ("Singer", "he").
    pub surface: Field,
    /// Whether any document has restored views. When none has, queries
    /// leave those fields out: asking for a field that no segment holds
    /// still costs tantivy an empty term dictionary per segment.
    pub restored_in_use: bool,
    /// Whether a quote's speaker reference was resolved (see
    /// `quotes::Quote::resolved`); unset on passages.
    pub resolved: Field,
    /// A quote's kind, `full` or `partial` (see `quotes::QuoteKind`);
    /// unset on passages.
    pub quote_kind: Field,
    /// The sentence holding a partial quote (stored only).
    pub sentence: Field,
    /// What a quote's speaker is, `person`, `organisation`, `document`,
    /// `group` or `unknown` (see `quotes::SpeakerType`); unset on passages.
    pub speaker_type: Field,
}

/// Words with frequencies but no positions: enough for ranking and word
/// filters, and cheaper to index for text repeated on every passage.
fn analysed_words(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

fn analysed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stored_u64 = NumericOptions::default()
        .set_stored()
        .set_indexed()
        .set_fast();
    let fields = Fields {
        record: b.add_text_field("record", STRING),
        doc: b.add_text_field("doc", STRING | STORED | FAST),
        doc_key: b.add_text_field("doc_key", STRING),
        file: b.add_text_field("file", STRING),
        title: b.add_text_field("title", analysed_words(analysis::STEMMED).set_stored()),
        title_exact: b.add_text_field("title_exact", analysed(analysis::EXACT)),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        source: b.add_text_field(
            "source",
            analysed(analysis::EXACT).set_stored().set_fast("raw"),
        ),
        source_key: b.add_text_field("source_key", STRING),
        date: b.add_text_field("date", STORED),
        date_key: b.add_u64_field("date_key", INDEXED | FAST),
        url: b.add_text_field("url", STORED),
        author: b.add_text_field("author", STORED),
        passage: b.add_u64_field("passage", stored_u64.clone()),
        paragraph: b.add_u64_field("paragraph", stored_u64),
        // Fast, with `doc` and `paragraph`, so that `kwic` lays out its
        // citation column before it reads any passage.
        page: b.add_u64_field("page", STORED | FAST),
        last_page: b.add_u64_field("last_page", STORED | FAST),
        page_label: b.add_text_field("page_label", STORED | FAST),
        block: b.add_text_field("block", STRING | STORED),
        heading: b.add_text_field("heading", STORED),
        context: Some(b.add_text_field("context", analysed_words(analysis::STEMMED))),
        prior: b.add_f64_field("prior", FAST),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
        text: b.add_text_field("text", STORED),
        body: b.add_text_field("body", analysed(analysis::STEMMED)),
        exact: b.add_text_field("exact", analysed(analysis::EXACT)),
        restored: b.add_text_field("restored", analysed(analysis::STEMMED)),
        restored_exact: b.add_text_field("restored_exact", analysed(analysis::EXACT)),
        quote_body: b.add_text_field("quote_body", analysed(analysis::STEMMED)),
        quote_exact: b.add_text_field("quote_exact", analysed(analysis::EXACT)),
        quote_restored: b.add_text_field("quote_restored", analysed(analysis::STEMMED)),
        quote_restored_exact: b.add_text_field("quote_restored_exact", analysed(analysis::EXACT)),
        spin: b.add_f64_field("spin", STORED),
        speaker: b.add_text_field(
            "speaker",
            analysed(analysis::EXACT).set_stored().set_fast("raw"),
        ),
        speaker_key: b.add_text_field("speaker_key", STRING),
        role: b.add_text_field("role", analysed(analysis::EXACT).set_stored()),
        surface: b.add_text_field("surface", STORED),
        restored_in_use: true,
        resolved: b.add_bool_field("resolved", STORED),
        quote_kind: b.add_text_field("quote_kind", STRING | STORED),
        sentence: b.add_text_field("sentence", STORED),
        speaker_type: b.add_text_field("speaker_type", STRING | STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// These fields with the text views pointing at the quote records'
    /// own, for compiling a query over quotes.
    pub fn quote_view(&self) -> Fields {
        Fields {
            body: self.quote_body,
            exact: self.quote_exact,
            restored: self.quote_restored,
            restored_exact: self.quote_restored_exact,
            context: None,
            ..*self
        }
    }
}
