//! The PDF reader on any bytes: a document or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = accord::corpus::pdf::read_pdf(data) {
        common::check_extracted(&doc);
    }
});
