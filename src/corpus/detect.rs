//! Decides which reader a corpus file needs, from its first bytes first and
//! its extension second, so a misnamed file is still read right.

use std::path::Path;

/// The formats the corpus readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    /// A Word document (`.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
    Html,
    /// One RFC 822 message or an mbox archive.
    Mail,
    Markdown,
    Text,
    /// Binary or otherwise unreadable: skip with a warning.
    Unknown,
}

/// How many bytes of the file [`detect`] looks at; pass at least this many
/// when the file is that long.
pub const HEAD_LEN: usize = 4096;

/// Detects a file's format from `head`, its first bytes (see [`HEAD_LEN`]),
/// and its path.
///
/// By content: `%PDF-` in the first 1 KiB → PDF; a zip archive named
/// `.docx` or holding `word/` parts → Docx, one named `.odt` or with an
/// OpenDocument text `mimetype` → Odt; more than 10% control bytes (NUL
/// included) → Unknown; `<!doctype html`, `<html` (after blank
/// space, comments or an XML declaration) → HTML; an mbox "From " line or
/// a block of RFC 822 headers at the very top that includes From:,
/// Received:, Message-ID: or Return-Path: → Mail; `---`/`+++` front matter
/// → Markdown. Then by extension: `.pdf`, `.htm`/`.html`/`.xhtml`,
/// `.eml`/`.mbox`/`.mbx`, `.md`/`.markdown`/`.mdown`/`.mkd`,
/// `.txt`/`.text`. Anything else that reads as text is Text.
///
/// A line such as "> Subject: …" is a quote, not a header: a text file
/// starting with one is Text.
pub fn detect(path: &Path, head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head[..head.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        if let Some(format) = office_format(path, head) {
            return format;
        }
    }
    if looks_binary(head) {
        return Format::Unknown;
    }
    let text = String::from_utf8_lossy(head);
    if looks_like_html(&text) {
        return Format::Html;
    }
    if looks_like_mail(&text) {
        return Format::Mail;
    }
    if has_front_matter(&text) {
        return Format::Markdown;
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Format::Pdf,
        "htm" | "html" | "xhtml" => Format::Html,
        "eml" | "mbox" | "mbx" => Format::Mail,
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        _ => Format::Text,
    }
}

/// Which office document a zip archive is: by its name, or by what its
/// first entries (whose names and, for OpenDocument, the stored
/// `mimetype`, are in the clear) hold.
fn office_format(path: &Path, head: &[u8]) -> Option<Format> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let holds = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if extension.eq_ignore_ascii_case("docx") || holds(b"word/") {
        Some(Format::Docx)
    } else if extension.eq_ignore_ascii_case("odt")
        || holds(b"application/vnd.oasis.opendocument.text")
    {
        Some(Format::Odt)
    } else {
        None
    }
}

/// Binary by the share of control bytes (NUL among them), not by one: a
/// text with a stray NUL still reads.
fn looks_binary(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    // Not UTF-8 (a character cut at the end of `head` aside) and mostly
    // high bytes: no Western text in Windows-1252 looks like that.
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    let high = head.iter().filter(|&&b| b >= 0x80).count();
    let mostly_high = !utf8 && high * 10 > head.len() * 3 && declared_charset(head).is_none();
    control * 10 > head.len() || mostly_high
}

/// The character set a page declares near its start (`<meta
/// charset="windows-1251">`, `charset=Shift_JIS` in a `content` attribute)
/// when it is one other than UTF-8, whose text would be garbage if read as
/// UTF-8 or Windows-1252.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(2048)].to_ascii_lowercase();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = head[at..]
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'')
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    let encoding = encoding_rs::Encoding::for_label(&label)?;
    // A page saved as UTF-16 is not ASCII-readable, so a UTF-16 label here
    // is wrong, as browsers also assume.
    (encoding != encoding_rs::UTF_8 && encoding.is_ascii_compatible()).then_some(encoding)
}

fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        let lower = rest
            .get(..rest.len().min(64))
            .unwrap_or("")
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return true;
        }
        // skip an XML declaration or a comment and look again
        let skip = if lower.starts_with("<?xml") {
            rest.find("?>").map(|i| i + 2)
        } else if lower.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else {
            None
        };
        match skip {
            Some(i) => rest = rest[i..].trim_start(),
            None => return false,
        }
    }
}

