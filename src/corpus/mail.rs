//! Reads e-mail: a single RFC 822 message (`.eml`) or an mbox archive of
//! many, one document per message.
//!
//! MIME decoding (multipart, quoted-printable, base64, encoded-word
//! headers, charsets such as ISO-8859-1, windows-1252 and UTF-8) is done by
//! `mail-parser`. Pinned below 1.0, whose MSRV is newer than our toolchain.
//!
//! Per message: subject → title, without list tags ("[cybernorms]") and
//! reply prefixes, as the plain-text reader does (`text::clean_subject`),
//! so every message of a thread carries the thread's title; the sender's
//! display name (else address) → author; Date → ISO date; the List-Id →
//! source as "NAME mailing list".
//!
//! The body is the text/plain part, else the text/html part through
//! [`read_html`]. Plain text is cleaned so that a thread does not repeat
//! itself: quoted lines ("> …") and their "On … wrote:" introductions are
//! left out, as are Outlook-style "-----Original Message-----" blocks and
//! "From: … Sent: … Subject: …" reply headers with what follows them (also
//! in an HTML body), the signature after "-- ", and mailing-list footers (a
//! rule of underscores before "X mailing list", listinfo links, "Reply via
//! email to …").
//!
//! A digest gives one document per message it holds: the message/rfc822
//! parts of a MIME digest, or the "Message: N" sections of a Mailman
//! plain-text digest; its table of contents is left out.
//! Hard-wrapped lines are re-joined; a blank line or a list marker starts a
//! new paragraph.
//!
//! A named attachment that is a PDF, Word or OpenDocument file, HTML or
//! plain text, or an attached message, is a document of its own after its
//! message, its metadata filled in from the message where it has none of
//! its own (see [`attachments`]); so is what an attached message carries,
//! forwards inside forwards up to `MAX_FORWARD_DEPTH` levels down, where a
//! warning says the rest is not read. Images and signatures are passed
//! over; other attachments are named in a warning.
//!
//! Known limits: quotes without ">" markers (top-posted full quotes in some
//! clients) are kept.

use mail_parser::{Message, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::date::PartialDate;

use super::clean::{
    is_list_chrome, join_wrapped_line, list_marker_len, normalize_inline, starts_list_footer,
};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats};
use super::html::read_html;
use super::quietly;
use super::text::{clean_subject, read_text};
use super::{detect, office, pdf};

/// Reads one message or an mbox archive. An archive is recognised by its
/// first line starting with "From ". Messages that cannot be parsed are
/// skipped with a warning on the first document returned; the call fails
/// only when no message can be read.
pub fn read_mail(bytes: &[u8]) -> Result<Vec<Extracted>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let raw_messages = if bytes.starts_with(b"From ") {
        split_mbox(bytes)
    } else {
        vec![bytes.to_vec()]
    };
    let total = raw_messages.len();
    let mut documents = Vec::new();
    let mut skipped = 0;
    for raw in &raw_messages {
        // mail-parser is fuzzed, but a panic here must not end an index run
        match quietly(|| read_message(raw)).filter(|d| !d.is_empty()) {
            Some(read) => documents.extend(read),
            None => skipped += 1,
        }
    }
    if documents.is_empty() {
        return Err(if total > 1 {
            format!("none of the {total} messages in the mbox could be read")
        } else {
            "not a mail message: no mail headers found".to_string()
        });
    }
    if skipped > 0 {
        documents[0].warnings.push(format!(
            "{skipped} of {total} messages in the mbox could not be read"
        ));
    }
    Ok(documents)
}

/// Splits an mbox at "From " lines that open the file or follow a blank
/// line, and undoes the ">From " escaping of body lines (mboxrd: one ">"
/// is removed from any run of ">" before "From ").
fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut messages: Vec<Vec<u8>> = Vec::new();
    let mut previous_blank = true;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if previous_blank && line.starts_with(b"From ") {
            messages.push(Vec::new());
            previous_blank = false;
            continue;
        }
        previous_blank = line.iter().all(u8::is_ascii_whitespace);
        let Some(current) = messages.last_mut() else {
            continue;
        };
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            current.extend_from_slice(&line[1..]);
        } else {
            current.extend_from_slice(line);
        }
    }
    messages
}

