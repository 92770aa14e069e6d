//! Dates: the one type for a document's date and for the `--since` and
//! `--until` bounds, with the one parser and the one validity check that
//! every reader, the catalog, the index and the search filters share
//! (issue #20, item 13).
//!
//! A date may be partial, a year or a month, since that is often all a
//! source says ("November 2018"). A partial date stands for the whole
//! period: it passes a `--since`/`--until` range that overlaps it.

use std::fmt;

/// A year (1000–9999), a month of a year, or a day: `2018`, `2018-11`,
/// `2018-11-12`. Always a real period (no 31 February, no month 13).
/// Ordered by the day it starts on, a period before the days inside it:
/// `2018` < `2018-01` < `2018-01-01`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    /// 1–12, or 0 when only the year is known.
    month: u8,
    /// 1–31, or 0 when only the year or month is known.
    day: u8,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Days in `month` (1–12) of `year`, by the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// The date, if it is one: a four-digit year, a month 1–12, and a day
    /// that month has. A day needs a month.
    pub fn new(year: u32, month: Option<u32>, day: Option<u32>) -> Option<PartialDate> {
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let valid = match (month, day) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => {
                (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d)
            }
        };
        valid.then_some(PartialDate {
            year: year as u16,
            month: month.unwrap_or(0) as u8,
            day: day.unwrap_or(0) as u8,
        })
    }

    /// Reads a date as people and files write it:
    ///
    /// - ISO `2018-11-12`, `2018-11`, `2018`, also as the start of a
    ///   timestamp (`2018-11-12T09:30:00+01:00`, `2018-11-12 09:30`);
    /// - `2018/11/12` and `2018.11.12` (year first, so never ambiguous);
    /// - English month names, full or cut to three letters or more, with a
    ///   day or without: `12 November 2018`, `November 12, 2018`,
    ///   `Nov 2018`, `Mon, 12 Nov 2018 09:30:00 +0000`, `12th Nov 2018`;
    /// - PDF dates, `D:20181112093000+01'00'` (`D:2018`, `D:201811` too).
    ///
    /// Returns `None` for anything else, including all-number forms such
    /// as `11/12/2018` (day-first or month-first cannot be told apart) and
    /// dates that do not exist (`2018-02-31`).
    pub fn parse(text: &str) -> Option<PartialDate> {
        let s = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if let Some(digits) = s.strip_prefix("D:") {
            return pdf_date(digits);
        }
        if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            if let Some(date) = numeric_date(s) {
                return date;
            }
        }
        named_month_date(s)
    }

    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    /// 1–12, `None` for a year.
    pub fn month(self) -> Option<u32> {
        (self.month > 0).then_some(u32::from(self.month))
    }

    /// 1–31, `None` for a year or a month.
    pub fn day(self) -> Option<u32> {
        (self.day > 0).then_some(u32::from(self.day))
    }

    /// The date as the number `YYYYMMDD`, month and day 0 when not given:
    /// `2018-11-12` → 20181112, `2018-11` → 20181100, `2018` → 20180000.
    /// This is the index's `date_key`; a period sorts before its days.
    pub fn key(self) -> u64 {
        u64::from(self.year) * 10000 + u64::from(self.month) * 100 + u64::from(self.day)
    }

    /// The key of the last day the date covers: `2018` → 20181231,
    /// `2018-02` → 20180228, a day → its own key.
    pub fn last_key(self) -> u64 {
        let month = self.month().unwrap_or(12);
        let day = self
            .day()
            .unwrap_or_else(|| days_in_month(self.year(), month));
        u64::from(self.year) * 10000 + u64::from(month) * 100 + u64::from(day)
    }
}

/// `2018-11-12`, `2018-11` or `2018`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day > 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

