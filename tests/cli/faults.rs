//! The index under faults (#20): a read-only index, a full disk, file
//! names that are not UTF-8, hostile nesting. Each fault is made for real
//! where the machine allows (a read-only mount or a small tmpfs needs
//! root); otherwise the test says on stderr what it skipped.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

use crate::common::{live_version, Env, Run};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Takes write permission from everything under `path` (`chmod -R a-w`),
/// or gives the owner it back.
fn set_writable(path: &Path, writable: bool) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            set_writable(&entry.unwrap().path(), writable);
        }
    }
    let mode = meta.permissions().mode();
    let mode = if writable {
        mode | 0o200
    } else {
        mode & !0o222
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A file system mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    /// Runs `mount ARGS… TARGET` for each of `steps`; `None` (with the
    /// reason on stderr) where this machine does not allow it.
    fn new(steps: &[&[&str]], target: &Path, what: &str) -> Option<Mount> {
        std::fs::create_dir_all(target).unwrap();
        let mut mounted = None;
        for args in steps {
            let out = std::process::Command::new("mount")
                .args(*args)
                .arg(target)
                .output();
            let refused = match out {
                Ok(out) if out.status.success() => {
                    mounted.get_or_insert_with(|| Mount(target.to_path_buf()));
                    continue;
                }
                Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                Err(e) => format!("cannot run mount: {e}"),
            };
            eprintln!("skipped {what}: mount refused ({refused})");
            return None;
        }
        mounted
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).output();
    }
}

/// How many lines of `run`'s stderr hold `needle`.
fn stderr_lines_with(run: &Run, needle: &str) -> usize {
    run.stderr.lines().filter(|l| l.contains(needle)).count()
}

/// What a read-only index must do: answer searches (refreshing or not),
/// say once that it was not refreshed, refuse `accord index` in one line.
fn check_read_only_index(run: impl Fn(&[&str]) -> Run) {
    run(&["search", "elections", "--no-refresh"])
        .ok()
        .stdout_has("election")
        .stderr_lacks("damaged");
    // The corpus has changed: the refresh is what cannot be done.
    let refreshing = run(&["search", "elections"]);
    refreshing.ok().stdout_has("election");
    assert_eq!(
        stderr_lines_with(&refreshing, "read-only, not refreshed"),
        1,
        "{}",
        refreshing.stderr
    );
    run(&["search", "zeppelin"]).code(1);
    run(&["kwic", "election", "--json"]).ok();
    run(&["index"]).error("is read-only");
}

