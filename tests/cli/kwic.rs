//! `accord kwic`: every occurrence in context, aligned, sorted, counted.

use crate::common::Env;

fn matches(run: &crate::common::Run) -> Vec<String> {
    run.json()
        .iter()
        .map(|l| l["match"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn kwic_lists_every_occurrence_of_the_wording_with_counts_per_document() {
    let env = Env::fixture("wording");
    let run = env.run(&["kwic", "hacking back", "--no-aliases", "--color", "never"]);
    run.ok()
        .stdout_has("ottawa-statement.txt ¶3")
        .stdout_has("**Hacking back**")
        .stdout_has("**hacking-back**")
        .stdout_has("**Hacking Back**")
        .stdout_has("3 occurrences in 2 documents:")
        .stdout_has("  2  lakeside-commentary.txt")
        .stdout_has("  1  ottawa-statement.txt")
        .stdout_lacks("hacked back**");
}

#[test]
fn kwic_match_column_is_aligned_and_context_fits_the_width() {
    let env = Env::fixture("wording");
    let run = env.run(&["kwic", "hack back", "--width", "20", "--color", "never"]);
    run.ok();
    let columns: Vec<usize> = run
        .stdout
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.find("**").unwrap())
        .collect();
    assert!(columns.len() >= 5, "{}", run.stdout);
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{}", run.stdout);
    let json = env.run(&["kwic", "hack back", "--width", "20", "--json"]);
    for line in json.json() {
        for side in ["left", "right"] {
            let context = line[side].as_str().unwrap();
            assert!(context.chars().count() <= 20, "{side}: {context:?}");
        }
    }
}

#[test]
fn kwic_through_aliases_marks_the_alias_lines() {
    let env = Env::fixture("wording");
    let run = env.run(&["kwic", "hacking back", "--json"]);
    run.ok();
    let lines = run.json();
    let via_alias: Vec<&str> = lines
        .iter()
        .filter(|l| !l["aliases"].as_array().unwrap().is_empty())
        .map(|l| l["match"].as_str().unwrap())
        .collect();
    assert!(via_alias.contains(&"hack back"), "{via_alias:?}");
    assert!(via_alias.contains(&"hack-back"), "{via_alias:?}");
    assert_eq!(lines.len(), 3 + via_alias.len());
}

#[test]
fn kwic_stem_matches_every_inflection() {
    let env = Env::fixture("wording");
    let run = env.run(&["kwic", "hack back", "--stem", "--no-aliases", "--json"]);
    let found = matches(run.ok());
    for wording in [
        "hacked back",
        "hacking-back",
        "hack-back",
        "hack back",
        "Hacking back",
    ] {
        assert!(found.iter().any(|m| m == wording), "{wording}: {found:?}");
    }
}

#[test]
fn kwic_json_offsets_point_at_the_match_in_the_passage() {
    let env = Env::shipped();
    let run = env.run(&["kwic", "hacking back", "--json"]);
    run.ok();
    let lines = run.json();
    let link = lines
        .iter()
        .find(|l| l["doc"] == "link-list-2018-11-paris-call-post.txt")
        .expect("the clean seed says hacking back");
    // Hard-wrapped across a line break in the file: shown on one line.
    assert_eq!(link["match"], "hacking back");
    assert!(link["left"].as_str().unwrap().ends_with("from “"), "{link}");
    let search = env.run(&["search", "\"hacking back\"", "--json", "--no-aliases"]);
    let hit = search
        .json()
        .into_iter()
        .find(|h| h["doc"] == link["doc"])
        .unwrap();
    let text = hit["text"].as_str().unwrap();
    let (start, end) = (
        link["start"].as_u64().unwrap() as usize,
        link["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[start..end].replace('\n', " ").replace("  ", " "),
        "hacking back"
    );
    assert_eq!(link["citation"], "link-list-2018-11-paris-call-post.txt ¶2");
}

#[test]
fn kwic_finds_spun_wording_by_the_original_phrase() {
    let env = Env::shipped();
    let run = env.run(&["kwic", "private sector", "--color", "never"]);
    run.ok()
        .stdout_has("**person sector**")
        .stdout_has("**private sector**")
        .stdout_has("[machine-paraphrased?]");
    for line in run.stdout.lines().filter(|l| l.contains("**")) {
        // Marked where the words are not the ones written.
        assert_eq!(
            line.contains("(via restored wording)"),
            line.contains("person sector"),
            "{line}"
        );
    }
    // In JSON too; 'hacking back' is written as such in the spun copy.
    let hits = env.run(&["kwic", "hacking back", "--json"]).json();
    assert!(hits.iter().any(|h| h["spun"] == true));
    assert!(hits.iter().all(|h| h["restored"] == false));
    let hits = env.run(&["kwic", "private sector", "--json"]).json();
    for h in hits {
        assert_eq!(h["restored"] == true, h["match"] == "person sector", "{h}");
    }
}

/// Words as the sort compares them: no punctuation, none empty.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn kwic_sort_left_orders_by_the_word_nearest_the_match() {
    let env = Env::fixture("wording");
    let run = env.run(&[
        "kwic",
        "hack back",
        "--sort",
        "left",
        "--json",
        "--width",
        "30",
    ]);
    let nearest: Vec<String> = run
        .ok()
        .json()
        .iter()
        .map(|l| {
            let left = l["left"].as_str().unwrap().to_lowercase();
            words(&left).last().cloned().unwrap_or_default()
        })
        .collect();
    let mut sorted = nearest.clone();
    sorted.sort();
    assert_eq!(nearest, sorted);
    let right = env.run(&["kwic", "hack back", "--sort", "right", "--json"]);
    let first_words: Vec<String> = right
        .ok()
        .json()
        .iter()
        .map(|l| {
            let r = l["right"].as_str().unwrap().to_lowercase();
            words(&r).first().cloned().unwrap_or_default()
        })
        .collect();
    let mut sorted = first_words.clone();
    sorted.sort();
    assert_eq!(first_words, sorted);
}

#[test]
fn kwic_finds_acronyms_listed_next_to_each_other() {
    // Capitals next to capitals, as in a list of states, are still
    // acronyms in the text; typed as a run in a query they are words.
    let env = Env::empty();
    env.write(
        "eyes.txt",
        "Five Eyes\n\nThe US, UK, Canada and New Zealand met. The UK signed.\n",
    );
    for (query, expected) in [
        ("UK", vec!["UK", "UK"]),
        ("US", vec!["US"]),
        ("\"US, UK\"", vec!["US, UK"]),
        ("uk", vec!["UK", "UK"]),
    ] {
        let run = env.run(&["kwic", query, "--json", "--no-aliases"]);
        assert_eq!(matches(&run), expected, "{query}");
    }
}

#[test]
fn kwic_aligns_matches_by_terminal_columns() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Notes\n\n巴黎倡议 hack back.\n\nThey would hack back.\n\nRe\u{301}sume\u{301} hack back.\n",
    );
    let run = env.run(&["kwic", "hack back", "--color", "never"]);
    // Columns before the match: CJK characters take two, combining marks none.
    let columns: Vec<usize> = run
        .ok()
        .stdout
        .lines()
        .filter_map(|l| l.split_once("**hack back**"))
        .map(|(before, _)| {
            before
                .chars()
                .map(|c| match c {
                    '\u{4e00}'..='\u{9fff}' => 2,
                    '\u{300}'..='\u{36f}' => 0,
                    _ => 1,
                })
                .sum()
        })
        .collect();
    assert_eq!(columns.len(), 3, "{}", run.stdout);
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{}",
        run.stdout
    );
}

