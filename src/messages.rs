//! Every line accord writes to stderr, in one place, as ripgrep and fd
//! keep theirs: errors, warnings, notes (an empty result) and internal
//! errors (panics), each one line starting `accord:`.
//!
//! Writing to stderr never panics: a closed stderr loses the message,
//! nothing more. The one panic hook prints a panic as an internal error,
//! except on a thread inside [`quietly`], where a third-party parser's
//! panic is expected and reported by the caller as a skipped file.

use std::cell::Cell;
use std::fmt::Display;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

/// Writes `accord: <line>` to stderr.
fn emit(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "accord: {line}");
}

/// An error that ends the command (the caller exits with code 2).
pub fn error(message: &dyn Display) {
    emit(format_args!("{message}"));
}

/// Something the user should know while the command goes on.
pub fn warning(message: &str) {
    emit(format_args!("warning: {message}"));
}

/// A note about the result, such as that nothing matched.
pub fn note(message: &str) {
    emit(format_args!("{message}"));
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Whether panics are printed as accord's internal errors (the binary)
/// rather than by the hook that was there before (tests of the library).
static ACCORD_STYLE: AtomicBool = AtomicBool::new(false);

/// Makes a panic (a bug, or tantivy reading a damaged file) one line,
/// never a backtrace; the index on disk is untouched. For the binary.
pub fn install_panic_hook() {
    ACCORD_STYLE.store(true, Ordering::Relaxed);
    ensure_hook();
}

/// Installs the process's one panic hook, once.
fn ensure_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                return;
            }
            if !ACCORD_STYLE.load(Ordering::Relaxed) {
                return previous(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let at = info
                .location()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            emit(format_args!(
                "internal error: {message}{at}; if the index may be damaged \
                 (after a crash or disk fault) `accord index --rebuild` builds it afresh, \
                 otherwise please report this"
            ));
        }));
    });
}

/// Runs `f`, turning a panic into `None`, and prints nothing for it: the
/// parsers of PDF and mail are third-party code that may panic on a
/// malformed file, which the caller skips with a warning of its own.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    ensure_hook();
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_quietly_is_none_and_the_flag_is_restored() {
        assert_eq!(quietly(|| 3), Some(3));
        assert_eq!(quietly(|| -> u8 { panic!("a parser gave up") }), None);
        let nested = quietly(|| quietly(|| -> u8 { panic!("inner") }).is_none());
        assert_eq!(nested, Some(true));
        assert!(!QUIET.with(Cell::get), "quiet only while `f` runs");
    }
}
