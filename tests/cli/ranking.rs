//! Ranking (#17): the passage that answers comes before headings, scraps
//! and passages that share only common words with the query.

use crate::common::{highlighted, slice, Env};
use accord::analysis::{self, Mode};

fn docs(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter().map(|h| h["doc"].as_str().unwrap()).collect()
}

fn texts(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter().map(|h| h["text"].as_str().unwrap()).collect()
}

fn citations(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter()
        .map(|h| h["citation"].as_str().unwrap())
        .collect()
}

#[test]
fn a_rare_word_outweighs_common_words() {
    let env = Env::empty();
    let mut text = String::new();
    for i in 0..12 {
        text.push_str(&format!(
            "Item {i}. This tool is used to treat the network as it is, and it is used to treat logs.\n\n"
        ));
    }
    text.push_str("Quarantine of infected hosts limits wormspread in practice.\n");
    env.write("notes.txt", text);
    let hits = env
        .run(&["search", "what is used to treat wormspread", "--json"])
        .ok()
        .json();
    assert!(texts(&hits)[0].contains("wormspread"), "{:?}", texts(&hits));
    // stop words neither qualify a passage nor light up
    assert!(highlighted(&hits[0]).iter().all(|h| h != "is"));
}

#[test]
fn title_and_heading_words_add_to_the_passage_below_them() {
    let env = Env::empty();
    env.write(
        "report.md",
        "# Private retaliation in cyberspace\n\n\
         ## Findings\n\n\
         Companies that strike back at intruders risk escalation and legal liability.\n\n\
         ## Other matters\n\n\
         Escalation between states is a separate concern for diplomats.\n",
    );
    env.write(
        "other.md",
        "# Notes\n\nEscalation is a word the diplomats use about almost everything.\n",
    );
    let hits = env
        .run(&["search", "retaliation escalation", "--json"])
        .ok()
        .json();
    // "retaliation" is only in the report's title: both its passages hold
    // every word with their context; the other note holds one, and so does
    // the title, a heading, after them
    assert_eq!(docs(&hits)[..2], ["report.md", "report.md"]);
    assert!(docs(&hits)[2..].contains(&"other.md"), "{:?}", docs(&hits));
    // the context alone makes no hit: a word must be in the passage
    env.run(&["search", "retaliation", "--json"])
        .ok()
        .stdout_lacks("Escalation between states");
}

#[test]
fn hits_show_their_heading_path() {
    let env = Env::empty();
    env.write(
        "accord.md",
        "# The Accord\n\n## Principles\n\n### Principle 8\n\n\
         Non-state actors must not hack back against attackers.\n",
    );
    let hits = env.run(&["search", "hack back", "--json"]).ok().json();
    assert_eq!(hits[0]["heading"], "Principles › Principle 8");
    env.run(&["search", "hack back", "--color", "never"])
        .ok()
        .stdout_has("§ Principles › Principle 8");
    // A one-letter title is not taken for part of every heading.
    env.write(
        "a.md",
        "# A\n\n## Safety at crossings\n\nZebra crossings need lights at night.\n",
    );
    let hits = env.run(&["search", "zebra", "--json"]).ok().json();
    assert_eq!(hits[0]["heading"], "Safety at crossings");
}

#[test]
fn headings_contents_lines_and_references_rank_below_prose() {
    let env = Env::empty();
    env.write(
        "review.md",
        "# Review\n\n\
         ## Contents\n\n\
         3.2 Supply chain security ........ 14\n\n\
         ## 3.2 Supply chain security\n\n\
         Vendors now sign their updates and publish a bill of materials, \
         which made supply chain security measurable for the first time.\n\n\
         Figure 2: Supply chain security incidents\n\n\
         ## References\n\n\
         Lind, M. (2020). Supply chain security in practice. Journal of Norms, 3(1).\n",
    );
    let hits = env
        .run(&["search", "supply chain security", "--json"])
        .ok()
        .json();
    assert!(
        texts(&hits)[0].starts_with("Vendors now sign"),
        "{:?}",
        texts(&hits)
    );
    // demoted, not lost: all four scraps still match
    assert_eq!(hits.len(), 5, "{:?}", texts(&hits));
    // and a phrase only a scrap holds still finds it first
    let hits = env
        .run(&["search", "\"Journal of Norms\"", "--json"])
        .ok()
        .json();
    assert!(texts(&hits)[0].starts_with("Lind, M."));
}

