//! The Word and OpenDocument readers on any bytes (a zip of XML parts).
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    for read in [
        accord::corpus::office::read_docx,
        accord::corpus::office::read_odt,
    ] {
        if let Ok(doc) = read(data) {
            common::check_extracted(&doc);
        }
    }
});