#[test]
fn kwic_with_no_occurrence_exits_1() {
    let env = Env::fixture("wording");
    env.run(&["kwic", "quantum treaty"])
        .code(1)
        .stderr_has("no occurrences");
}

#[test]
fn kwic_and_phrases_do_not_run_across_sentence_breaks() {
    let env = Env::empty();
    env.write(
        "traps.txt",
        "Traps\n\nWould the bank ever hack? Back in 2019 it said it would not hack; \
         back-office staff report intrusions. Nobody wanted to hack (back then). \
         If they were hacked, back-ups would help. The minister spoke of cyber — security experts disagreed. \
         Mr. Back said firms must never hack back.\n",
    );
    let run = env.run(&["kwic", "hack back", "--json"]);
    assert_eq!(matches(run.ok()), ["hack back"]);
    env.run(&["kwic", "cyber security"]).code(1);
    let run = env.run(&["kwic", "--stem", "hacked back", "--json"]);
    assert_eq!(matches(run.ok()), ["hack back"]);
    // The break is part of a phrase that has it.
    let run = env.run(&["kwic", "ever hack? Back in", "--json"]);
    assert_eq!(matches(run.ok()), ["ever hack? Back in"]);
    env.run(&["search", "\"Mr Back said\""]).ok();
}

/// The text lines' citations and matched words, in order.
fn text_lines(run: &crate::common::Run) -> Vec<(String, String)> {
    run.stdout
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let (citation, rest) = l.split_once("  ").unwrap();
            let matched = rest.split("**").nth(1).unwrap();
            (citation.to_string(), matched.to_string())
        })
        .collect()
}

