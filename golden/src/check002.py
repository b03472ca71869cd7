#!/usr/bin/env python3
"""Check golden/002.json against the OCR text it was read from.

The OCR (English model) strips and mangles diacritics, so both sides are folded (lower case, marks
stripped, đ -> d) before comparing.  Three checks:

1. every word of the OCR appendix region (and of the body's goal section) must appear, folded, in the
   golden text: the misses are listed (most are OCR garbage; read them);
2. per row: every OCR token of the row's line span must resemble (fuzzy) a word of that row's golden
   text -- what is left may be a word the golden file lost;
3. per row: every golden word must resemble a token of the row's OCR span -- what is left may be a word
   the golden file invented.

Row spans (OCR line numbers) are typed by hand below from reading the OCR.

Run:  python3 golden/src/check002.py [-v]
"""
import difflib
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.dirname(HERE)
SOURCE = glob.glob(os.path.join(GOLDEN, "..", "..", "shared", "sources", "002_*.txt")) or \
    glob.glob("/work/shared/sources/002_*.txt")

# ref -> list of (first, last) OCR line numbers (1-based, inclusive) holding that row.
SPANS = {
    "1/I/1/#1": [(444, 468)],
    "1/I/2/#1": [(480, 499)],
    "1/II/1/#1": [(501, 509)],
    "1/II/2/#1": [(510, 517), (527, 528)],
    "1/II/3/#1": [(529, 540)],
    "1/II/4/#1": [(541, 556), (562, 568)],
    "1/II/5/#1": [(569, 579)],
    "1/II/6/#1": [(580, 592), (598, 599)],
    "1/II/7/#1": [(600, 616)],
    "1/II/8/#1": [(617, 630)],
    "1/II/9/#1": [(636, 640)],
    "1/II/10/#1": [(641, 644)],
    "1/II/11/#1": [(645, 651)],
    "1/III/1/#1": [(653, 663)],
    "1/III/2/2.1": [(669, 675)],
    "1/III/2/2.2": [(676, 679)],
    "1/III/3/#1": [(680, 685)],
    "1/III/4/#1": [(686, 702)],
    "1/IV/1/#1": [(714, 723)],
    "1/IV/2/#1": [(724, 737)],
    "1/IV/3/#1": [(738, 745), (751, 756)],
    "1/IV/4/#1": [(757, 768)],
    "1/IV/5/#1": [(769, 774)],
    "1/V/1/1.1": [(782, 786)],
    "1/V/1/1.2": [(787, 791)],
    "1/V/1/1.3": [(792, 805)],
    "1/V/1/1.4": [(806, 816)],
    "1/V/1/1.5": [(822, 828)],
    "1/V/1/1.6": [(829, 836)],
    "1/V/2/2.1": [(837, 853)],
    "1/V/2/2.2": [(859, 868)],
    "1/V/3/#1": [(869, 878)],
    "1/V/4/#1": [(879, 889), (895, 896)],
    "1/V/5/#1": [(897, 909)],
    "1/V/6/#1": [(910, 922)],
    "1/V/7/#1": [(934, 942)],
    "1/V/7/#2": [(943, 945)],
    "1/VI/1/#1": [(947, 952)],
    "1/VI/2/#1": [(953, 959)],
    "1/VI/3/#1": [(965, 969)],
    "1/VII/1/#1": [(971, 977)],
    "1/VII/2/#1": [(978, 984)],
}
# Lines that are neither rows nor repeated page headers: section rows and the appendix heading.
SECTION_LINES = {443: "I", 500: "II", 652: "III", 704: "IV", 776: "V", 946: "VI", 970: "VII"}
APPENDIX = (435, 984)
BODY_GOALS = (38, 179)   # "1. Mục tiêu" … "(30) …" in section I of the body


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return s.lower()


def words(s):
    return re.findall(r"[0-9a-z]+", fold(s))


# Shapes the English model gives Vietnamese letters (digit for a marked vowel, "1" for "l").
OCR_LETTER = str.maketrans({"6": "o", "0": "o", "1": "l", "8": "e", "@": "e", "&": "o", "¢": "e",
                            "¥": "y", "$": "s", "3": "a", "4": "a"})


def ocr_words(s):
    out = []
    for tok in re.findall(r"[^\s/.,;:()\-\"“”'’‘|]+", fold(s)):
        if re.search(r"[a-z]", tok):
            tok = tok.translate(OCR_LETTER)
        out.extend(re.findall(r"[0-9a-z]+", tok))
    return out


def similar(a, b):
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        # short words: same length, same first letter, at most one letter differs
        return len(a) == len(b) and a[0] == b[0] and sum(x != y for x, y in zip(a, b)) <= 1
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.66


def is_header(line):
    f = fold(line)
    return bool(re.match(r"\s*\(1\) m", f)) or f.strip() in (
        "(con) piu ra bit hieu qua cha tri phoi hop han hoan", "gian)") or \
        bool(re.match(r"\s*\((con|r.|ro)", f))


