//! `accord quotes` and `accord speakers` (issue 3): quotes credited to the
//! right speaker, `--speaker` matching, ranking, document order, output and
//! exit codes; plus `search` filtered by speaker.

use serde_json::Value;

use crate::common::{repo_path, slice, Env};

fn field<'a>(hit: &'a Value, name: &str) -> &'a str {
    hit[name].as_str().unwrap_or_default()
}

/// Asserts the `keys` fields of every quote `accord quotes --json` lists
/// in `env`, in order.
fn assert_quotes(env: &Env, keys: [&str; 3], expected: &[(&str, &str, &str)]) {
    let hits = env.run(&["quotes", "--json"]).ok().json();
    let got: Vec<(&str, &str, &str)> = hits
        .iter()
        .map(|h| (field(h, keys[0]), field(h, keys[1]), field(h, keys[2])))
        .collect();
    assert_eq!(got, expected);
}

/// The speakers of `quotes --json` hits, in output order.
fn speakers(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| field(h, "speaker").to_string())
        .collect()
}

/// Each hit's speaker with another of its fields, in output order.
fn speakers_with<'a>(hits: &'a [Value], other: &str) -> Vec<(&'a str, &'a str)> {
    hits.iter()
        .map(|h| (field(h, "speaker"), field(h, other)))
        .collect()
}

#[test]
fn quotes_on_shipped_corpus_credit_six_quotes_to_speaker_and_role() {
    let env = Env::shipped();
    let run = env.run(&["quotes", "--json"]);
    let hits = run.ok().json();
    assert_eq!(
        speakers(&hits),
        [
            "Peter Singer",
            "Peter Singer",
            "Betsy Cooper",
            "Brad Smith",
            "Megan Stifel",
            "Megan Stifel"
        ],
        "document order: codebook before link-list, then by offset"
    );
    let by = |name: &str| -> Vec<&Value> {
        hits.iter()
            .filter(|h| field(h, "speaker") == name)
            .collect()
    };
    let smith = by("Brad Smith");
    assert_eq!(field(smith[0], "role"), "the president of Microsoft");
    let smith_text = field(smith[0], "text");
    assert!(
        smith_text.starts_with("It’s an opportunity for people")
            && smith_text.contains("the internet itself. It’s an opportunity to advance")
            && smith_text.ends_with("multi-stakeholder process"),
        "the two-paragraph quote, joined and without marks: {smith_text}"
    );
    for stifel in by("Megan Stifel") {
        assert!(
            field(stifel, "role")
                .starts_with("the cybersecurity policy director at Public Knowledge"),
            "{stifel}"
        );
    }
    for singer in by("Peter Singer") {
        assert!(
            field(singer, "role").contains("at the New America Foundation"),
            "{singer}"
        );
        assert_eq!(singer["spun"], true, "the codebook copy is spun");
    }
    assert!(field(by("Betsy Cooper")[0], "role").contains("Department of Homeland Security"));
    for hit in &hits {
        assert_eq!(hit["resolved"], true);
        assert!(hit["score"].is_null(), "no query, no score: {hit}");
        assert!(!field(hit, "text").to_lowercase().contains("hacking back"));
        assert!(hit["start"].as_u64() < hit["end"].as_u64());
        let citation = field(hit, "citation");
        assert_eq!(
            citation,
            format!("{} ¶{}", field(hit, "doc"), hit["paragraph"]),
            "{hit}"
        );
    }
}

#[test]
fn quotes_text_output_shows_speaker_role_citation_and_quote() {
    let env = Env::shipped();
    let run = env.run(&["quotes", "--speaker", "smith", "--color", "never"]);
    run.ok()
        .stdout_has(" 1. Brad Smith, the president of Microsoft\n")
        .stdout_has("    link-list-2018-11-paris-call-post.txt ¶")
        .stdout_has("    “It’s an opportunity for people")
        .stdout_lacks("score");
    assert_eq!(run.citations().len(), 1);
    let coloured = env.run(&["quotes", "--speaker", "smith", "--color", "always"]);
    coloured.ok().stdout_has("\x1b[1mBrad Smith\x1b[0m");
}

#[test]
fn speakers_list_the_four_shipped_speakers_with_quote_counts() {
    let env = Env::shipped();
    let run = env.run(&["speakers", "--json"]);
    let got: Vec<(String, u64, Vec<Value>)> = run
        .ok()
        .json()
        .iter()
        .map(|s| {
            (
                field(s, "speaker").to_string(),
                s["quotes"].as_u64().unwrap(),
                s["documents"].as_array().unwrap().clone(),
            )
        })
        .collect();
    let names_counts: Vec<(&str, u64)> = got.iter().map(|(n, c, _)| (n.as_str(), *c)).collect();
    assert_eq!(
        names_counts,
        [
            ("Megan Stifel", 2),
            ("Peter Singer", 2),
            ("Betsy Cooper", 1),
            ("Brad Smith", 1)
        ],
        "most quoted first, then by name"
    );
    assert_eq!(got[0].2, ["link-list-2018-11-paris-call-post.txt"]);
    let listing = env.run(&["speakers", "--color", "never"]);
    listing
        .ok()
        .stdout_has("Brad Smith, the president of Microsoft\n")
        .stdout_has("    2 quotes · codebook-2018-11-paris-call-spun.txt\n");
}

