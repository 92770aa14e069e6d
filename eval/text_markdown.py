#!/usr/bin/env python3
"""Measures what the text and Markdown readers leave in passages (issue #16).

For every .md, .markdown and .txt file of a folder of real documents it
indexes the folder with accord, lists each document's passages in reading
order (`accord search 'doc:NAME' --json`), and counts:

- kramdown: passages holding a kramdown attribute list or extension,
  `{: .no_toc }`, `{:toc}`, `{::comment}`;
- liquid: passages holding a Liquid tag or output, `{% include x %}`,
  `{{ site.title }}`;
- only-markup: passages that are nothing but such markers;
- one-line: passages that are exactly one line of a hard-wrapped source
  paragraph (a block of two or more prose lines), i.e. lines that were not
  re-joined.

Markers inside code (fenced or in backticks) are legitimate text: docs
about Jekyll show them. `--show` prints the flagged passages to check.

With `--crcrlf`, each file is also copied as a .txt with LF and with
CR CR LF line endings, and the two are compared: a reader that handles
CR CR LF yields the same passages for both.

Usage:
    python3 eval/text_markdown.py --accord target/release/accord DIR
    python3 eval/text_markdown.py --accord OLD --accord NEW DIR --crcrlf

Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

KRAMDOWN = re.compile(r"\{:[^{}\n]*\}")
LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")
BLOCK_MARKER = re.compile(r"^\s*([#>|<{*+:=-]|\[\^|\d+[.)]\s|```|~~~)")
EXTENSIONS = (".md", ".markdown", ".txt")


def passages(accord, corpus, index, doc):
    out = run(accord, corpus, index, ["search", f"doc:{quote(doc)}", "--json",
                                      "--limit", "100000"], ok=(0, 1))
    return [json.loads(line)["text"] for line in out.splitlines() if line.strip()]


def quote(doc):
    return '"' + doc.replace('"', '\\"') + '"'


def run(accord, corpus, index, args, ok=(0,)):
    cmd = [accord, "--corpus", corpus, "--index", index] + args
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def wrapped_lines(source):
    """Whitespace-normalised lines of the source's multi-line prose blocks."""
    lines = re.split(r"\r*\n\r*|\r", source)
    found, block = set(), []
    for line in lines + [""]:
        if line.strip():
            block.append(line)
            continue
        if len(block) >= 2 and not any(BLOCK_MARKER.match(l) for l in block):
            found.update(" ".join(l.split()) for l in block)
        block = []
    return found


def measure(accord, corpus, names, show):
    counts = dict(documents=0, passages=0, kramdown=0, liquid=0,
                  only_markup=0, one_line=0)
    with tempfile.TemporaryDirectory() as tmp:
        index = os.path.join(tmp, "index")
        run(accord, corpus, index, ["index"])
        for name in names:
            with open(os.path.join(corpus, name), encoding="utf-8",
                      errors="replace", newline="") as f:
                fragments = wrapped_lines(f.read())
            texts = passages(accord, corpus, index, name)
            counts["documents"] += 1
            counts["passages"] += len(texts)
            for text in texts:
                flags = []
                if KRAMDOWN.search(text):
                    flags.append("kramdown")
                if LIQUID.search(text):
                    flags.append("liquid")
                if flags and not LIQUID.sub("", KRAMDOWN.sub("", text)).strip():
                    flags.append("only_markup")
                if text in fragments:
                    flags.append("one_line")
                for flag in flags:
                    counts[flag] += 1
                if show and flags:
                    print(f"  {name}: [{','.join(flags)}] {text[:100]}")
    return counts


def corpus_files(folder):
    names = []
    for root, _, files in os.walk(folder):
        for f in files:
            if f.endswith(EXTENSIONS) and not f.startswith("."):
                names.append(os.path.relpath(os.path.join(root, f), folder))
    return sorted(names)


def line_ending_copies(folder, names, tmp):
    """Copies of every file as .txt, with LF and with CR CR LF endings."""
    made = {}
    for ending, label in (("\n", "lf"), ("\r\r\n", "crcrlf")):
        target = os.path.join(tmp, label)
        os.makedirs(target)
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8",
                      errors="replace") as f:
                text = f.read()
            flat = name.replace(os.sep, "--") + ".txt"
            with open(os.path.join(target, flat), "w", encoding="utf-8",
                      newline="") as f:
                f.write(text.replace("\n", ending))
        made[label] = (target, sorted(os.listdir(target)))
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", help="folder of .md/.txt files (not changed)")
    ap.add_argument("--accord", action="append", required=True,
                    help="accord binary; give twice to compare before/after")
    ap.add_argument("--crcrlf", action="store_true",
                    help="also compare LF and CR CR LF copies read as text")
    ap.add_argument("--show", action="store_true",
                    help="print every flagged passage")
    args = ap.parse_args()
    names = corpus_files(args.folder)
    if not names:
        sys.exit(f"no .md or .txt files in {args.folder}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        shutil.copytree(args.folder, corpus)
        copies = line_ending_copies(args.folder, names, tmp) if args.crcrlf else {}
        for accord in args.accord:
            print(f"== {accord}")
            report("as is", measure(accord, corpus, names, args.show))
            for label, (folder, files) in copies.items():
                report(f"as .txt, {label}", measure(accord, folder, files, args.show))


def report(label, c):
    print(f"{label:>16}: {c['documents']} documents, {c['passages']} passages; "
          f"kramdown {c['kramdown']}, liquid {c['liquid']}, "
          f"only markup {c['only_markup']}, one-line fragments {c['one_line']}")


if __name__ == "__main__":
    main()
