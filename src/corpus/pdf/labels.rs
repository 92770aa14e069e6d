//! Printed page numbers: the `/PageLabels` number tree of the catalog
//! (PDF 32000-1, 12.4.2). A journal reprint whose first PDF page is printed
//! page 396 says so there; lawyers cite the printed number.

use lopdf::{Dictionary, Document, Object};

use super::{as_dictionary, decode_text_string};

/// Deepest number tree read; deeper ones are treated as broken.
const MAX_TREE_DEPTH: usize = 16;

/// The printed label of each page (index 0 is page 1), where the PDF gives
/// one that differs from the page number; `None` elsewhere.
pub(super) fn page_labels(doc: &Document, pages: usize) -> Vec<Option<String>> {
    let mut labels = vec![None; pages];
    let Some(tree) = catalog(doc)
        .and_then(|c| c.get(b"PageLabels").ok())
        .and_then(|t| as_dictionary(doc, t))
    else {
        return labels;
    };
    let mut ranges: Vec<(usize, &Dictionary)> = Vec::new();
    collect_ranges(doc, tree, 0, &mut ranges);
    ranges.sort_by_key(|r| r.0);
    for (i, (start, style)) in ranges.iter().enumerate() {
        let end = ranges.get(i + 1).map_or(pages, |next| next.0).min(pages);
        let first = style
            .get(b"St")
            .ok()
            .and_then(|n| n.as_i64().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(1);
        let prefix = match style.get(b"P") {
            Ok(Object::String(bytes, _)) => decode_text_string(bytes),
            _ => String::new(),
        };
        let kind = style.get(b"S").ok().and_then(|s| s.as_name().ok());
        for (offset, label) in labels.iter_mut().enumerate().take(end).skip(*start) {
            let number = first + (offset - start) as i64;
            let text = match kind {
                Some(b"D") => number.to_string(),
                Some(b"r") => roman(number),
                Some(b"R") => roman(number).to_uppercase(),
                Some(b"a") => letters(number),
                Some(b"A") => letters(number).to_uppercase(),
                _ => String::new(),
            };
            let printed = format!("{prefix}{text}");
            if !printed.is_empty() && printed != (offset + 1).to_string() {
                *label = Some(printed);
            }
        }
    }
    labels
}

fn catalog(doc: &Document) -> Option<&Dictionary> {
    as_dictionary(doc, doc.trailer.get(b"Root").ok()?)
}

/// The `(first page index, label style)` pairs of a number tree node and
/// its kids.
fn collect_ranges<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    out: &mut Vec<(usize, &'a Dictionary)>,
) {
    if depth > MAX_TREE_DEPTH || out.len() > 100_000 {
        return;
    }
    if let Ok(Object::Array(nums)) = node.get(b"Nums") {
        for pair in nums.chunks_exact(2) {
            let (Ok(start), Some(style)) = (pair[0].as_i64(), as_dictionary(doc, &pair[1])) else {
                continue;
            };
            if let Ok(start) = usize::try_from(start) {
                out.push((start, style));
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for kid in kids {
            if let Some(kid) = as_dictionary(doc, kid) {
                collect_ranges(doc, kid, depth + 1, out);
            }
        }
    }
}

/// Lower-case Roman numerals (up to 3999; beyond, the digits).
fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// a, b, …, z, aa, bb, … as PDF letter labels run.
fn letters(n: i64) -> String {
    if !(1..=26 * 100).contains(&n) {
        return n.to_string();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles() {
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(1999), "mcmxcix");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(28), "bb");
    }
}