#[test]
fn quotes_speaker_matches_full_name_in_any_case_or_any_word_of_it() {
    let env = Env::shipped();
    for name in ["singer", "Peter Singer", "PETER SINGER", "peter"] {
        let hits = env
            .run(&["quotes", "--speaker", name, "--json"])
            .ok()
            .json();
        assert_eq!(speakers(&hits), ["Peter Singer", "Peter Singer"], "{name}");
    }
    // Whole words only, in order.
    for name in ["sing", "Singer Peter"] {
        env.run(&["quotes", "--speaker", name])
            .code(1)
            .stderr_has(&format!("no quotes by speaker '{name}'"));
    }
    // The query language's speaker: field means the same.
    let hits = env
        .run(&["quotes", "speaker:\"peter singer\"", "--json"])
        .ok()
        .json();
    assert_eq!(hits.len(), 2);
}

#[test]
fn quotes_speaker_in_capitals_is_a_name_even_when_short() {
    // Two or three capitals are an acronym in a query (`US`); as a
    // speaker they are a name.
    let env = Env::empty();
    env.write(
        "envoy.txt",
        "Envoys meet\n\n\"We act within the law,\" said Li Wei, the envoy of Lorland.\n",
    );
    for name in ["LI", "WEI", "LI WEI", "li wei"] {
        let hits = env
            .run(&["quotes", "--speaker", name, "--json"])
            .ok()
            .json();
        assert_eq!(speakers(&hits), ["Li Wei"], "{name}");
    }
}

#[test]
fn quotes_credit_the_speaker_a_reader_would() {
    let env = Env::empty();
    env.write(
        "briefing.txt",
        "Election watch\n\n\
         Marie Tremblay and Daniel Osei briefed reporters. \"We are not arbiters,\" \
         Tremblay said. \"We will tell voters,\" she added.\n\n\
         A spokesman for the State Department said: \"We are aware of the incident.\"\n\n\
         Senator Ada Quist opened the hearing. \"The logs were wiped,\" the senator said.\n\n\
         \"No comment on the logs,\" the ministry said.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    let credited: Vec<(String, String)> = hits
        .iter()
        .map(|h| {
            let speaker = h["speaker"].as_str().unwrap_or("-").to_string();
            let role = h["role"].as_str().unwrap_or("-").to_string();
            (speaker, role)
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        credited,
        [
            pair("Marie Tremblay", "-"),
            pair("Marie Tremblay", "-"),
            pair("-", "A spokesman for the State Department"),
            pair("Ada Quist", "Senator"),
            pair("-", "the ministry"),
        ]
    );
    env.run(&["speakers"]).ok().stdout_lacks("State Department");
}

#[test]
fn speakers_join_names_across_documents_whatever_their_accents() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Talks\n\n\"We will sign,\" said José Méndez, the envoy of Lorland.\n",
    );
    env.write("b.txt", "More talks\n\n\"Not yet,\" Mendez said.\n");
    let run = env.run(&["speakers", "--json"]);
    let speakers = run.ok().json();
    assert_eq!(speakers.len(), 1, "{}", run.stdout);
    assert_eq!(speakers[0]["speaker"], "José Méndez");
    assert_eq!(speakers[0]["quotes"], 2);
}

#[test]
fn quotes_take_gender_from_given_names_and_roles_from_possessives() {
    let env = Env::empty();
    env.write(
        "agency.txt",
        "Agency warns\n\n\
         Lorland's chief electoral officer, Petra Vaskova, spoke first. \
         \"We expect more attempts,\" Vaskova said.\n\n\
         Marie Tremblay and Daniel Osei briefed reporters later. \
         \"Fake accounts doubled,\" she said. \"Platforms were slow,\" he added.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "role"),
        [
            ("Petra Vaskova", "Lorland's chief electoral officer"),
            ("Marie Tremblay", ""),
            ("Daniel Osei", ""),
        ]
    );
}

#[test]
fn quotes_credit_speakers_in_house_styles_a_reader_would() {
    let env = Env::empty();
    env.write(
        "styles.txt",
        "Peers debate encryption\n\n\
         The health minister, Lord Pemberton of Ashby, spoke first. \
         ‘Not a penny for criminals,’ said the minister.\n\n\
         ‘It was the ’90s all over again,’ said Angela Whitcombe MP.\n\n\
         Baroness Ellery criticised ‘bulletproof hosting’ firms, adding: ‘We are entitled to be sceptical.’\n\n\
         ‘Exports need control,’ said Theresa May, a former prime minister. ‘We will not be intimidated,’ May said.\n\n\
         Jane Doe of the Cyber Law Clinic said: ‘Rules matter more than ever.’\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "text"),
        [
            ("Lord Pemberton", "Not a penny for criminals"),
            ("Angela Whitcombe", "It was the ’90s all over again"),
            // The words she criticised are hers: a partial quote (#18).
            ("Baroness Ellery", "bulletproof hosting"),
            ("Baroness Ellery", "We are entitled to be sceptical."),
            ("Theresa May", "Exports need control"),
            ("Theresa May", "We will not be intimidated"),
            ("Jane Doe", "Rules matter more than ever."),
        ]
    );
}

#[test]
fn quotes_in_a_digest_mixing_british_and_american_items_are_all_credited() {
    let env = Env::empty();
    env.write(
        "digest.txt",
        "norms-l weekly digest\n\n\
         1. UK: The minister, Sir Alan Pryce, said the code was 'long overdue'. \
         'Operators have had three years' warning,' he said.\n\n\
         2. US: Researchers call it 'living off the land,' said Jane Ortiz. \
         \"We're looking for a needle in a stack of needles,\" Ortiz said.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "text"),
        [
            // Quoted words inside his reported speech: a partial quote (#18).
            ("Alan Pryce", "long overdue"),
            ("Alan Pryce", "Operators have had three years' warning"),
            (
                "Jane Ortiz",
                "We're looking for a needle in a stack of needles"
            ),
        ],
        "each item in its own style; a scare quote credited in passing is no quote"
    );
}

