#!/usr/bin/env python3
"""How well accord ranks documents, on a judged test collection.

A test collection is documents, queries, and relevance judgements
(qrels) saying which documents answer which query. This script reads one
(Cranfield or CISI, see eval/README.md for where to get them), writes its
documents as an accord corpus, runs every query through the real accord
binary and through two plain BM25 baselines over the same documents:

- SQLite FTS5, `bm25()` over title and text, `porter unicode61` tokenizer;
- stock tantivy BM25 (`tantivy_bm25/`, title and text, `en_stem`,
  QueryParser with OR between words).

Every system gets the same queries, reduced to plain lower-cased words
(so no system sees query syntax). accord ranks passages; a document ranks
where its best passage does. Reported per system: nDCG@10, recall@100 and
MAP@100, averaged over the queries that have judgements; and for accord
against each baseline the per-query wins, losses and ties on nDCG@10 with
a paired randomization test (two-sided, fixed seed), so that a difference
can be told from paired noise.

`--save-run FILE` keeps accord's ranking; `--baseline-run FILE` compares
the accord under test with such a saved run, query by query, the same way
(before/after a ranking change). Standard library only.

    python3 eval/ranking/ir_eval.py --collection cranfield \\
        --data /work/scratch/ir/cranfield --accord target/release/accord
"""

import argparse
import hashlib
import json
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEPTH = 100  # documents per query: recall@100, MAP@100
CUTOFF = 10  # nDCG@10
ROUNDS = 10_000  # randomization test
SEED = 17  # issue #17; fixed so that p-values repeat exactly


# --- Reading collections ---------------------------------------------------

def read_smart(path):
    """Records of a SMART-format file (`.I 12` then `.T`, `.W`, … blocks)
    as (id, {field letter: text}), in file order."""
    records = []
    field = None
    # Both collections are ASCII; latin-1 reads any stray byte of a copy.
    with open(path, encoding="latin-1") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            m = re.match(r"^\.([A-Z])(?:\s+(.*))?$", line)
            if m and m.group(1) == "I":
                records.append((m.group(2).strip(), {}))
                field = None
            elif m:
                field = m.group(1)
                fields = records[-1][1]
                fields.setdefault(field, [])
                # CISI's `.T ` may carry text on the marker line.
                if m.group(2) and m.group(2).strip():
                    fields[field].append(m.group(2))
            elif field is not None:
                records[-1][1][field].append(line)
    return [(rid, {k: "\n".join(v).strip("\n") for k, v in fields.items()})
            for rid, fields in records]


def one_line(text):
    return " ".join(text.split())


def load_cranfield(data):
    """Cranfield 1400: 1,400 aeronautics abstracts, 225 queries.

    Two traps. Query ids in cran.qry (`.I 001`, `.I 002`, `.I 004` …) skip
    numbers; cranqrel numbers queries 1..225 by their position in the file.
    And cranqrel's grades follow Cleverdon's scale (cranqrel.readme):
    1 = complete answer … 4 = minimum interest; gain = 5 - grade. Each
    query also has one pair graded -1: the paper the question was written
    from, which is not a judgement of relevance; it gets gain 0, as
    trec_eval treats grades <= 0.
    """
    docs = {}
    for rid, f in read_smart(os.path.join(data, "cran.all.1400")):
        docs[rid] = (one_line(f.get("T", "")), f.get("W", ""))
    queries = {}
    for position, (_, f) in enumerate(read_smart(os.path.join(data, "cran.qry")), 1):
        queries[str(position)] = one_line(f.get("W", ""))
    qrels = {}
    for line in open(os.path.join(data, "cranqrel")):
        parts = line.split()
        if len(parts) < 3:
            continue
        q, d, grade = parts[0], parts[1], int(parts[2])
        if 1 <= grade <= 4:
            qrels.setdefault(q, {})[d] = 5 - grade
    return docs, queries, qrels


def load_cisi(data):
    """CISI: 1,460 library-science abstracts, 112 queries of which 76 have
    judgements (binary, gain 1). Query ids match CISI.REL's."""
    docs = {}
    for rid, f in read_smart(os.path.join(data, "CISI.ALL")):
        docs[rid] = (one_line(f.get("T", "")), f.get("W", ""))
    queries = {rid: one_line(f.get("W", ""))
               for rid, f in read_smart(os.path.join(data, "CISI.QRY"))}
    qrels = {}
    for line in open(os.path.join(data, "CISI.REL")):
        parts = line.split()
        if len(parts) >= 2:
            qrels.setdefault(parts[0], {})[parts[1]] = 1
    return docs, queries, qrels


