//! Links the `accord` binary as a position-dependent executable.
//!
//! The format crates (HTML entities, PDF glyph names, mail charsets) bring
//! tens of thousands of static pointers; in a position-independent
//! executable the dynamic loader patches every one of them at each start,
//! which cost about as much as a whole search. Fixed addresses resolve them
//! at link time instead.
fn main() {
    let linux_x86_64 = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64");
    if linux_x86_64 {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
