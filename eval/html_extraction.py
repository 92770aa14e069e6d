#!/usr/bin/env python3
"""How well accord finds a web page's main text, against a reference.

Input: a folder of test pages, one sub-folder per page holding
`source.html` (the page as saved) and `expected.html` (its main text as a
reference extractor or a person marked it), as in Readability.js's test
suite. See eval/README.md for how to fetch one.

For each page, accord's main text is what the real binary indexes from
`source.html` (its passages, in reading order); the expected text is
`expected.html` with its tags stripped. Both become a bag of lower-cased
word tokens, and the score is token-level precision, recall and F1 over
the multiset intersection. Scores are reported per page (worst first) and
averaged: macro (mean of the per-page figures) and micro (pooled counts).

When the `trafilatura` package is importable, its output on the same pages
is scored in the same run and shown beside accord's, with ratios;
otherwise the script says so and scores accord alone. `--also LABEL=DIR`
scores any other extractor's output saved as `DIR/NAME.txt`.

The scoring uses the Python standard library only.

    python3 eval/html_extraction.py /work/scratch/real/readability \
        --accord target/release/accord
"""

import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

# Text inside these elements is not shown on a page.
HIDDEN_TAGS = {"script", "style", "noscript", "template", "head", "title"}
# Elements that separate words even when the markup has no space.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
# Chinese, Japanese and Korean are written without spaces: each character
# is a token there, as a run of them would otherwise count as one word.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
TOKEN = re.compile(f"[{CJK}]|[^\\W{CJK}]+")