/// The documents of one raw message: the message itself, or the messages a
/// digest holds (none when it has no mail headers).
fn read_message(raw: &[u8]) -> Vec<Extracted> {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Vec::new();
    };
    let digest = digest_messages(&message);
    if !digest.is_empty() {
        return digest;
    }
    let Some(mut read) = read_parsed(&message) else {
        return Vec::new();
    };
    let attached = attachments(&message, &mut read, 0);
    std::iter::once(read).chain(attached).collect()
}

/// How many forwards deep a message is read: each level is a document
/// (`mail.eml/message.eml/message.eml`), and a chain of thousands must
/// neither exhaust the stack nor flood the index.
const MAX_FORWARD_DEPTH: usize = 8;

/// The readable named attachments of `message` (read as `mail`, `depth`
/// forwards down), each a
/// document whose missing title is its file name and whose missing date,
/// author and source are the message's. Attachments that cannot be read
/// are named in `mail`'s warnings; images and signatures are passed over.
fn attachments(message: &Message, mail: &mut Extracted, depth: usize) -> Vec<Extracted> {
    let mut documents = Vec::new();
    for part in message.attachments() {
        let name = part
            .attachment_name()
            .map(normalize_inline)
            .filter(|n| !n.is_empty());
        let forwarded = part.is_content_type("message", "rfc822");
        // mail-parser hands over as bytes an encoded message nested a few
        // levels down; and a chain of forwards is read only so deep.
        if forwarded && (depth == MAX_FORWARD_DEPTH || !matches!(part.body, PartType::Message(_))) {
            mail.warnings.push(format!(
                "a forwarded message nested too deep ({}) is not read",
                name.as_deref().unwrap_or("message.eml")
            ));
            continue;
        }
        let read = match (&part.body, name) {
            (PartType::Message(attached), name) => read_parsed(attached)
                .map(|doc| (doc, name.unwrap_or_else(|| "message.eml".to_string()))),
            (_, None) => continue,
            (_, Some(name)) => match read_attachment(part, &name) {
                Ok(Some(doc)) => Some((doc, name)),
                Ok(None) => continue,
                Err(reason) => {
                    mail.warnings.push(format!("attachment {name}: {reason}"));
                    continue;
                }
            },
        };
        let Some((mut doc, name)) = read.filter(|(doc, _)| !doc.paragraphs.is_empty()) else {
            continue;
        };
        let own = std::mem::take(&mut doc.meta);
        doc.meta = Metadata {
            title: Some(name.clone()),
            kind: None,
            ..mail.meta.clone()
        };
        doc.meta.override_with(own);
        if !matches!(part.body, PartType::Message(_)) {
            // An attached statement or report is not mail.
            doc.meta.kind.get_or_insert_with(|| "document".to_string());
        }
        // What a forwarded message carries is attached to it in turn.
        let carried = match &part.body {
            PartType::Message(attached) => attachments(attached, &mut doc, depth + 1),
            _ => Vec::new(),
        };
        doc.attachment = Some(name.clone());
        documents.push(doc);
        for mut inner in carried {
            inner.attachment = inner.attachment.map(|a| format!("{name}/{a}"));
            documents.push(inner);
        }
    }
    documents
}

