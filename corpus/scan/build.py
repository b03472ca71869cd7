#!/usr/bin/env python3
"""Scanned variants of the born-digital corpus PDFs, and aligned OCR texts per page.

For every corpus/NNN-lo.pdf (or the PDFs / plan ids given):

  1. render each page to a grayscale image (pdftoppm, --dpi, default 200);
  2. degrade it the way a scanner does, deterministically (seed = plan id and page):
     paper/ink levels, a slight rotation (0.2..0.7 deg, either way), sensor noise,
     a little blur, a few specks of dust, then JPEG (--quality);
  3. OCR the JPEG with Tesseract's ENGLISH model (pdf + txt + tsv in one run): the PDF
     is the JPEG with an invisible text layer; and with the VIETNAMESE model (txt);
  4. merge the per-page PDFs with qpdf -> corpus/scanned/NNN-scan.pdf, and record what was
     done (per page: rotation angle, JPEG size, how the true words were placed; the tool
     versions) in corpus/scanned/NNN-scan.json;
  5. write per page corpus/ocr/{clean,eng,vie}/NNN-pPP.txt: the true text of the page
     (the born-digital PDF's words, put on the lines Tesseract found: see clean_text),
     and the two OCR texts as Tesseract printed them;
  6. run align.py (pairs-NNN.tsv) and score.py (the baselines) on what was built.

With --mono, black-and-white pages instead (300 dpi unless --dpi): steps 1–2, then each page cut
to one bit and read by the English model only; texts in corpus/ocr/mono/, pairs in
corpus/ocr/pairs-NNN-mono.tsv; no PDF (build_mono).

Usage (from anywhere):
  python3 corpus/scan/build.py                # every corpus/NNN-lo.pdf
  python3 corpus/scan/build.py --mono         # the black-and-white texts and pairs
  python3 corpus/scan/build.py 002            # one plan: corpus/002-lo.pdf
  python3 corpus/scan/build.py some/file.pdf  # any PDF (its id: the digits its name starts with)

Needs: poppler-utils (pdftoppm, pdftotext), tesseract-ocr with -eng and -vie data, qpdf,
Python 3 with Pillow. Intermediate files go to corpus/scan/build/ (git-ignored).
Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): same input, same output.
"""
import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
BUILD = HERE / "build"
SCANNED = CORPUS / "scanned"
OCR = CORPUS / "ocr"

# Degradation parameters (see README.md for how they were chosen).
ANGLE = (0.2, 0.7)       # degrees, sign random
INK = (20, 45)           # darkest grey of the ink
PAPER = (228, 245)       # grey of the paper
NOISE_SIGMA = 10.0       # grey levels, before the blur (sensor noise)
BLUR_PX_AT_300 = 0.9     # Gaussian blur radius in pixels at 300 dpi (scaled with dpi)
SPECKS = (40, 160)       # dust specks per page
WHITE_POINT = 18         # levels within this of the paper grey become paper (scanner "auto level")
SEED_TAG = "kehoach-scan-1"


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"scan/build: {cmd[0]} failed ({r.returncode}): {r.stderr.strip()[:500]}")
    return r.stdout


# ----------------------------------------------------------------------------------------
# Degradation
# ----------------------------------------------------------------------------------------

def degrade(img, seed, dpi):
    """The page image as a cheap flatbed scanner would return it. Returns (image, angle)."""
    rng = random.Random(f"{SEED_TAG}:{seed}")
    angle = rng.uniform(*ANGLE) * rng.choice((-1, 1))
    ink, paper = rng.randint(*INK), rng.randint(*PAPER)
    img = img.convert("L").point(lambda v: ink + v * (paper - ink) // 255)
    # slight skew: rotate about the centre (PIL: counter-clockwise for angle > 0)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    # dust: small dark specks, a few larger
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(rng.randint(*SPECKS)):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.choice((0.6, 0.8, 1.0, 1.2, 1.6, 2.2)) * dpi / 300
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(ink, ink + 60))
    # sensor noise (Gaussian, from a seeded byte stream through the inverse normal CDF)
    nd = statistics.NormalDist(128, NOISE_SIGMA)
    lut = [max(0, min(255, round(nd.inv_cdf((i + 0.5) / 256)))) for i in range(256)]
    noise = Image.frombytes("L", img.size, rng.randbytes(w * h)).point(lut)
    img = ImageChops.add(img, noise, 1.0, -128)
    # optics
    img = img.filter(ImageFilter.GaussianBlur(BLUR_PX_AT_300 * dpi / 300))
    # the scanner's white point: near-paper greys become paper (keeps the JPEG small)
    img = img.point(lambda v: paper if v >= paper - WHITE_POINT else v)
    return img, angle


