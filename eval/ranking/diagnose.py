#!/usr/bin/env python3
"""Why accord ranks documents differently from plain BM25: each variant
below changes one thing, in the query given to accord, in the corpus, or
in a baseline, and is scored like ir_eval.py.

- `words OR words …`: one pass summing the words' BM25 scores, without
  accord's all-words-first pass and its proximity bonus; a word the
  query repeats counts each time, where accord counts it once;
- the same with each word once, to tell the two apart;
- stop words dropped from the query (accord's own list, `similar.rs`);
- each document's text on one line, so that it is (nearly always) a
  single passage and accord ranks whole documents; and, with passages as
  they are, documents scored by the sum of their passages' scores (top
  2,000 passages of the OR form) instead of their best passage;
- the title written again as the text's first paragraph;
- the baselines without their title field, without stop words, and with
  each word once.

Also counts the queries whose first accord hit holds every query word
(FTS5's porter stemmer standing in for accord's), i.e. came from the
all-words pass. `--keywords K` replaces each query by its K rarest words
that are not stop words, in query order, as a person might type it.

    python3 eval/ranking/diagnose.py --collection cranfield \\
        --accord target/release/accord --json /tmp/diagnose.json
"""

import argparse
import json
import os
import sqlite3
import subprocess
from collections import Counter

import ir_eval as ev

# accord's STOP_WORDS (src/search/similar.rs), copied at 90abd83.
STOP_WORDS = set("""a about after all also an and any are as at be because been but by
can could did do does for from had has have he her his how i if in into is it its
may more most must no not of on one or other our out over said says she should so
some such than that the their them then there these they this those to up was we
were what when which who will with would you""".split())


def passages(binary, corpus, index, query, n, per_doc):
    """accord's hits for `query`: (document, score, text), best first."""
    cmd = [binary, "search", "--json", "-n", str(n), "--per-doc", str(per_doc),
           "--no-refresh", "--corpus", corpus, "--index", index, "--", query]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr)
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    return [(h["doc"].removesuffix(".txt"), h["score"], h["text"]) for h in hits]


def ranking(hits):
    """Documents of hits taken with `--per-doc 1`, best first."""
    return ev.break_ties([(doc, score) for doc, score, _ in hits])


def summed(hits):
    """Documents by the sum of their passages' scores."""
    total = Counter()
    for doc, score, _ in hits:
        total[doc] += score
    return ev.break_ties(total.most_common())[:ev.DEPTH]


def has_every_word(text, words):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(t, tokenize='porter unicode61')")
    db.execute("INSERT INTO p VALUES (?)", (text,))
    match = " AND ".join(f'"{w}"' for w in set(words))
    return db.execute("SELECT count(*) FROM p WHERE p MATCH ?", (match,)).fetchone()[0] > 0


def keywords(queries, docs, k):
    """Each query's k rarest words that are not stop words, in query order."""
    df = Counter(w for title, text in docs.values() for w in set(ev.plain_words(f"{title} {text}")))
    short = {}
    for q, words in queries.items():
        candidates = list(dict.fromkeys(w for w in words if w not in STOP_WORDS and df[w]))
        keep = set(sorted(candidates, key=lambda w: df[w])[:k])
        short[q] = [w for w in candidates if w in keep]
    return short


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collection", choices=sorted(ev.COLLECTIONS), default="cranfield")
    ap.add_argument("--data")
    ap.add_argument("--work")
    ap.add_argument("--accord", default=ev.default_accord())
    ap.add_argument("--tantivy", default=ev.default_tantivy())
    ap.add_argument("--keywords", type=int, metavar="K")
    ap.add_argument("--json", metavar="FILE", help="write nDCG@10 per query and variant")
    args = ap.parse_args()
    data = args.data or f"/work/scratch/ir/{args.collection}"
    work = args.work or f"/work/scratch/ir/work/{args.collection}"
    docs, raw, qrels = ev.COLLECTIONS[args.collection](data)
    qrels = {q: g for q, g in qrels.items() if g and q in raw}
    queries = {q: ev.plain_words(raw[q]) for q in qrels}
    if args.keywords:
        queries = keywords(queries, docs, args.keywords)
    once = {q: list(dict.fromkeys(ws)) for q, ws in queries.items()}
    no_stop = {q: [w for w in ws if w not in STOP_WORDS] or ws for q, ws in queries.items()}
    # Each text as one line, so that accord makes a single passage of it.
    flat = {d: (title, ev.one_line(text)) for d, (title, text) in docs.items()}
    flat_work = os.path.join(work, "one-passage")
    untitled = {d: ("", text) for d, (_, text) in docs.items()}

    corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
    ev.write_corpus(docs, corpus, False)
    ev.accord_index(args.accord, corpus, index)

    def accord(query_of, n=ev.DEPTH, per_doc=1, rank=ranking):
        return {q: rank(passages(args.accord, corpus, index, query_of(q), n, per_doc))
                for q in queries}

    runs = {
        "accord": accord(lambda q: " ".join(queries[q])),
        "accord, OR": accord(lambda q: " OR ".join(queries[q])),
        "accord, OR, each word once": accord(lambda q: " OR ".join(once[q])),
        "accord, no stop words": accord(lambda q: " ".join(no_stop[q])),
        "accord, OR, no stop words": accord(lambda q: " OR ".join(no_stop[q])),
        "accord, OR, passages summed": accord(lambda q: " OR ".join(queries[q]),
                                              n=2000, per_doc=0, rank=summed),
        "accord, one passage a doc": ev.run_accord(args.accord, flat, queries, flat_work, False),
        "accord, one passage a doc, no stop words":
            ev.run_accord(args.accord, flat, no_stop, flat_work, False),
        "accord, title in body": ev.run_accord(args.accord, docs, queries, work, True),
        "fts5": ev.run_fts5(docs, queries),
        "fts5, text only": ev.run_fts5(untitled, queries),
        "fts5, each word once": ev.run_fts5(docs, once),
        "fts5, no stop words": ev.run_fts5(docs, no_stop),
    }
    if os.path.exists(args.tantivy):
        tantivy_work = os.path.join(work, "tantivy")
        runs["tantivy"] = ev.run_tantivy(args.tantivy, docs, queries, tantivy_work)
        runs["tantivy, text only"] = ev.run_tantivy(args.tantivy, untitled, queries, tantivy_work)
        runs["tantivy, no stop words"] = ev.run_tantivy(args.tantivy, docs, no_stop, tantivy_work)
    scores = {name: ev.per_query(run, qrels) for name, run in runs.items()}
    label = args.collection + (f", {args.keywords} rarest words" if args.keywords else "")
    ev.print_table(scores, len(qrels), label)
    ev.print_comparisons({f"{name} vs accord": ev.compare(s["nDCG@10"], scores["accord"]["nDCG@10"])
                          for name, s in scores.items() if name != "accord"})

    first_all = sum(has_every_word(h[0][2], queries[q])
                    for q in queries
                    if (h := passages(args.accord, corpus, index, " ".join(queries[q]), 1, 1)))
    print(f"queries whose first accord hit holds every word: {first_all} of {len(queries)}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({name: s["nDCG@10"] for name, s in scores.items()}, f, indent=1)


if __name__ == "__main__":
    main()