COLLECTIONS = {"cranfield": load_cranfield, "cisi": load_cisi}


def break_ties(scored):
    """Document ids from (id, score) pairs in rank order, with equal
    scores in id order. Which of two equal passages tantivy puts first
    depends on the order documents were indexed in, which accord's worker
    threads vary from build to build; this keeps runs comparable."""
    def key(doc):
        return (0, int(doc), "") if doc.isdigit() else (1, 0, doc)
    out, i = [], 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][1] == scored[i][1]:
            j += 1
        out.extend(sorted((doc for doc, _ in scored[i:j]), key=key))
        i = j
    return out


def plain_words(query):
    """The query as plain lower-cased words, the same for every system:
    accord's syntax (quotes, `-word`, `OR`, `title:`) and FTS5's become
    plain words or go, and a hyphenated word is two words everywhere."""
    return re.findall(r"[a-z0-9]+", query.lower())


# --- accord -----------------------------------------------------------------

def toml_string(s):
    # A JSON string is a valid TOML basic string.
    return json.dumps(s, ensure_ascii=False)


def write_if_changed(path, content):
    """Leaves an unchanged file alone, so accord's incremental index has
    nothing to redo on a re-run."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == content:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)


def write_corpus(docs, corpus, title_in_body):
    """One `.txt` per document holding its text, titles in catalog.toml.
    With `title_in_body` the title is also the text's first paragraph."""
    os.makedirs(corpus, exist_ok=True)
    catalog = []
    for rid, (title, text) in docs.items():
        name = f"{rid}.txt"
        body = f"{title}\n\n{text}\n" if title_in_body and title else f"{text}\n"
        write_if_changed(os.path.join(corpus, name), body)
        catalog.append(f"[[document]]\npath = {toml_string(name)}\n"
                       f"title = {toml_string(title)}\n")
    write_if_changed(os.path.join(corpus, "catalog.toml"), "\n".join(catalog))


def accord_index(binary, corpus, index):
    subprocess.run([binary, "index", "--corpus", corpus, "--index", index],
                   check=True, stdout=subprocess.DEVNULL)


def accord_search(binary, corpus, index, words):
    """Document ids, best first. `--per-doc 1` keeps each document's best
    passage only, which orders documents as their first passage would in
    the full list, and fills the DEPTH with distinct documents."""
    if not words:  # accord refuses an empty query
        return []
    cmd = [binary, "search", "--json", "-n", str(DEPTH), "--per-doc", "1",
           "--no-refresh", "--corpus", corpus, "--index", index, "--", " ".join(words)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode == 1:  # no results
        return []
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {done.returncode}: {done.stderr.strip()}")
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    return break_ties([(h["doc"].removesuffix(".txt"), h["score"]) for h in hits])


def run_accord(binary, docs, queries, work, title_in_body):
    suffix = "-title" if title_in_body else ""
    corpus = os.path.join(work, "corpus" + suffix)
    index = os.path.join(work, "index" + suffix)
    write_corpus(docs, corpus, title_in_body)
    accord_index(binary, corpus, index)
    return {q: accord_search(binary, corpus, index, words) for q, words in queries.items()}


def binary_sha256(path):
    """Names the exact accord build a saved run came from."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Baselines ----------------------------------------------------------------

def run_fts5(docs, queries):
    """SQLite FTS5's bm25() (k1 1.2, b 0.75) over title and text, each
    column weighted 1."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, body, "
               "tokenize='porter unicode61')")
    db.executemany("INSERT INTO d VALUES (?, ?, ?)",
                   [(rid, title, text) for rid, (title, text) in docs.items()])
    runs = {}
    for q, words in queries.items():
        # Each word quoted: FTS5 reads bare `and`, `or`, `not` as operators.
        match = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute("SELECT id, bm25(d) FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT ?",
                          (match, DEPTH))
        runs[q] = break_ties(list(rows))
    return runs


def run_tantivy(binary, docs, queries, work):
    os.makedirs(work, exist_ok=True)
    docs_path = os.path.join(work, "docs.jsonl")
    queries_path = os.path.join(work, "queries.tsv")
    with open(docs_path, "w", encoding="utf-8") as f:
        for rid, (title, text) in docs.items():
            f.write(json.dumps({"id": rid, "title": title, "text": text}) + "\n")
    with open(queries_path, "w", encoding="utf-8") as f:
        for q, words in queries.items():
            f.write(f"{q}\t{' '.join(words)}\n")
    out = subprocess.run([binary, docs_path, queries_path, str(DEPTH)],
                         capture_output=True, text=True, check=True).stdout
    scored = {q: [] for q in queries}
    for line in out.splitlines():
        q, doc, score = line.split("\t")
        scored[q].append((doc, float(score)))
    return {q: break_ties(pairs) for q, pairs in scored.items()}


