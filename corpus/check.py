#!/usr/bin/env python3
"""Check built corpus PDFs against their transcriptions (needs poppler-utils).

  python3 corpus/check.py                    # every corpus/src/NNN.json vs corpus/NNN-{lo,wp}.pdf
                                             # (and NNN-{tcvn3,nfd}.pdf for the variant plans)
  python3 corpus/check.py --pdfdir DIR x.json

For each PDF it reports: page count and orientation of each page, whether
pages 2.. carry a page number as their first line (and page 1 does not),
whether the running footer is on every page, whether each appendix page
repeats the table's header row, which table rows are split across a page
break, and which transcription words are missing from `pdftotext` output
(word multisets; extra words are page furniture and are ignored).
Exit status 1 when a word is missing or a furniture check fails.
"""
import argparse
import collections
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from build import resolve_inputs, load_plan, VARIANT_PLANS, tcvn3_table  # noqa: E402


def pdftotext(pdf, *opts, first=None, last=None):
    cmd = ["pdftotext", "-enc", "UTF-8", *opts]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    cmd += [str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def page_sizes(pdf):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    sizes = []
    for m in re.finditer(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out, re.M):
        sizes.append((float(m.group(1)), float(m.group(2))))
    return sizes


def norm(s):
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFC", s))


def tokens(text):
    """Words, split also at - and / (a line may wrap after them), outer punctuation stripped."""
    out = []
    for w in norm(text).split():
        for piece in re.split(r"[-/‐–—]+", w):
            piece = piece.strip(".,;:!?()[]{}\"'“”‘’…*")
            if piece:
                out.append(piece)
    return out


def plan_texts(plan):
    h = plan["header"]
    yield from h["left"] + [h["left_below"]] + h["right"] + [h["right_below"]]
    yield from plan["title"]
    for b in plan["body"]:
        yield b["text"]
    yield from plan["signature"]["left"] + plan["signature"]["right"]
    for app in plan["appendices"]:
        yield from app["heading"]
        for col in app["columns"]:
            yield col["header"]
        for row in app["rows"]:
            if "section" in row:
                yield row["section"]
            else:
                yield from (c for c in row["cells"] if c)


def plan_words(plan):
    words = []
    for s in plan_texts(plan):
        words += tokens(s)
    return words


def check_pdf(plan, pdf):
    problems = []
    sizes = page_sizes(pdf)
    n = len(sizes)
    orient = "".join("L" if w > h else "P" for w, h in sizes)
    print(f"  pages: {n}  orientation: {orient}")
    pages = [pdftotext(pdf, "-layout", first=i, last=i) for i in range(1, n + 1)]
    raw_pages = [pdftotext(pdf, "-raw", first=i, last=i) for i in range(1, n + 1)]

    # page numbers: first non-empty line of the page is the bare number
    bad = []
    for i, t in enumerate(pages, 1):
        first = next((l.strip() for l in t.splitlines() if l.strip()), "")
        if i == 1:
            if first.isdigit():
                bad.append(f"p1 has number {first}")
        elif first != str(i):
            bad.append(f"p{i} first line {first[:30]!r}")
    print(f"  page numbers: {'ok' if not bad else '; '.join(bad)}")
    problems += bad

    footer = plan.get("footer")
    if footer:
        want = [" ".join(tokens(l)) for l in footer]
        missing = [i for i, t in enumerate(pages, 1)
                   if not all(w in " ".join(tokens(t)) for w in want)]
        print(f"  footer on every page: {'ok' if not missing else 'MISSING on ' + str(missing)}")
        if missing:
            problems.append(f"footer missing on pages {missing}")

    # appendices: landscape pages; header repeated; rows split
    land = [i for i, (w, h) in enumerate(sizes, 1) if w > h]
    if plan["appendices"] and not land:
        problems.append("no landscape pages")
    # which appendix a landscape page belongs to: the one whose heading starts it, else the previous
    page_app = {}
    cur = -1
    for i in land:
        text = " ".join(tokens(raw_pages[i - 1]))
        for a, app in enumerate(plan["appendices"]):
            if a > cur and " ".join(tokens(" ".join(app["heading"]))) in text:
                cur = a
                break
        page_app[i] = cur
    rep_bad = []
    for i in land:
        app = plan["appendices"][page_app[i]]
        text = " ".join(tokens(pages[i - 1]))
        for col in app["columns"]:
            if " ".join(tokens(col["header"])) not in text and tokens(col["header"]):
                # a header cell's lines may interleave with neighbours in -layout; try raw
                if " ".join(tokens(raw_pages[i - 1])).find(" ".join(tokens(col["header"]))) < 0:
                    rep_bad.append(f"p{i}: header {col['header'][:20]!r}")
                    break
    print(f"  header row on every appendix page ({len(land)} pages): {'ok' if not rep_bad else '; '.join(rep_bad)}")
    problems += rep_bad

    # rows split / merged cells over a break: walk the appendix rows in order
    # through the -raw token stream of the landscape pages (cells come out one
    # after the other), locating each cell's first and last words.
    stream, where = [], []
    for i in land:
        t = tokens(raw_pages[i - 1])
        stream += t
        where += [i] * len(t)

    def find(seq, start):
        L = len(seq)
        for j in range(start, len(stream) - L + 1):
            if stream[j:j + L] == seq:
                return j
        return None

    def subsequence_end(toks, start):
        """Index of the cell's last word, its words matched in order from start
        (other cells' words and the repeated header may come in between)."""
        j, last, misses = start, None, 0
        for t in toks:
            # bounded look-ahead: a word broken inside (a long URL, "(31/12/202" "6)")
            # is skipped instead of being matched far away
            for k in range(j, min(j + 150, len(stream))):
                if stream[k] == t:
                    j, last = k + 1, k
                    break
            else:
                misses += 1
        if last is None or misses > max(2, len(toks) // 5):
            return None
        return last

    splits, merged_over_break = [], []
    cursor = 0
    for a, app in enumerate(plan["appendices"]):
        rows = app["rows"]
        span = {}  # row -> (first page, last page)
        for r, row in enumerate(rows):
            cells = [row["section"]] if "section" in row else [c for c in row["cells"] if c]
            starts, ends = [], []
            for c in cells:
                toks = tokens(c)
                if not toks:
                    continue
                k = min(4, len(toks))
                s0 = find(toks[:k], cursor)
                if s0 is None:
                    continue
                e0 = subsequence_end(toks, s0)
                if e0 is None:
                    continue
                starts.append(s0)
                ends.append(e0)
            if not starts:
                continue
            span[r] = (where[min(starts)], where[max(ends)])
            cursor = max(ends) + 1
            if span[r][0] != span[r][1]:
                label = (row.get("section") or next(x for x in row["cells"] if x)).split("\n")[0][:50]
                splits.append(f"appendix {a + 1} row {r + 1} ({label!r}): pages {span[r][0]}-{span[r][1]}")
        for r, row in enumerate(rows):
            if "cells" not in row:
                continue
            for c, v in enumerate(row["cells"]):
                if v is None:
                    continue
                k = r + 1
                while k < len(rows) and "cells" in rows[k] and rows[k]["cells"][c] is None:
                    k += 1
                if k - r >= 2 and r in span and (k - 1) in span and span[r][0] != span[k - 1][1]:
                    merged_over_break.append(
                        f"appendix {a + 1} rows {r + 1}-{k} col {c + 1} ({v.split(chr(10))[0][:40]!r}): "
                        f"pages {span[r][0]}-{span[k - 1][1]}")
    print(f"  rows split across pages: {len(splits)}")
    for s in splits:
        print(f"    {s}")
    print(f"  merged (rowspan) cells crossing a page break: {len(merged_over_break)}")
    for s in merged_over_break:
        print(f"    {s}")

    # words
    want = collections.Counter(plan_words(plan))
    got = collections.Counter(tokens("\n".join(pages)))
    got_raw = collections.Counter(tokens("\n".join(raw_pages)))
    missing = {w: k - max(got[w], got_raw[w]) for w, k in want.items() if max(got[w], got_raw[w]) < k}
    # a word longer than its column is broken inside the word at a line end: not missing
    joined = norm(re.sub(r"\s*\n\s*", "", "\n".join(raw_pages)))
    broken = sorted(w for w in missing if w in joined)
    for w in broken:
        del missing[w]
    if broken:
        print(f"  words broken at a line end inside the word (not missing): {', '.join(broken)}")
    print(f"  words: {sum(want.values())} in transcription, {len(missing)} distinct missing"
          + ("" if not missing else ": " + ", ".join(f"{w!r}x{k}" for w, k in sorted(missing.items())[:60])))
    if missing:
        problems.append(f"{len(missing)} words missing")
    return problems


def text_layer_form(plan, variant):
    """The plan as the variant's text layer spells it: for tcvn3 every letter as the Latin-1 character
    of its TCVN3 code (toned capitals at their lower-case codes, as the upper-case font draws them);
    nfd needs nothing (words are compared NFC)."""
    if variant != "tcvn3":
        return plan
    tab = tcvn3_table()

    def enc(o):
        if isinstance(o, str):
            return "".join(chr(tab[c][0]) if c in tab else c for c in unicodedata.normalize("NFC", o))
        if isinstance(o, list):
            return [enc(x) for x in o]
        if isinstance(o, dict):
            return {k: enc(v) for k, v in o.items()}
        return o
    return enc(plan)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plans", nargs="*")
    ap.add_argument("--pdfdir", type=Path, default=HERE)
    a = ap.parse_args()
    failed = False
    for path in resolve_inputs(a.plans):
        plan = load_plan(path)
        prods = ["lo", "wp"] + (["tcvn3", "nfd"] if path.stem in VARIANT_PLANS else [])
        for prod in prods:
            pdf = a.pdfdir / f"{path.stem}-{prod}.pdf"
            print(f"{pdf.name}:")
            if not pdf.exists():
                print("  missing")
                failed = True
                continue
            if check_pdf(text_layer_form(plan, prod), pdf):
                failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
