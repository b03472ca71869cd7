#!/usr/bin/env python3
"""Render plan transcriptions (corpus/src/NNN.json, see src/FORMAT.md) into PDFs
with two independent producers, so that the extractor is not tuned to one
producer's text layer, fonts or object order:

  NNN-lo.pdf  python-docx  -> DOCX -> LibreOffice (soffice --headless --convert-to pdf)
              "Times New Roman" (LibreOffice substitutes Liberation Serif)
  NNN-wp.pdf  generated HTML/CSS -> WeasyPrint, DejaVu Serif

and, for the plans in VARIANT_PLANS, two variants of the WeasyPrint producer whose text layer is
damaged the way real plans' can be (their golden file is the clean plan's):

  NNN-tcvn3.pdf  a legacy-font PDF: the text encoded in TCVN3 (ABC, rules/legacy/tcvn3.tsv) and set
                 in fonts built here from DejaVu Serif whose cmap maps each TCVN3 code point (as a
                 Latin-1 character) to the glyph of its Vietnamese letter, like .VnTime, plus an
                 upper-case font for the toned capitals (like .VnTimeH, lower-case codes drawn as
                 capitals). The page shows Vietnamese; the text layer is the mojibake ("KÕ ho¹ch").
  NNN-nfd.pdf    the text decomposed (NFD, base letters + combining marks) in the text layer.

Intermediate files (.docx, .html, the LibreOffice profile) go to corpus/build/.

Usage:
  python3 corpus/build.py                 # every corpus/src/NNN.json -> corpus/NNN-{lo,wp}.pdf
  python3 corpus/build.py 001             # one plan (id or path to a .json)
  python3 corpus/build.py --only wp 000   # one producer (lo, wp, tcvn3, nfd)
  python3 corpus/build.py --out DIR x.json  # write the PDFs somewhere else (e.g. a test sample)
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
BUILD = HERE / "build"

# Layout constants shared by both producers (mm).
A4_W, A4_H = 210, 297
PORTRAIT_MARGINS = dict(top=20, bottom=22, left=30, right=20)
LANDSCAPE_MARGINS = dict(top=20, bottom=22, left=15, right=15)
# the header block (issuer | motto) is wider than the text, as in real plans
HEADER_COLS = (75, 105)
HEADER_INDENT = -15
HEADER_DIST = 10  # page-number header distance from the top edge
FOOTER_DIST = 8


# --------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------

class PlanError(Exception):
    pass


def load_plan(path):
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    validate(plan, path)
    return plan


def validate(plan, path):
    def need(cond, msg):
        if not cond:
            raise PlanError(f"{path}: {msg}")

    for key in ("header", "title", "body", "signature", "appendices"):
        need(key in plan, f"missing key {key!r}")
    for key in ("left", "left_below", "right", "right_below"):
        need(key in plan["header"], f"header: missing {key!r}")
    for i, b in enumerate(plan["body"]):
        need(b.get("kind") in ("heading", "para"), f"body[{i}]: kind must be heading|para")
        need(isinstance(b.get("text"), str), f"body[{i}]: text must be a string")
    footer = plan.get("footer")
    need(footer is None or (isinstance(footer, list) and all(isinstance(x, str) for x in footer)),
         "footer must be null or a list of strings")
    for a, app in enumerate(plan["appendices"]):
        ncol = len(app["columns"])
        need(ncol > 0, f"appendices[{a}]: no columns")
        prev_kind = None
        for r, row in enumerate(app["rows"]):
            where = f"appendices[{a}].rows[{r}]"
            if "section" in row:
                need(isinstance(row["section"], str), f"{where}: section must be a string")
                prev_kind = "section"
                continue
            cells = row.get("cells")
            need(isinstance(cells, list), f"{where}: needs 'cells' or 'section'")
            need(len(cells) == ncol, f"{where}: {len(cells)} cells for {ncol} columns")
            for c, v in enumerate(cells):
                need(v is None or isinstance(v, str), f"{where}.cells[{c}]: must be string or null")
                if v is None:
                    need(prev_kind == "cells", f"{where}.cells[{c}]: null with no cell above")
            prev_kind = "cells"
    for s in iter_strings(plan):
        if unicodedata.normalize("NFC", s) != s:
            print(f"warning: {path}: text not NFC: {s[:40]!r}", file=sys.stderr)


def iter_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from iter_strings(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from iter_strings(x)


def lines(text):
    """A transcription text -> its paragraphs ("\n" is a typed paragraph break)."""
    return text.split("\n")


def row_spans(app):
    """For each data row, for each column: None if the cell is covered by the
    cell above (null), else the number of rows the cell spans (>= 1)."""
    rows = app["rows"]
    spans = []
    for r, row in enumerate(rows):
        if "section" in row:
            spans.append(None)
            continue
        sp = []
        for c, v in enumerate(row["cells"]):
            if v is None:
                sp.append(None)
                continue
            n = 1
            while (r + n < len(rows) and "cells" in rows[r + n]
                   and rows[r + n]["cells"][c] is None):
                n += 1
            sp.append(n)
        spans.append(sp)
    return spans


def col_fractions(app):
    widths = [float(c.get("width") or 1) for c in app["columns"]]
    total = sum(widths)
    return [w / total for w in widths]


# --------------------------------------------------------------------------
# Producer 1: python-docx -> LibreOffice
# --------------------------------------------------------------------------

LO_FONT = "Times New Roman"
LO_BODY_PT = 14
LO_HEADER_PT = 12
LO_TABLE_PT = 11
LO_SMALL_PT = 11
LO_FOOTER_PT = 9


def build_docx(plan, out_docx):
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    CENTER = WD_ALIGN_PARAGRAPH.CENTER
    JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
    LEFT = WD_ALIGN_PARAGRAPH.LEFT

    doc = Document()
    cp = doc.core_properties
    cp.title = " ".join(plan["title"])[:200]
    cp.author = "kehoach corpus"
    cp.comments = ""
    cp.revision = 1
    import datetime as _dt
    fixed = _dt.datetime(2025, 1, 1)
    cp.created = fixed
    cp.modified = fixed
    cp.last_modified_by = "kehoach corpus"

    def set_run_font(run_or_style_font_el, name):
        rpr = run_or_style_font_el.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), name)

    normal = doc.styles["Normal"]
    normal.font.name = LO_FONT
    normal.font.size = Pt(LO_BODY_PT)
    set_run_font(normal.element, LO_FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # Vietnamese language tag on the default run properties.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)

    def add_text(p, text, bold=False, italic=False, underline=False, size=None):
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if underline:
            run.underline = True
        if size:
            run.font.size = Pt(size)
        # keep runs of spaces ("Số:      -KH/BCĐ")
        for t in run._r.findall(qn("w:t")):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return run

    def fmt(p, align=None, before=0, after=0, first_indent=None, line=None, keep_next=False):
        f = p.paragraph_format
        if align is not None:
            f.alignment = align
        f.space_before = Pt(before)
        f.space_after = Pt(after)
        if first_indent is not None:
            f.first_line_indent = Mm(first_indent)
        if line is not None:
            f.line_spacing = line
        if keep_next:
            f.keep_with_next = True
        return p

    # schema order of w:tblPr children (Word is strict about it, LibreOffice is not)
    TBLPR_ORDER = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                   "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                   "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                   "w:tblCaption", "w:tblDescription", "w:tblPrChange"]

    def tblpr_put(tblPr, el):
        tag = el.tag
        for old in tblPr.findall(tag):
            tblPr.remove(old)
        name = "w:" + tag.split("}")[1]
        later = TBLPR_ORDER[TBLPR_ORDER.index(name) + 1:]
        tblPr.insert_element_before(el, *later)

    def set_table_borders(table, val):
        tblPr = table._tbl.tblPr
        old = tblPr.find(qn("w:tblBorders"))
        if old is not None:
            tblPr.remove(old)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), val)
            if val != "nil":
                el.set(qn("w:sz"), "4")
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            borders.append(el)
        tblpr_put(tblPr, borders)

    def set_table_geometry(table, widths_mm, indent_mm=None):
        table.autofit = False
        tblPr = table._tbl.tblPr
        if indent_mm is None:
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        else:
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            ind = OxmlElement("w:tblInd")
            ind.set(qn("w:w"), str(int(indent_mm * 56.6929)))
            ind.set(qn("w:type"), "dxa")
            tblpr_put(tblPr, ind)
        tblW = tblPr.find(qn("w:tblW"))
        if tblW is None:
            tblW = OxmlElement("w:tblW")
            tblpr_put(tblPr, tblW)
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(int(sum(widths_mm) * 56.6929)))
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblpr_put(tblPr, layout)
        grid = table._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths_mm):
            gc.set(qn("w:w"), str(int(w * 56.6929)))
        for row in table.rows:
            for cell, w in zip(row.cells, widths_mm):
                cell.width = Mm(w)

    def tiny_paragraph(p):
        # the paragraph Word needs after a table / at a section break: make it small
        f = p.paragraph_format
        f.space_before = Pt(0)
        f.space_after = Pt(0)
        f.line_spacing = Pt(1)
        pPr = p._p.get_or_add_pPr()
        r = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "2")
        r.append(sz)
        pPr.insert_element_before(r, "w:sectPr", "w:pPrChange")

    # ---- first section: A4 portrait ----
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(A4_W), Mm(A4_H)
    m = PORTRAIT_MARGINS
    sec.top_margin, sec.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    sec.left_margin, sec.right_margin = Mm(m["left"]), Mm(m["right"])
    sec.header_distance, sec.footer_distance = Mm(HEADER_DIST), Mm(FOOTER_DIST)
    portrait_text_w = A4_W - m["left"] - m["right"]

    # the document starts with a paragraph from the template? (python-docx's default has none)
    hdr = plan["header"]
    t = doc.add_table(rows=2, cols=2)
    set_table_borders(t, "nil")
    set_table_geometry(t, HEADER_COLS, indent_mm=HEADER_INDENT)
    left_cell, right_cell = t.cell(0, 0), t.cell(0, 1)
    for i, line in enumerate(hdr["left"]):
        p = left_cell.paragraphs[0] if i == 0 else left_cell.add_paragraph()
        fmt(p, CENTER)
        add_text(p, line, bold=(i > 0), size=LO_HEADER_PT)
    nright = len(hdr["right"])
    for i, line in enumerate(hdr["right"]):
        p = right_cell.paragraphs[0] if i == 0 else right_cell.add_paragraph()
        fmt(p, CENTER)
        add_text(p, line, bold=True, underline=(i == nright - 1), size=LO_HEADER_PT)
    p = t.cell(1, 0).paragraphs[0]
    fmt(p, CENTER, before=6)
    if hdr["left_below"]:
        add_text(p, hdr["left_below"], size=LO_HEADER_PT)
    p = t.cell(1, 1).paragraphs[0]
    fmt(p, CENTER, before=6)
    if hdr["right_below"]:
        add_text(p, hdr["right_below"], italic=True, size=LO_BODY_PT)

    # title
    for i, line in enumerate(plan["title"]):
        for j, sub in enumerate(lines(line)):
            p = doc.add_paragraph()
            fmt(p, CENTER, before=(18 if i == 0 and j == 0 else 0), keep_next=True)
            add_text(p, sub, bold=True, size=(LO_BODY_PT + 1 if i == 0 else LO_BODY_PT))
    p = doc.add_paragraph()
    fmt(p, CENTER, after=6)

    # body
    for b in plan["body"]:
        for sub in lines(b["text"]):
            p = doc.add_paragraph()
            heading = b["kind"] == "heading"
            fmt(p, JUSTIFY, before=(6 if heading else 0), after=6, first_indent=10,
                line=1.1, keep_next=heading)
            add_text(p, sub, bold=heading)

    # signature
    sig = plan["signature"]
    t = doc.add_table(rows=1, cols=2)
    set_table_borders(t, "nil")
    set_table_geometry(t, [portrait_text_w * 0.5, portrait_text_w * 0.5])
    # keep the signature block on one page (appendix rows, unlike this one, may split)
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    lc, rc = t.cell(0, 0), t.cell(0, 1)
    for i, line in enumerate(sig["left"]):
        p = lc.paragraphs[0] if i == 0 else lc.add_paragraph()
        fmt(p, LEFT, before=(12 if i == 0 else 0))
        is_label = line.rstrip().endswith(":")
        add_text(p, line, bold=is_label, italic=is_label,
                 size=(LO_SMALL_PT + 1 if is_label else LO_SMALL_PT))
    for i, line in enumerate(sig["right"]):
        p = rc.paragraphs[0] if i == 0 else rc.add_paragraph()
        fmt(p, CENTER, before=(12 if i == 0 else 0))
        if line:
            add_text(p, line, bold=True)

    # ---- appendices: one landscape section each ----
    lm = LANDSCAPE_MARGINS
    land_text_w = A4_H - lm["left"] - lm["right"]
    for app in plan["appendices"]:
        s = doc.add_section(WD_SECTION.NEW_PAGE)
        # python-docx put the break in an empty paragraph closing the previous section
        tiny_paragraph(doc.paragraphs[-1])
        s.orientation = WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = Mm(A4_H), Mm(A4_W)
        s.top_margin, s.bottom_margin = Mm(lm["top"]), Mm(lm["bottom"])
        s.left_margin, s.right_margin = Mm(lm["left"]), Mm(lm["right"])
        s.header_distance, s.footer_distance = Mm(HEADER_DIST), Mm(FOOTER_DIST)
        s.different_first_page_header_footer = False
        s.header.is_linked_to_previous = True
        s.footer.is_linked_to_previous = True

        for i, line in enumerate(app["heading"]):
            for sub in lines(line):
                p = doc.add_paragraph()
                fmt(p, CENTER, keep_next=True, after=(6 if i == len(app["heading"]) - 1 else 0))
                add_text(p, sub, bold=True, size=LO_BODY_PT)

        cols = app["columns"]
        ncol = len(cols)
        widths = [f * land_text_w for f in col_fractions(app)]
        nrows = 1 + len(app["rows"])
        t = doc.add_table(rows=nrows, cols=ncol)
        set_table_borders(t, "single")
        set_table_geometry(t, widths)

        def cell_text(cell, text, bold=False, align=LEFT):
            for i, sub in enumerate(lines(text)):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                fmt(p, align, before=1, after=1)
                if sub:
                    add_text(p, sub, bold=bold, size=LO_TABLE_PT)
            if text == "":
                fmt(cell.paragraphs[0], align, before=1, after=1)

        # header row, repeated on every page
        hrow = t.rows[0]
        trPr = hrow._tr.get_or_add_trPr()
        th = OxmlElement("w:tblHeader")
        trPr.append(th)
        for c, col in enumerate(cols):
            cell = hrow.cells[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell_text(cell, col["header"], bold=True, align=CENTER)

        spans = row_spans(app)
        for r, row in enumerate(app["rows"]):
            trow = t.rows[r + 1]
            if "section" in row:
                merged = trow.cells[0].merge(trow.cells[ncol - 1])
                cell_text(merged, row["section"], bold=True)
                continue
            bold = bool(row.get("bold"))
            tcs = trow._tr.findall(qn("w:tc"))
            for c, v in enumerate(row["cells"]):
                tc = tcs[c]
                cell = trow.cells[c]
                if v is None:
                    vm = OxmlElement("w:vMerge")  # continue
                    tc.get_or_add_tcPr().append(vm)
                    fmt(cell.paragraphs[0], LEFT, before=1, after=1)
                    continue
                if spans[r][c] > 1:
                    vm = OxmlElement("w:vMerge")
                    vm.set(qn("w:val"), "restart")
                    tc.get_or_add_tcPr().append(vm)
                cell_text(cell, v, bold=bold)

        p = doc.add_paragraph()
        tiny_paragraph(p)

    # ---- page furniture ----
    first = doc.sections[0]
    first.different_first_page_header_footer = True

    def page_field(p):
        def fld(kind):
            r = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r.append(fc)
            return r
        p._p.append(fld("begin"))
        r = OxmlElement("w:r")
        it = OxmlElement("w:instrText")
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        it.text = " PAGE "
        r.append(it)
        p._p.append(r)
        p._p.append(fld("separate"))
        add_text(p, "2", size=LO_HEADER_PT)
        p._p.append(fld("end"))

    hp = first.header.paragraphs[0]
    fmt(hp, CENTER)
    page_field(hp)
    for r in hp.runs:
        r.font.size = Pt(LO_HEADER_PT)
    # first page: empty header (no page number)
    fmt(first.first_page_header.paragraphs[0], CENTER)

    footer = plan.get("footer")
    if footer:
        for ftr in (first.footer, first.first_page_footer):
            for i, line in enumerate(footer):
                p = ftr.paragraphs[0] if i == 0 else ftr.add_paragraph()
                fmt(p, CENTER)
                add_text(p, line, size=LO_FOOTER_PT)
            # thin rule above the footer
            pPr = ftr.paragraphs[0]._p.get_or_add_pPr()
            pbdr = OxmlElement("w:pBdr")
            top = OxmlElement("w:top")
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "000000")):
                top.set(qn(k), v)
            pbdr.append(top)
            pPr.insert_element_before(
                pbdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                "w:pPrChange")

    out_docx.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out_docx))


def soffice_to_pdf(docx_path, out_pdf):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer")
    profile = BUILD / "lo-profile"
    profile.mkdir(parents=True, exist_ok=True)
    outdir = docx_path.parent
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(docx_path)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    produced = outdir / (docx_path.stem + ".pdf")
    if res.returncode != 0 or not produced.exists():
        raise SystemExit(f"soffice failed ({res.returncode}):\n{res.stdout}\n{res.stderr}")
    shutil.move(str(produced), str(out_pdf))


# --------------------------------------------------------------------------
# Producer 2: HTML/CSS -> WeasyPrint
# --------------------------------------------------------------------------

WP_FONT = '"DejaVu Serif", "Noto Serif", serif'

# --------------------------------------------------------------------------
# Variants of the WeasyPrint producer: legacy TCVN3 fonts, decomposed text
# --------------------------------------------------------------------------

VARIANT_PLANS = ("000",)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_STYLES = {  # (weight, style) -> file
    ("normal", "normal"): "DejaVuSerif.ttf",
    ("bold", "normal"): "DejaVuSerif-Bold.ttf",
    ("normal", "italic"): "DejaVuSerif-Italic.ttf",
    ("bold", "italic"): "DejaVuSerif-BoldItalic.ttf",
}
LEGACY_FONT = "KH VnTime"      # regular TCVN3 font (like .VnTime)
LEGACY_FONT_H = "KH VnTimeH"   # upper-case TCVN3 font (like .VnTimeH)
# Byte 0xAD (ư in TCVN3) is U+00AD SOFT HYPHEN when read as Latin-1, which Pango never draws. The HTML
# carries it as this private-use character instead, and the PDF's ToUnicode maps it back to U+00AD,
# which is what a real TCVN3 PDF's text layer gives.
SOFT_HYPHEN_STANDIN = "\uf0ad"


def tcvn3_table():
    """rules/legacy/tcvn3.tsv -> {letter: (byte, font)} with font 'normal' or 'upper'."""
    tab = {}
    with open(HERE.parent / "rules" / "legacy" / "tcvn3.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            letter, code, font = line.rstrip("\n").split("\t")
            tab[letter] = (int(code, 16), font)
    return tab


def build_legacy_fonts(outdir):
    """Build the regular and upper-case TCVN3 fonts from DejaVu Serif, in every style the pages use.
    Returns the @font-face CSS."""
    from fontTools.ttLib import TTFont
    tab = tcvn3_table()
    outdir.mkdir(parents=True, exist_ok=True)
    css = []
    for (weight, style), fname in DEJAVU_STYLES.items():
        for family, upper in ((LEGACY_FONT, False), (LEGACY_FONT_H, True)):
            font = TTFont(DEJAVU / fname)
            orig = dict(font.getBestCmap())  # a copy: the tables are edited below
            remap = {}
            for letter, (code, kind) in tab.items():
                if not upper and kind == "normal":
                    remap[code] = orig[ord(letter)]
                elif upper and (kind == "upper" or (letter.islower() and code >= 0xA8)):
                    # the upper-case font draws the capital at the lower-case letter's code
                    remap[code] = orig[ord(letter.upper())]
            if 0xAD in remap:
                remap[ord(SOFT_HYPHEN_STANDIN)] = remap[0xAD]
            for sub in font["cmap"].tables:
                if sub.isUnicode():
                    for code, glyph in remap.items():
                        if code <= 0xFFFF or sub.format in (12, 13):
                            sub.cmap[code] = glyph
            ps = (family + "-" + fname.split("-", 1)[-1].replace(".ttf", "")).replace(" ", "")
            for rec in font["name"].names:
                if rec.nameID in (1, 16):
                    rec.string = family
                elif rec.nameID == 4:
                    rec.string = f"{family} {weight} {style}"
                elif rec.nameID == 6:
                    rec.string = ps
            out = outdir / f"{ps}.ttf"
            font.save(out)
            css.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                       f'font-style: {style}; src: url("{out.resolve().as_uri()}"); }}')
    return "\n".join(css)


def tcvn3_html(text, tab=None):
    """Unicode text -> HTML of its TCVN3 encoding: each letter as the Latin-1 character of its code,
    toned capitals in the upper-case font (a span), everything else as it is."""
    tab = tab or TCVN3_TABLE
    out = []
    upper_open = False
    for ch in unicodedata.normalize("NFC", text):
        if ch in tab:
            code, kind = tab[ch]
            ch = SOFT_HYPHEN_STANDIN if code == 0xAD else chr(code)
            want_upper = kind == "upper"
        else:
            want_upper = False
        if want_upper != upper_open:
            out.append('<span class="vnh">' if want_upper else "</span>")
            upper_open = want_upper
        out.append(html.escape(ch, quote=True))
    if upper_open:
        out.append("</span>")
    return "".join(out)


TCVN3_TABLE = None


def _soft_hyphen_to_unicode():
    """Make WeasyPrint write the stand-in character's ToUnicode entry as U+00AD (see above)."""
    import weasyprint.pdf as wpdf
    if getattr(wpdf.build_fonts_dictionary, "kehoach_patched", False):
        return
    original = wpdf.build_fonts_dictionary

    def patched(pdf, fonts, *args, **kwargs):
        for font in fonts.values():
            for gid, text in list(font.to_unicode.items()):
                if SOFT_HYPHEN_STANDIN in text:
                    font.to_unicode[gid] = text.replace(SOFT_HYPHEN_STANDIN, "\u00ad")
        return original(pdf, fonts, *args, **kwargs)
    patched.kehoach_patched = True
    wpdf.build_fonts_dictionary = patched