# --- Measures -----------------------------------------------------------------

def ndcg(ranking, gains, k=CUTOFF):
    """Linear gain, log2 discount (as trec_eval's ndcg_cut)."""
    dcg = sum(gains.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranking, gains, k=DEPTH):
    return len(set(ranking[:k]) & gains.keys()) / len(gains)


def average_precision(ranking, gains, k=DEPTH):
    found, total = 0, 0.0
    for i, d in enumerate(ranking[:k]):
        if d in gains:
            found += 1
            total += found / (i + 1)
    return total / len(gains)


MEASURES = {"nDCG@10": ndcg, "recall@100": recall, "MAP@100": average_precision}


def per_query(run, qrels):
    """{measure: {query: value}} over the judged queries."""
    return {name: {q: fn(run.get(q, []), gains) for q, gains in qrels.items()}
            for name, fn in MEASURES.items()}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def randomization_test(a, b, rounds=ROUNDS, seed=SEED):
    """Two-sided paired randomization test on the mean difference: how
    often swapping each query's two scores at random gives a difference
    at least as large as the one observed."""
    diffs = [a[q] - b[q] for q in a]
    observed = abs(sum(diffs))
    rng = random.Random(seed)
    at_least = 0
    for _ in range(rounds):
        s = sum(d if rng.random() < 0.5 else -d for d in diffs)
        if abs(s) >= observed - 1e-12:
            at_least += 1
    return (at_least + 1) / (rounds + 1)


def compare(a, b):
    """Wins, losses and ties of a over b, query by query, and the p-value."""
    eps = 1e-9
    wins = sum(a[q] > b[q] + eps for q in a)
    losses = sum(a[q] < b[q] - eps for q in a)
    return {"wins": wins, "losses": losses, "ties": len(a) - wins - losses,
            "delta": mean(a.values()) - mean(b.values()),
            "p": randomization_test(a, b)}


# --- Reporting ----------------------------------------------------------------

def print_table(scores, n_queries, collection):
    names = list(MEASURES)
    print(f"{collection}: {n_queries} judged queries\n")
    width = max(map(len, scores)) + 2
    print(f"{'system':<{width}}" + "".join(f"{n:>12}" for n in names))
    for system, measures in scores.items():
        print(f"{system:<{width}}" + "".join(f"{mean(measures[n].values()):>12.4f}" for n in names))
    print()


def print_comparisons(comparisons):
    width = max(map(len, comparisons)) + 2
    print(f"{'nDCG@10, per query':<{width}}{'wins':>6}{'losses':>8}{'ties':>6}{'delta':>9}{'p':>9}")
    for label, c in comparisons.items():
        print(f"{label:<{width}}{c['wins']:>6}{c['losses']:>8}{c['ties']:>6}"
              f"{c['delta']:>+9.4f}{c['p']:>9.4f}")
    print()


def show_losses(n, scores, baseline, runs, queries, qrels, docs):
    """The n queries where accord trails `baseline` most on nDCG@10, with
    each system's top five (* = relevant, with its gain)."""
    a, b = scores["accord"]["nDCG@10"], scores[baseline]["nDCG@10"]
    worst = [q for q in sorted(a, key=lambda q: a[q] - b[q])[:n] if a[q] < b[q]]
    print(f"Largest accord losses against {baseline} (nDCG@10): {len(worst)}")
    for q in worst:
        print(f"\nquery {q}: accord {a[q]:.3f}, {baseline} {b[q]:.3f}, "
              f"{len(qrels[q])} relevant: {' '.join(queries[q])}")
        for system in ("accord", baseline):
            top = [f"{d}{'*' + str(qrels[q][d]) if d in qrels[q] else ''}"
                   for d in runs[system].get(q, [])[:5]]
            print(f"  {system:<12} {' '.join(top)}")
        best = sorted(qrels[q], key=lambda d: -qrels[q][d])[:2]
        for d in best:
            print(f"  relevant {d} (gain {qrels[q][d]}): {docs[d][0][:90]}")
    print()


# --- Main ---------------------------------------------------------------------

def default_accord():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    return os.path.join(target, "release", "accord")


