#!/usr/bin/env python3
"""SQLite FTS5 peer: load every paragraph of every file under CORPUS into
an FTS5 table, as raw-index does for tantivy.

Usage: fts5.py CORPUS DB

Schema: p(body, path UNINDEXED), tokenize='porter unicode61'. One
transaction, default pragmas, no 'optimize' afterwards (FTS5's automerge
runs as it would for any user). Query it with the sqlite3 CLI, see run.sh.
"""
import os
import re
import sqlite3
import sys

# Same rule as src/paragraphs.rs: paragraphs end at whitespace-only lines.
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def paragraphs(text):
    return [p.strip() for p in BLANK_LINE.split(text) if p.strip()]


def rows(corpus):
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()  # walk in the same order as raw-index
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                for para in paragraphs(f.read()):
                    yield para, path


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fts5.py CORPUS DB")
    corpus, db = sys.argv[1:]
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE p USING fts5(body, path UNINDEXED,"
        " tokenize='porter unicode61')"
    )
    with con:  # one transaction for the whole load
        con.executemany("INSERT INTO p(body, path) VALUES (?, ?)", rows(corpus))
    (count,) = con.execute("SELECT count(*) FROM p").fetchone()
    con.close()
    print(f"fts5.py: {count} paragraphs", file=sys.stderr)


if __name__ == "__main__":
    main()