def css_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def build_html(plan, variant=None):
    """variant: None (clean), "tcvn3" (legacy-font text) or "nfd" (decomposed text)."""
    global TCVN3_TABLE
    font_faces = ""
    if variant == "tcvn3":
        TCVN3_TABLE = TCVN3_TABLE or tcvn3_table()
        e = tcvn3_html
        font_faces = build_legacy_fonts(BUILD / "fonts") + "\n"
        wp_font = f'"{LEGACY_FONT}"'
    elif variant == "nfd":
        e = lambda s: html.escape(unicodedata.normalize("NFD", s), quote=True)
        wp_font = WP_FONT
    else:
        e = lambda s: html.escape(s, quote=True)
        wp_font = WP_FONT
    title_text = html.escape(" ".join(plan["title"]), quote=True)
    P = PORTRAIT_MARGINS
    L = LANDSCAPE_MARGINS
    footer = plan.get("footer")
    footer_css = ""
    if footer and variant == "nfd":
        footer = [unicodedata.normalize("NFD", x) for x in footer]
    elif footer and variant == "tcvn3":
        # CSS content cannot switch fonts: toned capitals would need the upper-case font
        if any(TCVN3_TABLE.get(ch, (0, ""))[1] == "upper" for x in footer for ch in x):
            raise PlanError("a TCVN3 footer with toned capitals is not supported")
        footer = ["".join(chr(TCVN3_TABLE[ch][0]) if ch in TCVN3_TABLE else ch for ch in x) for x in footer]
    if footer:
        footer_css = f"""
  @bottom-center {{
    content: {css_string(chr(10).join(footer))};
    white-space: pre; text-align: center; vertical-align: bottom;
    font-family: {wp_font}; font-size: 8pt; line-height: 1.25;
    border-top: 0.5pt solid black; padding-bottom: {FOOTER_DIST - 2}mm;
  }}"""
    css = font_faces + f"""
.vnh {{ font-family: "{LEGACY_FONT_H}"; }}
@page {{
  size: A4 portrait;
  margin: {P['top']}mm {P['right']}mm {P['bottom']}mm {P['left']}mm;
  @top-center {{
    content: counter(page);
    vertical-align: top; padding-top: {HEADER_DIST}mm;
    font-family: {wp_font}; font-size: 12pt;
  }}{footer_css}
}}
@page :first {{
  @top-center {{ content: none; }}
}}
@page landscape {{
  size: A4 landscape;
  margin: {L['top']}mm {L['right']}mm {L['bottom']}mm {L['left']}mm;
}}
html {{ font-family: {wp_font}; font-size: 12.5pt; line-height: 1.3; }}
body {{ margin: 0; }}
p {{ margin: 0; white-space: pre-wrap; }}
table.furn {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.furn td {{ border: none; padding: 0 2pt; vertical-align: top; }}
table.hdr {{ width: {sum(HEADER_COLS)}mm; margin-left: {HEADER_INDENT}mm; }}
.hdr p {{ text-align: center; font-size: 11pt; white-space: pre-wrap; }}
.hdr .b {{ font-weight: bold; }}
.hdr .u {{ text-decoration: underline; }}
.hdr .below p {{ padding-top: 6pt; }}
.hdr .i {{ font-style: italic; font-size: 12pt; }}
.title {{ margin-top: 18pt; }}
.title p {{ text-align: center; font-weight: bold; break-after: avoid; }}
.title p.t1 {{ font-size: 14pt; }}
.title {{ margin-bottom: 12pt; }}
.body p {{ text-align: justify; text-indent: 10mm; margin-bottom: 6pt; orphans: 2; widows: 2; }}
.body p.h {{ font-weight: bold; margin-top: 6pt; break-after: avoid; }}
.sig {{ margin-top: 12pt; break-inside: avoid; }}
.sig td.l p {{ font-size: 10pt; }}
.sig td.l p.lab {{ font-size: 11pt; font-weight: bold; font-style: italic; }}
.sig td.r p {{ text-align: center; font-weight: bold; min-height: 1.3em; }}
section.appendix {{ page: landscape; break-before: page; }}
.aph p {{ text-align: center; font-weight: bold; break-after: avoid; }}
.aph {{ margin-bottom: 6pt; }}
table.grid {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10pt; line-height: 1.25; }}
table.grid th, table.grid td {{ border: 0.75pt solid black; padding: 2pt 3pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }}
table.grid th {{ font-weight: bold; text-align: center; vertical-align: middle; }}
table.grid th p {{ text-align: center; }}
table.grid tr.bold td, table.grid tr.section td {{ font-weight: bold; }}
table.grid td p + p, table.grid th p + p {{ margin-top: 1pt; }}
table.grid tr {{ break-inside: auto; }}
"""
    out = ['<!DOCTYPE html>', '<html lang="vi">', '<head>', '<meta charset="utf-8">',
           f'<title>{title_text}</title>',
           '<meta name="generator" content="kehoach corpus build.py">',
           f'<style>{css}</style>', '</head>', '<body>']

    def paras(text, cls=None):
        c = f' class="{cls}"' if cls else ""
        return "".join(f"<p{c}>{e(s)}</p>" for s in lines(text))

    hdr = plan["header"]
    left = "".join(f'<p class="{"b" if i > 0 else ""}">{e(s)}</p>' for i, s in enumerate(hdr["left"]))
    n = len(hdr["right"])
    right = "".join(f'<p class="b{" u" if i == n - 1 else ""}">{e(s)}</p>' for i, s in enumerate(hdr["right"]))
    out.append(f'<table class="furn hdr"><colgroup><col style="width:{HEADER_COLS[0]}mm"><col style="width:{HEADER_COLS[1]}mm"></colgroup>')
    out.append(f'<tr><td>{left}</td><td>{right}</td></tr>')
    out.append(f'<tr class="below"><td><p>{e(hdr["left_below"])}</p></td>'
               f'<td><p class="i">{e(hdr["right_below"])}</p></td></tr></table>')

    out.append('<div class="title">')
    for i, line in enumerate(plan["title"]):
        out.append(paras(line, "t1" if i == 0 else None))
    out.append('</div>')

    out.append('<div class="body">')
    for b in plan["body"]:
        out.append(paras(b["text"], "h" if b["kind"] == "heading" else None))
    out.append('</div>')

    sig = plan["signature"]
    lft = "".join(f'<p class="{"lab" if s.rstrip().endswith(":") else ""}">{e(s)}</p>' for s in sig["left"])
    rgt = "".join(f'<p>{e(s)}</p>' for s in sig["right"])
    out.append('<table class="furn sig"><colgroup><col style="width:50%"><col style="width:50%"></colgroup>')
    out.append(f'<tr><td class="l">{lft}</td><td class="r">{rgt}</td></tr></table>')

    for app in plan["appendices"]:
        out.append('<section class="appendix"><div class="aph">')
        for line in app["heading"]:
            out.append(paras(line))
        out.append('</div>')
        ncol = len(app["columns"])
        out.append('<table class="grid"><colgroup>')
        for f in col_fractions(app):
            out.append(f'<col style="width:{f * 100:.3f}%">')
        out.append('</colgroup><thead><tr>')
        for col in app["columns"]:
            out.append(f'<th>{paras(col["header"])}</th>')
        out.append('</tr></thead><tbody>')
        spans = row_spans(app)
        for r, row in enumerate(app["rows"]):
            if "section" in row:
                out.append(f'<tr class="section"><td colspan="{ncol}">{paras(row["section"])}</td></tr>')
                continue
            cls = ' class="bold"' if row.get("bold") else ""
            tds = []
            for c, v in enumerate(row["cells"]):
                if v is None:
                    continue
                rs = f' rowspan="{spans[r][c]}"' if spans[r][c] > 1 else ""
                tds.append(f'<td{rs}>{paras(v)}</td>')
            out.append(f'<tr{cls}>{"".join(tds)}</tr>')
        out.append('</tbody></table></section>')

    out.append('</body></html>')
    return "\n".join(out)