/// One named attachment as a document: `Ok(None)` for a kind that holds
/// no prose to read (images, signatures, calendars), an error naming why
/// for anything else accord cannot read.
fn read_attachment(part: &MessagePart, name: &str) -> Result<Option<Extracted>, String> {
    let content_type = part.content_type();
    let (ctype, subtype) = content_type.map_or(("application", ""), |c| {
        (c.ctype(), c.subtype().unwrap_or(""))
    });
    let passed_over = matches!(ctype, "image" | "audio" | "video")
        || subtype.ends_with("signature")
        || matches!(subtype, "calendar" | "vcard" | "x-vcard");
    if passed_over {
        return Ok(None);
    }
    let bytes = part.contents();
    let head = &bytes[..bytes.len().min(detect::HEAD_LEN)];
    match (&part.body, detect::detect(std::path::Path::new(name), head)) {
        (PartType::Html(html), _) => Ok(Some(read_html(html))),
        (PartType::Text(text), _) => Ok(Some(read_text(text))),
        (_, detect::Format::Pdf) => pdf::read_pdf(bytes).map(Some),
        (_, detect::Format::Docx) => office::read_docx(bytes).map(Some),
        (_, detect::Format::Odt) => office::read_odt(bytes).map(Some),
        _ => Err(
            "not read: accord reads PDF, Word, OpenDocument, HTML and text attachments".to_string(),
        ),
    }
}

/// The messages of a digest, each a document of its own: the parts of a
/// MIME digest (message/rfc822), or the "Message: N" sections of a
/// Mailman plain-text digest. The digest's own table of contents is left
/// out. Empty for any other message.
fn digest_messages(message: &Message) -> Vec<Extracted> {
    let mut messages = mime_digest(message);
    if messages.is_empty() {
        messages = plain_digest(message);
    }
    // The list is named on the digest, not on the messages it holds.
    let list = message.header_raw("List-Id").and_then(list_name);
    for m in &mut messages {
        if m.meta.source.is_none() {
            m.meta.source.clone_from(&list);
        }
    }
    messages
}

/// The messages of a MIME digest: only a message with a multipart/digest
/// part is one; a message merely forwarding another keeps its own text.
fn mime_digest(message: &Message) -> Vec<Extracted> {
    if !message
        .parts
        .iter()
        .any(|p| p.is_content_type("multipart", "digest"))
    {
        return Vec::new();
    }
    message
        .attachments()
        .filter_map(|part| part.message())
        .filter_map(read_parsed)
        .collect()
}

fn plain_digest(message: &Message) -> Vec<Extracted> {
    let Some(PartType::Text(body)) = message.text_bodies().next().map(|p| &p.body) else {
        return Vec::new();
    };
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end_matches('\r')).collect();
    // A rule of dashes, a blank line and "Message: 3" open a message, whose
    // headers follow; the next rule ends it.
    let rule = |line: &str| line.len() >= 20 && line.bytes().all(|b| b == b'-');
    let starts = (2..lines.len()).filter(|&i| {
        lines[i]
            .strip_prefix("Message: ")
            .is_some_and(|n| n.trim().parse::<u32>().is_ok())
            && lines[i - 1].trim().is_empty()
            && rule(lines[i - 2])
    });
    starts
        .filter_map(|start| {
            let end = (start + 1..lines.len())
                .find(|&i| rule(lines[i]))
                .unwrap_or(lines.len());
            let section = lines[start + 1..end].join("\n");
            let parsed = MessageParser::default().parse(section.as_bytes())?;
            read_parsed(&parsed)
        })
        .collect()
}

fn read_parsed(message: &Message) -> Option<Extracted> {
    let has_headers = message.from().is_some()
        || message.date().is_some()
        || message.subject().is_some()
        || message.message_id().is_some();
    if !has_headers {
        return None;
    }
    let mut warnings = Vec::new();
    let paragraphs = body_paragraphs(message, &mut warnings);
    Some(Extracted {
        meta: Metadata {
            title: message
                .subject()
                .map(clean_subject)
                .filter(|s| !s.is_empty()),
            kind: None,
            date: message.date().and_then(|d| {
                let (month, day) = (u32::from(d.month), u32::from(d.day));
                PartialDate::new(u32::from(d.year), Some(month), Some(day))
            }),
            source: message.header_raw("List-Id").and_then(list_name),
            url: None,
            author: message.from().and_then(|a| a.first()).and_then(|addr| {
                addr.name()
                    .map(normalize_inline)
                    .filter(|n| !n.is_empty())
                    .or_else(|| addr.address().map(str::to_string))
            }),
        },
        paragraphs,
        warnings,
        attachment: None,
        stats: ReadStats::default(),
    })
}