#[test]
fn a_repeated_query_word_weighs_more() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Lexical analysis splits the text into tokens before parsing.\n\n\
         Parsing builds a tree from the tokens, and parsing is slow.\n",
    );
    let once = env
        .run(&["search", "lexical parsing", "--json"])
        .ok()
        .json();
    let twice = env
        .run(&["search", "lexical lexical lexical parsing", "--json"])
        .ok()
        .json();
    assert!(texts(&twice)[0].starts_with("Lexical"));
    let score = |hits: &[serde_json::Value]| hits[0]["score"].as_f64().unwrap();
    assert!(score(&twice) > score(&once));
}

#[test]
fn numbers_match_their_written_variants() {
    let env = Env::empty();
    env.write(
        "rates.txt",
        "The risk was about 1 in 2,000 per device.\n\n\
         Another lab measured 1:2000 across the fleet.\n\n\
         The third paper reports 1/2000 as the failure rate.\n\n\
         During COVID-19 the rate rose; Covid19 and covid 19 are the same.\n",
    );
    for query in ["1/2000", "\"1 in 2000\"", "1:2000"] {
        let hits = env.run(&["search", query, "--json"]).ok().json();
        assert_eq!(hits.len(), 3, "{query}: {:?}", texts(&hits));
    }
    let hits = env.run(&["search", "2000", "--json"]).ok().json();
    assert_eq!(hits.len(), 3);
    for query in ["COVID-19", "covid19"] {
        let hits = env.run(&["search", query, "--json"]).ok().json();
        assert_eq!(
            highlighted(&hits[0]),
            ["COVID-19", "Covid19", "covid 19"],
            "{query}"
        );
    }
}

#[test]
fn literal_wording_ranks_before_alias_only_passages() {
    let env = Env::empty();
    env.write(
        "aliases.toml",
        "[[group]]\nnames = [\"hacking back\", \"hack back\"]\n",
    );
    env.write(
        "a.md",
        "# Positions\n\n## No private hack back\n\n\
         Firms must not hack back, whatever the provocation, the review says.\n\n\
         ## No Hacking Back\n\n\
         Companies may not go hacking back against intruders.\n",
    );
    let hits = env.run(&["search", "hacking back", "--json"]).ok().json();
    assert!(texts(&hits)[0].starts_with("Companies may not go hacking back"));
    assert_eq!(hits[0]["aliases"].as_array().unwrap().len(), 0);
}

/// A fixed pseudo-random sequence, so the "fuzzed" documents are the same
/// on every run.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items[(self.0 >> 33) as usize % items.len()]
    }
}

