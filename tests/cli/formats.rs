//! Reading the formats documents come in: PDF, HTML, e-mail, Markdown,
//! with their metadata, and the broken-file cases.

use crate::common::{repo_path, Env};

fn docs(env: &Env, args: &[&str]) -> Vec<String> {
    env.run(args)
        .json()
        .iter()
        .map(|h| h["doc"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pdf_passages_cite_pages_and_survive_hyphenation_and_line_breaks() {
    let env = Env::fixture("formats");
    // "cyber-/space" across a line end is one word again; "non-/state" keeps its hyphen.
    let hits = env
        .run(&["search", "\"non-state actors\"", "--json"])
        .ok()
        .json();
    assert!(hits.iter().any(|h| h["doc"] == "declaration.pdf"
        && h["citation"]
            .as_str()
            .unwrap()
            .starts_with("declaration.pdf p.1 ¶")));
    let all = env
        .run(&["search", "doc:declaration.pdf", "--json", "--limit", "100"])
        .ok()
        .json();
    let text: Vec<&str> = all.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert!(
        text.iter().any(|t| t.contains("cyberspace")) && !text.iter().any(|t| t.contains("cyber-")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("non-state")));
    // Running headers, footers and page numbers are gone.
    assert!(!text.iter().any(|t| t.contains("Page 1 of 3")), "{text:#?}");
    // Numbered principles are one passage each.
    for n in 1..=7 {
        let prefix = format!("{n}. States should");
        assert_eq!(
            text.iter().filter(|t| t.starts_with(&prefix)).count(),
            1,
            "principle {n}: {text:#?}"
        );
    }
    let pages: Vec<u64> = all.iter().filter_map(|h| h["page"].as_u64()).collect();
    assert!(
        pages.contains(&1) && pages.contains(&2) && pages.contains(&3),
        "{pages:?}"
    );
    assert_eq!(
        all[0]["title"],
        "Lisbon Declaration on Responsible State Behaviour in Cyberspace"
    );
}

#[test]
fn broken_pdfs_warn_by_name_and_the_rest_indexes() {
    let env = Env::fixture("formats");
    env.run(&["index"])
        .ok()
        .stderr_has("encrypted.pdf: skipped: the PDF is encrypted")
        .stderr_has("scanned.pdf: skipped: no text layer")
        .stderr_has("truncated.pdf: skipped: not a valid PDF")
        .stdout_has("3 skipped");
    env.run(&["search", "Lisbon"]).ok();
}

/// A one-page PDF whose text is drawn in a Type 3 font with made-up glyph
/// names and no ToUnicode table: glyphs on the page, no characters.
fn type3_pdf() -> Vec<u8> {
    let glyph = |ops: &str| format!("<< /Length {} >>\nstream\n{ops}\nendstream", ops.len());
    let content = "BT /F1 12 Tf 72 700 Td (ABABAB BA AB) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        glyph(content),
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] \
         /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs 6 0 R \
         /Encoding << /Type /Encoding /Differences [65 /g1 /g2] >> \
         /FirstChar 65 /LastChar 66 /Widths [600 600] /Resources << >> >>"
            .to_string(),
        "<< /g1 7 0 R /g2 8 0 R >>".to_string(),
        glyph("600 0 0 0 500 700 d1 0 0 m 500 0 l 250 700 l f"),
        glyph("600 0 0 0 500 700 d1 0 0 500 700 re f"),
    ];
    pdf_file(&objects)
}

/// A PDF file of `objects`, numbered from 1 (the first the catalog).
fn pdf_file(objects: &[String]) -> Vec<u8> {
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

/// A one-page PDF in Helvetica: a sentence cut by a chart's figures set
/// small between its halves, and a footer beside the page number.
fn interrupted_pdf() -> Vec<u8> {
    let line = |size: u32, x: u32, y: u32, text: &str| {
        format!("BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n")
    };
    let content = [
        line(
            11,
            72,
            700,
            "The working group met four times in the spring and asked every member",
        ),
        line(
            11,
            72,
            686,
            "the same questions about how the norms of the Call are put to work.",
        ),
        line(
            11,
            72,
            660,
            "While most of the respondents say that the norms of the Call would help",
        ),
        line(
            11,
            72,
            646,
            "their entity in the end reach the aims they set for it and also achieve",
        ),
        line(7, 300, 560, "89% 67%"),
        line(
            11,
            72,
            480,
            "its goals, only a few of them act on the norms of the Call today. The",
        ),
        line(
            11,
            72,
            466,
            "group will ask again next year and publish what it finds in the spring.",
        ),
        line(9, 300, 40, "www.example.org/journal"),
        line(9, 520, 40, "1"),
    ]
    .concat();
    pdf_file(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ])
}

/// A sentence cut by a chart's figures is one passage again, the figures
/// after it; a footer beside the page number is no passage (#16).
#[test]
fn a_pdf_sentence_cut_by_a_chart_is_joined_and_its_footer_dropped() {
    let env = Env::empty();
    env.write("survey.pdf", interrupted_pdf());
    let hits = env
        .run(&["search", "\"achieve its goals\"", "--json"])
        .ok()
        .json();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let text = hits[0]["text"].as_str().unwrap_or("");
    assert!(
        text.contains(
            "While most of the respondents say that the norms of the Call would help their \
             entity in the end reach the aims they set for it and also achieve its goals, only \
             a few of them act on the norms of the Call today."
        ),
        "{text}"
    );
    env.run(&["search", "\"89% 67%\"", "--json"]).ok();
    env.run(&["search", "journal"]).code(1);
}

#[test]
fn a_pdf_without_text_says_whether_it_is_scanned_or_its_fonts_map_no_characters() {
    let env = Env::fixture("formats");
    env.write("type3.pdf", type3_pdf());
    env.run(&["index"])
        .ok()
        .stderr_has("scanned.pdf: skipped: no text layer: the pages hold images or drawings only (scanned?); run OCR on it first")
        .stderr_has("type3.pdf: skipped: no readable text: its 12 glyphs are drawn in fonts that map them to no characters (Type 3 or without a ToUnicode table)")
        .stderr_lacks("type3.pdf: skipped: no text layer");
}

#[test]
fn html_article_keeps_the_text_and_drops_the_page_chrome() {
    let env = Env::fixture("formats");
    let hits = env
        .run(&["search", "doc:article.html", "--json", "--limit", "100"])
        .ok()
        .json();
    let first = &hits[0];
    assert_eq!(
        first["title"],
        "Lisbon Declaration: what the seven principles say"
    );
    assert_eq!(first["date"], "2024-03-07");
    assert_eq!(first["source"], "Norms Watch");
    assert_eq!(
        first["url"],
        "https://normswatch.example.org/analysis/lisbon-declaration"
    );
    for chrome in ["cookies", "\"Share on\"", "newsletter"] {
        assert!(
            !docs(&env, &["search", chrome, "--json"]).contains(&"article.html".to_string()),
            "{chrome}"
        );
    }
    // Entities are decoded.
    env.run(&["search", "\"routing & naming\"", "--json"]).ok();
}

#[test]
fn mbox_messages_are_documents_without_their_quoted_replies() {
    let env = Env::fixture("formats");
    let hits = env
        .run(&["search", "\"who should receive the reports\"", "--json"])
        .ok()
        .json();
    let found: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(
        found,
        ["thread.mbox#1"],
        "the reply quoting it is not a second hit"
    );
    assert_eq!(
        hits[0]["title"],
        "Lisbon Declaration: comments on principle 4"
    );
    assert_eq!(hits[0]["kind"], "mail");
    assert_eq!(hits[0]["source"], "cybernorms mailing list");
    // Quoted-printable and base64 bodies in ISO-8859-1 decode.
    assert_eq!(
        docs(&env, &["search", "dédié", "--json"]),
        ["thread.mbox#2"]
    );
    assert_eq!(
        docs(&env, &["search", "Genève", "--json"]),
        ["thread.mbox#3"]
    );
    // List footers and signatures stay out.
    env.run(&["search", "listinfo"]).code(1);
}

#[test]
fn markdown_front_matter_gives_metadata() {
    let env = Env::fixture("formats");
    let hits = env
        .run(&[
            "search",
            "promises without memory",
            "--kind",
            "commentary",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(hits[0]["doc"], "commentary.md");
    assert_eq!(hits[0]["title"], "Commentary on the Lisbon Declaration");
    assert_eq!(hits[0]["date"], "2024-03-09");
}

#[test]
fn catalog_overrides_file_metadata_and_filters_use_it() {
    let env = Env::fixture("formats");
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"declaration.pdf\"\nkind = \"accord\"\ndate = \"2024-03-01\"\nsource = \"Lisbon Conference\"\n",
    );
    let accords = docs(
        &env,
        &["search", "kind:accord critical infrastructure", "--json"],
    );
    assert!(
        !accords.is_empty() && accords.iter().all(|d| d == "declaration.pdf"),
        "{accords:?}"
    );
    let since = docs(
        &env,
        &[
            "search",
            "Lisbon",
            "--since",
            "2024-03-08",
            "--json",
            "--limit",
            "50",
        ],
    );
    assert!(
        since.iter().all(|d| [
            "commentary.md",
            "single.eml",
            "thread.mbox#4",
            "statement.docx"
        ]
        .contains(&d.as_str())),
        "{since:?}"
    );
    let by_source = docs(
        &env,
        &[
            "search",
            "source:\"lisbon conference\" principles",
            "--json",
        ],
    );
    assert!(!by_source.is_empty() && by_source.iter().all(|d| d == "declaration.pdf"));
}

#[test]
fn files_are_recognised_by_content_not_only_extension() {
    let env = Env::empty();
    let pdf = std::fs::read(repo_path("tests/fixtures/formats/declaration.pdf")).unwrap();
    env.write("no-extension", &pdf);
    env.write(
        "archive.zip",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary\x00\x00stuff",
    );
    let run = env.run(&["index"]);
    run.ok()
        .stderr_has("archive.zip: skipped: binary or unknown file type")
        .stdout_has("1 skipped");
    let hits = env
        .run(&["search", "\"non-state actors\"", "--json"])
        .ok()
        .json();
    assert_eq!(hits[0]["doc"], "no-extension");
    assert!(hits[0]["citation"].as_str().unwrap().contains(" p.1 "));
}

#[test]
fn mail_digests_and_outlook_replies_read_as_their_messages() {
    let env = Env::empty();
    env.write(
        "digest.eml",
        "From: list-request@example.org\nSubject: norms Digest, Vol 1, Issue 3\n\
         List-Id: Norms <norms.example.org>\n\nToday's Topics:\n   1. Principle 8 (Tom)\n\n\
         ----------------------------------------------------------------------\n\n\
         Message: 1\nFrom: Tom <t@example.net>\nDate: Wed, 14 Nov 2018 10:00:00 +0000\n\
         Subject: [norms] Principle 8\n\nPrinciple 8 is weak quokkaword.\n\n-- \nTom\n\n\
         ------------------------------\n\n\
         Message: 2\nFrom: Ruth <r@example.org>\nSubject: Re: [norms] Principle 8\n\n\
         It sets a floor numbatword.\n\n------------------------------\n",
    );
    env.write(
        "reply.eml",
        "From: Peter <p@example.gov>\nSubject: SV: Review\n\nI can host the review wallabyword.\n\n\
         ________________________________\nFrom: Tom <t@example.net>\n\
         Sent: Tuesday, November 13, 2018 6:01 PM\nTo: list\nSubject: Review\n\n\
         Who can host the review koalaword?\n",
    );
    let hit = &env.run(&["search", "numbatword", "--json"]).ok().json()[0];
    assert_eq!(hit["doc"], "digest.eml#2");
    assert_eq!(hit["title"], "Principle 8");
    assert_eq!(hit["source"], "norms mailing list");
    assert_eq!(
        docs(&env, &["search", "quokkaword", "--json"]),
        ["digest.eml#1"]
    );
    let hit = &env.run(&["search", "wallabyword", "--json"]).ok().json()[0];
    assert_eq!(hit["title"], "Review");
    env.run(&["search", "koalaword"]).code(1);
}

#[test]
fn web_pages_keep_stories_with_chrome_like_classes_and_json_ld_metadata() {
    let env = Env::empty();
    env.write(
        "post.html",
        "<html><head><script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \
         \"NewsArticle\", \"headline\": \"Platforms and the pledge\", \
         \"datePublished\": \"2018-04-17T08:00:00Z\"}]}</script></head><body>\
         <h1>Site logo</h1><article class=\"post tag-social-media\"><p>Platforms that \
         endorse the pledge act against interference wombatword.</p></article>\
         <p>Updated <time datetime=\"2019-02-01\">then</time></p></body></html>",
    );
    let hit = &env.run(&["search", "wombatword", "--json"]).ok().json()[0];
    assert_eq!(hit["title"], "Platforms and the pledge");
    assert_eq!(hit["date"], "2018-04-17");
}

#[test]
fn a_wrapped_mail_saved_as_text_keeps_its_phrases_despite_a_long_url() {
    let env = Env::empty();
    let url = format!("https://lists.example.org/archive/{}", "x".repeat(90));
    env.write(
        "post.txt",
        format!(
            "Post\n\nFirms that hack\nback put everyone at risk, and the\n\
             private sector knows it.\n\nSee {url}\n\nThanks.\n"
        ),
    );
    let run = env.run(&["kwic", "hack back", "--json"]);
    assert_eq!(run.ok().json().len(), 1);
}

/// Standard base64 in 76-column lines, as mail clients write attachments.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let sextet = (n >> (18 - 6 * i)) & 63;
            out.push(if i <= chunk.len() {
                char::from(ALPHABET[sextet as usize])
            } else {
                '='
            });
        }
    }
    let lines: Vec<&str> = out
        .as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    lines.join("\n")
}

