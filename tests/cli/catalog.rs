//! The catalog's mistakes are named with their line, and the date forms
//! people write are read (issue #20, item 9).

use crate::common::Env;

/// A corpus of one-line notes about cyber norms, `a.txt`, `b.txt`, ….
fn notes(names: &[&str]) -> Env {
    let env = Env::empty();
    for name in names {
        env.write(name, format!("A note on cyber norms, filed as {name}.\n"));
    }
    env
}

/// The documents a search finds, sorted, with their dates.
fn dated_hits(env: &Env, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["search", "norms", "--json", "--limit", "50"];
    all.extend(args);
    let mut hits: Vec<(String, String)> = env
        .run(&all)
        .json()
        .iter()
        .map(|h| {
            let date = h["date"].as_str().unwrap_or("none").to_string();
            (h["doc"].as_str().unwrap().to_string(), date)
        })
        .collect();
    hits.sort();
    hits
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(d, t)| (d.to_string(), t.to_string()))
        .collect()
}

#[test]
fn catalog_path_matching_no_file_is_a_warning_naming_its_line() {
    let env = notes(&["a.txt", "sub/b.txt"]);
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"a.txt\"\nkind = \"accord\"\n\n\
         [[document]]\npath = \"b.txt\"\nkind = \"accord\"\n\n\
         [[document]]\npath = \"sub/b.txt\"\nkind = \"accord\"\n",
    );
    env.run(&["index"])
        .ok()
        .stderr_has("catalog.toml:6: path \"b.txt\" matches no file in the corpus")
        .stderr_lacks("\"a.txt\" matches")
        .stderr_lacks("\"sub/b.txt\" matches");
    // The entries that match still apply.
    assert_eq!(
        dated_hits(&env, &["--kind", "accord"]),
        pairs(&[("a.txt", "none"), ("sub/b.txt", "none")])
    );
}

#[test]
fn catalog_dates_in_common_forms_are_read_and_filter_by_overlap() {
    let env = notes(&["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]);
    let forms = [
        ("a.txt", "November 2018"),
        ("b.txt", "Nov 2018"),
        ("c.txt", "12 November 2018"),
        ("d.txt", "November 20, 2018"),
        ("e.txt", "2018-11"),
        ("f.txt", "March 2019"),
    ];
    let catalog: String = forms
        .iter()
        .map(|(path, date)| format!("[[document]]\npath = \"{path}\"\ndate = \"{date}\"\n"))
        .collect();
    env.write("catalog.toml", catalog);
    env.run(&["index"]).ok().stderr_lacks("warning");
    // Shown in ISO form, a month as a month.
    let november = pairs(&[
        ("a.txt", "2018-11"),
        ("b.txt", "2018-11"),
        ("c.txt", "2018-11-12"),
        ("d.txt", "2018-11-20"),
        ("e.txt", "2018-11"),
    ]);
    assert_eq!(
        dated_hits(&env, &["--since", "2018-11", "--until", "2018-11"]),
        november
    );
    // A month passes a range that overlaps it, even by one day.
    let mid = dated_hits(&env, &["--since", "2018-11-15", "--until", "2018-11-30"]);
    assert_eq!(
        mid,
        pairs(&[
            ("a.txt", "2018-11"),
            ("b.txt", "2018-11"),
            ("d.txt", "2018-11-20"),
            ("e.txt", "2018-11"),
        ])
    );
    assert_eq!(
        dated_hits(&env, &["--until", "2018-11-01"]),
        pairs(&[
            ("a.txt", "2018-11"),
            ("b.txt", "2018-11"),
            ("e.txt", "2018-11")
        ])
    );
    // The bounds take the same forms.
    assert_eq!(
        dated_hits(&env, &["--since", "December 2018"]),
        pairs(&[("f.txt", "2019-03")])
    );
}

#[test]
fn catalog_date_that_is_no_date_is_a_warning_naming_file_and_line() {
    let env = notes(&["a.txt", "b.txt"]);
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"a.txt\"\nkind = \"accord\"\ndate = \"Novembre 2018\"\n\n\
         [[document]]\npath = \"b.txt\"\ndate = \"2018-02-31\"\n",
    );
    env.run(&["index"])
        .ok()
        .stderr_has("catalog.toml:4: date \"Novembre 2018\" of a.txt is not a date")
        .stderr_has("catalog.toml:8: date \"2018-02-31\" of b.txt is not a date");
    // The rest of the entry applies; the document is undated, so it shows
    // no date rather than one it drops out of every date range with.
    assert_eq!(
        dated_hits(&env, &["--kind", "accord"]),
        pairs(&[("a.txt", "none")])
    );
    env.run(&["search", "norms", "--since", "2018"]).code(1);
}

#[test]
fn catalog_syntax_error_names_its_line() {
    let env = notes(&["a.txt"]);
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"a.txt\"\n\n[[document]]\npath = \"b.txt\ntitle = \"B\"\n",
    );
    env.run(&["index"])
        .error("catalog.toml is not a valid catalog (line 5)");
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"a.txt\"\ncolour = \"red\"\n",
    );
    env.run(&["index"])
        .error("catalog.toml is not a valid catalog (line 3): unknown field `colour`");
}
