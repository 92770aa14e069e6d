//! The query parser: any text is a query or a syntax error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = accord::search::query::parse(text);
    }
});
