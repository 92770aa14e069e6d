#!/usr/bin/env python3
"""Small helpers for run.sh.

  util.py stats HYPERFINE.json      -> "MEDIAN_MS P95_MS" of the runs
  util.py sentence CORPUS [WORDS]   -> a WORDS-word (default 15) run of plain
                                       words from the corpus, for the
                                       "pasted sentence" query
"""
import json
import os
import re
import sys


def stats(path):
    with open(path) as f:
        times = sorted(json.load(f)["results"][0]["times"])
    n = len(times)
    mid = n // 2
    median = times[mid] if n % 2 else (times[mid - 1] + times[mid]) / 2
    # Nearest-rank p95: the smallest time >= 95% of the runs.
    p95 = times[min(n - 1, max(0, -(-95 * n // 100) - 1))]
    print(f"{median * 1000:.1f} {p95 * 1000:.1f}")


def sentence(corpus, words=15):
    # The first paragraph (in sorted file order) whose opening words are
    # plain words: no quotes, commas, colons or hyphens, so every tool
    # (FTS5 syntax included) takes the same string verbatim and rg -F finds it.
    plain = re.compile(r"^[A-Za-z]+$")
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in sorted(filenames):
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                paras = f.read().split("\n\n")[1:]  # skip the headline
            for para in paras:
                head = para.split()[:words]
                if len(head) == words and all(plain.match(w) for w in head):
                    print(" ".join(head))
                    return
    sys.exit("util.py: no plain sentence found")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or [""]
    if cmd == "stats" and len(args) == 1:
        stats(args[0])
    elif cmd == "sentence" and len(args) in (1, 2):
        sentence(args[0], *map(int, args[1:]))
    else:
        sys.exit(__doc__)