#[test]
fn mail_attachments_are_documents_of_their_own() {
    let env = Env::empty();
    let pdf = std::fs::read(repo_path("tests/fixtures/formats/declaration.pdf")).unwrap();
    let part = |headers: &str, body: &str| format!("--b\n{headers}\n\n{body}\n");
    let mail = [
        "From: Ana Costa <ana@example.org>\nSubject: Fwd: the declaration\n\
         Date: Tue, 12 Mar 2024 09:00:00 +0000\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"b\"\n\n"
            .to_string(),
        part(
            "Content-Type: text/plain",
            "The declaration is attached emuword.",
        ),
        part(
            "Content-Type: application/pdf; name=\"lisbon.pdf\"\n\
             Content-Disposition: attachment; filename=\"lisbon.pdf\"\n\
             Content-Transfer-Encoding: base64",
            &base64(&pdf),
        ),
        part(
            "Content-Type: text/plain; name=\"minutes.txt\"\n\
             Content-Disposition: attachment; filename=\"minutes.txt\"",
            "Minutes: the chair thanked the delegations dingoword.",
        ),
        part(
            "Content-Type: image/png; name=\"logo.png\"\nContent-Transfer-Encoding: base64",
            &base64(b"\x89PNG\r\n\x1a\nnot really an image"),
        ),
        part(
            "Content-Type: application/rtf; name=\"notes.rtf\"\n\
             Content-Transfer-Encoding: base64",
            &base64(b"{\\rtf1\\ansi notes}"),
        ),
        part(
            "Content-Type: message/rfc822",
            "From: Tom <t@example.net>\nSubject: Forwarded view\n\nThe forwarded view quollword.",
        ),
        "--b--\n".to_string(),
    ]
    .concat();
    env.write("mail.eml", &mail);
    env.run(&["index"])
        .ok()
        .stderr_has("mail.eml: attachment notes.rtf: not read")
        .stderr_lacks("logo.png");
    assert_eq!(docs(&env, &["search", "emuword", "--json"]), ["mail.eml"]);
    let hit = &env
        .run(&["search", "\"non-state actors\"", "--json"])
        .ok()
        .json()[0];
    assert_eq!(hit["doc"], "mail.eml/lisbon.pdf");
    assert_eq!(hit["kind"], "document");
    assert_eq!(hit["date"], "2024-03-12");
    assert!(hit["citation"].as_str().unwrap().contains(" p.1 "));
    let hit = &env.run(&["search", "dingoword", "--json"]).ok().json()[0];
    assert_eq!(hit["doc"], "mail.eml/minutes.txt");
    assert_eq!(hit["title"], "minutes.txt");
    assert_eq!(hit["date"], "2024-03-12");
    let hit = &env.run(&["search", "quollword", "--json"]).ok().json()[0];
    assert_eq!(hit["doc"], "mail.eml/message.eml");
    assert_eq!(hit["title"], "Forwarded view");
    assert_eq!(hit["kind"], "mail");
}

