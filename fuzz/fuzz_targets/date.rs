//! The date reader: a date it accepts is a real one, written back in ISO
//! form that reads as the same date, with keys in order.
#![no_main]
use accord::date::PartialDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(date) = PartialDate::parse(text) {
        let iso = date.to_string();
        assert_eq!(PartialDate::parse(&iso), Some(date), "{text:?} → {iso}");
        assert!(date.key() <= date.last_key());
        assert_eq!(
            PartialDate::new(date.year(), date.month(), date.day()),
            Some(date)
        );
    }
});
