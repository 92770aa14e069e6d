#!/usr/bin/env python3
"""Run every engine on every PDF (under a timeout), score against pdftotext.

Usage: score.py [engines...]   -> results/*.json, results/summary.json
"""
import collections, json, os, re, subprocess, sys, time, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PDFDIR = os.environ.get("PDFCMP_PDFS", "/work/scratch/real/pdf")
BIN = os.environ.get("PDFCMP_BIN", "target/release/pdfcmp")
TIMEOUT = 120
ENGINES = [
    "pdf-extract", "pdf-extract-plain", "pdf_oxide", "pdf_oxide-spans", "pdf_oxide-plain", "hayro",
    "oxidize-pdf", "oxidize-pdf-plain", "pdfboss", "pdf-inspector", "pdf-inspector-plain",
    "lopdf-plain",
]

LIG = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
       "\ufb05": "st", "\ufb06": "st"}
QUOTES = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
# hyphen-like characters: split tokens on them so that line-end hyphenation
# ("cyber-" / "space") and compounds compare equal whatever an engine does
HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2212"
PUNCT_STRIP = "\"'()[]{}<>.,;:!?*\u2022\u00b7/\\|`~"


def norm_text(t, fold_ligatures=True):
    if fold_ligatures:
        for k, v in LIG.items():
            t = t.replace(k, v)
    for k, v in QUOTES.items():
        t = t.replace(k, v)
    return t.lower()


DEHYPH = re.compile(r"(\w)[-\u00ad\u2010\u2011][ \t]*\n\s*(\w)")


def tokens(text, fold_ligatures=True):
    t = norm_text(text, fold_ligatures)
    # a word hyphenated across a line end is joined on every side (pdftotext
    # already does this in its default mode); the engines' line order is
    # then what decides whether the halves meet.
    t = DEHYPH.sub(r"\1\2", t)
    t = re.sub("[" + re.escape(HYPHENS) + "]", " ", t)
    out = []
    for w in t.split():
        w = w.strip(PUNCT_STRIP)
        if any(c.isalnum() for c in w):
            out.append(w)
    return out


def prf(ext, ref):
    ce, cr = collections.Counter(ext), collections.Counter(ref)
    inter = sum((ce & cr).values())
    p = inter / len(ext) if ext else 0.0
    r = inter / len(ref) if ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def broken_words(ext, ref):
    """Extracted tokens absent from the reference vocabulary that are two
    reference words glued together (a missing space)."""
    vocab = set(ref)
    n, examples = 0, []
    for w in ext:
        if w in vocab or len(w) < 4:
            continue
        for i in range(1, len(w)):
            a, b = w[:i], w[i:]
            if a in vocab and b in vocab and (len(a) > 1 or a in ("a", "i")) and (len(b) > 1 or b in ("a", "i")):
                n += 1
                if len(examples) < 6:
                    examples.append(w)
                break
    return n, examples


def split_words(ext, ref):
    """Two consecutive extracted tokens, at least one not a reference word,
    whose concatenation is a reference word (a spurious space)."""
    vocab = set(ref)
    n, examples, i = 0, [], 0
    while i < len(ext) - 1:
        a, b = ext[i], ext[i + 1]
        if (a not in vocab or b not in vocab) and (a + b) in vocab:
            n += 1
            if len(examples) < 6:
                examples.append(a + "|" + b)
            i += 2
            continue
        i += 1
    return n, examples


def ligature_stats(raw, ref):
    """Reference words containing ff/fi/fl: how many the engine also has,
    and whether it left raw ligature characters (U+FB00..) in its text."""
    lig_ref = collections.Counter(w for w in ref if re.search("ff|fi|fl", w))
    ext = collections.Counter(tokens(raw, fold_ligatures=True))
    got = sum((lig_ref & ext).values())
    raw_lig = sum(raw.count(k) for k in LIG)
    return got, sum(lig_ref.values()), raw_lig


def bad_chars(raw):
    return sum(1 for c in raw if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cs")
               or (unicodedata.category(c) == "Cc" and c not in "\n\r\t\x0c"))


def run(engine, pdf):
    t0 = time.time()
    try:
        p = subprocess.run([BIN, engine, pdf], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "ms": TIMEOUT * 1000}
    wall = (time.time() - t0) * 1000
    if p.returncode != 0 or not p.stdout.strip():
        return {"status": "crash", "ms": wall, "error": f"exit {p.returncode}: " + p.stderr.decode(errors="replace")[-300:]}
    j = json.loads(p.stdout)
    j["wall_ms"] = wall
    return j


def main():
    engines = sys.argv[1:] or ENGINES
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    pdfs = sorted(f for f in os.listdir(PDFDIR) if f.lower().endswith(".pdf"))
    summary_path = os.path.join(HERE, "results", "summary.json")
    rows = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    for f in pdfs:
        stem = f[:-4]
        pdf = os.path.join(PDFDIR, f)
        refp = os.path.join(HERE, "ref", stem + ".txt")
        if not os.path.exists(refp):
            subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, refp], check=True)
            subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf,
                            os.path.join(HERE, "ref", stem + ".layout.txt")], check=True)
        ref_raw = open(refp, encoding="utf-8", errors="replace").read()
        ref = tokens(ref_raw)
        for e in engines:
            j = run(e, pdf)
            row = {"file": stem, "engine": e, "status": j["status"], "ms": round(j.get("ms", 0), 1),
                   "ref_words": len(ref)}
            if j["status"] == "ok":
                raw = j["text"]
                open(os.path.join(HERE, "out", f"{stem}.{e}.txt"), "w").write(raw)
                ext = tokens(raw)
                p, r, f1 = prf(ext, ref)
                bw, bwx = broken_words(ext, ref)
                sw, swx = split_words(ext, ref)
                lg, lt, rawlig = ligature_stats(raw, ref)
                row.update(dict(pages=j["pages"], page_errors=len(j["page_errors"]),
                                page_error_sample=j["page_errors"][:3], items=j["items"],
                                granularity=j["granularity"], words=len(ext),
                                precision=round(p, 4), recall=round(r, 4), f1=round(f1, 4),
                                broken=bw, broken_ex=bwx, split=sw, split_ex=swx,
                                lig_words_got=lg, lig_words_ref=lt, raw_ligature_chars=rawlig,
                                bad_chars=bad_chars(raw)))
            else:
                row.update(error=j.get("error", "")[:300])
            rows[f"{stem}|{e}"] = row
            print(f"{e:22s} {stem[:40]:40s} {row['status']:7s} F1={row.get('f1', '-')} "
                  f"broken={row.get('broken', '-')} split={row.get('split', '-')} {row['ms']}ms", flush=True)
    # forget files that disappeared
    rows = {k: v for k, v in rows.items() if v["file"] + ".pdf" in pdfs}
    json.dump(rows, open(summary_path, "w"), indent=1)


if __name__ == "__main__":
    main()
