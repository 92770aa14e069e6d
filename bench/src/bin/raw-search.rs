//! raw-search: the raw tantivy baseline query side. Parses QUERY with
//! tantivy's QueryParser and prints the BM25 top 10 with stock snippets.
//!
//! Usage: raw-search INDEXDIR QUERY

use std::fmt::Write as _;
use std::io::Write as _;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::Index;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index_dir, query] = args.as_slice() else {
        eprintln!("usage: raw-search INDEXDIR QUERY");
        std::process::exit(2);
    };

    let index = Index::open_in_dir(index_dir)?;
    let schema = index.schema();
    let body = schema.get_field("body")?;
    let path = schema.get_field("path")?;
    let searcher = index.reader()?.searcher();
    let query = QueryParser::for_index(&index, vec![body]).parse_query(query)?;

    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    let snippets = SnippetGenerator::create(&searcher, &*query, body)?;
    let mut out = String::new();
    for (score, address) in &top {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let file = doc.get_first(path).and_then(|v| v.as_str()).unwrap_or("?");
        let snippet = snippets.snippet_from_doc(&doc).to_html();
        writeln!(out, "{score:.3}\t{file}\n\t{snippet}")?;
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    match std::io::stdout().write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        result => result?,
    }
    if top.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}