#[test]
fn speakers_join_a_surname_with_particles_across_documents() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "EU\n\n\"Rules first,\" said Ursula von der Leyen, the president.\n",
    );
    env.write("b.txt", "B\n\n\"Then money,\" Von der Leyen said.\n");
    env.write("c.txt", "C\n\n\"Then people,\" von der Leyen said.\n");
    // "Al" is a given name too: Al Gore is not a Gore by surname alone.
    env.write(
        "d.txt",
        "D\n\n\"Act now,\" said Al Gore, a former vice president.\n",
    );
    env.write(
        "e.txt",
        "E\n\n\"Read labels,\" said Tipper Gore, an author.\n",
    );
    let speakers = env.run(&["speakers", "--json"]).ok().json();
    let counts: Vec<(&str, u64)> = speakers
        .iter()
        .map(|s| {
            (
                s["speaker"].as_str().unwrap_or(""),
                s["quotes"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("Ursula von der Leyen", 3),
            ("Al Gore", 1),
            ("Tipper Gore", 1)
        ]
    );
    for name in ["Ursula von der Leyen", "von der Leyen", "leyen"] {
        let hits = env
            .run(&["quotes", "--speaker", name, "--json"])
            .ok()
            .json();
        assert_eq!(hits.len(), 3, "{name}: {hits:?}");
    }
}

#[test]
fn full_speaker_name_finds_the_bare_surname_quotes_speakers_counts() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Call debated\n\n\"Norms need teeth,\" said Peter Singer, a fellow at Frontier.\n",
    );
    env.write("b.txt", "Post\n\n\"The Call is a start,\" Singer said.\n");
    env.write("c.txt", "Note\n\n\"This binds nobody,\" Mr. Singer said.\n");
    env.write(
        "e.txt",
        "Memo\n\n\"Proxies are the problem,\" Ms. Singer said.\n",
    );
    let speakers = env.run(&["speakers", "--json"]).ok().json();
    assert_eq!(speakers[0]["speaker"], "Peter Singer", "{speakers:?}");
    assert_eq!(
        speakers[0]["quotes"], 3,
        "Ms. Singer is someone else: {speakers:?}"
    );
    let docs = |args: &[&str]| -> Vec<String> {
        let mut args = args.to_vec();
        args.push("--json");
        let hits = env.run(&args).ok().json();
        hits.iter().map(|h| field(h, "doc").to_string()).collect()
    };
    let abc = ["a.txt", "b.txt", "c.txt"];
    assert_eq!(docs(&["quotes", "--speaker", "Peter Singer"]), abc);
    // Each quote says whom `speakers` counts it for.
    let joined = || -> Vec<(String, Value)> {
        let hits = env.run(&["quotes", "--json"]).ok().json();
        hits.iter()
            .map(|h| (field(h, "doc").to_string(), h["joined"].clone()))
            .collect()
    };
    let peter = Value::from("Peter Singer");
    assert_eq!(
        joined(),
        [
            ("a.txt".into(), Value::Null),
            ("b.txt".into(), peter.clone()),
            ("c.txt".into(), peter.clone()),
            ("e.txt".into(), Value::Null),
        ]
    );
    env.run(&["quotes", "--speaker", "Peter Singer"])
        .ok()
        .stdout_has("Peter Singer (as “Mr. Singer”, joined by surname)");
    assert_eq!(docs(&["quotes", "--speaker", "Dr. Peter Singer"]), abc);
    assert_eq!(docs(&["quotes", "speaker:\"peter singer\""]), abc);
    // the role given once holds for the quotes joined to its speaker
    assert_eq!(docs(&["quotes", "role:frontier"]), abc);
    let mut passages = docs(&[
        "search",
        "call OR binds OR norms",
        "--speaker",
        "Peter Singer",
    ]);
    passages.sort();
    assert_eq!(passages, abc);
    // A second full name ending in Singer, a woman's: the bare "Singer"
    // could be either, "Mr. Singer" is still Peter and "Ms. Singer" is Anna.
    env.write(
        "d.txt",
        "More\n\n\"Reporting is hard,\" said Anna Singer, an analyst.\n",
    );
    assert_eq!(
        docs(&["quotes", "--speaker", "Peter Singer"]),
        ["a.txt", "c.txt"]
    );
    assert_eq!(
        docs(&["quotes", "--speaker", "Anna Singer"]),
        ["d.txt", "e.txt"]
    );
    assert_eq!(
        joined(),
        [
            ("a.txt".into(), Value::Null),
            ("b.txt".into(), Value::Null),
            ("c.txt".into(), peter.clone()),
            ("d.txt".into(), Value::Null),
            ("e.txt".into(), Value::from("Anna Singer")),
        ]
    );
    // Once she is gone again, her name no longer counts.
    env.remove("d.txt");
    assert_eq!(docs(&["quotes", "--speaker", "Peter Singer"]), abc);
}

