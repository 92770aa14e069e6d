//! tantivy_bm25 DOCS.jsonl QUERIES.tsv [K] -> `qid<TAB>doc<TAB>score` lines,
//! best first, K (default 100) per query.
//!
//! Stock tantivy BM25, the baseline for `eval/ranking/ir_eval.py`: title
//! and text indexed with the `en_stem` tokenizer, and every query parsed by
//! `QueryParser` over both fields with its default OR between words.
//! DOCS holds one `{"id", "title", "text"}` object per line; QUERIES one
//! `id<TAB>words` line per query.

use std::error::Error;
use std::fs;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{doc, Index, TantivyDocument};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: tantivy_bm25 DOCS.jsonl QUERIES.tsv [K]".into());
    }
    let k: usize = args.get(3).map_or(Ok(100), |s| s.parse())?;

    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", stemmed.clone());
    let text = builder.add_text_field("text", stemmed);
    let index = Index::create_in_ram(builder.build());

    let mut writer = index.writer(100_000_000)?;
    for line in fs::read_to_string(&args[1])?.lines() {
        let d: serde_json::Value = serde_json::from_str(line)?;
        let field = |name: &str| d[name].as_str().unwrap_or("").to_string();
        writer.add_document(
            doc!(id => field("id"), title => field("title"), text => field("text")),
        )?;
    }
    writer.commit()?;
    let searcher = index.reader()?.searcher();

    let parser = QueryParser::for_index(&index, vec![title, text]);
    for line in fs::read_to_string(&args[2])?.lines() {
        let Some((qid, words)) = line.split_once('\t') else {
            continue;
        };
        // The words are plain (ir_eval.py sanitises them), so lenient
        // parsing only guards against surprises.
        let (query, _) = parser.parse_query_lenient(words);
        for (score, address) in searcher.search(&query, &TopDocs::with_limit(k).order_by_score())? {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc_id = stored.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
            println!("{qid}\t{doc_id}\t{score}");
        }
    }
    Ok(())
}