#[test]
fn kwic_lists_lines_in_document_order_whatever_order_files_were_indexed_issue_21() {
    // Each build writes a segment of its own, so the index holds the
    // documents in the order they were added (m, z, a), not by id; kwic
    // prints lines as it reads passages, in document order.
    let env = Env::empty();
    let paragraph = |n: usize| format!("Paragraph {n} is about hacking back.\n\n");
    env.write("m.txt", format!("M\n\n{}{}", paragraph(1), paragraph(2)));
    env.run(&["index"]).ok();
    env.write("z.txt", format!("Z\n\n{}", paragraph(1)));
    env.run(&["index"]).ok();
    env.write("a.txt", format!("A\n\n{}", paragraph(1)));
    env.write(
        "m.txt",
        format!("M\n\n{}{}{}", paragraph(1), paragraph(2), paragraph(3)),
    );
    env.run(&["index"]).ok();
    let expected = ["a.txt ¶2", "m.txt ¶2", "m.txt ¶3", "m.txt ¶4", "z.txt ¶2"];
    let json = env.run(&["kwic", "hacking back", "--json"]);
    let cited: Vec<String> = json
        .ok()
        .json()
        .iter()
        .map(|l| l["citation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(cited, expected);
    let text = env.run(&["kwic", "hacking back", "--color", "never"]);
    let printed: Vec<String> = text_lines(text.ok()).into_iter().map(|(c, _)| c).collect();
    assert_eq!(printed, expected);
    text.stdout_has("5 occurrences in 3 documents:\n  3  m.txt\n  1  a.txt\n  1  z.txt\n");
}

#[test]
fn kwic_citation_column_fits_page_citations_before_any_passage_is_read_issue_21() {
    // The widest citation here is a page-labelled one (`p.396 ¶8 (PDF
    // p.1)`): the column is laid out from the index's fast fields, so
    // paged citations must be what the lines then print.
    let env = Env::fixture("pdf");
    let text = env.run(&["kwic", "norms", "--color", "never"]);
    let lines = text_lines(text.ok());
    let json = env.run(&["kwic", "norms", "--json"]);
    let cited: Vec<String> = json
        .json()
        .iter()
        .map(|l| l["citation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        lines.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>(),
        cited
    );
    assert!(cited.iter().any(|c| c.ends_with("(PDF p.1)")), "{cited:?}");
    let widest = cited.iter().map(|c| c.chars().count()).max().unwrap();
    for line in text.stdout.lines().take_while(|l| !l.is_empty()) {
        let before: String = line.chars().take(widest + 2).collect();
        assert!(before.ends_with("  "), "citation column too narrow: {line}");
    }
}