# ----------------------------------------------------------------------------------------
# The true text of a page, on Tesseract's lines
# ----------------------------------------------------------------------------------------

def pdf_words(pdf):
    """Per page: (width_pt, height_pt, [line, ...]) with line = [(text, x0, y0, x1, y1), ...]
    in pdftotext's reading order (blocks, lines, words)."""
    xml = run(["pdftotext", "-bbox-layout", str(pdf), "-"])
    xml = xml.replace("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", "")
    root = ET.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            words = [(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                      float(w.get("xMax")), float(w.get("yMax")))
                     for w in line.iterfind("h:word", ns)]
            words = [w for w in words if w[0].strip()]
            if words:
                lines.append(words)
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def tesseract_words(tsv_path):
    """Tesseract's words: [(line_key, (l, t, r, b), text)] in its reading order, line_key =
    (block, paragraph, line)."""
    out = []
    with open(tsv_path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {k: i for i, k in enumerate(header)}
        for row in f:
            c = row.rstrip("\n").split("\t")
            if len(c) < len(header) or c[col["level"]] != "5" or not c[col["text"]].strip():
                continue
            l, t = int(c[col["left"]]), int(c[col["top"]])
            box = (l, t, l + int(c[col["width"]]), t + int(c[col["height"]]))
            key = (int(c[col["block_num"]]), int(c[col["par_num"]]), int(c[col["line_num"]]))
            out.append((key, box, c[col["text"]]))
    return out


def clean_text(page_pdf, tess_words, scale, size, angle):
    """The born-digital words of a page, written on the lines Tesseract read from the scan,
    in Tesseract's order, each line's words left to right; a blank line where Tesseract
    starts a new paragraph (as its txt output does).

    Why: Tesseract reads tables and two-column header blocks in its own order (often straight
    across the columns), so pdftotext's order would misalign whole cells. The words and their
    spelling come only from the PDF; only the line grouping and order come from the scan.
    Each PDF word's box is mapped into the image (scale, then the known rotation about the
    centre) and goes to the Tesseract line of the OCR word it overlaps most. A PDF word that
    overlaps no OCR word (OCR missed it) joins the line of its nearest neighbour on its own
    pdftotext line; a pdftotext line with no overlap at all becomes a line of its own,
    after the line holding the word read before it. Returns (text, stats)."""
    w_px, h_px = size
    cx, cy = w_px / 2, h_px / 2
    t = math.radians(angle)
    cos, sin = math.cos(t), math.sin(t)

    def to_img(x, y):
        dx, dy = x * scale - cx, y * scale - cy
        return cx + dx * cos + dy * sin, cy - dx * sin + dy * cos

    _, _, lines = page_pdf
    words = []  # (text, pdf x0, image box, pdftotext line index)
    for li, line in enumerate(lines):
        for text, x0, y0, x1, y1 in line:
            mx, my = to_img((x0 + x1) / 2, (y0 + y1) / 2)
            hw, hh = (x1 - x0) * scale / 2, (y1 - y0) * scale / 2
            words.append((text, x0, (mx - hw, my - hh, mx + hw, my + hh), li))

    order = {}
    for key, _, _ in tess_words:
        order.setdefault(key, len(order))
    assign = [None] * len(words)
    for i, (_, _, b, _) in enumerate(words):
        best, best_area = None, 0.0
        for key, (l, tp, r, bt), _ in tess_words:
            ow = min(b[2], r) - max(b[0], l)
            oh = min(b[3], bt) - max(b[1], tp)
            if ow > 0 and oh > 0 and ow * oh > best_area:
                best, best_area = key, ow * oh
        assign[i] = best
    by_overlap = sum(a is not None for a in assign)

    # words OCR missed: the line of the nearest assigned word on the same pdftotext line
    for i, (_, _, _, li) in enumerate(words):
        if assign[i] is not None:
            continue
        same = [j for j, w in enumerate(words) if w[3] == li and assign[j] is not None]
        if same:
            j = min(same, key=lambda j: abs(j - i))
            assign[i] = assign[j]
    # whole lines OCR missed: a line of their own after the line of the word before them
    resolved = {}
    extra = {}  # anchor key (or None = page start) -> [pdftotext line indexes]
    orphan_lines = sorted({words[i][3] for i in range(len(words)) if assign[i] is None})
    for li in orphan_lines:
        first = min(i for i, w in enumerate(words) if w[3] == li)
        anchor = next((assign[j] for j in range(first - 1, -1, -1) if assign[j] is not None), None)
        anchor = resolved.get(anchor, anchor)  # after an earlier orphan line: same place, after it
        resolved[("orphan", li)] = anchor
        extra.setdefault(anchor, []).append(li)
        for i, w in enumerate(words):
            if w[3] == li:
                assign[i] = ("orphan", li)

    groups = {}
    for i, a in enumerate(assign):
        groups.setdefault(a, []).append(i)

    def line_text(key):
        return " ".join(words[i][0] for i in sorted(groups[key], key=lambda i: (words[i][1], i)))

    out = []
    for li in extra.get(None, []):
        out.append(line_text(("orphan", li)))
    prev_par = None
    for key in sorted(order, key=order.get):
        if key not in groups:
            continue  # a line Tesseract read from noise or rules: no words of the page
        if prev_par is not None and key[:2] != prev_par and out and out[-1] != "":
            out.append("")
        prev_par = key[:2]
        out.append(line_text(key))
        for li in extra.get(key, []):
            out.append(line_text(("orphan", li)))
    text = "\n".join(out).strip("\n") + "\n"
    in_own = sum(1 for a in assign if a[0] == "orphan")
    stats = {"pdf_words": len(words), "by_overlap": by_overlap,
             "by_neighbour": len(words) - by_overlap - in_own, "in_own_line": in_own}
    return text, stats


# ----------------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------------

def tesseract(img, base, lang, configs):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    run(["tesseract", str(img), str(base), "-l", lang, *configs], env=env)


def tool_versions():
    tess = run(["tesseract", "--version"]).split("\n")
    pop = subprocess.run(["pdftoppm", "-v"], capture_output=True, text=True).stderr.split("\n")[0]
    qpdf = run(["qpdf", "--version"]).split("\n")[0]
    import PIL
    return {"tesseract": tess[0].strip(), "leptonica": tess[1].strip(), "poppler": pop.strip(),
            "qpdf": qpdf.strip(), "pillow": PIL.__version__,
            "python": sys.version.split()[0]}


def plan_id(pdf):
    m = re.match(r"(\d+)", pdf.name)
    if not m:
        sys.exit(f"scan/build: {pdf}: the file name must start with the plan id (digits)")
    return m.group(1)


def build_one(pdf, dpi, quality):
    nnn = plan_id(pdf)
    work = BUILD / nnn
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for d in ("clean", "eng", "vie"):
        (OCR / d).mkdir(parents=True, exist_ok=True)
        for old in (OCR / d).glob(f"{nnn}-p*.txt"):
            old.unlink()
    SCANNED.mkdir(parents=True, exist_ok=True)

    run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(work / "render")])
    renders = sorted(work.glob("render-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    pages = pdf_words(pdf)
    if len(pages) != len(renders):
        sys.exit(f"scan/build: {pdf}: {len(renders)} images but {len(pages)} text pages")
    page_pdfs, meta = [], []
    for n, png in enumerate(renders, 1):
        name = f"{nnn}-p{n:02d}"
        img, angle = degrade(Image.open(png), f"{nnn}:{n}", dpi)
        jpg = work / f"{name}.jpg"
        img.save(jpg, "JPEG", quality=quality, optimize=True, progressive=True, dpi=(dpi, dpi))
        png.unlink()
        tesseract(jpg, work / f"{name}.eng", "eng", ["pdf", "txt", "tsv"])
        tesseract(jpg, work / f"{name}.vie", "vie", ["txt", "tsv"])
        page_pdfs.append(work / f"{name}.eng.pdf")
        tw = tesseract_words(work / f"{name}.eng.tsv")
        text, stats = clean_text(pages[n - 1], tw, dpi / 72, img.size, angle)
        (OCR / "clean" / f"{name}.txt").write_text(text, encoding="utf-8")
        for lang in ("eng", "vie"):
            t = (work / f"{name}.{lang}.txt").read_text(encoding="utf-8").replace("\f", "")
            (OCR / lang / f"{name}.txt").write_text(t.strip("\n") + "\n", encoding="utf-8")
        # the alternative reference, for comparison only: pdftotext -layout of the page
        (work / "layout").mkdir(exist_ok=True)
        (work / "layout" / f"{name}.txt").write_text(
            run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"]), encoding="utf-8")
        meta.append(dict(page=n, angle=round(angle, 4), jpeg_bytes=jpg.stat().st_size, **stats))
        print(f"  {name}: angle {angle:+.2f}°, {jpg.stat().st_size // 1024} KB, "
              f"{stats['pdf_words']} words ({stats['pdf_words'] - stats['by_overlap']} not under an OCR word)",
              flush=True)
    out = SCANNED / f"{nnn}-scan.pdf"
    run(["qpdf", "--deterministic-id", "--empty", "--pages", *map(str, page_pdfs), "--", str(out)])
    manifest = dict(source=pdf.name, source_sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(), dpi=dpi, jpeg_quality=quality, seed=f"{SEED_TAG}:{nnn}:<page>",
                    tools=tool_versions(), pages=meta)
    (SCANNED / f"{nnn}-scan.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    print(f"{pdf.name} -> {out.relative_to(CORPUS.parent)} ({out.stat().st_size / 1e6:.2f} MB, "
          f"{len(renders)} pages)", flush=True)
    return nnn


def build_mono(pdf, dpi):
    """Aligned texts of black-and-white scans (--mono): each page rendered and degraded as above
    (its own seeds), then cut to one bit at the grey halfway between its ink and its paper, as a
    black-and-white scanner thresholds what its sensor reads; read by Tesseract's English model.
    Writes corpus/ocr/mono/{clean,eng}/NNN-pPP.txt (no PDF: the OCR channel learns from the
    texts). The English model misreads a one-bit page's marks otherwise than a grey one's ("Sở"
    as "S&é"), and the channel should know both."""
    nnn = plan_id(pdf)
    work = BUILD / f"{nnn}-mono"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for d in ("clean", "eng"):
        (OCR / "mono" / d).mkdir(parents=True, exist_ok=True)
        for old in (OCR / "mono" / d).glob(f"{nnn}-p*.txt"):
            old.unlink()
    run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(work / "render")])
    renders = sorted(work.glob("render-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    pages = pdf_words(pdf)
    if len(pages) != len(renders):
        sys.exit(f"scan/build: {pdf}: {len(renders)} images but {len(pages)} text pages")
    for n, png in enumerate(renders, 1):
        name = f"{nnn}-p{n:02d}"
        img, angle = degrade(Image.open(png), f"mono:{nnn}:{n}", dpi)
        png.unlink()
        lo, hi = img.getextrema()
        cut = (lo + hi) // 2
        bw = img.point(lambda v: 255 if v > cut else 0).convert("1", dither=Image.Dither.NONE)
        page = work / f"{name}.png"
        bw.save(page, dpi=(dpi, dpi))
        tesseract(page, work / f"{name}.eng", "eng", ["txt", "tsv"])
        tw = tesseract_words(work / f"{name}.eng.tsv")
        text, stats = clean_text(pages[n - 1], tw, dpi / 72, img.size, angle)
        (OCR / "mono" / "clean" / f"{name}.txt").write_text(text, encoding="utf-8")
        t = (work / f"{name}.eng.txt").read_text(encoding="utf-8").replace("\f", "")
        (OCR / "mono" / "eng" / f"{name}.txt").write_text(t.strip("\n") + "\n", encoding="utf-8")
        print(f"  {name} (one bit): angle {angle:+.2f}°, cut at {cut}, {stats['pdf_words']} words", flush=True)
    return nnn


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("plans", nargs="*", help="plan ids (000) or PDF paths; default every corpus/NNN-lo.pdf")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--quality", type=int, default=25, help="JPEG quality")
    ap.add_argument("--no-score", action="store_true", help="skip align.py and score.py")
    ap.add_argument("--mono", action="store_true",
                    help="black-and-white pages instead (default 300 dpi): corpus/ocr/mono/ and pairs-NNN-mono.tsv only")
    a = ap.parse_args()
    for tool in ("pdftoppm", "pdftotext", "tesseract", "qpdf"):
        if not shutil.which(tool):
            sys.exit(f"scan/build: {tool} not found: apt-get install -y poppler-utils qpdf "
                     "tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie")
    langs = run(["tesseract", "--list-langs"])
    for lang in ("eng", "vie"):
        if lang not in langs.split():
            sys.exit(f"scan/build: Tesseract has no '{lang}' data: apt-get install -y tesseract-ocr-{lang}")
    pdfs = []
    for p in a.plans or sorted(x.name[:3] for x in CORPUS.glob("[0-9][0-9][0-9]-lo.pdf")):
        path = Path(p) if p.endswith(".pdf") else CORPUS / f"{p}-lo.pdf"
        if not path.is_file():
            sys.exit(f"scan/build: {path}: no such PDF")
        pdfs.append(path)
    if a.mono:
        dpi = a.dpi if "--dpi" in sys.argv else 300
        for nnn in [build_mono(p, dpi) for p in pdfs]:
            subprocess.run([sys.executable, str(HERE / "align.py"), nnn, "--clean", str(OCR / "mono" / "clean"),
                            "--ocr-dir", str(OCR / "mono" / "eng"), "--out", str(OCR / f"pairs-{nnn}-mono.tsv")], check=True)
        return
    done = [build_one(p, a.dpi, a.quality) for p in pdfs]
    if not a.no_score:
        for nnn in done:
            subprocess.run([sys.executable, str(HERE / "align.py"), nnn], check=True)
        subprocess.run([sys.executable, str(HERE / "score.py"), *done], check=True)


if __name__ == "__main__":
    main()
