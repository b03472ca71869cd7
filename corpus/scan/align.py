#!/usr/bin/env python3
"""Align OCR tokens with the true tokens of each page: training pairs for an OCR-repair model.

For plan NNN, page by page, corpus/ocr/clean/NNN-pPP.txt (the truth) is aligned with
corpus/ocr/eng/NNN-pPP.txt (Tesseract's English model) and the pairs are written, in
reading order, to corpus/ocr/pairs-NNN.tsv:

    clean <TAB> ocr <TAB> page <TAB> op

op        clean            ocr                   meaning
same      Triển            Trién                 one to one, equal once marks, case and punctuation are folded
sub       của              ctia                  one to one, different (character edit ratio <= 0.67)
split     Nghị             Ng hi                 one clean word read as 2 (or 3) OCR tokens, joined by a space
merge     Đồng Nai         DongNai               2 (or 3) clean words read as one OCR token
del                        (empty)               a clean word OCR lost
ins       (empty)          ‘                     an OCR token with no clean word (noise, rules, specks)

Tokens are whitespace tokens, kept as written (punctuation attached). They are compared
by align_key (vntext.py): marks removed, đ -> d, lower case, punctuation removed; a token
that is punctuation only keeps itself as its key.

The alignment is a word-level edit distance with these moves and costs:
same/sub = character edit distance / length of the longer key (allowed up to 0.67, or
any single character for another: "1" for "l"); split/merge = the ratio of the clean key
against the joined OCR keys (allowed up to 0.4, and only if each end part matches at
least one character) + 0.5, and only between tokens with a letter or digit (never "|", "_", "©"); del/ins = 0.7 each. Runs of 2 or more equal keys
on a global unit-cost alignment of the page anchor it (global, not difflib's longest
blocks first, which pair a phrase the plan repeats with the wrong repetition), and the
gaps between anchors are solved exactly with the moves above.

Usage:
  python3 corpus/scan/align.py              # every plan in corpus/ocr/clean
  python3 corpus/scan/align.py 001          # one plan
  python3 corpus/scan/align.py --ocr vie    # align Tesseract-vie instead -> pairs-NNN-vie.tsv
  python3 corpus/scan/align.py --clean DIR --ocr-dir DIR --out FILE 000   # other texts
  python3 corpus/scan/align.py --self-test  # checks the moves on made-up examples
"""
import argparse
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vntext import align_key, edit_script, levenshtein, strip_punct, tokens  # noqa: E402

OCR = Path(__file__).resolve().parent.parent / "ocr"

MAX_SUB = 0.67
MAX_JOIN = 0.4
JOIN_PENALTY = 0.5
INDEL = 0.7
MAX_PARTS = 3
ANCHOR_MIN = 2


MARK = "\u241e"


def key(tok):
    k = align_key(tok)
    return k if k else MARK + tok  # punctuation only: itself, never equal to a word


@lru_cache(maxsize=200_000)
def ratio(a, b):
    return levenshtein(a, b) / max(len(a), len(b), 1)


def sub_cost(a, b):
    if a == b:
        return 0.0
    r = ratio(a, b)
    if r <= MAX_SUB:
        return r
    if len(a.lstrip(MARK)) == 1 and len(b.lstrip(MARK)) == 1:
        return 0.95  # one character read as another ("1" for "l", "&" for "ở")
    return None


def join_ratio(one, parts):
    """The edit ratio of one key against the joined parts, or None when the join is not allowed:
    above MAX_JOIN, or when a part at either end matches nothing (every one of its characters
    is an edit: leaving it out lowers the distance by its length), so that a lost word next to
    a merge stays a lost word ("tại Đồng Nai" / "DongNai": del + merge), while a mangled short
    part still joins ("Sở Khoa học" / "S&@Khoahoc")."""
    joined = "".join(parts)
    d = levenshtein(one, joined)
    if d / max(len(one), len(joined), 1) > MAX_JOIN:
        return None
    for part, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
        if d - levenshtein(one, "".join(rest)) >= len(part):
            return None
    return d / max(len(one), len(joined), 1)