#[test]
fn a_read_only_index_is_searched_as_it_is_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write("later.txt", "A note on zeppelin diplomacy, added later.\n");
    let before: Vec<_> = std::fs::read_dir(env.index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    set_writable(&env.index, false);
    // Root writes whatever the permissions say: search as an ordinary
    // user then, who may read the scratch folder but not write the index.
    let root = is_root();
    if root {
        let scratch = env.corpus.parent().unwrap();
        std::fs::set_permissions(scratch, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    check_read_only_index(|args| {
        let mut cmd = env.command(args);
        if root {
            cmd.uid(65534).gid(65534);
        }
        env.run_with(cmd, args)
    });
    set_writable(&env.index, true);
    let mut after: Vec<_> = std::fs::read_dir(env.index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(before, after, "the read-only index was left as it was");
    env.run(&["search", "zeppelin"])
        .ok()
        .stderr_has("1 file(s) re-indexed");
}

#[test]
fn an_index_on_a_read_only_mount_is_searched_as_it_is_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write("later.txt", "A note on zeppelin diplomacy, added later.\n");
    let view = env.corpus.parent().unwrap().join("archive");
    let index = env.index.to_str().unwrap();
    let what = "searching an index on a read-only mount";
    let steps: [&[&str]; 2] = [&["--bind", index], &["-o", "remount,ro,bind"]];
    let Some(_mount) = Mount::new(&steps, &view, what) else {
        return;
    };
    check_read_only_index(|args| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .arg("--corpus")
            .arg(&env.corpus)
            .arg("--index")
            .arg(&view)
            .stdin(std::process::Stdio::null());
        env.run_with(cmd, args)
    });
}

/// About 1.7 MB of text in 3,000 paragraphs of made-up words: its index
/// does not fit in a 1 MB file system.
fn bulky_text() -> String {
    let mut seed = 1u64;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        format!("norm{}", (seed >> 33) % 20_000)
    };
    (0..3_000)
        .map(|_| (0..60).map(|_| word()).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The names in the live index folder.
fn live_files(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_undoes_the_update_and_searches_use_the_index_as_it_was_issue_20() {
    let env = Env::fixture("basic");
    let small = env.corpus.parent().unwrap().join("small");
    let what = "filling the disk (needs a 1 MB tmpfs)";
    let Some(_mount) = Mount::new(&[&["-t", "tmpfs", "-o", "size=1m", "tmpfs"]], &small, what)
    else {
        return;
    };
    let on_small = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .arg("--corpus")
            .arg(&env.corpus)
            .arg("--index")
            .arg(small.join("index"))
            .stdin(std::process::Stdio::null());
        env.run_with(cmd, args)
    };
    on_small(&["index"]).ok();
    let index = small.join("index");
    let before = live_files(&index);
    let clean = on_small(&["search", "elections", "--json"]).ok().json();
    env.write("bulky.txt", bulky_text());

    // The refresh fails, is undone, and the search answers from the old index.
    let search = on_small(&["search", "elections", "--json"]);
    search
        .ok()
        .stderr_has("disk full")
        .stderr_has("searching the index as it was");
    assert_eq!(search.json(), clean);
    assert_eq!(live_files(&index), before, "no segment is left behind");
    on_small(&["search", "elections", "--no-refresh"]).ok();
    on_small(&["index"]).error("disk full: no space left");
    assert_eq!(live_files(&index), before);
    on_small(&["index", "--rebuild"]).error("free some space");
    let left: Vec<_> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|n| !n.ends_with(".new")),
        "a failed --rebuild leaves no staging folder: {left:?}"
    );
    assert_eq!(on_small(&["search", "elections", "--json"]).json(), clean);

    // Space again (here: less to index), and the update goes through.
    env.write("bulky.txt", "A short note on norm42 instead.\n");
    on_small(&["search", "norm42"])
        .ok()
        .stderr_lacks("disk full")
        .stderr_has("1 file(s) re-indexed");
}

#[test]
fn names_that_differ_in_one_byte_outside_utf8_are_two_documents_issue_20() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::empty();
    for (byte, words) in [(0xFF, "norms"), (0xFE, "treaties")] {
        let name = [b'a', byte, b'.', b't', b'x', b't'];
        std::fs::write(
            env.corpus.join(std::ffi::OsStr::from_bytes(&name)),
            format!("A zeppelin note about {words}.\n"),
        )
        .unwrap();
    }
    env.run(&["index"]).ok().stdout_has("indexed 2 documents");
    let hits = env.run(&["search", "zeppelin", "--json"]).ok().json();
    let mut docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    docs.sort();
    assert_eq!(docs, ["a\\xFE.txt", "a\\xFF.txt"]);
    // Stable: the names lead back to their files, so nothing looks changed.
    env.run(&["search", "zeppelin"])
        .ok()
        .stdout_has("a\\xFF.txt ¶1")
        .stderr_lacks("updated");
    env.run(&["index"]).ok().stdout_has("0 read anew");
    // The id as shown finds its passage.
    env.run(&["similar", "a\\xFF.txt:1"])
        .ok()
        .stdout_has("Passages like a\\xFF.txt ¶1")
        .stdout_has("a\\xFE.txt ¶1");
}

