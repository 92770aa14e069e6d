#!/usr/bin/env python3
"""Judged queries: how many of accord's top 5 passages answer the question.

Indexes eval/judged/corpus into a scratch folder, runs every query of
eval/judged/questions.toml with `accord search --json -n 5`, and counts the
hits that are passages judged useful beforehand. Each question scores
(distinct useful passages in the top 5) / min(5, number of useful passages);
the figure reported is the average over questions.

A hit is a useful passage when its `doc` is the passage's document and its
text contains one of the passage's `contains` strings, or is itself a piece
of 40 characters or more of one, or shares 40 characters or more with one
across a passage boundary (the hit ends with the string's first 40+
characters or begins with its last 40+, as when a page break splits the
paragraph). Text is compared case-folded, with typographic quotes and
apostrophes folded and whitespace collapsed.

Every other hit gets a label saying what kind of scrap it is: heading (also
a short line in capitals, as plain-text reports set their headings), toc
(a line with dot leaders and a page number), bibliography (an author-year
reference), header (a running header or footer: a "Page N of M" line, or a
text repeated three times or more in its document), table (a table row),
caption (Figure/Table N: ...), quoted (a quoted reply, "> ..."), scrap (a
body passage under 60 characters), or other.

Python 3.11+ standard library only.

    python3 eval/judged/judge.py --accord target/release/accord
    python3 eval/judged/judge.py --accord OLD/accord --json /tmp/old.json --verbose
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = 5
OVERLAP = 40  # characters a split passage must share with a `contains` string
DEEP = 50  # how far --verbose looks for useful passages missed by the top 5


def norm(text):
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().casefold()


def alternatives(entry):
    c = entry["contains"]
    return [c] if isinstance(c, str) else list(c)


def matches(entry, hit):
    """Whether `hit` (a search hit or listed passage) is the useful passage `entry`."""
    if hit["doc"] != entry["doc"]:
        return False
    text = norm(hit["text"])
    for alt in map(norm, alternatives(entry)):
        if alt in text or (len(text) >= OVERLAP and text in alt):
            return True
        # A break inside `alt`: the hit ends with its start or begins with its end.
        for k in range(OVERLAP, len(alt)):
            if text.endswith(alt[:k]) or text.startswith(alt[-k:]):
                return True
    return False


TOC = re.compile(r"(\.\s?){4,}\s*[\divxlc]+\s*$|\s{3,}\d+\s*$", re.I)
BIB = re.compile(r"^[A-Z][^()]{0,120}\((19|20)\d\d[a-z]?\)\.?\s")
PAGE = re.compile(r"^(page\s+)?\d+(\s+(of|/)\s+\d+)?$", re.I)
CAPTION = re.compile(r"^(figure|fig\.|table|chart|map|box)\s+\d+[.:]", re.I)


def label(hit, repeated):
    """What kind of passage a hit that is not useful is; `repeated` holds the
    normalised texts that recur in its document."""
    text = hit["text"].strip()
    block = hit.get("block")
    if block == "heading":
        return "heading"
    if block == "table_row":
        return "table"
    if TOC.search(text):
        return "toc"
    if BIB.match(text):
        return "bibliography"
    if PAGE.match(text) or norm(text) in repeated:
        return "header"
    if CAPTION.match(text):
        return "caption"
    if len(text) < 100 and text.upper() == text and re.search("[A-Z]", text):
        return "heading"
    if text.startswith(">"):
        return "quoted"
    if len(text) < 60:
        return "scrap"
    return "other"


class Accord:
    def __init__(self, binary, corpus, index):
        self.binary = str(binary)
        self.flags = ["--corpus", str(corpus), "--index", str(index), "--color", "never"]
        self.listed = {}

    def run(self, command, *args, ok=(0,)):
        argv = [self.binary, command, *self.flags, *args]
        p = subprocess.run(argv, capture_output=True, text=True)
        if p.returncode not in ok:
            sys.exit(f"judge: {' '.join(argv)} exited {p.returncode}:\n{p.stderr}")
        return p

    def index(self):
        return self.run("index").stdout.strip()

    def search(self, query, limit):
        p = self.run("search", "--json", "--no-refresh", "-n", str(limit), "--", query, ok=(0, 1))
        return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]

    def passages(self, doc):
        """Every passage of document `doc`, in reading order (a filter-only query)."""
        if doc not in self.listed:
            path = doc.split("#")[0].split("/")[0]
            hits = self.search(f'doc:"{path}"', 100000)
            self.listed[doc] = [h for h in hits if h["doc"] == doc]
        return self.listed[doc]


def repeated_texts(passages):
    counts = Counter(norm(p["text"]) for p in passages)
    return {t for t, n in counts.items() if n >= 3}


def short(text, width=110):
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def judge(accord, questions, verbose):
    results = []
    for q in questions:
        useful = q["useful"]
        attainable = min(TOP, len(useful))
        hits = accord.search(q["query"], TOP)
        found = set()
        rows = []
        for rank, hit in enumerate(hits, 1):
            which = [i for i, u in enumerate(useful) if matches(u, hit)]
            found.update(which)
            repeated = repeated_texts(accord.passages(hit["doc"]))
            rows.append({
                "rank": rank,
                "label": "useful" if which else label(hit, repeated),
                "useful": which,
                "citation": hit["citation"],
                "block": hit.get("block"),
                "score": hit.get("score"),
                "aliases": hit.get("aliases") or [],
                "chars": len(hit["text"]),
                "text": hit["text"],
            })
        result = {
            "id": q["id"],
            "query": q["query"],
            "question": q["question"],
            "useful_passages": len(useful),
            "attainable": attainable,
            "found": len(found),
            "score": min(len(found), attainable) / attainable,
            "hits": rows,
        }
        if verbose:
            deep = accord.search(q["query"], DEEP)
            missed = []
            for i, u in enumerate(useful):
                if i in found:
                    continue
                ranks = [r for r, h in enumerate(deep, 1) if matches(u, h)]
                missed.append({"useful": i, "doc": u["doc"], "contains": alternatives(u)[0],
                               "rank": ranks[0] if ranks else None})
            result["missed"] = missed
        results.append(result)
    return results


def check_judgments(accord, questions):
    """Warn about useful passages that match no passage accord made (a typo in
    questions.toml, or text accord reads differently)."""
    problems = 0
    for q in questions:
        for u in q["useful"]:
            if not any(matches(u, p) for p in accord.passages(u["doc"])):
                problems += 1
                print(f"warning: {q['id']}: no passage of {u['doc']} holds {alternatives(u)[0]!r}",
                      file=sys.stderr)
    return problems


def report(results, verbose):
    for r in results:
        print(f"{r['id']}  {min(r['found'], r['attainable'])}/{r['attainable']}  {r['query']}")
        for h in r["hits"]:
            score = f"{h['score']:.2f}" if isinstance(h["score"], (int, float)) else "-"
            alias = f" via {'/'.join(h['aliases'])}" if h["aliases"] else ""
            print(f"    {h['rank']}. {h['label']:<12} {h['citation']}  [{score}, {h['chars']} ch,"
                  f" {h['block']}{alias}]  {short(h['text'], 80)}")
        if verbose:
            for m in r.get("missed", []):
                where = f"rank {m['rank']}" if m["rank"] else f"not in top {DEEP}"
                print(f"       missed: {m['doc']} ({where})  {short(m['contains'], 70)}")
    print()
    print("| id | useful in top 5 | query |")
    print("| --- | --- | --- |")
    for r in results:
        print(f"| {r['id']} | {min(r['found'], r['attainable'])}/{r['attainable']} | `{r['query']}` |")
    average = sum(r["score"] for r in results) / len(results)
    labels = Counter(h["label"] for r in results for h in r["hits"])
    print()
    print(f"average useful in top {TOP}: {average:.3f} over {len(results)} questions")
    print("top-5 hits by label: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    return average, labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accord", default="target/release/accord", help="the accord binary to judge")
    ap.add_argument("--corpus", default=HERE / "corpus", type=Path, help="default: eval/judged/corpus")
    ap.add_argument("--questions", default=HERE / "questions.toml", type=Path,
                    help="default: eval/judged/questions.toml")
    ap.add_argument("--json", type=Path, help="write the per-question results here")
    ap.add_argument("--verbose", action="store_true",
                    help=f"also show where each missed useful passage ranks (top {DEEP})")
    ap.add_argument("--keep-index", type=Path, help="build the index here and keep it")
    args = ap.parse_args()

    questions = tomllib.loads(args.questions.read_text())["question"]
    binary = shutil.which(args.accord) or args.accord
    if not Path(binary).exists():
        sys.exit(f"judge: no accord binary at {args.accord}; build it or pass --accord")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()

    scratch = None
    if args.keep_index:
        index = args.keep_index
    else:
        scratch = tempfile.mkdtemp(prefix="accord-judged-")
        index = Path(scratch) / "index"
    try:
        accord = Accord(binary, args.corpus, index)
        print(f"{version}: {accord.index()}")
        problems = check_judgments(accord, questions)
        results = judge(accord, questions, args.verbose)
        average, labels = report(results, args.verbose)
        if problems:
            print(f"{problems} useful passage(s) not found in accord's passages (see warnings)")
        if args.json:
            args.json.write_text(json.dumps({
                "accord": version, "average": average, "labels": dict(labels),
                "questions": results}, indent=1, ensure_ascii=False) + "\n")
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