#[test]
fn office_documents_are_read_with_their_metadata_and_quotes() {
    let env = Env::fixture("formats");
    env.write("broken.docx", b"PK\x03\x04 cut off");
    env.run(&["index"])
        .ok()
        .stderr_has("broken.docx: skipped: not a valid Word file");
    let hit = &env
        .run(&["search", "\"standing working group\"", "--json"])
        .ok()
        .json()[0];
    assert_eq!(hit["doc"], "statement.docx");
    assert_eq!(hit["title"], "Statement on the Lisbon Declaration");
    assert_eq!(hit["date"], "2024-03-15");
    // Deleted text of a tracked change is not read.
    env.run(&["search", "opposes"]).code(1);
    let quote = &env
        .run(&["quotes", "--speaker", "Almeida", "--json"])
        .ok()
        .json()[0];
    assert_eq!(quote["text"], "Restraint is a norm, not a favour");
    assert_eq!(quote["speaker"], "Rui Almeida");
    let hit = &env
        .run(&["search", "\"technical indicators\"", "--json"])
        .ok()
        .json()[0];
    assert_eq!(hit["doc"], "submission.odt");
    assert_eq!(hit["title"], "Slovenian submission on attribution");
    // Tracked deletions, footnotes and comments are not read.
    for left_out in ["withdrawn", "Ljubljana", "\"check this\""] {
        env.run(&["search", left_out]).code(1);
    }
    let quote = &env
        .run(&["quotes", "--speaker", "Kovač", "--json"])
        .ok()
        .json()[0];
    assert_eq!(quote["speaker"], "Marta Kovač");
}

