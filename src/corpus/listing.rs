//! Which files the corpus holds: a walk of its folders that `stat`s every
//! file, run on every core because a 200,000-file corpus is listed on each
//! `accord index`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::UNIX_EPOCH;

use crate::error::{Error, Result};

/// A file found in the corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Path relative to the corpus directory, `/`-separated, each name as
    /// [`escape_name`] writes it; [`corpus_path`] finds the file again.
    /// (No path is kept beside it: at 447,000 files the paths were 45 MB
    /// held through a whole build.)
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime: u128,
}

/// What a walk of the corpus found.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The corpus folder the files lie under.
    pub root: PathBuf,
    /// Files, sorted by relative path.
    pub files: Vec<CorpusFile>,
    /// Folders (relative paths, `""` for the corpus itself) with their
    /// modification times in nanoseconds since the epoch, sorted.
    pub dirs: Vec<(String, u128)>,
}

impl Listing {
    /// Where `file` of this listing lies.
    pub fn path_of(&self, file: &CorpusFile) -> PathBuf {
        corpus_path(&self.root, &file.rel)
    }
}

/// Modification time in nanoseconds since the epoch, 0 when unknown.
pub fn mtime_of(meta: &Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Lists the corpus's files and folders. Hidden files and folders and the
/// names in `skip_at_root` are left out, and so is accord's own state: the
/// folder `index` and any folder that looks like an accord or tantivy
/// index (see [`is_index_folder`]), wherever it lies, so that an index
/// kept inside the corpus never indexes itself. Links are followed; a
/// folder met twice (a link loop) is walked once, and one holding the
/// corpus never.
pub fn list_files(corpus: &Path, skip_at_root: &[&str], index: &Path) -> Result<Listing> {
    let root = match std::fs::metadata(corpus) {
        Ok(m) if m.is_dir() => m,
        Ok(_) => {
            return Err(Error::Corpus(format!(
                "corpus {} is not a directory; pass a folder of documents with --corpus",
                corpus.display()
            )))
        }
        Err(_) => {
            return Err(Error::Corpus(format!(
            "corpus directory {} does not exist; create it and add documents, or pass --corpus DIR",
            corpus.display()
        )))
        }
    };
    let walk = Walk {
        skip_at_root,
        queue: Mutex::new(Queue {
            folders: vec![Folder {
                path: corpus.to_path_buf(),
                rel: String::new(),
            }],
            busy: 0,
        }),
        wake: Condvar::new(),
        seen: Mutex::new(HashSet::from_iter(folder_id(&root))),
        state_folders: Mutex::new(Vec::new()),
    };
    // The index counts as walked, unless it is the corpus itself.
    if let Some(id) = std::fs::metadata(index).ok().and_then(|m| folder_id(&m)) {
        if Some(id) != folder_id(&root) {
            walk.seen.lock().expect("walk seen folders").insert(id);
        }
    }
    // The folders holding the corpus count as walked: a link up to one of
    // them (`loop -> ..`) would take in everything beside the corpus.
    if let Ok(absolute) = std::fs::canonicalize(corpus) {
        let mut seen = walk.seen.lock().expect("walk seen folders");
        for ancestor in absolute.ancestors().skip(1) {
            seen.extend(std::fs::metadata(ancestor).ok().and_then(|m| folder_id(&m)));
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let mut listing = Listing {
        root: corpus.to_path_buf(),
        ..Listing::default()
    };
    listing.dirs.push((String::new(), mtime_of(&root)));
    std::thread::scope(|scope| {
        let walkers: Vec<_> = (0..threads).map(|_| scope.spawn(|| walk.run())).collect();
        for walker in walkers {
            let found = walker.join().expect("a corpus walker does not panic");
            listing.files.extend(found.files);
            listing.dirs.extend(found.dirs);
        }
    });
    let state_folders = walk.state_folders.into_inner().expect("walk state folders");
    listing.dirs.retain(|(rel, _)| !state_folders.contains(rel));
    listing.files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    listing.dirs.sort_unstable();
    // A build holds the listing to its end: not the growth room too.
    listing.files.shrink_to_fit();
    listing.dirs.shrink_to_fit();
    Ok(listing)
}

struct Folder {
    path: PathBuf,
    rel: String,
}

/// Folders waiting to be read, and how many are being read now (each may
/// add more).
struct Queue {
    folders: Vec<Folder>,
    busy: usize,
}

struct Walk<'a> {
    skip_at_root: &'a [&'a str],
    queue: Mutex<Queue>,
    wake: Condvar,
    /// Identities of the folders walked so far.
    seen: Mutex<HashSet<(u64, u64)>>,
    /// Folders found to be indexes once read, to leave out of the listing.
    state_folders: Mutex<Vec<String>>,
}

impl Walk<'_> {
    /// Reads folders from the queue until none is left or coming.
    fn run(&self) -> Listing {
        let mut found = Listing::default();
        let mut subfolders = Vec::new();
        loop {
            let folder = {
                let mut queue = self.queue.lock().expect("walk queue");
                loop {
                    if let Some(folder) = queue.folders.pop() {
                        queue.busy += 1;
                        break folder;
                    }
                    if queue.busy == 0 {
                        return found;
                    }
                    queue = self.wake.wait(queue).expect("walk queue");
                }
            };
            self.read(&folder, &mut found, &mut subfolders);
            let mut queue = self.queue.lock().expect("walk queue");
            queue.folders.append(&mut subfolders);
            queue.busy -= 1;
            self.wake.notify_all();
        }
    }

    /// Lists one folder's files into `found` and its folders into
    /// `subfolders`. What cannot be read is listed as a file, so that
    /// reading it fails with a warning naming it and the rest still indexes.
    fn read(&self, folder: &Folder, found: &mut Listing, subfolders: &mut Vec<Folder>) {
        let unreadable = |rel: String| CorpusFile {
            rel,
            size: 0,
            mtime: 0,
        };
        let entries = match std::fs::read_dir(&folder.path) {
            Ok(entries) => entries,
            Err(_) => {
                if !folder.rel.is_empty() {
                    found.files.push(unreadable(folder.rel.clone()));
                }
                return;
            }
        };
        let entries: Vec<_> = entries.flatten().collect();
        if !folder.rel.is_empty() && is_index_folder(entries.iter().map(|e| e.file_name())) {
            self.state_folders
                .lock()
                .expect("walk state folders")
                .push(folder.rel.clone());
            return;
        }
        for entry in entries {
            let name = entry.file_name();
            let name = escape_name(&name);
            if name.starts_with('.')
                || (folder.rel.is_empty() && self.skip_at_root.contains(&&*name))
            {
                continue;
            }
            let rel = if folder.rel.is_empty() {
                name.into_owned()
            } else {
                format!("{}/{name}", folder.rel)
            };
            let path = entry.path();
            // `DirEntry::metadata` stats relative to the open folder, which
            // saves the kernel walking the whole path for every file.
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            let meta = if is_link {
                std::fs::metadata(&path)
            } else {
                entry.metadata()
            };
            match meta {
                Ok(m) if m.is_dir() => {
                    let new = folder_id(&m)
                        .is_none_or(|id| self.seen.lock().expect("walk seen folders").insert(id));
                    if new {
                        found.dirs.push((rel.clone(), mtime_of(&m)));
                        subfolders.push(Folder { path, rel });
                    }
                }
                Ok(m) if m.is_file() => found.files.push(CorpusFile {
                    rel,
                    size: m.len(),
                    mtime: mtime_of(&m),
                }),
                // Sockets, pipes, devices.
                Ok(_) => {}
                // A dangling link.
                Err(_) => found.files.push(unreadable(rel)),
            }
        }
    }
}