def align_gap(ka, kb):
    """Exact minimum-cost alignment of two key lists. Returns [(op, n_clean, n_ocr)]."""
    n, m = len(ka), len(kb)
    # only tokens with a letter or digit take part in a split or merge (not "|", "_", "©")
    wa = [any(ch.isalnum() for ch in k) and not k.startswith(MARK) for k in ka]
    wb = [any(ch.isalnum() for ch in k) and not k.startswith(MARK) for k in kb]
    INF = float("inf")
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        ci, bi = cost[i], back[i]
        for j in range(m + 1):
            c = ci[j]
            if c == INF:
                continue
            # relax the moves that leave (i, j)
            if i < n and j < m:
                s = sub_cost(ka[i], kb[j])
                if s is not None and c + s < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1] = c + s
                    back[i + 1][j + 1] = ("same" if s == 0 else "sub", 1, 1)
            if i < n and c + INDEL < cost[i + 1][j]:
                cost[i + 1][j] = c + INDEL
                back[i + 1][j] = ("del", 1, 0)
            if j < m and c + INDEL < ci[j + 1]:
                ci[j + 1] = c + INDEL
                bi[j + 1] = ("ins", 0, 1)
            for k in range(2, MAX_PARTS + 1):
                if i < n and j + k <= m and wa[i] and all(wb[j:j + k]):
                    r = join_ratio(ka[i], kb[j:j + k])
                    if r is not None and c + r + JOIN_PENALTY < cost[i + 1][j + k]:
                        cost[i + 1][j + k] = c + r + JOIN_PENALTY
                        back[i + 1][j + k] = ("split", 1, k)
                if j < m and i + k <= n and wb[j] and all(wa[i:i + k]):
                    r = join_ratio(kb[j], ka[i:i + k])
                    if r is not None and c + r + JOIN_PENALTY < cost[i + k][j + 1]:
                        cost[i + k][j + 1] = c + r + JOIN_PENALTY
                        back[i + k][j + 1] = ("merge", k, 1)
    ops = []
    i, j = n, m
    while i or j:
        op = back[i][j]
        ops.append(op)
        i, j = i - op[1], j - op[2]
    return ops[::-1]


def align_tokens(clean, ocr):
    """[(op, [clean tokens], [ocr tokens])] for two token lists."""
    ka, kb = [key(t) for t in clean], [key(t) for t in ocr]
    # anchors: runs of ANCHOR_MIN or more exactly equal keys on a global unit-cost alignment
    # (global, so that a phrase the plan repeats is not matched with the wrong repetition)
    anchors, run = [], []
    for op, i, j in edit_script(ka, kb) + [("end", None, None)]:
        if op == "eq" and (not run or (i, j) == (run[-1][0] + 1, run[-1][1] + 1)):
            run.append((i, j))
            continue
        if len(run) >= ANCHOR_MIN:
            anchors.append((run[0][0], run[0][1], len(run)))
        run = [(i, j)] if op == "eq" else []
    anchors.append((len(ka), len(kb), 0))
    out = []
    i = j = 0
    for a, b, size in anchors:  # the last one is (n, m, 0)
        for op, di, dj in align_gap(ka[i:a], kb[j:b]):
            out.append((op, clean[i:i + di], ocr[j:j + dj]))
            i, j = i + di, j + dj
        for _ in range(size):
            out.append(("same", [clean[i]], [ocr[j]]))
            i, j = i + 1, j + 1
    return out


def page_files(directory, nnn):
    files = {}
    for p in Path(directory).glob(f"{nnn}-p*.txt"):
        m = re.fullmatch(rf"{nnn}-p(\d+)\.txt", p.name)
        if m:
            files[int(m.group(1))] = p
    return files


def align_plan(nnn, clean_dir, ocr_dir):
    """Yields (page, op, clean tokens, ocr tokens) for every page of a plan."""
    clean, ocr = page_files(clean_dir, nnn), page_files(ocr_dir, nnn)
    if not clean:
        sys.exit(f"align: no pages of {nnn} in {clean_dir}")
    missing = sorted(set(clean) ^ set(ocr))
    if missing:
        sys.exit(f"align: {nnn}: pages {missing} are in only one of {clean_dir}, {ocr_dir}")
    for page in sorted(clean):
        ct = tokens(clean[page].read_text(encoding="utf-8"))
        ot = tokens(ocr[page].read_text(encoding="utf-8"))
        for op, c, o in align_tokens(ct, ot):
            yield page, op, c, o


