//! Variants: the distinct wordings under which a word or phrase occurs
//! ("hack back", "hacking back", "hacking-back", "hacked back"), counted
//! per document.
//!
//! The query is matched by stems (see [`super::Options::stem_phrases`]);
//! each occurrence's text is a variant once case and whitespace are
//! normalised. Hyphens and apostrophes are kept, since "hacking-back" and
//! "hacking back" are different wordings of one phrase.

use std::collections::{BTreeMap, HashMap};

use super::{Compiled, Record};

/// One wording and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Lower-cased, whitespace runs made one space.
    pub wording: String,
    pub count: usize,
    /// Occurrences per document id.
    pub documents: BTreeMap<String, usize>,
    /// Alias names this wording came through (empty for the query's own).
    pub aliases: Vec<String>,
}

/// The variants of `compiled` in `records`, most frequent first (ties in
/// alphabetical order).
pub fn variants(records: &[Record], compiled: &Compiled) -> Vec<Variant> {
    let mut by_wording: HashMap<String, Variant> = HashMap::new();
    for record in records {
        for m in compiled.occurrences(&record.text, record.spin.is_some()) {
            let wording = normalise(&record.text[m.range]);
            let variant = by_wording
                .entry(wording.clone())
                .or_insert_with(|| Variant {
                    wording,
                    count: 0,
                    documents: BTreeMap::new(),
                    aliases: Vec::new(),
                });
            variant.count += 1;
            *variant.documents.entry(record.doc.clone()).or_default() += 1;
            for name in compiled.alias_names(m.pattern) {
                if !variant.aliases.contains(name) {
                    variant.aliases.push(name.clone());
                }
            }
        }
    }
    let mut out: Vec<Variant> = by_wording.into_values().collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.wording.cmp(&b.wording))
    });
    out
}

/// Lower case, and every run of whitespace or control characters one space.
pub fn normalise(surface: &str) -> String {
    super::kwic::clean(surface).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_hyphens_and_folds_case_and_line_breaks() {
        assert_eq!(normalise("Hacking\n  Back"), "hacking back");
        assert_eq!(normalise("hacking-back"), "hacking-back");
        assert_eq!(normalise("HACK–BACK"), "hack–back");
    }
}