/// Whether a folder holding entries of these names is an index rather than
/// documents: accord's index folder (its `.lock` beside a `v<N>` folder)
/// or a tantivy index (`meta.json` beside `.managed.json`), such as
/// accord's `v<N>`, `v<N>.new` and `v<N>.old`. Told by names already read,
/// so it costs no extra system call.
fn is_index_folder(names: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let (mut lock, mut version, mut meta, mut managed) = (false, false, false, false);
    for name in names {
        let name = name.to_string_lossy();
        match &*name {
            ".lock" => lock = true,
            "meta.json" => meta = true,
            ".managed.json" => managed = true,
            _ => {
                version |= name.strip_prefix('v').is_some_and(|rest| {
                    let number = rest.split('.').next().unwrap_or_default();
                    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
                });
            }
        }
    }
    (lock && version) || (meta && managed)
}

/// A file or folder name as text: as it is when it is UTF-8 without a
/// backslash; else each byte that is not part of a UTF-8 character
/// written `\xFF` (two upper-case hex digits) and each backslash doubled.
/// So every name the system allows has a text of its own, the same on
/// every run: two names that differ in one such byte are two documents,
/// where replacing the byte with `�` made them one.
pub fn escape_name(name: &OsStr) -> Cow<'_, str> {
    if let Some(text) = name.to_str().filter(|t| !t.contains('\\')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    for chunk in name_bytes(name).utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    Cow::Owned(out)
}