#[test]
fn highlights_cover_exactly_the_matched_words_in_fuzzed_text() {
    const WORDS: [&str; 16] = [
        "ABC12",
        "gene",
        "état",
        "O’Brien",
        "hack-back",
        "U.S.",
        "x86_64",
        "naïve",
        "IL2Rα",
        "2,000",
        "COVID-19",
        "Müller",
        "state’s",
        "ﬁnance",
        "résumé",
        "İstanbul",
    ];
    const GLUE: [&str; 14] = [
        " ", " ", " ", "(′", ")", ", ", ". ", " — ", "“", "”", "′", "\u{a0}", "/", "…",
    ];
    let env = Env::empty();
    let mut rng = Lcg(17);
    for d in 0..6 {
        let mut text = String::new();
        for _ in 0..4 {
            for _ in 0..60 {
                text.push_str(rng.pick(&WORDS));
                text.push_str(rng.pick(&GLUE));
            }
            text.push_str("\n\n");
        }
        env.write(&format!("d{d}.txt"), text);
    }
    for query in [
        "ABC12",
        "gene",
        "etat",
        "O'Brien",
        "hack back",
        "x86_64",
        "IL2Rα",
        "muller",
    ] {
        let wanted: Vec<String> = analysis::tokenize_stemmed(query, Mode::Query)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let hits = env
            .run(&["search", query, "--json", "-n", "100"])
            .ok()
            .json();
        assert!(!hits.is_empty(), "{query}");
        for hit in &hits {
            let text = hit["text"].as_str().unwrap();
            for range in hit["highlights"].as_array().unwrap() {
                let covered = slice(text, range);
                let words: Vec<String> = analysis::tokenize_stemmed(covered, Mode::Index)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                assert!(
                    words.starts_with(&wanted[..1]) && words.ends_with(&wanted[wanted.len() - 1..]),
                    "{query}: highlight {covered:?} in {text:?}"
                );
                let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
                let tokens = analysis::tokenize(text, Mode::Index);
                assert!(
                    tokens.iter().any(|t| t.from as u64 == start),
                    "{query}: {covered:?}"
                );
                assert!(
                    tokens.iter().any(|t| t.to as u64 == end),
                    "{query}: {covered:?}"
                );
            }
        }
    }
}

#[test]
fn a_short_word_in_capitals_is_also_the_plain_word_unless_a_pronoun() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "The war in cyberspace is not a war.\n\nWAR GAMES are planned by the US and by us.\n",
    );
    let hits = env.run(&["search", "WAR", "--json"]).ok().json();
    assert_eq!(hits.len(), 2);
    let hits = env.run(&["search", "US", "--json"]).ok().json();
    assert_eq!(highlighted(&hits[0]), ["US"]);
}

#[test]
fn a_quoted_title_filter_is_exact_wording() {
    let env = Env::empty();
    env.write("a.txt", "Hack-back in law\n\nCompanies and the law.\n");
    env.write("b.txt", "Hacked back\n\nCompanies and the law.\n");
    let docs_for = |q: &str| -> Vec<String> {
        let hits = env.run(&["search", q, "--json"]).ok().json();
        let mut docs: Vec<String> = hits
            .iter()
            .map(|h| h["doc"].as_str().unwrap().to_string())
            .collect();
        docs.sort();
        docs.dedup();
        docs
    };
    assert_eq!(docs_for("title:\"hack back\" law"), ["a.txt"]);
    assert_eq!(docs_for("title:hack companies"), ["a.txt", "b.txt"]);
}

#[test]
fn a_long_paragraph_is_one_hit_not_one_per_piece() {
    let env = Env::empty();
    let sentence = "States reaffirm that the norm against hacking back applies to companies. ";
    env.write("long.txt", format!("Title\n\n{}\n", sentence.repeat(60)));
    let hits = env.run(&["search", "hacking back", "--json"]).ok().json();
    assert_eq!(hits.len(), 1);
}

/// The words the best passages share ("firmware", "signed", "tampered")
/// lift a long passage on the topic above short ones that only name it,
/// and the passages that use them above those that do not (#17).
#[test]
fn words_the_best_passages_share_lift_passages_on_the_topic() {
    let env = Env::empty();
    let on_topic = [
        ("a.txt", "Vendors must prove that firmware updates are signed and were not tampered with along the supply chain."),
        ("b.txt", "A supply chain attack plants tampered firmware in a product before it ships; signed updates make that harder."),
        ("c.txt", "The supply chain principle asks makers to keep firmware signed and to check that parts were not tampered with."),
        ("e.txt", "Auditors found tampered firmware in routers bought through a broker; the supply chain had no signing step."),
        ("f.txt", "Supply chain reviews found that firmware signing keys were shared by too many staff at the factory."),
    ];
    let off_topic = [
        ("port.txt", "Supply chain delays hit the port."),
        ("coal.txt", "Floods broke the supply chain of coal."),
        ("towels.txt", "A hotel chain ordered a new supply of towels."),
        ("ships.txt", "Shipping firms expect the supply of containers and the chain of ports to recover by summer."),
        ("letters.txt", "Chain letters about supply shortages spread online."),
    ];
    for (name, text) in on_topic.iter().chain(&off_topic) {
        env.write(name, format!("{text}\n"));
    }
    env.write(
        "procurement.txt",
        "Procurement rules adopted this year oblige every vendor that sells routers, switches \
         or servers to public bodies to document each step of the supply chain, to deliver \
         only signed firmware, and to show on request that no component was tampered with \
         between the factory and the buyer.\n",
    );
    let hits = env
        .run(&["search", "supply chain", "--json", "-n", "20"])
        .ok()
        .json();
    let order = docs(&hits);
    // By its words alone the long passage ranks below the two short ones.
    assert_eq!(order[0], "procurement.txt", "{order:?}");
    let rank = |name: &str| order.iter().position(|d| *d == name).unwrap();
    let last_on_topic = on_topic.iter().map(|(n, _)| rank(n)).max().unwrap();
    for name in ["towels.txt", "ships.txt", "letters.txt"] {
        assert!(rank(name) > last_on_topic, "{name}: {order:?}");
    }
}