/// A minimal Word file whose body is `body` (WordprocessingML).
fn docx(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(types.as_bytes()).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A one-page PDF saying `text`, with `page_extra` in its page dictionary
/// and `levels` intermediate page-tree nodes above the page.
fn pdf(text: &str, page_extra: &str, levels: usize) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
    let top = if levels == 0 { 2 } else { 6 };
    let mut objects = vec![
        format!("<< /Type /Catalog /Pages {top} 0 R >>"),
        format!(
            "<< /Type /Pages /Kids [3 0 R] /Count 1{} >>",
            if levels == 0 {
                String::new()
            } else {
                format!(" /Parent {} 0 R", 5 + levels)
            }
        ),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R {page_extra} >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    for i in 0..levels {
        let id = 6 + i;
        let kid = if i + 1 < levels { id + 1 } else { 2 };
        let parent = if i > 0 {
            format!(" /Parent {} 0 R", id - 1)
        } else {
            String::new()
        };
        objects.push(format!(
            "<< /Type /Pages /Kids [{kid} 0 R] /Count 1{parent} >>"
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// A message whose body lies `depth` multipart levels down, or (with
/// `forwarded`) at the end of a chain of `depth` forwarded messages.
fn nested_mail(depth: usize, forwarded: bool) -> String {
    let head = |i: usize| {
        format!(
            "From: a@example.org\nSubject: level {i}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\
             MIME-Version: 1.0\n"
        )
    };
    let mut out = head(0);
    for i in 0..depth {
        out.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n"
        ));
        if forwarded {
            out.push_str(&format!(
                "Content-Type: text/plain\n\nForwarded level {i} of the deep nested mail.\n\
                 --b{i}\nContent-Type: message/rfc822\n\n{}",
                head(i + 1)
            ));
        }
    }
    out.push_str("Content-Type: text/plain\n\nThe deep nested mail ends here.\n");
    for i in (0..depth).rev() {
        out.push_str(&format!("--b{i}--\n"));
    }
    out
}

#[test]
fn deeply_nested_files_are_read_to_a_bound_or_skipped_and_the_rest_indexes_issue_20() {
    const DEPTH: usize = 20_000;
    let env = Env::empty();
    env.write("plain.txt", "A zeppelin note that must be indexed.\n");
    let bombs: Vec<(&str, Vec<u8>)> = vec![
        (
            "divs.html",
            format!(
                "<html><body>{}<p>Deep block text of the page.</p>{}</body></html>",
                "<div>".repeat(DEPTH),
                "</div>".repeat(DEPTH)
            )
            .into_bytes(),
        ),
        (
            "inline.html",
            format!(
                "<html><body><p>{}Deep inline text of the page.{}</p></body></html>",
                "<b><i>".repeat(DEPTH / 2),
                "</i></b>".repeat(DEPTH / 2)
            )
            .into_bytes(),
        ),
        (
            "quote.md",
            format!("{} Deep quoted text of the note.\n", ">".repeat(DEPTH)).into_bytes(),
        ),
        (
            "list.md",
            format!("{}Deep listed text of the note.\n", "- ".repeat(DEPTH)).into_bytes(),
        ),
        (
            "html-in.md",
            format!(
                "{}\n\nDeep markup text of the note.\n\n{}\n",
                "<div>".repeat(DEPTH),
                "</div>".repeat(DEPTH)
            )
            .into_bytes(),
        ),
        ("parts.eml", nested_mail(DEPTH, false).into_bytes()),
        ("forwarded.eml", nested_mail(DEPTH / 4, true).into_bytes()),
        (
            "controls.docx",
            docx(&format!(
                "{}<w:p><w:r><w:t>Deep text of the report.</w:t></w:r></w:p>{}",
                "<w:sdt><w:sdtContent>".repeat(DEPTH),
                "</w:sdtContent></w:sdt>".repeat(DEPTH)
            )),
        ),
        (
            "arrays.pdf",
            pdf(
                "Deep arrays of the paper.",
                &format!("/Junk {}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)),
                0,
            ),
        ),
        (
            "dicts.pdf",
            pdf(
                "Deep dictionaries of the paper.",
                &format!("/Junk {}1{}", "<< /A ".repeat(DEPTH), " >>".repeat(DEPTH)),
                0,
            ),
        ),
        ("tree.pdf", pdf("Deep page tree of the paper.", "", DEPTH)),
    ];
    for (name, bytes) in &bombs {
        env.write(name, bytes);
    }
    // A sanity check of the builders: the same files, shallow, are read.
    let shallow = Env::empty();
    shallow.write("a.pdf", pdf("A shallow paper.", "/Junk [[1]]", 3));
    shallow.write("b.eml", nested_mail(3, true));
    shallow.write(
        "c.docx",
        docx("<w:p><w:r><w:t>A shallow report.</w:t></w:r></w:p>"),
    );
    // The mail and the three messages it forwards, one inside the other,
    // are documents.
    shallow
        .run(&["index"])
        .ok()
        .stdout_has("indexed 6 documents")
        .stdout_has("0 skipped");
    shallow
        .run(&["search", "\"forwarded level 2\"", "--json"])
        .ok()
        .stdout_has("b.eml/message.eml/message.eml");
    shallow
        .run(&["search", "shallow"])
        .ok()
        .stdout_has("a.pdf")
        .stdout_has("c.docx");

    let run = env.run(&["index"]);
    run.ok().stderr_lacks("internal error");
    env.run(&["search", "zeppelin"])
        .ok()
        .stdout_has("plain.txt");
    // Each hostile file is read (its text found) or named in a warning.
    let deep = env.run(&["search", "deep", "--json", "--limit", "100"]);
    let found: Vec<String> = deep
        .json()
        .iter()
        .map(|h| h["doc"].as_str().unwrap().to_string())
        .collect();
    for (name, _) in &bombs {
        let read = found.iter().any(|doc| doc == name);
        let named = run.stderr.contains(&format!("{name}: skipped"));
        assert!(
            read || named,
            "{name} neither read nor skipped with a warning; found {found:?}\n{}",
            run.stderr
        );
    }
    run.stderr_has("tree.pdf: skipped: not a valid PDF: its page tree nests deeper");
    // The chain of forwards is read as deep as the mail parser goes, and
    // where it stops is said, not passed over.
    run.stderr_has("a forwarded message nested too deep (message.eml) is not read");
    env.run(&["search", "\"forwarded level 3\""]).ok();
}

#[test]
fn a_stray_nul_or_padding_loses_no_file_of_any_format_issue_20() {
    let env = Env::empty();
    let plain = pdf("Zeppelin treaty in a padded paper.", "", 0);
    let mut padded = plain.clone();
    padded.extend([0u8; 4096]);
    let crlf = String::from_utf8(pdf("Zeppelin treaty in a converted paper.", "", 0))
        .unwrap()
        .replace('\n', "\r\n");
    env.write("padded.pdf", padded);
    env.write("converted.pdf", crlf);
    let head = "From: a@example.org\nSubject: nul\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n";
    env.write(
        "note.eml",
        format!("{head}A zeppelin treaty \0in a mail.\n"),
    );
    env.write(
        "list.mbox",
        format!("From a@example.org Mon Jan  1 00:00:00 2024\n{head}A zeppelin treaty \0in an archive.\n"),
    );
    env.write("note.md", "# Note\n\nA zeppelin treaty \0in Markdown.\n");
    env.write(
        "page.html",
        "<html><body><p>A zeppelin treaty \0in a page.</p></body></html>",
    );
    env.run(&["index"])
        .ok()
        .stdout_has("indexed 6 documents")
        .stdout_has("0 skipped");
    let hits = env
        .run(&["search", "zeppelin treaty", "--json"])
        .ok()
        .json();
    let mut docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    docs.sort();
    assert_eq!(
        docs,
        [
            "converted.pdf",
            "list.mbox",
            "note.eml",
            "note.md",
            "padded.pdf",
            "page.html"
        ]
    );
}