/// As the ISO text in quotes, the way a date written as a string reads, so
/// that catalog fingerprints (built from `{:?}`) stay what they were.
impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The digits after `D:`: `YYYY`, then optional `MM` and `DD`, then
/// anything (time, zone).
fn pdf_date(digits: &str) -> Option<PartialDate> {
    let part = |range: std::ops::Range<usize>| {
        digits
            .get(range)
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let year = part(0..4)?;
    let month = part(4..6);
    let day = month.and(part(6..8));
    PartialDate::new(year, month, day)
}

/// A date that starts with a four-digit year: `Some(None)` when it is
/// shaped like one but invalid (`2018-13`), `None` when it is not shaped
/// like one at all (`2018 November` is for the named-month reader).
fn numeric_date(s: &str) -> Option<Option<PartialDate>> {
    let b = s.as_bytes();
    let run = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let number = |from: usize, len: usize| s[from..from + len].parse::<u32>().ok();
    // What may follow a complete date: nothing, or a time.
    let ends = |at: usize| matches!(b.get(at), None | Some(b'T' | b' ' | b'\t'));
    if run(0) != 4 {
        return None;
    }
    let year = number(0, 4)?;
    let sep = match b.get(4) {
        None => return Some(PartialDate::new(year, None, None)),
        Some(c @ (b'-' | b'/' | b'.')) => *c,
        Some(_) => return None,
    };
    let month_len = run(5);
    if !(1..=2).contains(&month_len) {
        return Some(None);
    }
    let month = number(5, month_len);
    let rest = 5 + month_len;
    if ends(rest) {
        return Some(PartialDate::new(year, month, None));
    }
    if b.get(rest) != Some(&sep) {
        return Some(None);
    }
    let day_len = run(rest + 1);
    if !(1..=2).contains(&day_len) || !ends(rest + 1 + day_len) {
        return Some(None);
    }
    Some(PartialDate::new(year, month, number(rest + 1, day_len)))
}

/// English forms with a month name: a day (1–2 digits, `12th`), a month
/// name and a four-digit year, in any order; the day may be missing.
/// Times (`09:30:00`), zones (`+0100`) and weekdays are passed over.
fn named_month_date(s: &str) -> Option<PartialDate> {
    let (mut day, mut month, mut year) = (None, None, None);
    let words = s
        .split(|c: char| c.is_whitespace() || c == ',')
        // A time (`09:30`) or a zone (`+0100`, `-0500`) is no part of it.
        .filter(|w| !w.contains(':') && !w.starts_with(['+', '-']))
        .flat_map(|w| w.split(['.', '-', '/']));
    for word in words.filter(|w| !w.is_empty()) {
        let lower = word.to_ascii_lowercase();
        if lower.len() >= 3 && lower.bytes().all(|b| b.is_ascii_alphabetic()) {
            let m = MONTHS
                .iter()
                .position(|m| m.starts_with(&lower) || (lower == "sept" && *m == "september"));
            if let Some(m) = m {
                if month.replace(m as u32 + 1).is_some() {
                    return None; // two months: a range or prose, not a date
                }
            }
            continue;
        }
        let num = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))
            .unwrap_or(&lower);
        if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let slot = match num.len() {
            4 => &mut year,
            1 | 2 => &mut day,
            _ => continue,
        };
        if slot.replace(num.parse::<u32>().ok()?).is_some() {
            return None; // two years or two days: not one date
        }
    }
    PartialDate::new(year?, Some(month?), day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        PartialDate::parse(text).map(|d| d.to_string())
    }

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(iso("2018-11-12").as_deref(), Some("2018-11-12"));
        assert_eq!(iso("2018-11").as_deref(), Some("2018-11"));
        assert_eq!(iso("2018").as_deref(), Some("2018"));
        assert_eq!(
            iso("2024-03-07T09:30:00+01:00").as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(
            iso("2024-05-14 10:00:00 +0200").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(iso("2024/3/7").as_deref(), Some("2024-03-07"));
        assert_eq!(iso("2024.03.07").as_deref(), Some("2024-03-07"));
        assert_eq!(iso(" \"2018-11\" ").as_deref(), Some("2018-11"));
    }

    /// Issue #20, item 9: the forms people write in a catalog.
    #[test]
    fn month_names_with_and_without_a_day() {
        assert_eq!(iso("November 2018").as_deref(), Some("2018-11"));
        assert_eq!(iso("Nov 2018").as_deref(), Some("2018-11"));
        assert_eq!(iso("12 November 2018").as_deref(), Some("2018-11-12"));
        assert_eq!(iso("November 12, 2018").as_deref(), Some("2018-11-12"));
        assert_eq!(iso("12th Nov. 2018").as_deref(), Some("2018-11-12"));
        assert_eq!(iso("Sept 2018").as_deref(), Some("2018-09"));
        assert_eq!(iso("2018 November").as_deref(), Some("2018-11"));
        assert_eq!(
            iso("Thu, 07 Mar 2024 17:45:00 +0100").as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(
            iso("Thu, 07 Mar 2024 17:45:00 -0500").as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(iso("12-Nov-2018").as_deref(), Some("2018-11-12"));
    }

    #[test]
    fn pdf_dates_any_year() {
        assert_eq!(
            iso("D:20181112093000+01'00'").as_deref(),
            Some("2018-11-12")
        );
        assert_eq!(iso("D:1985").as_deref(), Some("1985"));
        assert_eq!(iso("D:198506").as_deref(), Some("1985-06"));
        assert_eq!(iso("D:20180231"), None);
        assert_eq!(iso("D:0000"), None);
    }

    /// Issue #20, item 13: every reader used to have its own idea of this.
    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert_eq!(iso("2018-02-31"), None);
        assert_eq!(iso("2018-02-29"), None);
        assert_eq!(iso("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(iso("2000-02-29").as_deref(), Some("2000-02-29"));
        assert_eq!(iso("1900-02-29"), None);
        assert_eq!(iso("2018-13"), None);
        assert_eq!(iso("2018-00"), None);
        assert_eq!(iso("2018-11-00"), None);
        assert_eq!(iso("31 November 2018"), None);
        assert_eq!(iso("0999"), None);
    }

    #[test]
    fn ambiguous_or_garbage_is_refused() {
        for text in [
            "03/07/2024",
            "soon",
            "20240",
            "",
            "2018-11-12junk",
            "2018-11-",
            "Decision 12",
            "November",
            "March to May 2018",
            "2018 or 2019 November",
            "12 13 November 2018",
            "D:",
        ] {
            assert_eq!(iso(text), None, "{text:?}");
        }
    }

    #[test]
    fn keys_order_periods_before_their_days() {
        let key = |t: &str| PartialDate::parse(t).unwrap().key();
        assert_eq!(key("2018-11-12"), 20181112);
        assert_eq!(key("2018-11"), 20181100);
        assert_eq!(key("2018"), 20180000);
        let last = |t: &str| PartialDate::parse(t).unwrap().last_key();
        assert_eq!(last("2018"), 20181231);
        assert_eq!(last("2016-02"), 20160229);
        assert_eq!(last("2018-11-12"), 20181112);
        assert!(PartialDate::parse("2018").unwrap() < PartialDate::parse("2018-01").unwrap());
    }

    #[test]
    fn new_checks_the_calendar() {
        assert!(PartialDate::new(2018, None, Some(3)).is_none());
        assert!(PartialDate::new(2018, Some(4), Some(31)).is_none());
        assert!(PartialDate::new(2018, Some(4), Some(30)).is_some());
        assert!(PartialDate::new(10000, None, None).is_none());
    }

    #[test]
    fn debug_reads_like_the_iso_text() {
        let d = PartialDate::parse("Nov 2018").unwrap();
        assert_eq!(format!("{d:?}"), "\"2018-11\"");
    }
}