/// The passages of one document, in reading order.
fn passages_of(env: &Env, doc: &str) -> Vec<String> {
    env.run(&["search", &format!("doc:{doc}"), "--json", "--limit", "1000"])
        .ok()
        .json()
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect()
}

// issue #16: CR CR LF line endings read as a blank line after every line.
#[test]
fn text_with_cr_cr_lf_line_endings_keeps_its_paragraphs_whole() {
    let env = Env::fixture("site");
    assert_eq!(
        passages_of(&env, "minutes.txt"),
        [
            "Harbour Working Group: minutes of the third session",
            "The chair opened the session by recalling that the group had agreed in March to report on how states apply the norm against attacks on emergency services, and asked delegations to keep statements short.",
            "Delegations raised three points:",
            "- that hospitals and ambulance dispatch should be named in the text, not left to a footnote;",
            "- that the norm should cover ransomware crews acting for a state;",
            "- that reports on incidents go to the group within thirty days.",
            "The chair closed the session and thanked the interpreters.",
        ]
    );
}

// issue #16: kramdown attribute lists and Liquid tags became passages or
// stayed in the text.
#[test]
fn jekyll_markdown_loses_kramdown_markers_and_liquid_tags() {
    let env = Env::fixture("site");
    assert_eq!(
        passages_of(&env, "principles.md"),
        [
            "The Harbour Principles",
            "Table of contents",
            "The Harbour Principles set out what states owe one another when a cyber operation reaches a port.",
            "Read the full text",
            "Principle 1: ports are critical infrastructure",
            "States should treat port systems as critical infrastructure, as the secretariat noted in its review.",
            "Principle 2: warning before harm",
            "States should warn the port operator before an operation could cause harm, and keep the warning on record.",
            "Principle | Who acts | When",
            "1 | States | Always",
            "2 | Operators | Before harm",
            "The secretariat's review of port incidents, published in 2023.",
        ]
    );
    let hit = &env.run(&["search", "port operator", "--json"]).ok().json()[0];
    assert_eq!(hit["title"], "The Harbour Principles");
    assert_eq!(hit["date"], "2024-05-14");
}