#[test]
fn quotes_query_ranks_the_quote_saying_it_with_highlights() {
    let env = Env::shipped();
    let hits = env.run(&["quotes", "multilateral", "--json"]).ok().json();
    assert_eq!(speakers(&hits), ["Peter Singer"]);
    let text = field(&hits[0], "text");
    let highlights = hits[0]["highlights"].as_array().unwrap();
    assert_eq!(slice(text, &highlights[0]), "multilateral");
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);
    env.run(&["quotes", "multilateral", "--color", "never"])
        .ok()
        .stdout_has("**multilateral**")
        .stdout_has(" · score ");
    // Words and --speaker combine.
    env.run(&["quotes", "multilateral", "--speaker", "cooper"])
        .code(1)
        .stderr_has("no quotes by speaker 'cooper' match 'multilateral'");
}

#[test]
fn quotes_leave_out_the_hacking_back_scare_quote() {
    let env = Env::shipped();
    for query in ["hacking back", "\"hacking back\""] {
        env.run(&["quotes", query])
            .code(1)
            .stderr_has(&format!("no quotes match '{query}'"));
        let json = env.run(&["quotes", query, "--json"]);
        json.code(1);
        assert!(json.stdout.is_empty() && json.stderr.is_empty());
    }
    // The passage itself is still found by search.
    env.run(&["search", "\"hacking back\""]).ok();
}

#[test]
fn search_finds_passages_quoting_a_speaker_by_field_or_flag() {
    let env = Env::shipped();
    let hits = env
        .run(&["search", "speaker:singer multilateral", "--json"])
        .ok()
        .json();
    assert!(field(&hits[0], "text").contains("they are multilateral"));
    assert!(hits.iter().all(|h| h["speakers"]
        .as_array()
        .unwrap()
        .contains(&"Peter Singer".into())));
    for name in ["stifel", "Megan Stifel"] {
        let hits = env
            .run(&["search", "private sector", "--speaker", name, "--json"])
            .ok()
            .json();
        assert!(!hits.is_empty(), "{name}");
        // Listed once per passage, though she is quoted twice in ¶13.
        assert!(
            hits.iter()
                .all(|h| h["speakers"] == serde_json::json!(["Megan Stifel"])),
            "{hits:?}"
        );
    }
    env.run(&["search", "private sector", "--speaker", "nobody"])
        .code(1);
}

#[test]
fn quotes_reach_precision_and_recall_on_news_fixtures_through_the_cli() {
    #[derive(serde::Deserialize)]
    struct Expected {
        file: String,
        speaker: Option<String>,
        text_starts_with: String,
    }
    let expected: Vec<Expected> = serde_json::from_str(
        &std::fs::read_to_string(repo_path("tests/fixtures/news-expected.json")).unwrap(),
    )
    .unwrap();
    let env = Env::fixture("news");
    let got = env.run(&["quotes", "--json"]).ok().json();
    let same = |hit: &Value, e: &Expected| {
        field(hit, "doc") == e.file && field(hit, "text").starts_with(&e.text_starts_with)
    };
    let speaker = |hit: &Value| hit["speaker"].as_str().map(str::to_string);
    let correct = got
        .iter()
        .filter(|hit| {
            expected
                .iter()
                .any(|e| same(hit, e) && e.speaker == speaker(hit))
        })
        .count();
    let matched = expected
        .iter()
        .filter(|e| {
            got.iter()
                .any(|hit| same(hit, e) && e.speaker == speaker(hit))
        })
        .count();
    let precision = correct as f64 / got.len().max(1) as f64;
    let recall = matched as f64 / expected.len() as f64;
    println!(
        "news fixtures via CLI: precision {precision:.3} ({correct}/{}), recall {recall:.3} ({matched}/{})",
        got.len(),
        expected.len()
    );
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(recall >= 0.8, "recall {recall:.3}");
}

#[test]
fn quotes_flag_an_unresolved_speaker_with_the_form_written() {
    let env = Env::fixture("news");
    let hits = env.run(&["quotes", "doc:10_pronoun", "--json"]).ok().json();
    let unresolved: Vec<&Value> = hits.iter().filter(|h| h["resolved"] == false).collect();
    assert_eq!(unresolved.len(), 1, "{hits:?}");
    assert!(unresolved[0]["speaker"].is_null());
    assert_eq!(unresolved[0]["surface"], "he");
    env.run(&["quotes", "doc:10_pronoun", "--color", "never"])
        .ok()
        .stdout_has(" 1. he (unresolved)\n");
}