/// The path of `rel` (a relative path as [`CorpusFile::rel`] writes it)
/// under `corpus`: the inverse of [`escape_name`] on each name.
pub fn corpus_path(corpus: &Path, rel: &str) -> PathBuf {
    if !rel.contains('\\') {
        return corpus.join(rel);
    }
    let mut bytes = Vec::with_capacity(rel.len());
    let mut rest = rel.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = |b: &[u8]| {
            std::str::from_utf8(b)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (first, tail) {
            (b'\\', [b'\\', more @ ..]) => {
                bytes.push(b'\\');
                rest = more;
            }
            (b'\\', [b'x', h1, h2, more @ ..]) if hex(&[*h1, *h2]).is_some() => {
                bytes.push(hex(&[*h1, *h2]).unwrap_or_default());
                rest = more;
            }
            _ => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    corpus.join(os_string(bytes))
}

#[cfg(unix)]
fn name_bytes(name: &OsStr) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes()
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(bytes)
}

/// Elsewhere names are Unicode (UTF-16 on Windows, whose unpaired
/// surrogates are rare enough to be shown as `�`).
#[cfg(not(unix))]
fn name_bytes(name: &OsStr) -> &[u8] {
    name.as_encoded_bytes()
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> std::ffi::OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

/// What makes a folder the same folder whatever path leads to it.
#[cfg(unix)]
fn folder_id(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_meta: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn every_name_has_its_own_text_and_leads_back_to_its_file() {
        use std::os::unix::ffi::OsStrExt;
        let names: [&[u8]; 6] = [
            b"plain.txt",
            b"a\xff.txt",
            b"a\xfe.txt",
            b"a\\xFF.txt",
            b"back\\slash \xc3\xa9t\xe9.txt",
            "déjà vu.txt".as_bytes(),
        ];
        let texts: Vec<String> = names
            .iter()
            .map(|n| escape_name(OsStr::from_bytes(n)).into_owned())
            .collect();
        assert_eq!(texts[1], "a\\xFF.txt");
        assert_eq!(texts[3], "a\\\\xFF.txt");
        assert_eq!(texts[4], "back\\\\slash ét\\xE9.txt");
        assert_eq!(texts[5], "déjà vu.txt");
        let distinct: HashSet<&String> = texts.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{texts:?}");
        for (name, text) in names.iter().zip(&texts) {
            let back = corpus_path(Path::new("c"), &format!("sub/{text}"));
            assert_eq!(back, Path::new("c/sub").join(OsStr::from_bytes(name)));
        }
    }

    #[test]
    fn lists_nested_files_sorted_skipping_hidden_and_config() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "b/z.txt",
            "b/a.txt",
            "a.txt",
            "c/d/e.md",
            ".git/x.txt",
            "b/.h.txt",
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        std::fs::write(root.join("catalog.toml"), "").unwrap();
        std::fs::write(root.join("b/catalog.toml"), "").unwrap();
        let listing = list_files(root, &["catalog.toml"], &root.join("index")).unwrap();
        let rels: Vec<&str> = listing.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            ["a.txt", "b/a.txt", "b/catalog.toml", "b/z.txt", "c/d/e.md"]
        );
        assert_eq!(listing.files[0].size, 4);
        let dirs: Vec<&str> = listing.dirs.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(dirs, ["", "b", "c", "c/d"]);
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_walked_once_and_dangling_links_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/f.txt"), "text").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("dangling.txt")).unwrap();
        let listing = list_files(root, &[], &root.join("index")).unwrap();
        let rels: Vec<&str> = listing.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a/f.txt", "dangling.txt"]);
        // A link up out of the corpus is not followed; one elsewhere is.
        let outside = tempfile::tempdir().unwrap();
        let corpus = outside.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        std::fs::write(outside.path().join("beside.txt"), "text").unwrap();
        std::os::unix::fs::symlink(outside.path(), corpus.join("sub/up")).unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("f.txt"), "text").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), corpus.join("linked")).unwrap();
        let listing = list_files(&corpus, &[], &corpus.join("index")).unwrap();
        let rels: Vec<&str> = listing.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["linked/f.txt"]);
    }
}