// issue #16: the content of <div markdown="1"> was dropped.
#[test]
fn markdown_in_html_blocks_is_read_and_scripts_are_not() {
    let env = Env::fixture("site");
    assert_eq!(
        passages_of(&env, "explainer.md"),
        [
            "Explainer on port warnings",
            "Note: the warning duty applies to every operation that could reach a port's cargo systems.",
            "It binds states.",
            "It binds their proxies.",
            "Why warnings matter",
            "A warning lets the operator switch to manual handling.",
            "Operators asked for a single contact point.",
            "The explainer ends here.",
        ]
    );
    for left_out in ["tracker", "border", "draft", "\"editor's note\""] {
        env.run(&["search", left_out]).code(1);
    }
}

/// The passages of one PDF made by a real producer (`tests/fixtures/pdf`,
/// see its README), and its ground truth: one JSON object per paragraph.
fn producer_pdf(name: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let env = Env::empty();
    let pdf = std::fs::read(repo_path(&format!("tests/fixtures/pdf/{name}.pdf"))).unwrap();
    env.write(&format!("{name}.pdf"), pdf);
    let got = env
        .run(&[
            "search",
            &format!("doc:{name}.pdf"),
            "--json",
            "--limit",
            "1000",
        ])
        .ok()
        .json();
    let truth = std::fs::read_to_string(repo_path(&format!(
        "tests/fixtures/pdf/{name}.expected.jsonl"
    )))
    .unwrap();
    let expected = truth
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (got, expected)
}