def weasyprint_to_pdf(html_path, out_pdf):
    import weasyprint
    doc = weasyprint.HTML(filename=str(html_path), encoding="utf-8")
    # a fixed identifier: the same input gives the same bytes
    doc.write_pdf(str(out_pdf), pdf_identifier=("kehoach-" + out_pdf.stem).encode())


# --------------------------------------------------------------------------

def resolve_inputs(args):
    if not args:
        return sorted(p for p in SRC.glob("*.json") if re.fullmatch(r"\d{3}\.json", p.name))
    out = []
    for a in args:
        p = Path(a)
        if re.fullmatch(r"\d{3}", a):
            p = SRC / f"{a}.json"
        if not p.exists():
            raise SystemExit(f"no such plan: {a}")
        out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plans", nargs="*", help="plan ids (000) or .json paths; default: all corpus/src/NNN.json")
    ap.add_argument("--only", choices=["lo", "wp", "tcvn3", "nfd"], help="build one producer or variant only")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder for the PDFs (default: corpus/)")
    a = ap.parse_args()

    plans = resolve_inputs(a.plans)
    if not plans:
        raise SystemExit("no plans found in corpus/src")
    BUILD.mkdir(parents=True, exist_ok=True)
    a.out.mkdir(parents=True, exist_ok=True)
    for path in plans:
        plan = load_plan(path)
        stem = path.stem
        if a.only in (None, "lo"):
            docx_path = BUILD / f"{stem}-lo.docx"
            build_docx(plan, docx_path)
            pdf = a.out / f"{stem}-lo.pdf"
            soffice_to_pdf(docx_path, pdf)
            print(f"wrote {pdf}")
        if a.only in (None, "wp"):
            html_path = BUILD / f"{stem}-wp.html"
            html_path.write_text(build_html(plan), encoding="utf-8")
            pdf = a.out / f"{stem}-wp.pdf"
            weasyprint_to_pdf(html_path, pdf)
            print(f"wrote {pdf}")
        for variant in ("tcvn3", "nfd"):
            if a.only not in (None, variant) or (a.only is None and stem not in VARIANT_PLANS):
                continue
            if variant == "tcvn3":
                _soft_hyphen_to_unicode()
            html_path = BUILD / f"{stem}-{variant}.html"
            html_path.write_text(build_html(plan, variant), encoding="utf-8")
            pdf = a.out / f"{stem}-{variant}.pdf"
            weasyprint_to_pdf(html_path, pdf)
            print(f"wrote {pdf}")


if __name__ == "__main__":
    main()