fn body_paragraphs(message: &Message, warnings: &mut Vec<String>) -> Vec<Paragraph> {
    let plain: Vec<&str> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    if !plain.is_empty() {
        return plain.into_iter().flat_map(plain_body_paragraphs).collect();
    }
    let html: Vec<Paragraph> = message
        .html_bodies()
        .filter_map(|part| match &part.body {
            PartType::Html(html) => Some(read_html(html).paragraphs),
            _ => None,
        })
        .flatten()
        // The message ends where the one it quotes starts, its header
        // block run into one paragraph by the page layout.
        .take_while(|p| !is_run_in_reply_header(&p.text))
        .collect();
    if html.is_empty() {
        warnings.push("the message has no text body".to_string());
    }
    html
}

/// Cleans a text/plain body into paragraphs (see the module docs).
fn plain_body_paragraphs(body: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end_matches('\r')).collect();
    let end = body_end(&lines);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = normalize_inline(current);
        current.clear();
        // Rules ("-----") separate; they are not prose.
        if text.chars().any(char::is_alphanumeric) {
            paragraphs.push(Paragraph::new(text));
        }
    };
    let lines = &lines[..end];
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        // "X mailing list" in a footer stands on its own line, or above the
        // list's address; a wrapped line of prose may end in "… the
        // cybernorms mailing list" too.
        let next = lines.get(i + 1).map_or("", |l| l.trim());
        let footer_line = next.is_empty() || next.contains('@') || next.contains("://");
        let chrome = is_list_chrome(trimmed)
            && (footer_line || !trimmed.to_ascii_lowercase().ends_with(" mailing list"));
        if trimmed.is_empty() || trimmed.starts_with('>') || chrome || is_quote_intro(lines, i) {
            flush(&mut current);
            continue;
        }
        if list_marker_len(trimmed).is_some() {
            flush(&mut current);
        }
        join_wrapped_line(&mut current, trimmed);
    }
    flush(&mut current);
    paragraphs
}

/// Index of the first line after the message proper: the signature
/// separator "-- ", an "-----Original Message-----" block, the header block
/// Outlook puts above a quoted message ("From: … Sent: … Subject: …"), or a
/// list footer (a rule of underscores or dashes followed within three lines
/// by list chrome).
fn body_end(lines: &[&str]) -> usize {
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        // "-- " opens a signature; a bare "--" only when a signature's few
        // lines (eight at most, a list footer included) follow, since
        // writers also use it as a separator.
        let signature_follows = || {
            lines[i + 1..]
                .iter()
                .filter(|l| !l.trim().is_empty())
                .count()
                <= 8
        };
        if *line == "-- " || (*line == "--" && signature_follows()) {
            return i;
        }
        if trimmed.starts_with("-----") && trimmed.to_ascii_lowercase().contains("original message")
        {
            return i;
        }
        if is_reply_header(&lines[i..]) {
            // A rule of underscores just above belongs to the block.
            let rule = i > 0 && lines[i - 1].trim().starts_with("____");
            return if rule { i - 1 } else { i };
        }
        if starts_list_footer(lines, i) {
            return i;
        }
    }
    lines.len()
}

/// Labels of the header block a mail client writes above the message it
/// quotes, in English, German, French, Spanish and Swedish: the sender, the
/// date, and the subject or recipient.
const REPLY_FROM: &[&str] = &["from:", "von:", "de :", "de:", "från:"];
const REPLY_SENT: &[&str] = &[
    "sent:",
    "date:",
    "gesendet:",
    "envoyé :",
    "envoyé:",
    "enviado:",
    "skickat:",
];
const REPLY_SUBJECT: &[&str] = &[
    "subject:", "to:", "betreff:", "an:", "objet :", "à :", "asunto:", "para:", "ämne:", "till:",
];

/// Whether `lines` start with a reply header block: a "From:" line, then
/// within four lines a "Sent:" (or "Date:") and a "Subject:" (or "To:").
fn is_reply_header(lines: &[&str]) -> bool {
    let starts = |line: &str, labels: &[&str]| {
        let line = line.trim_start().to_lowercase();
        labels.iter().any(|l| line.starts_with(l))
    };
    let Some((first, rest)) = lines.split_first() else {
        return false;
    };
    let rest = &rest[..rest.len().min(4)];
    starts(first, REPLY_FROM)
        && rest.iter().any(|l| starts(l, REPLY_SENT))
        && rest.iter().any(|l| starts(l, REPLY_SUBJECT))
}

