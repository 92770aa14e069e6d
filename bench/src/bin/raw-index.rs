//! raw-index: the raw tantivy baseline. Indexes every paragraph of every
//! file under CORPUS as one document (default tokenizer, positions, stored)
//! with its file path. No cleaning, like tantivy's examples.
//!
//! Usage: raw-index CORPUS INDEXDIR

use accord_bench::paragraphs::paragraphs;
use tantivy::schema::{Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexWriter};

/// Indexing threads: the bench machine has two cores.
const THREADS: usize = 2;
/// Total writer memory; tantivy splits it across the threads.
const WRITER_BYTES: usize = 256_000_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, index_dir] = args.as_slice() else {
        eprintln!("usage: raw-index CORPUS INDEXDIR");
        std::process::exit(2);
    };

    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT | STORED);
    let path = builder.add_text_field("path", STRING | STORED);
    std::fs::create_dir_all(index_dir)?;
    let index = Index::create_in_dir(index_dir, builder.build())?;
    let mut writer: IndexWriter = index.writer_with_num_threads(THREADS, WRITER_BYTES)?;

    let (mut files, mut passages) = (0u64, 0u64);
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path())?;
        let file = entry.path().to_string_lossy();
        for para in paragraphs(&text) {
            writer.add_document(doc!(body => para, path => file.as_ref()))?;
            passages += 1;
        }
        files += 1;
    }
    writer.commit()?;
    // Count background merges in the indexing time, as a user would wait.
    writer.wait_merging_threads()?;
    eprintln!("raw-index: {files} files, {passages} paragraphs");
    Ok(())
}
