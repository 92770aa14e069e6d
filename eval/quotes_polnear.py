#!/usr/bin/env python3
"""Measure `accord quotes` on PolNeAR's annotated political news.

PolNeAR (github.com/networkdynamics/PolNeAR) annotates every attribution in
1,008 US news articles of 2016 as source, cue and content spans (brat
standoff, character offsets). This script writes the raw articles of one
split into a scratch corpus, runs `accord quotes --json` on it, and scores
the quotes against the gold attributions. Python 3 standard library only.

Gold direct quotations are the attributions whose content holds a double
quote mark ("  “  ”  or a doubled apostrophe ''). A gold quote's characters
are the characters of its content that lie between quote marks (the marks
are paired per paragraph; a quotation left open at the end of a paragraph
runs on to its end, as news style carries quotes over paragraphs). So in
`Jones said the plan would "fix nothing."` the gold quote is `fix nothing.`,
not the whole content.

Gold quotes are also split by kind, for the report: "full" when the quoted
characters make up at least 80% of the content's letters and digits, else
"partial" (quoted words inside reported speech or a label).

Scoring:
  - a gold quote is found when the system quotes together cover at least
    half of its characters; it is credited to the speaker of the system
    quote that covers most of it;
  - a system quote is correct when it overlaps a found gold quote;
  - recall = found / gold, precision = correct / system quotes;
  - speaker accuracy is taken over the found gold quotes whose gold source
    names a person (its first run of tokens tagged PERSON by the CoreNLP
    annotation that PolNeAR ships, not used as a modifier or possessive,
    else a capitalised name outside a list of organisation words). The speaker is right when its full name (or, when accord leaves
    it unresolved, the words as written) holds the gold person's surname;
  - F1 counts a gold quote as right only when it is found and credited to
    the right person (gold quotes whose source names no person count as
    right when found), over recall's and precision's denominators.

Never run this on the test split: it is held out for an independent check.

Usage:
  quotes_polnear.py --polnear DIR/data --split dev --accord BIN --work DIR
                    [--misses FILE] [--false FILE]
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
DOUBLE_RE = re.compile("[\"“”«»„]|''")


def read_ann(path):
    """Return the attributions of one .ann file: dicts of role -> spans."""
    spans = {}
    events = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                kind, _, ranges = parts[1].partition(" ")
                pieces = []
                for r in ranges.split(";"):
                    a, b = r.split()
                    pieces.append((int(a), int(b)))
                spans[parts[0]] = (kind, pieces)
            elif parts[0].startswith("E") and len(parts) >= 2:
                roles = {}
                for arg in parts[1].split():
                    role, _, tid = arg.partition(":")
                    roles.setdefault(role, []).append(tid)
                events.append(roles)
    out = []
    for roles in events:
        att = {}
        for role in ("Source", "Cue", "Content"):
            pieces = []
            for tid in roles.get(role, []):
                if tid in spans:
                    pieces.extend(spans[tid][1])
            att[role] = sorted(pieces)
        out.append(att)
    return out


def quoted_chars(text):
    """Positions of characters between double quote marks, per paragraph.

    Curly marks open and close by their shape, straight marks and doubled
    apostrophes alternate; a quotation still open at the end of the
    paragraph runs to its end.
    """
    inside = bytearray(len(text))
    pos = 0
    for para in re.split(r"(\n)", text):
        if para == "\n":
            pos += 1
            continue
        opened = None
        i = 0
        while i < len(para):
            c = para[i]
            width = 2 if para.startswith("''", i) else 1
            is_straight = c == '"' or width == 2
            if c in OPEN_MARKS or (is_straight and opened is None):
                if opened is None:
                    opened = i + width
            elif c in CLOSE_MARKS or is_straight:
                if opened is not None:
                    for k in range(pos + opened, pos + i):
                        inside[k] = 1
                    opened = None
                elif c == "”" and (i == 0 or para[i - 1].isspace()):
                    opened = i + 1  # a reversed mark opening a quote
            i += width
        if opened is not None:
            for k in range(pos + opened, pos + len(para)):
                inside[k] = 1
        pos += len(para)
    return inside


def person_tokens(corenlp_path):
    """(start, end, word) of the tokens CoreNLP tagged PERSON."""
    if not corenlp_path or not os.path.exists(corenlp_path):
        return None
    out = []
    for _, el in ET.iterparse(corenlp_path):
        if el.tag == "token":
            if el.findtext("NER") == "PERSON":
                out.append(
                    (
                        int(el.findtext("CharacterOffsetBegin")),
                        int(el.findtext("CharacterOffsetEnd")),
                        el.findtext("word"),
                    )
                )
            el.clear()
    return out


ORG_WORDS = set(
    """post times news journal press campaign party committee department
    house senate congress court agency office ministry network cnn fox
    msnbc abc nbc cbs reuters poll polls foundation institute association
    university council commission board group inc corp company government
    administration service times’ report statement""".split()
)
LINK_WORDS = set("of and at from in who with for to on".split())
TITLES = set(
    """mr mrs ms dr gov sen rep president senator governor secretary
    former candidate nominee gen lt col sgt mayor speaker rev""".split()
)


def gold_person(source_text, source_start, persons):
    """Surname of the person a gold source names, or None.

    The first run of PERSON tokens in the source, so that an appositive
    ("Kenneth Baer, a former Obama administration official") does not
    lend its name; titles are dropped.
    """
    if persons is not None:
        end = source_start + len(source_text) + 1
        runs = []
        for a, b, w in persons:
            if a < source_start or b > end:
                continue
            if runs and a - runs[-1][-1][1] <= 1:
                runs[-1].append((a, b, w))
            else:
                runs.append([(a, b, w)])
        for run in runs:
            # A name used as a modifier or possessive ("Clinton campaign
            # spokesman Brian Fallon", "Gary Johnson's doctor") is not the
            # source.
            rest = source_text[run[-1][1] - source_start:].lstrip()
            nxt = re.match(r"[\w’']+", rest)
            nxt = nxt.group(0) if nxt else ""
            if nxt.startswith(("'s", "’s")) or rest.startswith(("'s", "’s")):
                continue
            if nxt[:1].islower() and nxt not in LINK_WORDS:
                continue
            words = [w for (_, _, w) in run if w.lower().strip(".") not in TITLES]
            if words:
                return words[-1]
        return None
    # No CoreNLP file: capitalised words not at the start of the source,
    # unless an organisation word is among them; only the head of the
    # source, so that "Mr. Morgan of the Sierra Club" or "Peter Morgan, a
    # lawyer for the Sierra Club" names Morgan.
    head = re.split(r",|\s(?:of|at|for|from|with|who|in)\s", source_text)[0]
    caps = re.findall(r"\b[A-Z][a-zA-Z’'\-]+\b", head)
    caps = [w for w in caps if w.lower() not in TITLES and w != "The"]
    if not caps or any(w.lower() in ORG_WORDS for w in caps):
        return None
    return caps[-1]


def norm_word(w):
    w = w.replace("’", "'").lower()
    return re.sub(r"'s$", "", w)


def speaker_right(surname, quote):
    name = quote.get("speaker") or quote.get("surface") or ""
    words = {norm_word(w) for w in re.findall(r"[\w’'\-]+", name)}
    return norm_word(surname) in words


def locate(raw, quote):
    """Character span [a, b) of a system quote's text in the raw article.

    accord reports byte offsets in its cleaned text; the raw article is
    searched for the quote's words instead, whitespace-insensitively (and
    past zero-width spaces and the marks of a quotation carried over
    paragraphs), and the occurrence nearest the reported offset is taken.
    """
    words = quote["text"].split()
    if not words:
        return None
    # Between words: whitespace, zero-width spaces, and the marks that
    # reopen a quotation carried over into the next paragraph.
    pattern = "(?:[\\s\u200b\"“”«»„]|'')+".join(re.escape(w) for w in words)
    hint = len(raw.encode("utf-8")[: quote["start"]].decode("utf-8", "ignore"))
    best = None
    for m in re.finditer(pattern, raw):
        d = abs(m.start() - hint)
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    return (best[1], best[2]) if best else None


def build_corpus(split_dir, work):
    corpus = os.path.join(work, "corpus")
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    os.makedirs(corpus)
    names = []
    for path in sorted(glob.glob(os.path.join(split_dir, "text", "*.txt"))):
        name = os.path.basename(path)
        shutil.copyfile(path, os.path.join(corpus, name))
        names.append(name[: -len(".txt")])
    return corpus, names


def run_accord(accord, corpus, index):
    if os.path.isdir(index):
        shutil.rmtree(index)
    cmd = [accord, "--corpus", corpus, "--index", index, "quotes", "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1):
        sys.exit("accord failed: %s\n%s" % (" ".join(cmd), res.stderr))
    quotes = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    by_doc = {}
    for q in quotes:
        by_doc.setdefault(q["doc"][: -len(".txt")], []).append(q)
    return by_doc


def annotation_for(split_dir, name):
    """One annotator's file per article: the first by annotator id."""
    files = sorted(glob.glob(os.path.join(split_dir, "attributions", name + "_*.ann")))
    return files[0] if files else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", required=True, help="PolNeAR's data/ folder")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--accord", required=True)
    ap.add_argument("--work", required=True, help="scratch folder (corpus, index)")
    ap.add_argument("--misses", help="write missed and mis-credited gold quotes here")
    ap.add_argument("--false", dest="false_", help="write unmatched system quotes here")
    ap.add_argument("--context", action="store_true",
                    help="with --misses, add the paragraph each gold quote starts in")
    args = ap.parse_args()

    split_dir = os.path.join(args.polnear, args.split)
    os.makedirs(args.work, exist_ok=True)
    corpus, names = build_corpus(split_dir, args.work)
    by_doc = run_accord(args.accord, corpus, os.path.join(args.work, "index"))

    n_gold = n_found = n_sys = n_correct = 0
    n_person = n_person_right = n_right = 0
    misses = []
    falses = []
    unlocated = 0
    by_kind = {}
    for name in names:
        ann = annotation_for(split_dir, name)
        if ann is None:
            continue
        raw = open(os.path.join(split_dir, "text", name + ".txt"), encoding="utf-8").read()
        inside = quoted_chars(raw)
        persons = person_tokens(os.path.join(split_dir, "corenlp", name + ".txt.xml"))
        golds = []
        for att in read_ann(ann):
            content = att["Content"]
            if not content or not any(DOUBLE_RE.search(raw[a:b]) for a, b in content):
                continue
            chars = {k for a, b in content for k in range(a, b) if inside[k]}
            if not chars:
                chars = {
                    k for a, b in content for k in range(a, b) if not DOUBLE_RE.match(raw[k])
                }
            src = att["Source"]
            src_text = " ".join(raw[a:b] for a, b in src)
            surname = gold_person(src_text, src[0][0], persons) if src else None
            content_chars = sum(
                1 for a, b in content for c in raw[a:b] if c.isalnum()
            )
            quoted = sum(1 for k in chars if raw[k].isalnum())
            kind = "full" if quoted >= 0.8 * content_chars else "partial"
            first = min(chars) if chars else content[0][0]
            para = raw[raw.rfind("\n", 0, first) + 1:]
            para = para.split("\n", 1)[0]
            golds.append({"chars": chars, "source": src_text, "surname": surname, "kind": kind,
                          "content": " / ".join(raw[a:b] for a, b in content),
                          "para": para})
        system = []
        for q in by_doc.get(name, []):
            span = locate(raw, q)
            if span is None:
                unlocated += 1
                system.append((set(), q))
            else:
                system.append((set(range(*span)), q))
        n_gold += len(golds)
        n_sys += len(system)
        found_golds = []
        for g in golds:
            by_kind.setdefault(g["kind"], [0, 0])[0] += 1
            covered = set()
            best = None
            for chars, q in system:
                ov = len(g["chars"] & chars)
                if ov:
                    covered |= g["chars"] & chars
                    if best is None or ov > best[0]:
                        best = (ov, q)
            if len(covered) * 2 >= len(g["chars"]):
                n_found += 1
                by_kind[g["kind"]][1] += 1
                found_golds.append(g)
                q = best[1]
                right = True
                if g["surname"]:
                    n_person += 1
                    right = speaker_right(g["surname"], q)
                    n_person_right += right
                n_right += right
                if not right:
                    misses.append(("WRONG", name, g, q))
            else:
                misses.append(("MISS", name, g, best[1] if best else None))
        for chars, q in system:
            if any(g["chars"] & chars for g in found_golds):
                n_correct += 1
            else:
                falses.append((name, q))

    rec = n_found / n_gold if n_gold else 0.0
    prec = n_correct / n_sys if n_sys else 0.0
    acc = n_person_right / n_person if n_person else 0.0
    r2 = n_right / n_gold if n_gold else 0.0
    p2 = n_right / n_sys if n_sys else 0.0
    f1 = 2 * r2 * p2 / (r2 + p2) if r2 + p2 else 0.0
    print("split %s: %d articles, %d gold quotes, %d system quotes (%d not located)"
          % (args.split, len(names), n_gold, n_sys, unlocated))
    print("recall     %.3f  (%d/%d)" % (rec, n_found, n_gold))
    for kind, (n, found) in sorted(by_kind.items()):
        print("  %-8s %.3f  (%d/%d)" % (kind, found / n, found, n))
    print("precision  %.3f  (%d/%d)" % (prec, n_correct, n_sys))
    print("speaker    %.3f  (%d/%d found quotes whose source names a person)"
          % (acc, n_person_right, n_person))
    print("F1 (found and rightly credited)  %.3f" % f1)

    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            for kind, name, g, q in misses:
                f.write("%s %s\t%s\tsource=%r surname=%r\n  gold: %s\n" % (
                    kind, g["kind"], name, g["source"], g["surname"], g["content"].replace("\n", " ")))
                if q:
                    f.write("  sys:  %s | %s | %s\n" % (
                        q.get("speaker"), q.get("surface"), q["text"][:200]))
                if args.context:
                    f.write("  para: %s\n" % g["para"])
    if args.false_:
        with open(args.false_, "w", encoding="utf-8") as f:
            for name, q in falses:
                f.write("%s\t%s | %s | %s\n" % (
                    name, q.get("speaker"), q.get("surface"), q["text"][:300]))


if __name__ == "__main__":
    main()