/// Every expected paragraph that `wanted` picks is one passage, word for
/// word, on its pages, with its block.
fn assert_read_as_expected(
    got: &[serde_json::Value],
    expected: &[serde_json::Value],
    wanted: impl Fn(&serde_json::Value) -> bool,
) {
    let texts: Vec<&str> = got.iter().map(|h| h["text"].as_str().unwrap()).collect();
    for e in expected.iter().filter(|e| wanted(e)) {
        let hit = got
            .iter()
            .find(|h| h["text"] == e["text"])
            .unwrap_or_else(|| panic!("no passage reads\n  {}\namong\n{texts:#?}", e["text"]));
        assert_eq!(hit["page"], e["page"], "{}", e["text"]);
        assert_eq!(hit["last_page"], e["last_page"], "{}", e["text"]);
        assert_eq!(hit["block"], e["role"], "{}", e["text"]);
    }
}

#[test]
fn word_pdf_lists_footnotes_table_and_page_break_read_as_written_issue_16() {
    // LibreOffice Writer, ragged right with no space between paragraphs,
    // as Word writes them: the Paris Call's layout.
    let (got, expected) = producer_pdf("writer-accord");
    assert_read_as_expected(&got, &expected, |e| {
        matches!(
            e["role"].as_str(),
            Some("list_item" | "footnote" | "heading")
        ) || e["last_page"].is_number()
    });
    let texts: Vec<&str> = got.iter().map(|h| h["text"].as_str().unwrap()).collect();
    // the running header from page 2 on and the page numbers are gone
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Draft 3") || t.starts_with("Page ")),
        "{texts:#?}"
    );
    // a paragraph cut by the page break is cited with both pages
    let modest = got
        .iter()
        .find(|h| {
            h["text"]
                .as_str()
                .unwrap()
                .starts_with("The commitments are")
        })
        .unwrap();
    assert_eq!(
        modest["citation"].as_str().unwrap(),
        format!("writer-accord.pdf p.1–2 ¶{}", modest["paragraph"])
    );
    // table rows are rows, not a passage per cell
    assert!(!texts.contains(&"✓") && !texts.contains(&"✗"), "{texts:#?}");
}