/// Header names that, at the top of a file, mean mail.
const MAIL_MARKERS: &[&str] = &[
    "from",
    "received",
    "message-id",
    "return-path",
    "delivered-to",
];

fn looks_like_mail(text: &str) -> bool {
    let mut lines = text.lines();
    let Some(first) = lines.next() else {
        return false;
    };
    if let Some(rest) = first.strip_prefix("From ") {
        // mbox separator: "From sender date"; prose rarely has an @ or a
        // four-digit year in the same line
        return rest.contains('@')
            || rest
                .split_whitespace()
                .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    }
    let mut fields = 0;
    let mut marker = false;
    for line in std::iter::once(first).chain(lines) {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) && fields > 0 {
            continue; // folded header continuation
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        let is_field_name =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !is_field_name {
            return false;
        }
        fields += 1;
        marker |= MAIL_MARKERS.contains(&name.to_ascii_lowercase().as_str());
    }
    marker && fields >= 2
}

fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    let fence = match lines.next().map(str::trim_end) {
        Some(f @ ("---" | "+++")) => f,
        _ => return false,
    };
    let separator = if fence == "---" { ':' } else { '=' };
    let mut saw_field = false;
    for line in lines {
        if line.trim_end() == fence {
            return saw_field;
        }
        saw_field |= line.contains(separator);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(name: &str, head: &str) -> Format {
        detect(Path::new(name), head.as_bytes())
    }

    #[test]
    fn pdf_by_magic_whatever_the_name() {
        assert_eq!(
            detect(Path::new("x.txt"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            Format::Pdf
        );
    }

    #[test]
    fn binary_is_unknown() {
        assert_eq!(
            detect(Path::new("x.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Format::Unknown
        );
        assert_eq!(
            detect(Path::new("x.md"), b"\x01\x02\x03\x04abc"),
            Format::Unknown
        );
    }

    #[test]
    fn html_by_doctype_or_html_tag() {
        assert_eq!(at("page.txt", "\n  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            at(
                "page",
                "<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"x\">"
            ),
            Format::Html
        );
        assert_eq!(at("page.html", "<div>fragment</div>"), Format::Html);
    }

    #[test]
    fn mail_by_headers_or_mbox_line() {
        assert_eq!(
            at(
                "x",
                "From alice@example.org Tue Mar  5 10:12:00 2024\nSubject: x\n"
            ),
            Format::Mail
        );
        assert_eq!(
            at(
                "x",
                "Received: from mx by y;\n\tMon, 1 Jan 2024\nMessage-ID: <a@b>\nSubject: s\n\nbody"
            ),
            Format::Mail
        );
        assert_eq!(
            at("x.txt", "Subject: Hello\nFrom: A <a@b.c>\n\nbody"),
            Format::Mail
        );
    }

    #[test]
    fn quoted_subject_line_in_text_is_not_mail() {
        assert_eq!(
            at(
                "seed.txt",
                "> Subject: [link] norms\n> From: someone\n\nText"
            ),
            Format::Text
        );
        assert_eq!(
            at(
                "notes.txt",
                "Subject: notes for myself\n\nNo mail headers here."
            ),
            Format::Text
        );
        assert_eq!(
            at("notes.txt", "From the start, States agreed.\n"),
            Format::Text
        );
    }

    #[test]
    fn front_matter_means_markdown() {
        assert_eq!(at("a.txt", "---\ntitle: T\n---\nbody"), Format::Markdown);
        assert_eq!(at("a", "+++\ntitle = \"T\"\n+++\nbody"), Format::Markdown);
        assert_eq!(at("a.txt", "---\nnot front matter\n"), Format::Text);
    }

    #[test]
    fn extension_decides_plain_text_content() {
        assert_eq!(at("a.md", "# Heading"), Format::Markdown);
        assert_eq!(at("a.MARKDOWN", "text"), Format::Markdown);
        assert_eq!(at("a.eml", "odd: header\n"), Format::Mail);
        assert_eq!(at("a.pdf", "truncated"), Format::Pdf);
        assert_eq!(at("a.txt", "Plain words."), Format::Text);
        assert_eq!(at("a", ""), Format::Text);
    }
}
