//! Paragraph splitting for the raw tantivy baseline. The FTS5 loader
//! (`fts5.py`) splits the same way, so both peers index the same passages.

/// Paragraphs of `text`: runs of lines separated by blank (whitespace-only)
/// lines, trimmed. Never yields an empty paragraph.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None; // byte offset where the current paragraph began
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(text[s..end].trim());
            }
        } else {
            start.get_or_insert(pos);
            end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(text[s..end].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines() {
        let text = "Head\n\nOne two.\nthree.\n\n  \nFour.";
        assert_eq!(paragraphs(text), ["Head", "One two.\nthree.", "Four."]);
    }

    #[test]
    fn ignores_leading_and_trailing_blank_lines() {
        assert_eq!(paragraphs("\n\nA\n\n\n"), ["A"]);
        assert!(paragraphs("\n \n").is_empty());
    }

    #[test]
    fn handles_crlf() {
        assert_eq!(paragraphs("A\r\n\r\nB\r\n"), ["A", "B"]);
    }
}
