#!/usr/bin/env python3
"""Syllable (word) accuracy of page texts against the true page texts (corpus/ocr/clean).

Tokens are whitespace tokens compared by score_key (vntext.py): NFC, punctuation
removed (tokens left empty are dropped), case KEPT, tone-mark placement style folded
("hoá" = "hóa", "uỷ" = "ủy"), nothing else folded. Per page, the hypothesis tokens are
aligned with the reference tokens by a unit-cost word edit distance; per plan we report

  acc    hits / reference tokens            (share of true syllables read right)
  wacc   1 - (sub + del + ins) / reference  (word accuracy, 1 - WER)
  bag    sum over words of min(count in ref, count in hyp) / reference  (order ignored)
  fbag   bag with every mark and case folded too (align_key): how much is only mark loss

Systems scored by default, per plan NNN:
  eng       corpus/ocr/eng        Tesseract English model, as is (doing nothing)
  vie       corpus/ocr/vie        Tesseract Vietnamese model on the same images
  scan      pdftotext of corpus/scanned/NNN-scan.pdf, per page (the invisible text layer)
  digital   pdftotext of corpus/NNN-lo.pdf, per page (the born-digital text: sanity check)

Usage:
  python3 corpus/scan/score.py                  # every plan in corpus/ocr/clean, the four systems
  python3 corpus/scan/score.py 001              # one plan
  python3 corpus/scan/score.py --hyp mine=DIR   # also score DIR/NNN-pPP.txt (e.g. repaired eng text)
  python3 corpus/scan/score.py --only mine --hyp mine=DIR --ref DIR2   # only that, other truth
  python3 corpus/scan/score.py --markdown       # a Markdown table
  python3 corpus/scan/score.py --whole src=FILE 002   # a whole-document text (order unknown):
                                                      # bag and fbag only, e.g. source 002's own OCR layer
"""
import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vntext import align_key, edit_script, score_key, tokens  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent
OCR = CORPUS / "ocr"


def keys(text):
    return [k for k in map(score_key, tokens(text)) if k]


def edit_counts(ref, hyp):
    """(hits, subs, dels, ins) of a minimum unit-cost alignment (ties: more hits)."""
    c = Counter(op for op, _, _ in edit_script(ref, hyp))
    return c["eq"], c["sub"], c["del"], c["ins"]


def page_texts_dir(directory, nnn):
    out = {}
    for p in Path(directory).glob(f"{nnn}-p*.txt"):
        m = re.fullmatch(rf"{nnn}-p(\d+)\.txt", p.name)
        if m:
            out[int(m.group(1))] = p.read_text(encoding="utf-8")
    return out


def page_texts_pdf(pdf, pages, *flags):
    out = {}
    for n in pages:
        r = subprocess.run(["pdftotext", *flags, "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"score: pdftotext {pdf} page {n}: {r.stderr.strip()}")
        out[n] = r.stdout
    return out


def folded(text):
    return Counter(k for k in map(align_key, tokens(text)) if k)


def score(ref_pages, hyp_pages):
    tot = Counter()
    for page, ref_text in ref_pages.items():
        ref, hyp = keys(ref_text), keys(hyp_pages.get(page, ""))
        h, s, d, i = edit_counts(ref, hyp)
        rc, hc = Counter(ref), Counter(hyp)
        tot.update(n=len(ref), hits=h, subs=s, dels=d, ins=i, bag=sum((rc & hc).values()),
                   fbag=sum((folded(ref_text) & folded(hyp_pages.get(page, ""))).values()),
                   missing_pages=page not in hyp_pages)
    return tot


def score_whole(ref_pages, text):
    """Order-free measures of a whole-document text against all the reference pages."""
    ref = [k for t in ref_pages.values() for k in keys(t)]
    rf = Counter()
    for t in ref_pages.values():
        rf += folded(t)
    return Counter(n=len(ref), bag=sum((Counter(ref) & Counter(keys(text))).values()),
                   fbag=sum((rf & folded(text)).values()), whole=1)


def main():
    ap = argparse.ArgumentParser(description="Syllable accuracy against corpus/ocr/clean.")
    ap.add_argument("plans", nargs="*")
    ap.add_argument("--ref", default=str(OCR / "clean"))
    ap.add_argument("--hyp", action="append", default=[], metavar="NAME=DIR")
    ap.add_argument("--whole", action="append", default=[], metavar="NAME=FILE")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="score only these systems (repeatable)")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    plans = a.plans or sorted({p.name[:3] for p in Path(a.ref).glob("[0-9][0-9][0-9]-p*.txt")})
    extra = []
    for h in a.hyp:
        name, _, d = h.partition("=")
        if not d or not Path(d).is_dir():
            sys.exit(f"score: --hyp {h}: want NAME=DIR with an existing DIR")
        extra.append((name, d))
    rows = []
    for nnn in plans:
        ref = page_texts_dir(a.ref, nnn)
        if not ref:
            sys.exit(f"score: no pages of {nnn} in {a.ref}")
        systems = [("eng", lambda: page_texts_dir(OCR / "eng", nnn)),
                   ("vie", lambda: page_texts_dir(OCR / "vie", nnn)),
                   ("scan", lambda: page_texts_pdf(CORPUS / "scanned" / f"{nnn}-scan.pdf", ref)),
                   ("digital", lambda: page_texts_pdf(CORPUS / f"{nnn}-lo.pdf", ref)),
                   ("digital-layout", lambda: page_texts_pdf(CORPUS / f"{nnn}-lo.pdf", ref, "-layout"))]
        systems += [(name, lambda d=d: page_texts_dir(d, nnn)) for name, d in extra]
        for name, get in systems:
            if a.only and name not in a.only:
                continue
            t = score(ref, get())
            rows.append((nnn, name, t))
        for w in a.whole:
            name, _, f = w.partition("=")
            if not Path(f).is_file():
                sys.exit(f"score: --whole {w}: want NAME=FILE with an existing FILE")
            rows.append((nnn, name, score_whole(ref, Path(f).read_text(encoding="utf-8"))))
    if a.markdown:
        print("| plan | text | syllables | acc | wacc (1-WER) | bag | fbag | sub | del | ins |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for nnn, name, t in rows:
        n = max(t["n"], 1)
        bag, fbag = f"{100 * t['bag'] / n:.2f}%", f"{100 * t['fbag'] / n:.2f}%"
        if t["whole"]:
            acc = wacc = "–"
            sub = dele = ins = "–"
        else:
            acc, wacc = f"{100 * t['hits'] / n:.2f}%", f"{100 * (1 - (t['subs'] + t['dels'] + t['ins']) / n):.2f}%"
            sub, dele, ins = t["subs"], t["dels"], t["ins"]
        if a.markdown:
            print(f"| {nnn} | {name} | {t['n']} | {acc} | {wacc} | {bag} | {fbag} | {sub} | {dele} | {ins} |")
        else:
            print(f"score {nnn} {name:<15} n={t['n']:<6} acc {acc:>7}  wacc {wacc:>7}  bag {bag:>7}  "
                  f"fbag {fbag:>7}  (sub {sub}, del {dele}, ins {ins}"
                  + (f", {t['missing_pages']} pages missing" if t["missing_pages"] else "") + ")")


if __name__ == "__main__":
    main()