def task_texts(t, with_group):
    parts = [t["title"], t["output"] or "", t["kpi"] or "", t["deadline"]["raw"] if t["deadline"] else ""]
    parts += [u["raw"] for u in t["lead"] + t["support"]]
    if t["code"]:
        parts.append(t["code"])
    if with_group:
        parts += [t["group"]["code"] + ".", t["group"]["title"]]
    return " ".join(parts)


def main():
    verbose = "-v" in sys.argv
    doc = json.load(open(os.path.join(GOLDEN, "002.json"), encoding="utf-8"))
    lines = open(SOURCE[0], encoding="utf-8").read().split("\n")
    line = lambda n: lines[n - 1]

    # ---- 1. every OCR word of the appendix and of the goals section, folded, in the golden text
    gold_all = set()
    for t in doc["tasks"]:
        gold_all.update(words(task_texts(t, True)))
        gold_all.update(words(t["section"]["code"] + " " + t["section"]["title"]))
    for c in doc["tables"][0]["columns"]:
        gold_all.update(words(c["header"]))
    gold_all.update(words(doc["tables"][0]["title"]))
    for t in doc["targets"]:
        gold_all.update(words(t["section"]["code"] + " " + t["section"]["title"] + " " + t["code"] + " " +
                              t["content"]))
    for name, (a, b) in (("appendix", APPENDIX), ("body goals", BODY_GOALS)):
        toks = [w for n in range(a, b + 1) for w in words(line(n))]
        miss = sorted({w for w in toks if w not in gold_all})
        hit = sum(1 for w in toks if w in gold_all)
        print("[1] %s: %d OCR words, %d (%.1f%%) found folded in golden; %d distinct misses"
              % (name, len(toks), hit, 100.0 * hit / max(1, len(toks)), len(miss)))
        if verbose:
            print("    misses:", " ".join(miss))

    # ---- 2/3. per row, fuzzy, both directions
    tasks = {t["ref"]: t for t in doc["tasks"]}
    assert set(SPANS) == set(tasks), sorted(set(SPANS) ^ set(tasks))
    seen_groups = set()
    lost_total = invented_total = 0
    covered = set()
    for ref, t in tasks.items():
        gkey = (t["section"]["code"], t["group"]["code"])
        with_group = gkey not in seen_groups
        seen_groups.add(gkey)
        gold = words(task_texts(t, with_group))
        gold_ctx = set(words(task_texts(t, True)))
        ocr = []
        for a, b in SPANS[ref]:
            for n in range(a, b + 1):
                covered.add(n)
                if not is_header(line(n)):
                    ocr.extend(ocr_words(line(n)))
        lost = [w for w in ocr if len(w) >= 3 and not any(similar(w, g) for g in gold_ctx)]
        invented = [g for g in gold if not any(similar(g, w) for w in ocr)]
        lost_total += len(lost)
        invented_total += len(invented)
        if lost or invented:
            print("[2/3] %-12s OCR tokens without a golden word: %s" % (ref, " ".join(lost) or "-"))
            print("      %-12s golden words without an OCR token: %s" % ("", " ".join(invented) or "-"))
    print("[2] OCR tokens (len>=3) with no similar golden word in their row: %d" % lost_total)
    print("[3] golden words with no similar OCR token in their row: %d" % invented_total)

    # ---- 4. body goals: each "(n) …" item of section I.1 against its target's content, both ways
    items, sec = {}, None
    for n in range(BODY_GOALS[0], BODY_GOALS[1] + 1):
        m_sec = re.match(r"\s*1\.(\d)\.", line(n))
        m_item = re.match(r"\s*\((\d+)\)", line(n))
        if m_sec:
            sec, cur = "1." + m_sec.group(1), None
        elif m_item and sec:
            cur = "0/%s/%s" % (sec, m_item.group(1))
            items[cur] = line(n)[m_item.end():]
        elif sec and cur and line(n).strip():
            items[cur] += " " + line(n)
    targets = {t["ref"]: t for t in doc["targets"]}
    print("[4] body goal items in OCR: %d, targets in golden: %d, refs differ: %s"
          % (len(items), len(targets), sorted(set(items) ^ set(targets))))
    for ref, t in targets.items():
        ocr = ocr_words(items.get(ref, ""))
        gold = words(t["content"])
        lost = [w for w in ocr if len(w) >= 2 and not any(similar(w, g) for g in gold)]
        invented = [g for g in gold if not any(similar(g, w) for w in ocr)]
        if lost or invented:
            print("[4] %-10s OCR-only: %-30s golden-only: %s" % (ref, " ".join(lost) or "-",
                                                                 " ".join(invented) or "-"))

    # every appendix line is a row, a section row, a page header, or blank / page furniture
    stray = [n for n in range(APPENDIX[0], APPENDIX[1] + 1)
             if n not in covered and n not in SECTION_LINES and line(n).strip() and not is_header(line(n))]
    print("[span] appendix lines outside every row span:", stray)
    for n, code in SECTION_LINES.items():
        titles = {t["section"]["title"] for t in doc["tasks"] if t["section"]["code"] == code}
        (title,) = titles
        ow = ocr_words(line(n))
        bad = [g for g in words(code + " " + title) if not any(similar(g, w) for w in ow)]
        if bad:
            print("[sec] section %s words without an OCR token: %s" % (code, bad))


if __name__ == "__main__":
    main()