#[test]
fn quotes_without_query_list_every_quote_in_document_order_up_to_limit() {
    let env = Env::fixture("news");
    let hits = env.run(&["quotes", "--json"]).ok().json();
    let keys: Vec<(String, u64)> = hits
        .iter()
        .map(|h| (field(h, "doc").to_string(), h["start"].as_u64().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.len() > 10);
    let first = env.run(&["quotes", "--limit", "3", "--json"]).ok().json();
    assert_eq!(first, hits[..3]);
}

#[test]
fn quotes_bad_input_exits_2_and_unknown_speaker_exits_1() {
    let env = Env::shipped();
    let search = env.run(&["search", "\"unclosed"]);
    search.error("unbalanced quote");
    let quotes = env.run(&["quotes", "\"unclosed"]);
    quotes.error("unbalanced quote");
    let error = |stderr: &str| stderr.lines().last().unwrap_or_default().to_string();
    assert_eq!(
        error(&quotes.stderr),
        error(&search.stderr),
        "same wording as search"
    );
    env.run(&["quotes", "--speaker", "!!"])
        .error("has no words");
    env.run(&["quotes", "--speaker", "nobody"])
        .code(1)
        .stderr_has("no quotes by speaker 'nobody'");
}

#[test]
fn role_field_finds_quotes_and_passages_by_affiliation() {
    let env = Env::shipped();
    let quotes = env.run(&["quotes", "role:microsoft", "--json"]).ok().json();
    let speakers: Vec<&str> = quotes
        .iter()
        .map(|q| q["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(speakers, ["Brad Smith"]);
    let passages = env
        .run(&["search", "role:\"public knowledge\"", "--json"])
        .ok()
        .json();
    assert!(passages.iter().all(|p| p["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "Megan Stifel")));
    assert!(!passages.is_empty());
}

#[test]
fn quotes_in_british_single_marks_are_credited() {
    let env = Env::fixture("news");
    let hits = env
        .run(&["quotes", "--speaker", "Harriet Okonkwo", "--json"])
        .ok()
        .json();
    let texts: Vec<&str> = hits.iter().map(|h| field(h, "text")).collect();
    assert_eq!(
        texts,
        [
            // Inside her reported speech: a partial quote (#18).
            "somebody else’s problem",
            "We heard from councils that had no offline copy of their residents’ records at all",
            "That is not a technology failure, it is a failure of leadership."
        ],
        "‘Dame Harriet’ is Harriet Okonkwo; the possessive stays inside"
    );
    let arkwright = env
        .run(&[
            "quotes",
            "\"simply pay\"",
            "--speaker",
            "Arkwright",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(arkwright.len(), 1, "{arkwright:?}");
    assert!(
        field(&arkwright[0], "text").contains("would “simply pay” if attacked"),
        "the nested double quotation stays inside: {arkwright:?}"
    );
    env.run(&["quotes", "--speaker", "Calloway"])
        .ok()
        .stdout_has("almost none wants to report on the old ones");
}

#[test]
fn quotes_credit_set_phrases_and_words_said_jointly() {
    let env = Env::empty();
    env.write(
        "talks.txt",
        "Talks\n\nMaria Lind, a researcher in Oslo, spoke first. As Lind put it, \
         \"norms without enforcement are wishes.\"\n\n\
         Peter Olsen and Anna Berg said in a statement, \"the call is a start.\"\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(speakers(&hits), ["Maria Lind", "Peter Olsen and Anna Berg"]);
    for name in ["Anna Berg", "Peter Olsen"] {
        let hits = env
            .run(&["quotes", "--speaker", name, "--json"])
            .ok()
            .json();
        assert_eq!(hits.len(), 1, "{name}");
    }
}

/// Wire copy's doubled apostrophes, party-and-state tags and dash bylines
/// (#18), on made-up sentences.
#[test]
fn quotes_credit_wire_marks_party_tags_and_dash_bylines() {
    let env = Env::empty();
    env.write(
        "wire.txt",
        "Tax plan draws fire\n\n\
         ''This isn't reform,'' said Alan Cole, an economist at a think tank.\n\n\
         \"We need answers,\" Rep. Jane Roe (D-Wis.) said Friday.\n\n\
         \"Not now,\" Senate Leader Tom Doe, R-Ky., said.\n",
    );
    env.write(
        "voices.txt",
        "Voters speak\n\n\
         \u{201c}I'm still undecided.\u{201d} \u{2015} Ana Ruiz, 34, a nurse\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "text"),
        [
            ("Ana Ruiz", "I'm still undecided."),
            ("Alan Cole", "This isn't reform"),
            ("Jane Roe", "We need answers"),
            ("Tom Doe", "Not now"),
        ]
    );
    assert_eq!(
        field(&hits[1], "role"),
        "an economist at a think tank",
        "{hits:?}"
    );
}

/// Partial quotes inside reported speech and quoted labels are credited to
/// the speaker of the reporting clause, with their sentence; `--kind`
/// filters (#18).
#[test]
fn quotes_credit_partial_quotes_and_labels_and_filter_by_kind() {
    let env = Env::empty();
    env.write(
        "budget.txt",
        "Budget fight\n\n\
         Governor Ida Kern said the plan was \"dead on arrival\" and would \"fix nothing\" \
         for renters. She called the deal \"a gift to developers.\"\n\n\
         \"We will keep fighting,\" Kern said.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    let kinds: Vec<(&str, &str, &str)> = hits
        .iter()
        .map(|h| (field(h, "speaker"), field(h, "kind"), field(h, "text")))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Ida Kern", "partial", "dead on arrival"),
            ("Ida Kern", "partial", "fix nothing"),
            ("Ida Kern", "partial", "a gift to developers."),
            ("Ida Kern", "full", "We will keep fighting"),
        ]
    );
    assert_eq!(
        field(&hits[0], "sentence"),
        "Governor Ida Kern said the plan was \"dead on arrival\" and would \"fix nothing\" for renters."
    );
    assert!(hits[3]["sentence"].is_null(), "{:?}", hits[3]);
    let partial = env
        .run(&["quotes", "--kind", "partial", "--limit", "2", "--json"])
        .ok()
        .json();
    assert_eq!(partial.len(), 2);
    assert!(partial.iter().all(|h| field(h, "kind") == "partial"));
    let full = env.run(&["quotes", "--kind", "full", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&full, "text"),
        [("Ida Kern", "We will keep fighting")]
    );
    env.run(&["quotes", "--kind", "partial"])
        .ok()
        .stdout_has("in: Governor Ida Kern said the plan");
    let shipped = Env::shipped();
    shipped
        .run(&["quotes", "--kind", "partial"])
        .code(1)
        .stderr_has("no partial quotes in the corpus");
}

/// The person inside a description is the speaker, the rest the role; a
/// middle initial does not make another person (#18).
#[test]
fn quotes_credit_the_person_named_inside_a_role_and_past_middle_initials() {
    let env = Env::empty();
    env.write(
        "sanctions.txt",
        "Sanctions loom\n\n\
         Secretary of State John F. Kerry said the allies would take \"robust steps\" soon.\n\n\
         \"It is a start,\" said MSNBC host Chris Matthews.\n\n\
         Attorney General Loretta E. Lynch spoke next. Loretta Lynch had arrived late. \
         \"People don't see you,\" Lynch said.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "role"),
        [
            ("John F. Kerry", "Secretary of State"),
            ("Chris Matthews", "MSNBC host"),
            ("Loretta E. Lynch", "Attorney General"),
        ]
    );
}

/// A quotation whose sentence runs on to its attribution is a partial
/// quote of that speaker, and the next quotation carries it on (#18).
#[test]
fn quotes_credit_a_quotation_whose_sentence_runs_on_to_its_attribution() {
    let env = Env::empty();
    env.write(
        "tax.txt",
        "Tax plan\n\n\
         ''I have admiration for the mechanics'' of the proposals, Mr. Holt said. \
         ''But I have serious concerns.''\n",
    );
    assert_quotes(
        &env,
        ["surface", "kind", "text"],
        &[
            ("Mr. Holt", "partial", "I have admiration for the mechanics"),
            ("Mr. Holt", "full", "But I have serious concerns."),
        ],
    );
}

/// When the last cue before a quotation has no subject to credit ("who
/// complains"), an earlier one in the sentence does; a participle borrows
/// the subject of the finite cue before it (#18).
#[test]
fn quotes_fall_back_to_an_earlier_cue_and_lend_a_participle_its_subject() {
    let env = Env::empty();
    env.write(
        "debate.txt",
        "Debate night\n\n\
         Rita Vance mocked the complaint, saying anybody who complains about a microphone \
         \"is not having a good night.\"\n\n\
         \"We see no link,\" the mayor said, adding that it would take \"more hours\" to know.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "role", "text"],
        &[
            ("Rita Vance", "", "is not having a good night."),
            ("", "the mayor", "We see no link"),
            ("", "the mayor", "more hours"),
        ],
    );
}

/// "who said" credits the person it refers back to, past an appositive;
/// "a letter that says" is described, not named (#18).
#[test]
fn quotes_credit_the_antecedent_of_who_and_that() {
    let env = Env::empty();
    env.write(
        "senate.txt",
        "Senate\n\n\
         Obama met Mitch McConnell, the majority leader, who said the goal was a \
         \"one-term president.\"\n\n\
         The clinic issued a letter that says he is in \"excellent health\" for his age.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "role"),
        [("Mitch McConnell", "the majority leader"), ("", "a letter")]
    );
}

/// Past stacked appositives (a second description, a "which" clause) the
/// person before the first comma speaks (#18).
#[test]
fn quotes_see_past_stacked_appositives_to_the_person() {
    let env = Env::empty();
    env.write(
        "council.txt",
        "Council\n\n\
         Jean Roux, the foreign minister of France, a permanent member of the Council, \
         said the test was a \"provocation.\"\n\n\
         Mike Mull, president of the union, which represents teachers, said he hopes \
         for \"a message to the city.\"\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "role"),
        [
            ("Jean Roux", "the foreign minister of France"),
            ("Mike Mull", "president of the union"),
        ]
    );
}

/// A state after a place ("Springfield, Va.,") ends no sentence, and "the
/// letter reads" credits a document (#18).
#[test]
fn quotes_credit_a_person_from_a_place_and_a_letter_that_reads() {
    let env = Env::empty();
    env.write(
        "museum.txt",
        "Museum opens\n\n\
         John Wills, of Springfield, Va., said he had served ''for the nation's rights.''\n\n\
         \"We see hope,\" the letter reads.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(
        speakers_with(&hits, "role"),
        [("John Wills", "of Springfield"), ("", "the letter")]
    );
}

/// Papers, rulings and articles speak with "wrote", "read" and "reported";
/// a paragraph may open its quotation with a reversed mark before an
/// ellipsis (#18).
#[test]
fn quotes_credit_documents_and_outlets_after_their_cues() {
    let env = Env::empty();
    env.write(
        "papers.txt",
        "Papers\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         “The harbour lost half its trade in a decade,” the Times wrote.\n\n\
         “The board met for years on this,” the article read.\n\n\
         “A town cannot close its harbour that way,” said the ruling.\n\n\
         This is “roughly the same lead the mayor has held,” reported Reuters.\n\n\
         ” … she delivered a mix of old and new ideas,” Holm wrote.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "role", "text"],
        &[
            ("Times", "", "The harbour lost half its trade in a decade"),
            ("", "the article", "The board met for years on this"),
            ("", "the ruling", "A town cannot close its harbour that way"),
            ("Reuters", "", "roughly the same lead the mayor has held"),
            ("Holm", "", "… she delivered a mix of old and new ideas"),
        ],
    );
}

/// A newspaper whose name has an article or a possessive keeps it: "The
/// Hill", "People's Daily", never "Hill" or "Daily" (#18).
#[test]
fn quotes_keep_the_article_and_possessive_of_an_outlet_name() {
    let env = Env::empty();
    env.write(
        "outlets.txt",
        "Outlets\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         “Four loopholes were cited,” The Hill reported.\n\n\
         “The harbour will stay open,” People’s Daily said.\n",
    );
    let hits = env.run(&["quotes", "--json"]).ok().json();
    assert_eq!(speakers(&hits), ["The Hill", "People’s Daily"]);
}

/// A quotation standing alone after a sentence of reported speech that
/// ends with its attribution is that speaker's; "and said" borrows the
/// subject of its sentence, past a quotation in it; the writer's "I said"
/// and "points out" are cues (#18).
#[test]
fn quotes_credit_the_reporting_sentence_before_and_coordinated_cues() {
    let env = Env::empty();
    env.write(
        "harbour.txt",
        "Harbour\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         The board may be slow to act while the mayor is away, Holm said. \
         “The other factor is the money. I do not think it matters.”\n\n\
         Lena Vik, the head of the guild, spoke about the plan at a “Harbour Day” \
         hosted by City Radio and said the town has what it needs: \
         “Patience, and a lot of it.”\n\n\
         Once, when the ferry was late, I laughed and said, “I do not believe in ferries.”\n\n\
         “Some of us thought so for years,” Vik points out.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "surface", "text"],
        &[
            (
                "Holm",
                "Holm",
                "The other factor is the money. I do not think it matters.",
            ),
            ("Lena Vik", "Lena Vik", "Patience, and a lot of it."),
            ("", "I", "I do not believe in ferries."),
            ("Lena Vik", "Vik", "Some of us thought so for years"),
        ],
    );
}

/// Transcript lines are quotes credited to their label, resolved to the
/// person the document names in full: paragraphs of their own ("PENCE:
/// …") or each opened by a mark (""WALLACE: …"), where a quotation
/// inside stays inside; rubrics ("CORRECTION:") are no speakers (#18).
#[test]
fn quotes_credit_transcript_lines_to_their_label() {
    let env = Env::empty();
    env.write(
        "plain.txt",
        "Interview\n\n\
         Gov. Lena Holm spoke to Ivo Berg on Sunday about the harbour.\n\n\
         BERG: Let us start with the news about the harbour.\n\n\
         GOV. HOLM: Well, look, the harbour stays open.\n\n\
         CORRECTION: An earlier version misspelled a name.\n",
    );
    env.write(
        "marked.txt",
        "Interview\n\n\
         Gov. Lena Holm spoke to Ivo Berg on Sunday about the harbour.\n\n\
         Partial transcript as follows:\n\n\
         \"BERG: Let us start with the news about the harbour.\n\n\
         \"HOLM: Well, look, they think this is an episode of “Boat Wars.” It is not.\n\n\
         \"(CROSSTALK.)\n\n\
         \"BERG: So why would anyone close it?\n\n\
         The interview ended there.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "surface", "text"],
        &[
            (
                "Ivo Berg",
                "BERG",
                "Let us start with the news about the harbour.",
            ),
            (
                "Lena Holm",
                "HOLM",
                "Well, look, they think this is an episode of “Boat Wars.” It is not. (CROSSTALK.)",
            ),
            ("Ivo Berg", "BERG", "So why would anyone close it?"),
            (
                "Ivo Berg",
                "BERG",
                "Let us start with the news about the harbour.",
            ),
            (
                "Lena Holm",
                "GOV. HOLM",
                "Well, look, the harbour stays open.",
            ),
        ],
    );
}

/// The person inside an attribution is the speaker and the rest the role:
/// "Mr. Hale of the Coastal Trust said" (speaker `Hale`, never null), "the
/// group’s leader, Dan Crane, said" after the quote (#18).
#[test]
fn quotes_take_the_person_out_of_the_role() {
    let env = Env::empty();
    env.write(
        "trust.txt",
        "Trust\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         Mr. Hale of the Coastal Trust said: “The harbour stays open.”\n\n\
         “The quay needs work,” the group’s leader, Dan Crane, said.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "surface", "role"],
        &[
            ("Hale", "Mr. Hale", "of the Coastal Trust"),
            ("Dan Crane", "Dan Crane", "the group’s leader"),
        ],
    );
    // A surname that no full name in the corpus ends with is a speaker of
    // its own, listed under it, and said to be a surname only.
    env.run(&["quotes", "--speaker", "Hale", "--color", "never"])
        .ok()
        .stdout_has(" 1. Mr. Hale (surname only), of the Coastal Trust\n");
}

/// Organisations and documents speak as themselves, typed: a named
/// organisation is the speaker ("the Defense Ministry", "the Pentagon",
/// "Kestrel" after "the president of Kestrel", a state: "Russia"), so is a
/// named document ("the IMF report"), "the ministry" is the one
/// ministry the document names, and a description naming nothing stays
/// unnamed but typed ("the statement", "a spokesman for the ministry");
/// `speakers` types its rows as the quotes do and counts what `--speaker`
/// lists (#18).
#[test]
fn quotes_type_speakers_as_persons_organisations_and_documents() {
    let env = Env::empty();
    env.write(
        "harbour.txt",
        "Harbour\n\n\
         Brad Vole, the president of Kestrel, spoke on Monday about the harbour.\n\n\
         “We agree with the board,” Kestrel said.\n\n\
         “We will not pay,” the Defense Ministry said.\n\n\
         “We are aware of it,” the Pentagon said.\n\n\
         “Talks will resume,” the statement said.\n\n\
         “We see hope,” the letter reads.\n\n\
         “Prices will fall,” a spokesman for the ministry said.\n\n\
         The Harbour Ministry issued a note. “Nothing happened,” the ministry said.\n\n\
         “It is final,” it said.\n\n\
         “We agree,” Peter Olsen and Anna Berg said.\n\n\
         “We will never sign,” Russia said.\n\n\
         “Growth will slow,” the IMF report said.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "speaker_type", "role"],
        &[
            ("Kestrel", "organisation", ""),
            ("Defense Ministry", "organisation", ""),
            ("Pentagon", "organisation", ""),
            ("", "document", "the statement"),
            ("", "document", "the letter"),
            ("", "person", "a spokesman for the ministry"),
            ("Harbour Ministry", "organisation", ""),
            ("", "unknown", ""),
            ("Peter Olsen and Anna Berg", "group", ""),
            ("Russia", "organisation", ""),
            ("IMF report", "document", ""),
        ],
    );
    let rows = env.run(&["speakers", "--json"]).ok().json();
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (field(r, "speaker"), field(r, "kind")))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Defense Ministry", "organisation"),
            ("Harbour Ministry", "organisation"),
            ("IMF report", "document"),
            ("Kestrel", "organisation"),
            ("Pentagon", "organisation"),
            ("Peter Olsen and Anna Berg", "group"),
            ("Russia", "organisation"),
        ]
    );
    for row in &rows {
        let name = field(row, "speaker");
        let listed = env
            .run(&["quotes", "--speaker", name, "--json"])
            .ok()
            .json();
        assert_eq!(Some(listed.len() as u64), row["quotes"].as_u64(), "{name}");
    }
    // The plain listing says the type of a speaker who is no person.
    env.run(&["quotes", "--color", "never"])
        .ok()
        .stdout_has(" 2. Defense Ministry (organisation)\n")
        .stdout_has(" 4. the statement (document, not named)\n")
        .stdout_has(" 6. a spokesman for the ministry (not named)\n")
        .stdout_has(" 9. Peter Olsen and Anna Berg (group)\n");
}

/// A headline or subheading in title case or capitals is no name: "Ana Reed
/// Fights Back" does not make "Reed" ambiguous, and "CITY HALL HAS DOUBTS"
/// run into a paragraph is not who called the plan "a mess" (#18).
#[test]
fn quotes_never_take_headline_case_for_a_name() {
    let env = Env::empty();
    env.write(
        "heads.txt",
        "Harbour\n\n\
         Tom Reed, the mayor, spoke on Monday about the harbour.\n\n\
         Ana Reed Fights Back\n\n\
         “We will win,” Reed said.\n\n\
         CITY HALL HAS DOUBTS — Lena Vik, a councillor, spoke for an hour, \
         saying the plan was “a mess.”\n",
    );
    assert_quotes(
        &env,
        ["speaker", "surface", "text"],
        &[
            ("Tom Reed", "Reed", "We will win"),
            ("Lena Vik", "Lena Vik", "a mess."),
        ],
    );
}

/// A host is the speaker, never the outlet he works for; an outlet cited
/// with "according to" is the speaker only when nobody else speaks; a cue
/// before the name keeps the role after it; the place or body after a name
/// completes the title before it ("radio host … of WXYZ") (#18).
#[test]
fn quotes_credit_the_host_not_the_outlet_and_keep_roles_after_a_cue() {
    let env = Env::empty();
    env.write(
        "radio.txt",
        "Radio\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         “It is a disgrace,” conservative radio host Dan Crane of WXYZ said.\n\n\
         “We will not back down,” Ida Kern told Harbor News host Jane Roe.\n\n\
         “Calm down,” said Harbor News host Jane Roe.\n\n\
         According to Example News, Nora Blake said: “We will sign.”\n\n\
         “Sales fell,” according to Example News.\n\n\
         “It is a start,” said Dan Crane, a fellow at the Coastal Trust.\n\n\
         “We ship in May,” says Nora Blake, the president of Rivet.\n\n\
         “We sign in June,” said Foreign Minister Ana Ruiz of Portugal.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "speaker_type", "role"],
        &[
            ("Dan Crane", "person", "radio host of WXYZ"),
            ("Ida Kern", "person", ""),
            ("Jane Roe", "person", "Harbor News host"),
            ("Nora Blake", "person", "the president of Rivet"),
            ("Example News", "organisation", ""),
            ("Dan Crane", "person", "a fellow at the Coastal Trust"),
            ("Nora Blake", "person", "the president of Rivet"),
            ("Ana Ruiz", "person", "Foreign Minister of Portugal"),
        ],
    );
}

/// A role is a noun phrase about the person, never a clause ("Mara Quill,
/// this reeks of …", "the move reeks of" cut at a quotation); a possessive
/// before a name is the affiliation ("NBC’s Dana Chen": NBC); a name that
/// an appositive calls a company is one, and speaks as one (#18).
#[test]
fn quotes_give_roles_that_are_noun_phrases_and_companies_that_are_no_persons() {
    let env = Env::empty();
    env.write(
        "debate.txt",
        "Debate\n\n\
         The board met on Monday to weigh the new rules for the harbour.\n\n\
         And from a front-runner, Mara Quill, this reeks of the greatest fear that I have \
         ever seen.\n\n\
         “We will not pay,” said Mara Quill.\n\n\
         According to talk radio host Rex Dunn, the move reeks of “fear” and desperation.\n\n\
         The lawyers of Dunmore Energy, the region’s largest coal company, met on Monday. \
         “We will appeal,” Dunmore Energy said.\n\n\
         “Debates change little,” noted NBC’s Dana Chen.\n",
    );
    assert_quotes(
        &env,
        ["speaker", "speaker_type", "role"],
        &[
            ("Mara Quill", "person", ""),
            ("Rex Dunn", "person", "talk radio host"),
            ("Dunmore Energy", "organisation", ""),
            ("Dana Chen", "person", "NBC"),
        ],
    );
}