def default_tantivy():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(HERE, "tantivy_bm25", "target")
    return os.path.join(target, "release", "tantivy_bm25")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collection", choices=sorted(COLLECTIONS), default="cranfield")
    ap.add_argument("--data", help="folder with the collection's files "
                    "(default /work/scratch/ir/COLLECTION)")
    ap.add_argument("--work", help="scratch folder for the corpus and indexes "
                    "(default /work/scratch/ir/work/COLLECTION)")
    ap.add_argument("--accord", default=default_accord(),
                    help="the accord binary (default: $CARGO_TARGET_DIR or target/, release)")
    ap.add_argument("--tantivy", default=default_tantivy(),
                    help="the tantivy_bm25 binary (default: $CARGO_TARGET_DIR or "
                    "tantivy_bm25/target/, release)")
    ap.add_argument("--only", choices=["accord"], help="run accord alone")
    ap.add_argument("--title-in-body", action="store_true",
                    help="also write each title as the first paragraph of accord's text")
    ap.add_argument("--save-run", metavar="FILE", help="save accord's ranking as JSON")
    ap.add_argument("--baseline-run", metavar="FILE",
                    help="compare accord with a ranking saved by --save-run")
    ap.add_argument("--losses", type=int, default=0, metavar="N",
                    help="show the N queries accord loses most on against the best "
                    "baseline, and against --baseline-run")
    ap.add_argument("--json", metavar="FILE", help="write measures per query as JSON")
    args = ap.parse_args()

    if not os.path.exists(args.accord):
        sys.exit(f"no accord binary at {args.accord}; build it or pass --accord")
    saved = None
    if args.baseline_run:
        with open(args.baseline_run) as f:
            saved = json.load(f)
        if saved["collection"] != args.collection:
            sys.exit(f"{args.baseline_run} is a run on {saved['collection']}, "
                     f"not {args.collection}")
    data = args.data or f"/work/scratch/ir/{args.collection}"
    work = args.work or f"/work/scratch/ir/work/{args.collection}"
    docs, raw_queries, qrels = COLLECTIONS[args.collection](data)
    queries = {q: plain_words(t) for q, t in raw_queries.items()}
    # Only queries with judgements are measured, and only they are run.
    qrels = {q: g for q, g in qrels.items() if g and q in queries}
    queries = {q: queries[q] for q in qrels}

    runs, seconds = {}, {}
    started = time.time()
    runs["accord"] = run_accord(args.accord, docs, queries, work, args.title_in_body)
    seconds["accord"] = time.time() - started
    if args.only != "accord":
        started = time.time()
        runs["fts5"] = run_fts5(docs, queries)
        seconds["fts5"] = time.time() - started
        if os.path.exists(args.tantivy):
            started = time.time()
            runs["tantivy"] = run_tantivy(args.tantivy, docs, queries, os.path.join(work, "tantivy"))
            seconds["tantivy"] = time.time() - started
        else:
            print(f"no {args.tantivy}: tantivy left out; build it with "
                  f"`cargo build --release` in {os.path.join(HERE, 'tantivy_bm25')}\n",
                  file=sys.stderr)
    if saved:
        runs["baseline run"] = saved["runs"]

    scores = {system: per_query(run, qrels) for system, run in runs.items()}
    print_table(scores, len(qrels), args.collection)
    comparisons = {f"accord vs {other}": compare(scores["accord"]["nDCG@10"], s["nDCG@10"])
                   for other, s in scores.items() if other != "accord"}
    if comparisons:
        print_comparisons(comparisons)
    baselines = [s for s in scores if s not in ("accord", "baseline run")]
    if args.losses and baselines:
        best = max(baselines, key=lambda s: mean(scores[s]["nDCG@10"].values()))
        show_losses(args.losses, scores, best, runs, queries, qrels, docs)
    if args.losses and saved:
        # Before/after a change: the queries it made worse.
        show_losses(args.losses, scores, "baseline run", runs, queries, qrels, docs)

    if args.save_run:
        with open(args.save_run, "w") as f:
            json.dump({"collection": args.collection, "accord": os.path.abspath(args.accord),
                       "sha256": binary_sha256(args.accord),
                       "title_in_body": args.title_in_body, "runs": runs["accord"]}, f)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"collection": args.collection, "queries": len(qrels),
                       "seconds": seconds,
                       "means": {s: {n: mean(v.values()) for n, v in m.items()}
                                 for s, m in scores.items()},
                       "comparisons": comparisons, "per_query": scores}, f, indent=1)


if __name__ == "__main__":
    main()