def is_word(tok):
    return bool(strip_punct(tok))


def self_test():
    def ops(clean, ocr):
        return [(op, " ".join(c), " ".join(o)) for op, c, o in align_tokens(clean.split(), ocr.split())]
    # marks lost, a look-alike, a split, a merge, a lost word, a speck
    got = ops("Triển khai Nghị quyết số 57-NQ/TW tại Đồng Nai năm 2026",
              "Trién khai Ng hi quyét s6 57-NQ/TW DongNai . nam 2026")
    want = [("same", "Triển", "Trién"), ("same", "khai", "khai"), ("split", "Nghị", "Ng hi"),
            ("same", "quyết", "quyét"), ("sub", "số", "s6"), ("same", "57-NQ/TW", "57-NQ/TW"),
            ("del", "tại", ""), ("merge", "Đồng Nai", "DongNai"), ("ins", "", "."),
            ("same", "năm", "nam"), ("same", "2026", "2026")]
    assert got == want, got
    # a phrase the page repeats: each copy pairs with its own copy, the lost word stays lost
    rep = "về đột phá phát triển khoa học công nghệ"
    got = ops(f"A {rep} B {rep} C", f"A {rep} B {rep.replace('khoa ', '')} C")
    assert [o for o in got if o[0] != "same"] == [("del", "khoa", "")], got
    assert got.index(("del", "khoa", "")) > got.index(("same", "B", "B")), got  # the second copy
    # a junk token never becomes part of a split, nor a stray letter; a mangled short part does
    assert ops("2025", "2025 _") == [("same", "2025", "2025"), ("ins", "", "_")]
    assert ops("Thời", "Thai a") == [("sub", "Thời", "Thai"), ("ins", "", "a")]
    assert ops("Sở Khoa học", "S&@Khoahoc") == [("merge", "Sở Khoa học", "S&@Khoahoc")]
    print("align: ok")


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser(description="Align OCR tokens with clean tokens -> pairs TSV.")
    ap.add_argument("plans", nargs="*")
    ap.add_argument("--ocr", default="eng", help="which OCR text: corpus/ocr/<this>/ (default eng)")
    ap.add_argument("--clean", default=str(OCR / "clean"), help="directory of the true page texts")
    ap.add_argument("--ocr-dir", help="directory of the OCR page texts (default corpus/ocr/<--ocr>)")
    ap.add_argument("--out", help="output file (one plan only); '-' for none (statistics only)")
    a = ap.parse_args()
    ocr_dir = a.ocr_dir or str(OCR / a.ocr)
    plans = a.plans or sorted({p.name[:3] for p in Path(a.clean).glob("[0-9][0-9][0-9]-p*.txt")})
    if a.out and len(plans) != 1:
        sys.exit("align: --out takes one plan")
    for nnn in plans:
        out = a.out or str(OCR / (f"pairs-{nnn}.tsv" if a.ocr == "eng" else f"pairs-{nnn}-{a.ocr}.tsv"))
        counts = {}
        words = aligned = 0
        lines = ["clean\tocr\tpage\top"]
        for page, op, c, o in align_plan(nnn, a.clean, ocr_dir):
            lines.append(f"{' '.join(c)}\t{' '.join(o)}\t{page}\t{op}")
            counts[op] = counts.get(op, 0) + 1
            nw = sum(map(is_word, c))
            words += nw
            if op not in ("del", "ins"):
                aligned += nw
        if out != "-":
            Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"align {nnn} ({Path(ocr_dir).name}): {aligned}/{words} clean words aligned "
              f"({100 * aligned / max(words, 1):.2f}%); "
              + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("same", "sub", "split", "merge", "del", "ins"))
              + ("" if out == "-" else f" -> {out}"))


if __name__ == "__main__":
    main()
