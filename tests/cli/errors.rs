//! Bad input: each promise of a clear error, exit code 2, and an intact index.
