//! Trend: how often a word or phrase (and its variants, as `variants`
//! finds them) occurs per month or year, by document date.
//!
//! Occurrences are counted as `kwic` and `variants` count them (the
//! longest match at each place, see [`super::Compiled::occurrences`]).
//! Periods run from the first to the last dated occurrence with no gaps,
//! so a chart drawn from them has an even time axis; documents with no
//! date, or (per month) dated by year only, are counted apart.

use std::collections::{BTreeMap, BTreeSet};

use super::{Compiled, Record};
use crate::date::PartialDate;

/// The period occurrences are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Per {
    Month,
    #[default]
    Year,
}

/// Occurrences in one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    /// `YYYY` or `YYYY-MM`; `None` for the undated occurrences.
    pub period: Option<String>,
    /// Occurrences of the phrase or any of its variants.
    pub count: usize,
    /// Passages holding them.
    pub passages: usize,
    /// Documents holding them (ids as in `doc`), sorted.
    pub documents: BTreeSet<String>,
}

/// The periods of `compiled`'s occurrences in `records`, oldest first and
/// without gaps, then (when there are any) the undated ones.
pub fn trend(records: &[Record], compiled: &Compiled, per: Per) -> Vec<Period> {
    let mut dated: BTreeMap<u64, Period> = BTreeMap::new();
    let mut undated = Period::default();
    for record in records {
        let count = compiled
            .occurrences(&record.text, record.spin.is_some())
            .len();
        if count == 0 {
            continue;
        }
        let key = record
            .date
            .as_deref()
            .and_then(PartialDate::parse)
            .map(PartialDate::key)
            .and_then(|key| period_key(key, per));
        let period = match key {
            Some(key) => dated.entry(key).or_default(),
            None => &mut undated,
        };
        period.count += count;
        period.passages += 1;
        period.documents.insert(record.doc.clone());
    }
    let mut out = Vec::new();
    if let (Some(&first), Some(&last)) = (dated.keys().next(), dated.keys().next_back()) {
        let mut key = first;
        while key <= last {
            let mut period = dated.remove(&key).unwrap_or_default();
            period.period = Some(label(key, per));
            out.push(period);
            key = next(key, per);
        }
    }
    if undated.count > 0 {
        out.push(undated);
    }
    out
}

/// A date key (`YYYYMMDD`, month 0 when not given) as `YYYY` or `YYYYMM`;
/// `None` per month for a date with no month.
fn period_key(date_key: u64, per: Per) -> Option<u64> {
    let month = date_key / 100 % 100;
    match per {
        Per::Year => Some(date_key / 10000),
        Per::Month if month == 0 => None,
        Per::Month => Some(date_key / 100),
    }
}

fn next(key: u64, per: Per) -> u64 {
    match per {
        Per::Year => key + 1,
        Per::Month if key % 100 == 12 => (key / 100 + 1) * 100 + 1,
        Per::Month => key + 1,
    }
}

fn label(key: u64, per: Per) -> String {
    match per {
        Per::Year => format!("{key:04}"),
        Per::Month => format!("{:04}-{:02}", key / 100, key % 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_across_a_year_end_without_gaps() {
        let mut key = 201811;
        let mut labels = Vec::new();
        while key <= 201902 {
            labels.push(label(key, Per::Month));
            key = next(key, Per::Month);
        }
        assert_eq!(labels, ["2018-11", "2018-12", "2019-01", "2019-02"]);
    }

    #[test]
    fn a_year_only_date_has_no_month() {
        assert_eq!(period_key(20180000, Per::Month), None);
        assert_eq!(period_key(20180000, Per::Year), Some(2018));
        assert_eq!(period_key(20181112, Per::Month), Some(201811));
    }
}