#[test]
fn an_answer_is_found_by_the_words_of_the_question_before_it() {
    let env = Env::empty();
    env.write(
        "panel.txt",
        "Harbour panel transcript\n\n\
         MODERATOR: Ms. Lindqvist, yours was among the first shipping firms to join. \
         Why did the shipping firms sign the harbour pact?\n\n\
         LINDQVIST: Because insurers reward it, and signing cost us nothing we were \
         not already doing on our docks.\n\n\
         MODERATOR: Has anything changed since?\n\n\
         LINDQVIST: The paperwork has, and so have the drills we run each winter.\n",
    );
    env.write(
        "port-news.txt",
        "Ports sign the pact\n\n\
         The harbour pact was signed in the spring by twelve ports and their pilots, \
         officials said on Monday.\n",
    );
    let hits = env
        .run(&[
            "search",
            "why did shipping firms sign the harbour pact",
            "--json",
        ])
        .ok()
        .json();
    let cited = citations(&hits);
    // The answer holds one word of the query ("signing"); the question
    // before it holds the rest, so it ranks above the news passage that
    // holds three.
    let at = |c: &str| cited.iter().position(|x| *x == c);
    let answer = at("panel.txt ¶3").expect("the answer is a hit");
    let news = at("port-news.txt ¶2").expect("the news passage is a hit");
    assert!(answer < news, "{cited:?}");
    // A question lends its words to the answer only: the second answer
    // shares no word with the query, and is no hit.
    assert_eq!(at("panel.txt ¶5"), None, "{cited:?}");
    // Nor does it make the answer hold a word excluded: only the question
    // says "harbour".
    let kept = env.run(&["search", "docks -harbour", "--json"]).ok().json();
    assert_eq!(kept[0]["citation"], "panel.txt ¶3");
}

#[test]
fn a_heading_and_the_passage_under_it_swap_places() {
    let env = Env::empty();
    env.write(
        "report.md",
        "# Norms in practice\n\n\
         ## Proliferation of malicious tools\n\n\
         Governments mostly read the tools clause through export controls on intrusion software.\n\n\
         ## Other matters\n\n\
         Hospitals keep paying ransoms, and insurers keep paying them back.\n",
    );
    env.write(
        "notes.md",
        "# Notes\n\nMalicious actors buy tools on open markets, analysts say.\n",
    );
    let run = env.run(&["search", "proliferation malicious tools", "--json"]);
    let hits = run.ok().json();
    let cited = citations(&hits);
    // The heading holds every word and ranked first; the passage under it
    // says what the section says, and takes its place, under it. The
    // heading is not lost: it takes the passage's.
    assert_eq!(cited, ["report.md ¶3", "report.md ¶2", "notes.md ¶2"]);
    assert_eq!(hits[0]["heading"], "Proliferation of malicious tools");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Where nothing under it matches, the heading comes first.
    let phrase = env
        .run(&["search", "\"proliferation of malicious tools\"", "--json"])
        .ok()
        .json();
    assert_eq!(phrase[0]["citation"], "report.md ¶2");
}