class _TextOf(html.parser.HTMLParser):
    """Collects the visible text of an HTML fragment, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def strip_tags(markup):
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def tokens(text):
    return Counter(t.lower() for t in TOKEN.findall(text))


def score(got, want):
    """(precision, recall, f1, overlap, |got|, |want|) of two token bags."""
    overlap = sum((got & want).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    precision = overlap / n_got if n_got else (1.0 if not n_want else 0.0)
    recall = overlap / n_want if n_want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, overlap, n_got, n_want


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def pages_in(folder):
    return sorted(
        name
        for name in os.listdir(folder)
        if os.path.isfile(os.path.join(folder, name, "source.html"))
        and os.path.isfile(os.path.join(folder, name, "expected.html"))
    )


def accord_texts(binary, folder, names):
    """Accord's main text of each page, by name, and the seconds indexing took.

    All of accord's output is fetched here: the pages are copied into one
    scratch corpus as NAME.html, indexed once, and each document's passages
    are listed in reading order with a `doc:` search (`doc:` matches part of
    a path, so hits are kept only when their document is exactly NAME.html).
    """
    with tempfile.TemporaryDirectory(prefix="accord-eval-") as tmp:
        corpus = os.path.join(tmp, "corpus")
        index = os.path.join(tmp, "index")
        os.mkdir(corpus)
        for name in names:
            shutil.copyfile(
                os.path.join(folder, name, "source.html"),
                os.path.join(corpus, name + ".html"),
            )
        started = time.perf_counter()
        run = subprocess.run(
            [binary, "--corpus", corpus, "--index", index, "index"],
            capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        if run.returncode != 0:
            sys.exit(f"accord index failed ({run.returncode}):\n{run.stderr}")
        texts = {}
        for name in names:
            doc = name + ".html"
            run = subprocess.run(
                [binary, "--corpus", corpus, "--index", index, "search",
                 f"doc:{doc}", "--json", "--limit", "100000"],
                capture_output=True, text=True,
            )
            # Exit code 1 is "no results": a page accord skipped.
            if run.returncode not in (0, 1):
                sys.exit(f"accord search failed for {doc}:\n{run.stderr}")
            hits = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
            texts[name] = "\n\n".join(h["text"] for h in hits if h.get("doc") == doc)
        return texts, seconds


def trafilatura_texts(folder, names):
    """trafilatura's main text of each page, or None when it is not installed.

    Comments are left out, as accord leaves them out; otherwise defaults.
    """
    try:
        import trafilatura
    except ImportError:
        return None, None, 0.0
    texts = {}
    started = time.perf_counter()
    for name in names:
        # Bytes, so that trafilatura detects the page's encoding itself.
        with open(os.path.join(folder, name, "source.html"), "rb") as f:
            source = f.read()
        texts[name] = trafilatura.extract(source, include_comments=False) or ""
    return texts, trafilatura.__version__, time.perf_counter() - started


def text_dir_texts(directory, names):
    texts = {}
    for name in names:
        path = os.path.join(directory, name + ".txt")
        texts[name] = read(path) if os.path.isfile(path) else ""
    return texts


def summary(rows):
    """Macro and micro precision, recall and F1 over per-page score tuples."""
    n = len(rows)
    macro = tuple(sum(r[i] for r in rows) / n for i in range(3))
    overlap = sum(r[3] for r in rows)
    n_got = sum(r[4] for r in rows)
    n_want = sum(r[5] for r in rows)
    p = overlap / n_got if n_got else 0.0
    r = overlap / n_want if n_want else 0.0
    micro = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return macro, micro


def fmt(triple):
    return "P {:.3f}  R {:.3f}  F1 {:.3f}".format(*triple)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", help="folder of NAME/source.html + NAME/expected.html")
    ap.add_argument("--accord", default=None,
                    help="the accord binary (default: $CARGO_TARGET_DIR or target/, release)")
    ap.add_argument("--also", action="append", default=[], metavar="LABEL=DIR",
                    help="also score another extractor's output saved as DIR/NAME.txt")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura")
    ap.add_argument("--worst", type=int, default=15, help="pages listed, worst first (default 15)")
    ap.add_argument("--json", metavar="FILE", help="write per-page scores to FILE")
    ap.add_argument("--dump", metavar="DIR",
                    help="write each extractor's text to DIR/LABEL/NAME.txt, and the expected text to DIR/expected/")
    args = ap.parse_args()

    binary = args.accord or os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"), "release", "accord")
    if not os.access(binary, os.X_OK):
        sys.exit(f"no accord binary at {binary}; build with `cargo build --release` or pass --accord")
    names = pages_in(args.folder)
    if not names:
        sys.exit(f"no NAME/source.html + NAME/expected.html pages in {args.folder}")
    expected = {
        n: tokens(strip_tags(read(os.path.join(args.folder, n, "expected.html"))))
        for n in names
    }

    systems = {}
    texts, seconds = accord_texts(binary, args.folder, names)
    systems["accord"] = texts
    print(f"accord: {binary}, indexed {len(names)} pages in {seconds:.2f} s")
    if not args.no_trafilatura:
        texts, version, seconds = trafilatura_texts(args.folder, names)
        if texts is None:
            print("trafilatura: not importable here, not compared (pip install trafilatura)")
        else:
            systems["trafilatura"] = texts
            print(f"trafilatura {version}: extracted {len(names)} pages in {seconds:.2f} s")
    for spec in args.also:
        label, _, directory = spec.partition("=")
        if not directory:
            sys.exit(f"--also wants LABEL=DIR, got {spec!r}")
        systems[label] = text_dir_texts(directory, names)

    if args.dump:
        for label, texts in list(systems.items()) + [("expected", {
            n: strip_tags(read(os.path.join(args.folder, n, "expected.html"))) for n in names
        })]:
            os.makedirs(os.path.join(args.dump, label), exist_ok=True)
            for n, text in texts.items():
                with open(os.path.join(args.dump, label, n + ".txt"), "w") as f:
                    f.write(text)

    scores = {
        label: {n: score(tokens(texts[n]), expected[n]) for n in names}
        for label, texts in systems.items()
    }
    print(f"\n{len(names)} pages in {args.folder}\n")
    width = max(len(label) for label in systems)
    totals = {}
    for label in systems:
        macro, micro = summary(list(scores[label].values()))
        totals[label] = (macro, micro)
        print(f"{label:<{width}}  macro {fmt(macro)}   micro {fmt(micro)}")
    others = [label for label in systems if label != "accord"]
    for label in others:
        (am, ai), (om, oi) = totals["accord"], totals[label]
        ratio = lambda a, b: a / b if b else float("inf")
        print(f"accord / {label}: macro F1 x{ratio(am[2], om[2]):.3f}, "
              f"micro F1 x{ratio(ai[2], oi[2]):.3f}")

    print(f"\nworst {args.worst} pages by accord's F1 (P R F1; tokens got/expected)")
    header = f"{'page':<44} {'accord':>20}" + "".join(f" {l[:20]:>20}" for l in others)
    print(header)
    for n in sorted(names, key=lambda n: scores["accord"][n][2])[: args.worst]:
        cells = []
        for label in ["accord"] + others:
            p, r, f, _, got, want = scores[label][n]
            cells.append(f"{p:.2f} {r:.2f} {f:.2f}".rjust(20))
        got, want = scores["accord"][n][4], scores["accord"][n][5]
        print(f"{n[:44]:<44} " + " ".join(cells) + f"   {got}/{want}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                label: {
                    n: dict(zip(("precision", "recall", "f1", "overlap", "got", "expected"), s))
                    for n, s in per_page.items()
                }
                for label, per_page in scores.items()
            }, f, indent=1)


if __name__ == "__main__":
    main()