/// The same block run into one paragraph, as an HTML reply lays it out:
/// "From: A Sent: B To: C Subject: D".
fn is_run_in_reply_header(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let has = |labels: &[&str]| labels.iter().any(|l| lower.contains(&format!(" {l}")));
    REPLY_FROM.iter().any(|l| lower.starts_with(l)) && has(REPLY_SENT) && has(REPLY_SUBJECT)
}

/// Whether `lines[i]` introduces a quoted message: "On Tue, 5 Mar 2024,
/// Alice wrote:" and translations, including the common case of the
/// introduction wrapped over two lines (then the first of them is
/// recognised by the second ending the phrase). Quoted lines ("> …") or
/// the end of the message must follow, so prose ending in "as Singer once
/// wrote:" stays.
fn is_quote_intro(lines: &[&str], i: usize) -> bool {
    const ENDINGS: &[&str] = &[
        "wrote:",
        "writes:",
        "schrieb:",
        "a écrit :",
        "a écrit:",
        "escribió:",
        "scrisse:",
    ];
    let ends = |l: &str| {
        let lower = l.to_lowercase();
        ENDINGS.iter().any(|e| lower.ends_with(e))
    };
    let quote_follows = |k: usize| {
        lines[k + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .is_none_or(|l| l.starts_with('>'))
    };
    let line = lines[i].trim();
    let next = lines.get(i + 1).map(|l| l.trim());
    (ends(line) && quote_follows(i))
        || (line.starts_with("On ")
            && next.is_some_and(|n| {
                ends(n) && !n.starts_with('>') && n.split_whitespace().count() <= 6
            })
            && quote_follows(i + 1))
}

/// "Cyber Norms <cybernorms.lists.example.org>" → "cybernorms mailing list":
/// the first label of the list identifier, which stays the same when the
/// list's description changes.
fn list_name(list_id: &str) -> Option<String> {
    let id = match (list_id.rfind('<'), list_id.rfind('>')) {
        (Some(open), Some(close)) if open < close => &list_id[open + 1..close],
        _ => list_id,
    };
    let name = id.trim().split('.').next()?.trim();
    (!name.is_empty()).then(|| format!("{name} mailing list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    const REPLY: &str = "From: =?ISO-8859-1?Q?Jos=E9?= <jose@example.net>\n\
        Date: Wed, 6 Mar 2024 08:01:00 +0000\n\
        Subject: Re: [cybernorms] RE: Principle 4\n\
        List-Id: Cyber Norms <cybernorms.lists.example.org>\n\
        Content-Type: text/plain; charset=ISO-8859-1\n\
        Content-Transfer-Encoding: quoted-printable\n\
        \n\
        On Tue, 5 Mar 2024 at 10:12, Alice Martins\n\
        <alice@example.org> wrote:\n\
        > The draft is open\n\
        > for comments.\n\
        \n\
        I agree. The r=F4le of centres is central, and the text should say=\n\
        \x20so\n\
        explicitly.\n\
        - first point\n\
        - second point\n\
        \n\
        -- \n\
        Jos=E9\n\
        _______________________________________________\n\
        cybernorms mailing list\n";

    #[test]
    fn reply_without_quotes_signature_or_footer() {
        let docs = read_mail(REPLY.as_bytes()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            texts(&docs[0]),
            [
                "I agree. The rôle of centres is central, and the text should say so explicitly.",
                "- first point",
                "- second point",
            ]
        );
        let meta = &docs[0].meta;
        assert_eq!(meta.title.as_deref(), Some("Principle 4"));
        assert_eq!(meta.author.as_deref(), Some("José"));
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-06")
        );
        assert_eq!(meta.source.as_deref(), Some("cybernorms mailing list"));
    }

    #[test]
    fn mbox_yields_one_document_per_message() {
        let mbox = "From a@example.org Tue Mar  5 10:12:00 2024\n\
            From: A <a@example.org>\nSubject: One\n\nFirst body.\n>From here on, escaped.\n\n\
            From b@example.org Tue Mar  5 11:12:00 2024\n\
            From: b@example.org\nSubject: Two\n\nSecond body.\n";
        let docs = read_mail(mbox.as_bytes()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(texts(&docs[0]), ["First body. From here on, escaped."]);
        assert_eq!(docs[1].meta.author.as_deref(), Some("b@example.org"));
        assert_eq!(texts(&docs[1]), ["Second body."]);
    }

    #[test]
    fn digests_yield_one_document_per_message_they_hold() {
        let mime = "From: list-request@example.org\nSubject: norms Digest, Vol 1, Issue 2\n\
            List-Id: Norms <norms.example.org>\nMIME-Version: 1.0\n\
            Content-Type: multipart/mixed; boundary=\"d\"\n\n--d\nContent-Type: text/plain\n\n\
            Today's Topics:\n   1. Principle 8 (Tom)\n--d\nContent-Type: multipart/digest; boundary=\"m\"\n\n\
            --m\n\nFrom: Tom <t@example.net>\nSubject: [norms] Principle 8\n\nPrinciple 8 is weak.\n\
            --m\n\nFrom: Ruth <r@example.org>\nSubject: Re: [norms] Principle 8\n\nIt sets a floor.\n--m--\n--d--\n";
        let plain = "From: list-request@example.org\nSubject: norms Digest, Vol 1, Issue 3\n\n\
            Today's Topics:\n   1. Principle 8 (Tom)\n\n\
            ----------------------------------------------------------------------\n\n\
            Message: 1\nFrom: Tom <t@example.net>\nSubject: [norms] Principle 8\n\n\
            Principle 8 is weak.\n\n-- \nTom\n\n------------------------------\n\n\
            Message: 2\nFrom: Ruth <r@example.org>\nSubject: Re: [norms] Principle 8\n\n\
            It sets a floor.\n\n------------------------------\n\nSubject: Digest Footer\n\n\
            _______________________________________________\nnorms mailing list\n";
        for digest in [mime, plain] {
            let docs = read_mail(digest.as_bytes()).unwrap();
            let bodies: Vec<Vec<&str>> = docs.iter().map(texts).collect();
            assert_eq!(
                bodies,
                [["Principle 8 is weak."], ["It sets a floor."]],
                "{digest}"
            );
            assert_eq!(docs[1].meta.title.as_deref(), Some("Principle 8"));
            assert_eq!(docs[1].meta.author.as_deref(), Some("Ruth"));
        }
    }

    #[test]
    fn outlook_replies_end_where_the_quoted_message_starts() {
        let plain = "From: p@example.gov\nSubject: SV: Principle 8\n\nWe accept the wording.\n\n\
            ________________________________\nFrom: Ruth <r@example.org>\n\
            Sent: 12 November 2018 17:45\nTo: Peter\nSubject: Principle 8\n\nDo you object?\n";
        let html = "From: p@example.gov\nSubject: RE: Principle 8\nContent-Type: text/html\n\n\
            <p>We accept the wording.</p><div id=\"divRplyFwdMsg\"><b>From:</b> Ruth \
            <b>Sent:</b> 12 November 2018 <b>To:</b> Peter <b>Subject:</b> Principle 8</div>\
            <p>Do you object?</p>\n";
        for raw in [plain, html] {
            let docs = read_mail(raw.as_bytes()).unwrap();
            assert_eq!(texts(&docs[0]), ["We accept the wording."], "{raw}");
            assert_eq!(docs[0].meta.title.as_deref(), Some("Principle 8"));
        }
    }

    #[test]
    fn prose_that_looks_like_mail_chrome_is_kept() {
        let raw = "From: p@example.org\nSubject: Norms\n\n\
            We raised this on the cybernorms mailing list\n\
            last year. As Peter Singer once wrote:\n\n\
            Norms need teeth.\n\n--\n\n\
            A second point, after a separator.\nIt runs on.\nAnd on.\nAnd on.\n\
            Still more.\nMore.\nMore.\nMore.\nThe end.\n";
        let docs = read_mail(raw.as_bytes()).unwrap();
        let texts = texts(&docs[0]);
        assert_eq!(
            texts[0],
            "We raised this on the cybernorms mailing list last year. As Peter Singer once wrote:"
        );
        assert_eq!(texts[1], "Norms need teeth.");
        assert!(texts[2].starts_with("A second point"), "{texts:?}");
    }

    #[test]
    fn a_bare_double_dash_before_a_short_signature_ends_the_message() {
        let raw = "From: p@example.org\nSubject: Norms\n\nNorms need teeth.\n\n--\n\
            Peter Lind\nNorms Institute\nOslo\n+47 000\nhttps://norms.example\n\
            Sent from a phone\nPlease excuse typos\n";
        let docs = read_mail(raw.as_bytes()).unwrap();
        assert_eq!(texts(&docs[0]), ["Norms need teeth."]);
    }

    #[test]
    fn html_only_message_is_read_through_the_html_reader() {
        let raw = "From: x@example.org\nSubject: Minutes\nContent-Type: text/html; charset=windows-1252\n\
            Content-Transfer-Encoding: quoted-printable\n\n<p>Na=EFve =96 summary.</p><p>Second.</p>\n";
        let docs = read_mail(raw.as_bytes()).unwrap();
        assert_eq!(texts(&docs[0]), ["Naïve – summary.", "Second."]);
    }

    #[test]
    fn base64_latin1_multipart_prefers_plain_text() {
        let raw = "From: x@example.org\nSubject: S\nMIME-Version: 1.0\n\
            Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\n\
            Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: base64\n\n\
            R2Vu6HZlIHRleHQu\n--b\nContent-Type: text/html\n\n<p>html version</p>\n--b--\n";
        let docs = read_mail(raw.as_bytes()).unwrap();
        assert_eq!(texts(&docs[0]), ["Genève text."]);
    }

    #[test]
    fn thread_fixture_gives_one_document_per_message() {
        let docs = read_mail(include_bytes!("../../tests/fixtures/formats/thread.mbox")).unwrap();
        let titles: Vec<_> = docs
            .iter()
            .map(|d| d.meta.title.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            titles,
            [
                "Lisbon Declaration: comments on principle 4",
                "Lisbon Declaration: comments on principle 4",
                "Principle 6 consolidated text",
                "Minutes of round three",
            ]
        );
        // the reply does not repeat the quoted first message
        assert_eq!(
            texts(&docs[1]),
            [
                "I agree with Alice. The rôle of coordination centres is central, and the commentary should \
                 say so explicitly - perhaps in a dédié paragraph.",
                "José",
            ]
        );
        assert_eq!(docs[2].meta.author.as_deref(), Some("Françoise Legrand"));
        assert!(texts(&docs[2])[0].contains("as discussed in Genève. States should take"));
        assert_eq!(
            texts(&docs[3]),
            [
                "Minutes of the third consultation round – naïve summary.",
                "Attribution was discussed but not agreed."
            ]
        );
        let all_text: Vec<&str> = docs.iter().flat_map(texts).collect();
        assert!(all_text.iter().all(|p| !p.contains("mailing list")
            && !p.contains("listinfo")
            && !p.contains("Centre for Cyber Policy")));
        assert_eq!(docs[3].meta.source, None);
    }

    #[test]
    fn single_eml_fixture_is_one_document() {
        let docs = read_mail(include_bytes!("../../tests/fixtures/formats/single.eml")).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-11")
        );
        assert_eq!(docs[0].paragraphs.len(), 3);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_mail(b"").is_err());
        assert!(read_mail(b"\x00\xff\xfe binary junk \x01\x02").is_err());
        let junk: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
            .collect();
        let _ = read_mail(&junk);
        let mut mbox = b"From x\n".to_vec();
        mbox.extend_from_slice(&junk);
        let _ = read_mail(&mbox);
    }
}
