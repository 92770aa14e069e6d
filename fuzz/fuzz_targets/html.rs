//! The html reader on any UTF-8 text, and what the indexer does with it.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        common::check_extracted(&accord::corpus::html::read_html(text));
    }
});
