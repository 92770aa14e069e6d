//! `accord similar`: passages that express a paragraph's idea elsewhere.

use crate::common::{highlighted, Env};

#[test]
fn similar_finds_the_same_idea_in_another_document_first() {
    let env = Env::fixture("wording");
    let run = env.run(&["similar", "ottawa-statement.txt:5", "--json"]);
    let hits = run.ok().json();
    assert_eq!(
        hits[0]["citation"], "lakeside-commentary.txt ¶4",
        "{hits:#?}"
    );
    assert!(hits.iter().all(|h| h["doc"] != "ottawa-statement.txt"));
    assert!(!hits[0]["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn similar_accepts_the_citation_search_prints() {
    let env = Env::fixture("wording");
    env.run(&["similar", "ottawa-statement.txt ¶5", "--color", "never"])
        .ok()
        .stdout_has("Passages like ottawa-statement.txt ¶5:")
        .stdout_has("lakeside-commentary.txt ¶4");
}

#[test]
fn similar_includes_its_own_document_only_when_asked() {
    let env = Env::fixture("wording");
    let run = env.run(&["similar", "ottawa-statement.txt:2", "--same-doc", "--json"]);
    let hits = run.ok().json();
    assert!(hits
        .iter()
        .all(|h| h["citation"] != "ottawa-statement.txt ¶2"));
    assert!(
        hits.iter().any(|h| h["doc"] == "ottawa-statement.txt"),
        "{hits:#?}"
    );
}

#[test]
fn similar_on_shipped_corpus_pairs_the_seed_with_its_spun_copy() {
    let env = Env::shipped();
    let run = env.run(&[
        "similar",
        "link-list-2018-11-paris-call-post.txt ¶3",
        "--json",
    ]);
    let hits = run.ok().json();
    assert_eq!(hits[0]["doc"], "codebook-2018-11-paris-call-spun.txt");
    assert_eq!(hits[0]["spun"], true);
}

#[test]
fn similar_names_a_missing_document_or_paragraph() {
    let env = Env::fixture("wording");
    env.run(&["similar", "nowhere.txt:1"])
        .error("no document 'nowhere.txt' in the index");
    env.run(&["similar", "wire-brief.txt:99"])
        .error("wire-brief.txt has no paragraph 99");
    env.run(&["similar", "wire-brief.txt"])
        .error("DOC:PARAGRAPH");
    env.run(&["similar", "wire-brief.txt:0"])
        .error("numbered from 1");
    // A page that a citation gives is checked, not ignored.
    env.run(&["similar", "wire-brief.txt p.2 ¶1"])
        .error("wire-brief.txt has no pages");
    env.run(&["similar", "./ottawa-statement.txt:3"]).ok();
}

/// A statement, a commentary saying the same in other words, a report
/// whose reference list cites a paper with many of the statement's words,
/// and a republished copy of the statement (#17).
fn principle_corpus() -> Env {
    let env = Env::empty();
    env.write(
        "statement.md",
        "# Statement on private retaliation\n\n\
         ## 8. No hack back\n\n\
         States will ensure that private companies do not hack back against \
         attackers, because retaliation across borders risks escalation \
         between governments.\n",
    );
    env.write(
        "republished.md",
        "# Statement on private retaliation (republished)\n\n\
         States will ensure that private companies do not hack back against \
         attackers, because retaliation across borders risks escalation \
         between governments.\n\n\
         The statement was republished here without comment.\n",
    );
    env.write(
        "commentary.md",
        "# What the governments promised\n\n\
         The eighth promise means that governments stop firms from hacking \
         back at whoever attacked them, since striking back abroad can turn \
         into a quarrel between states.\n\n\
         Elsewhere the text says little about schools or museums.\n",
    );
    env.write(
        "report.md",
        "# Cyber norms report\n\n\
         Our findings concern hospitals and the ransomware gangs that attack them.\n\n\
         ## References\n\n\
         Smith, J. (2019). Private companies, hack back and retaliation: \
         attackers, borders and escalation. Journal of Cyber Conflict 11(4), 201–224.\n",
    );
    env
}

#[test]
fn similar_lists_a_copy_of_the_paragraph_apart_after_the_ranked_passages() {
    let env = principle_corpus();
    let run = env.run(&["similar", "statement.md:3", "--json"]);
    let hits = run.ok().json();
    assert_eq!(hits[0]["copy"], false, "{hits:#?}");
    assert_ne!(hits[0]["doc"], "republished.md", "{hits:#?}");
    let copies: Vec<_> = hits.iter().filter(|h| h["copy"] == true).collect();
    assert_eq!(copies.len(), 1, "{hits:#?}");
    assert_eq!(copies[0]["citation"], "republished.md ¶2");
    // Copies come after every ranked passage.
    let first_copy = hits.iter().position(|h| h["copy"] == true).unwrap();
    assert!(hits[first_copy..].iter().all(|h| h["copy"] == true));

    env.run(&["similar", "statement.md:3", "--color", "never"])
        .ok()
        .stdout_has(
            "Copies of statement.md ¶3 (same wording, not ranked):\n    republished.md ¶2 ·",
        );
}

#[test]
fn similar_ranks_a_paraphrase_above_a_reference_entry_sharing_more_words() {
    let env = principle_corpus();
    let hits = env
        .run(&["similar", "statement.md:3", "--json"])
        .ok()
        .json();
    let rank = |doc: &str| {
        hits.iter()
            .position(|h| h["doc"] == doc)
            .unwrap_or_else(|| panic!("no hit in {doc}: {hits:#?}"))
    };
    assert_eq!(rank("commentary.md"), 0, "{hits:#?}");
    let reference = &hits[rank("report.md")];
    assert!(reference["text"].as_str().unwrap().starts_with("Smith, J."));
    // The entry shares more of the statement's words, so it is more
    // similar; its prior as a reference entry ranks it lower.
    assert!(
        reference["similarity"].as_f64() > hits[0]["similarity"].as_f64(),
        "{hits:#?}"
    );
    // The shared words are highlighted, the heading's ordinal among them.
    let marked = highlighted(&hits[0]);
    assert!(marked.contains(&"eighth".to_string()), "{marked:?}");
    assert!(marked.contains(&"hacking back".to_string()), "{marked:?}");
}

#[test]
fn similar_scores_and_similarities_lie_between_0_and_1_best_first() {
    for (env, paragraph, at_least) in [
        (Env::fixture("wording"), "ottawa-statement.txt:5", 1),
        (principle_corpus(), "statement.md:3", 2),
    ] {
        let hits = env.run(&["similar", paragraph, "--json"]).ok().json();
        let ranked: Vec<_> = hits.iter().filter(|h| h["copy"] == false).collect();
        assert!(ranked.len() >= at_least, "{hits:#?}");
        for h in &hits {
            for field in ["score", "similarity"] {
                let v = h[field].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&v), "{field} {v}: {h:#?}");
            }
            assert!(h["score"].as_f64() <= h["similarity"].as_f64(), "{h:#?}");
        }
        let scores: Vec<f64> = ranked
            .iter()
            .map(|h| h["score"].as_f64().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
}

#[test]
fn similar_text_shows_each_passage_similarity() {
    Env::fixture("wording")
        .run(&["similar", "ottawa-statement.txt:5", "--color", "never"])
        .ok()
        .stdout_has("lakeside-commentary.txt ¶4 · ")
        .stdout_has(" · similarity 0.");
}

#[test]
fn similar_lists_passages_with_the_same_wording_once() {
    let env = principle_corpus();
    let echo = "Hack back by private companies was the subject of a panel, where \
                speakers warned of escalation after retaliation by attackers' victims.";
    env.write("echo-a.txt", echo);
    env.write("echo-b.txt", echo);
    let hits = env
        .run(&["similar", "statement.md:3", "--json"])
        .ok()
        .json();
    let echoes: Vec<_> = hits
        .iter()
        .filter(|h| h["doc"].as_str().unwrap().starts_with("echo-"))
        .collect();
    assert_eq!(echoes.len(), 1, "{hits:#?}");
    let other = if echoes[0]["doc"] == "echo-a.txt" {
        "echo-b.txt ¶1"
    } else {
        "echo-a.txt ¶1"
    };
    assert_eq!(echoes[0]["duplicates"], serde_json::json!([other]));
}
