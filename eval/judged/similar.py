#!/usr/bin/env python3
"""Judged `similar` runs: how many of accord's top 5 passages like a paragraph
state the same idea in another document.

Copies eval/judged/corpus into a scratch folder together with a verbatim
copy of the accord (`mirror/reykjavik-accord-2019.md`, as a corpus holding
the same text twice would), indexes it, and for every [[source]] of
eval/judged/similar.toml runs `accord similar CITATION --json -n 20`.

Each source scores (distinct useful passages in the top 5) /
min(5, number of useful passages); reported are the average over sources,
the mean reciprocal rank of the first useful passage within the top 20,
and what the other top-5 hits are. A hit is useful by the rules of
judge.py (`doc` and a `contains` string), or when one of the passages
accord folded into it as having the same wording (`duplicates`) is. A hit
whose text is the source's (case, spacing and quotes folded) is a `copy`,
one whose text is that of a hit ranked above it a `duplicate`. Hits that
accord itself marks `"copy": true` are counted apart, as shown outside the
ranking; an unmarked copy takes a place in the top 5. Other hits get
judge.py's labels (heading, toc, bibliography, header, table, caption,
quoted, scrap, other).

Python 3.11+ standard library only.

    python3 eval/judged/similar.py --accord target/release/accord
    python3 eval/judged/similar.py --accord OLD/accord --json /tmp/old.json --verbose
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # judge.py is imported; leave no __pycache__
import judge  # noqa: E402  (same folder)

HERE = Path(__file__).resolve().parent
TOP = 5
DEEP = 20  # how far the rank of the first useful passage is looked for
COPY_OF = "reykjavik-accord-2019.md"
COPY_AS = "mirror/reykjavik-accord-2019.md"


def find_source(accord, source):
    """The passage of `source` (a [[source]] entry) as listed by accord."""
    found = [p for p in accord.passages(source["doc"]) if judge.matches(source, p)]
    if not found:
        sys.exit(f"similar: {source['id']}: no passage of {source['doc']} holds "
                 f"{judge.alternatives(source)[0]!r}")
    return found[0]


def similar(accord, citation, limit):
    p = accord.run("similar", "--json", "--no-refresh", "-n", str(limit), "--", citation,
                   ok=(0, 1))
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def folded(hit):
    """`hit` and the passages with its wording that accord folded into it
    (`duplicates`, by citation): any of them may be the useful one."""
    yield hit
    for citation in hit.get("duplicates") or []:
        doc = re.sub(r"( p\.\S+)? ¶\d+( \(PDF p\.\S+\))?$", "", citation)
        yield {**hit, "doc": doc}


def run_source(accord, source, verbose):
    useful = source["useful"]
    attainable = min(TOP, len(useful))
    src = find_source(accord, source)
    hits = similar(accord, src["citation"], DEEP)
    marked = [h for h in hits if h.get("copy")]
    ranked = [h for h in hits if not h.get("copy")]
    source_text = judge.norm(src["text"])
    found, first, rows = set(), None, []
    for rank, hit in enumerate(ranked, 1):
        which = [i for i, u in enumerate(useful) if any(judge.matches(u, h) for h in folded(hit))]
        if which and first is None:
            first = rank
        if rank > TOP:
            continue
        found.update(which)
        if which:
            kind = "useful"
        elif any(judge.norm(hit["text"]) == judge.norm(h["text"]) for h in ranked[:rank - 1]):
            kind = "duplicate"
        elif judge.norm(hit["text"]) == source_text:
            kind = "copy"
        else:
            kind = judge.label(hit, judge.repeated_texts(accord.passages(hit["doc"])))
        rows.append({
            "rank": rank, "label": kind, "citation": hit["citation"],
            "score": hit.get("score"), "similarity": hit.get("similarity"),
            "block": hit.get("block"), "chars": len(hit["text"]), "text": hit["text"],
        })
    result = {
        "id": source["id"], "source": src["citation"], "idea": source["idea"],
        "useful_passages": len(useful), "attainable": attainable, "found": len(found),
        "score": min(len(found), attainable) / attainable,
        "first_useful": first, "marked_copies": [h["citation"] for h in marked],
        "hits": rows,
    }
    if verbose:
        result["missed"] = [
            {"doc": u["doc"], "contains": judge.alternatives(u)[0],
             "rank": next((r for r, h in enumerate(ranked, 1)
                           if any(judge.matches(u, d) for d in folded(h))), None)}
            for i, u in enumerate(useful) if i not in found
        ]
    return result


def check_judgments(accord, sources):
    problems = 0
    for s in sources:
        for u in s["useful"]:
            if u["doc"] == s["doc"]:
                problems += 1
                print(f"warning: {s['id']}: a useful passage in the source's own document",
                      file=sys.stderr)
            if not any(judge.matches(u, p) for p in accord.passages(u["doc"])):
                problems += 1
                print(f"warning: {s['id']}: no passage of {u['doc']} holds "
                      f"{judge.alternatives(u)[0]!r}", file=sys.stderr)
    return problems


def report(results, verbose):
    for r in results:
        first = r["first_useful"] or "-"
        print(f"{r['id']}  {min(r['found'], r['attainable'])}/{r['attainable']}  "
              f"first useful: {first}  {r['source']}")
        for h in r["hits"]:
            sim = h["similarity"]
            sim = f" sim {sim:.2f}" if isinstance(sim, (int, float)) else ""
            print(f"    {h['rank']}. {h['label']:<12} {h['citation']}  "
                  f"[{h['score']:.2f}{sim}, {h['chars']} ch, {h['block']}]  "
                  f"{judge.short(h['text'], 70)}")
        if r["marked_copies"]:
            print(f"    copies (marked): {', '.join(r['marked_copies'])}")
        if verbose:
            for m in r.get("missed", []):
                where = f"rank {m['rank']}" if m["rank"] else f"not in top {DEEP}"
                print(f"       missed: {m['doc']} ({where})  {judge.short(m['contains'], 60)}")
    print()
    print("| id | useful in top 5 | first useful | source |")
    print("| --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['id']} | {min(r['found'], r['attainable'])}/{r['attainable']} | "
              f"{r['first_useful'] or '-'} | {r['source']} |")
    n = len(results)
    average = sum(r["score"] for r in results) / n
    mrr = sum(1 / r["first_useful"] for r in results if r["first_useful"]) / n
    labels = Counter(h["label"] for r in results for h in r["hits"])
    print()
    print(f"average useful in top {TOP}: {average:.3f} over {n} sources")
    print(f"mean reciprocal rank of the first useful (top {DEEP}): {mrr:.3f}")
    print(f"sources with a useful passage first: "
          f"{sum(1 for r in results if r['first_useful'] == 1)}/{n}")
    print("top-5 hits by label: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    print(f"copies marked by accord: {sum(len(r['marked_copies']) for r in results)}")
    return average, mrr, labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accord", default="target/release/accord", help="the accord binary to judge")
    ap.add_argument("--corpus", default=HERE / "corpus", type=Path, help="default: eval/judged/corpus")
    ap.add_argument("--sources", default=HERE / "similar.toml", type=Path,
                    help="default: eval/judged/similar.toml")
    ap.add_argument("--no-copy", action="store_true",
                    help=f"leave out the verbatim copy {COPY_AS}")
    ap.add_argument("--json", type=Path, help="write the per-source results here")
    ap.add_argument("--check", action="store_true",
                    help="only check that every judged passage is one accord makes")
    ap.add_argument("--verbose", action="store_true",
                    help=f"also show where each missed useful passage ranks (top {DEEP})")
    args = ap.parse_args()

    sources = tomllib.loads(args.sources.read_text())["source"]
    binary = shutil.which(args.accord) or args.accord
    if not Path(binary).exists():
        sys.exit(f"similar: no accord binary at {args.accord}; build it or pass --accord")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()

    scratch = tempfile.mkdtemp(prefix="accord-similar-")
    try:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(args.corpus, corpus)
        if not args.no_copy:
            (corpus / COPY_AS).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(args.corpus / COPY_OF, corpus / COPY_AS)
        accord = judge.Accord(binary, corpus, Path(scratch) / "index")
        print(f"{version}: {accord.index()}")
        problems = check_judgments(accord, sources)
        for s in sources:
            find_source(accord, s)
        if args.check:
            print(f"{problems} problem(s) with the judgments")
            return
        results = [run_source(accord, s, args.verbose) for s in sources]
        average, mrr, labels = report(results, args.verbose)
        if problems:
            print(f"{problems} problem(s) with the judgments (see warnings)")
        if args.json:
            args.json.write_text(json.dumps({
                "accord": version, "average": average, "mrr": mrr, "labels": dict(labels),
                "sources": results}, indent=1, ensure_ascii=False) + "\n")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
