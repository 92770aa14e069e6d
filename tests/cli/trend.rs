//! `accord trend`: occurrences of a phrase per year or month.

use crate::serve::research_corpus;

#[test]
fn trend_draws_a_bar_per_year_and_counts_undated_apart() {
    let env = research_corpus();
    let run = env.run(&["trend", "hack", "back", "--color", "never"]);
    let lines: Vec<&str> = run.ok().stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["period", "count"]
    );
    let row = |i: usize| -> Vec<&str> { lines[i].split_whitespace().collect() };
    // The busiest year has the full 40-character bar, the others a third
    // of it (rounded up); periods run without gaps, undated last.
    let bar = |n: usize| "█".repeat(n);
    assert_eq!(row(1), ["2017", "1", &bar(14), "1", "document"]);
    assert_eq!(row(2), ["2018", "3", &bar(40), "1", "document"]);
    assert_eq!(row(3), ["2019", "1", &bar(14), "1", "document"]);
    assert_eq!(row(4), ["undated", "1", &bar(14), "1", "document"]);
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[test]
fn trend_names_what_it_did_not_find() {
    let env = research_corpus();
    env.run(&["trend", "zeppelin"])
        .code(1)
        .stderr_has("no occurrences of \"zeppelin\"");
    env.run(&["trend", "hack", "--per", "week"]).code(2);
}