#[test]
fn latex_two_column_article_reads_in_column_order_with_printed_pages_issue_16() {
    let (got, expected) = producer_pdf("latex-article");
    // (the authors' line, set large under the title, reads as a heading)
    assert_read_as_expected(&got, &expected, |e| {
        matches!(e["role"].as_str(), Some("body" | "footnote"))
            && !e["text"].as_str().unwrap().starts_with("Mira Okonjo")
    });
    let texts: Vec<&str> = got.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert!(
        !texts.iter().any(|t| t.contains("Journal of Cyber Norms")),
        "the running head stays out: {texts:#?}"
    );
    // the printed page is cited first, the PDF's page after it
    let intro = got
        .iter()
        .find(|h| {
            h["text"]
                .as_str()
                .unwrap()
                .starts_with("Scholars of international")
        })
        .unwrap();
    assert_eq!(intro["page_label"], "396");
    assert_eq!(
        intro["citation"].as_str().unwrap(),
        format!("latex-article.pdf p.396 ¶{} (PDF p.1)", intro["paragraph"])
    );
    // the citation as printed is what `similar` takes
    let env = Env::empty();
    let pdf = std::fs::read(repo_path("tests/fixtures/pdf/latex-article.pdf")).unwrap();
    env.write("latex-article.pdf", pdf);
    env.run(&["similar", intro["citation"].as_str().unwrap(), "--same-doc"])
        .ok()
        .stdout_has("Passages like latex-article.pdf p.396 ¶");
}

#[test]
fn chromium_pdf_with_css_columns_reads_word_for_word_issue_16() {
    // Skia sets glyph widths that pdf-extract misread ("Nor ms W atch");
    // the two CSS columns are read one after the other.
    let (got, expected) = producer_pdf("chromium-brief");
    // every paragraph word for word; the blocks of the body text too (the
    // standfirst, set large, reads as a heading, the bold subheading as body)
    assert_read_as_expected(&got, &expected, |e| {
        e["role"] == "body" && !e["text"].as_str().unwrap().starts_with("After a week")
    });
    for e in &expected {
        assert!(got.iter().any(|h| h["text"] == e["text"]), "{}", e["text"]);
    }
    assert_eq!(got.len(), expected.len());
}

#[test]
fn groff_memo_keeps_its_footnote_apart_and_its_paragraphs_whole_issue_16() {
    let (got, expected) = producer_pdf("groff-memo");
    assert_read_as_expected(&got, &expected, |e| {
        e["role"] == "footnote" || e["last_page"].is_number()
    });
    let texts: Vec<&str> = got.iter().map(|h| h["text"].as_str().unwrap()).collect();
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Valletta Accord: first reporting cycle")),
        "{texts:#?}"
    );
}

/// The passages of one document, in reading order, and its first hit.
fn passages(env: &Env, doc: &str) -> (Vec<String>, serde_json::Value) {
    let hits = env
        .run(&["search", &format!("doc:{doc}"), "--json", "--limit", "1000"])
        .ok()
        .json();
    let texts = hits
        .iter()
        .filter(|h| h["doc"] == doc)
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect();
    (texts, hits[0].clone())
}

