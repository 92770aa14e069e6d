//! The e-mail and mbox reader on any bytes, attachments included.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(docs) = accord::corpus::mail::read_mail(data) {
        for doc in &docs {
            common::check_extracted(doc);
        }
    }
});
