#!/usr/bin/env python3
"""Passage quality of accord's document readers on a folder of real files.

For every file in FOLDER, accord's passages are fetched through the real
binary, and counted:

  passages       how many passages the file became
  mid_sentence   prose passages that stop without ending a sentence while the
                 next one starts in lower case: a paragraph cut in two (table
                 rows, headings and footnotes, where accord marks them, aside)
  repeated       short passages (< 80 characters) found 2+ times in one file:
                 running headers, footers, table cells
  scraps         passages under 25 characters (page furniture, cells, bullets)
  hyphens_kept   words still split at a line-end hyphen: "ex-pectations"
                 where the corpus also writes "expectations", or "dis- cussed"

With --pdftotext, poppler's `pdftotext` output (paragraphs split at blank
lines) is counted the same way, side by side, for comparison.

    python3 eval/pdf_quality.py FOLDER [--accord target/release/accord]
                                [--pdftotext] [--show N] [--json]

The inputs are real third-party documents kept outside the repository: see
eval/README.md for where to fetch them.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
ENDS = tuple('.!?:;"”’)]…')
PROSE = ("body", "list_item")


def accord_passages(binary, folder):
    """{file name: [passage text, ...]} for every file accord indexed."""
    index = tempfile.mkdtemp(prefix="accord-eval-")
    try:
        run = [binary, "--corpus", folder, "--index", index]
        subprocess.run(run + ["index"], check=False, capture_output=True)
        out = {}
        for name in sorted(os.listdir(folder)):
            if os.path.isdir(os.path.join(folder, name)) or name.endswith((".toml", ".tsv")):
                continue
            res = subprocess.run(
                run + ["search", "--no-refresh", "--limit", "1000000", "--json",
                       "--color", "never", f'doc:"{name}"'],
                capture_output=True, text=True)
            hits = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
            hits = [h for h in hits if h["doc"] == name]
            hits.sort(key=lambda h: h["passage"])
            out[name] = [(h["text"], h.get("block", "body")) for h in hits]
        return out
    finally:
        shutil.rmtree(index, ignore_errors=True)


def pdftotext_passages(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".pdf"):
            continue
        res = subprocess.run(["pdftotext", os.path.join(folder, name), "-"],
                             capture_output=True, text=True)
        text = res.stdout.replace("\f", "\n\n")
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        out[name] = [(p, "body") for p in paras if p]
    return out


def measure(docs):
    vocabulary = collections.Counter()
    for passages in docs.values():
        for p, _ in passages:
            vocabulary.update(w.lower() for w in WORD.findall(p))
    rows = {}
    for name, blocks in docs.items():
        # table rows, headings and footnotes are not prose cut in two
        mid = [
            (a, b) for (a, ka), (b, kb) in zip(blocks, blocks[1:])
            if ka in PROSE and kb == "body"
            and not a.rstrip().endswith(ENDS) and b[:1].islower()
        ]
        passages = [p for p, _ in blocks]
        short = collections.Counter(p for p in passages if len(p) < 80)
        repeated = sum(n for n in short.values() if n > 1)
        scraps = sum(1 for p in passages if len(p) < 25)
        hyphens = []
        for p in passages:
            for w in WORD.findall(p):
                if "-" in w and w.count("-") == 1:
                    joined = w.replace("-", "").lower()
                    if vocabulary[joined] > 0 and vocabulary[w.lower()] <= 1:
                        hyphens.append(w)
            hyphens += re.findall(r"\b[a-z]{2,}- [a-z]{2,}\b", p)
        rows[name] = {
            "passages": len(passages),
            "mid_sentence": len(mid),
            "repeated": repeated,
            "scraps": scraps,
            "hyphens_kept": len(hyphens),
            "examples": {
                "mid_sentence": [a[-60:] + " ‖ " + b[:60] for a, b in mid[:3]],
                "repeated": [p for p, n in short.most_common(3) if n > 1],
                "hyphens_kept": hyphens[:5],
            },
        }
    return rows


COLUMNS = ["passages", "mid_sentence", "repeated", "scraps", "hyphens_kept"]


def total(rows):
    return {c: sum(r[c] for r in rows.values()) for c in COLUMNS}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--accord", default="target/release/accord")
    ap.add_argument("--pdftotext", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="examples per file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tools = {"accord": measure(accord_passages(args.accord, args.folder))}
    if args.pdftotext:
        tools["pdftotext"] = measure(pdftotext_passages(args.folder))
    if args.json:
        print(json.dumps({t: {"files": r, "total": total(r)} for t, r in tools.items()}))
        return
    for tool, rows in tools.items():
        print(f"## {tool}")
        print(f"{'file':52} " + " ".join(f"{c:>12}" for c in COLUMNS))
        for name, r in rows.items():
            print(f"{name[:52]:52} " + " ".join(f"{r[c]:>12}" for c in COLUMNS))
            if args.show:
                for kind, ex in r["examples"].items():
                    for e in ex[: args.show]:
                        print(f"    {kind}: {e}")
        t = total(rows)
        print(f"{'TOTAL':52} " + " ".join(f"{t[c]:>12}" for c in COLUMNS))
        print()


if __name__ == "__main__":
    sys.exit(main())