/// Issue #16: a page without article markup lost its story to the
/// headline feeds and the "Sign in" bar around it.
#[test]
fn web_page_story_in_plain_divs_is_read_without_the_headline_feeds() {
    let env = Env::fixture("web");
    let (texts, hit) = passages(&env, "feed-page.html");
    assert_eq!(
        texts,
        [
            "Tallinn talks draft ransomware contact points",
            "Negotiators from twelve States met in Tallinn on Monday to draft a common position on ransomware attacks against hospitals.",
            "The draft asks each State to name a single contact point that answers within twenty-four hours.",
            "Delegates said the contact points would share indicators of compromise, not attribution claims, which remain a national decision.",
            "Two delegations wanted a reporting deadline of seventy-two hours, while others argued that a deadline nobody can meet helps nobody.",
            "The chair proposed a compromise: a first notice within a day, a fuller report within a week.",
            "Civil society observers welcomed the focus on hospitals but asked why water and power utilities were left out of the text.",
            "A second round of talks is planned for the autumn, when the group hopes to agree on a template for the reports.",
        ]
    );
    assert_eq!(
        hit["title"],
        "Tallinn talks draft ransomware contact points"
    );
    assert_eq!(hit["source"], "Norms Watch");
}

/// Issue #16: ad labels, reading and subscribe prompts, teaser lists and
/// "Reuse this content" leaked into passages.
#[test]
fn web_page_furniture_inside_the_article_is_left_out() {
    let env = Env::fixture("web");
    let (texts, _) = passages(&env, "furniture.html");
    assert_eq!(
        texts,
        [
            "Why hospitals need their own cyber norm",
            "Hospitals are attacked because they pay, and they pay because patients cannot wait.",
            "A norm that protects health care would not stop criminals, but it would tell States what they owe each other when an attack crosses a border.",
            "Such a norm already has a model in the rules that protect medical units in armed conflict.",
            "Its weak point is evidence: hospitals rarely know who attacked them, and States rarely say.",
        ]
    );
}

/// Issue #16: a byline came out as the passage "By", and a date meta
/// naming several properties was ignored.
#[test]
fn web_page_byline_leaves_no_passage_and_a_multi_property_meta_dates_it() {
    let env = Env::fixture("web");
    let (texts, hit) = passages(&env, "byline.html");
    assert_eq!(
        texts,
        [
            "Contact points, one year on",
            "A year after the Tallinn draft, nine of the twelve States have named a contact point, and four of them answered a test call within a day.",
            "The other three say their national procedures are still being written.",
        ]
    );
    assert_eq!(hit["date"], "2021-05-04");
}

/// Issue #16: a logo's label ("Logo of …") was taken for the title.
#[test]
fn web_page_logo_heading_is_not_the_title() {
    let env = Env::fixture("web");
    let (texts, hit) = passages(&env, "logo-title.html");
    assert_eq!(hit["title"], "Geneva group agrees its programme of work");
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(!texts.iter().any(|t| t.contains("Logo")), "{texts:#?}");
}

/// Issue #16: reader comments under an article were indexed.
#[test]
fn web_page_reader_comments_are_left_out() {
    let env = Env::fixture("web");
    let (texts, _) = passages(&env, "comments.html");
    assert_eq!(
        texts,
        [
            "A deadline of one day",
            "The draft gives States one day to acknowledge a request for help after an attack on a hospital.",
            "Small States say they cannot staff a desk around the clock, and ask for three days instead.",
        ]
    );
    env.run(&["search", "\"comment number\""]).code(1);
}

// issue #20, found by fuzzing the text reader: a list marker followed by
// a space wider than one byte (U+2000) made the reader slice inside it.
#[test]
fn a_list_marker_before_a_wide_space_reads_as_a_list_item() {
    let env = Env::empty();
    env.write(
        "wide.txt",
        "Notes\n\nThe panel listed:\n\n-\u{2000}ransomware crews acting for a state\n-\u{2000}\u{0}\n",
    );
    let passages = passages_of(&env, "wide.txt");
    assert!(
        passages
            .iter()
            .any(|p| p.starts_with("- ransomware crews acting for a state")),
        "{passages:?}"
    );
}
