#!/usr/bin/env python3
"""Collects clean Vietnamese text for the OCR-repair language model.

Two sources, written to target/lmtext/:
  plans.txt    every text string of the hand-transcribed corpus plans (corpus/src/NNN.json),
               one paragraph / cell per line, prefixed "NNN<TAB>" so a model can leave a plan out;
  generic.txt  Vietnamese prose from Debian packages with clear licences, one sentence per line:
               libreoffice-help-vi (MPL-2.0), manpages-vi (GPL), maint-guide-vi (GPL-2+) and the
               Vietnamese message catalogues (*.mo, each under its package's licence) installed under
               /usr/share/locale/vi. Lines that are mostly English (untranslated strings) are dropped.

Install the packages first:  apt-get install -y libreoffice-help-vi manpages-vi maint-guide-vi
"""
import glob, gzip, html, json, os, re, sys, unicodedata, gettext, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "lmtext")
VI = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, list):
        for y in x:
            yield from strings(y)
    elif isinstance(x, dict):
        for k, y in x.items():
            if k not in ("id", "kind", "width"):
                yield from strings(y)


def plans():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "corpus", "src", "[0-9][0-9][0-9].json"))):
        pid = os.path.basename(p)[:3]
        for s in strings(json.load(open(p, encoding="utf-8"))):
            for line in s.split("\n"):
                line = " ".join(unicodedata.normalize("NFC", line).split())
                if line:
                    out.append(f"{pid}\t{line}")
    return out


def vietnamese_enough(line):
    words = re.findall(r"[^\W\d_]+", line)
    if len(words) < 3:
        return False
    marked = sum(1 for w in words if VI.search(w))
    return marked / len(words) >= 0.35


def sentences(text):
    text = unicodedata.normalize("NFC", html.unescape(text))
    for part in re.split(r"(?<=[.!?;:])\s+|\n", text):
        part = " ".join(part.split())
        if part and vietnamese_enough(part):
            yield part


def html_text(path):
    s = open(path, encoding="utf-8", errors="replace").read()
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?i)<(br|p|div|h\d|li|tr|td|th)\b[^>]*>", "\n", s)
    return re.sub(r"<[^>]+>", " ", s)


def man_text(path):
    s = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    s = re.sub(r"(?m)^\.\S+\s?", "", s)          # roff requests
    s = re.sub(r"\\f[BIRP]|\\-|\\\(..|\\[&e]", "", s)
    return s


def mo_text(path):
    out = []
    data = open(path, "rb").read()
    try:
        magic = struct.unpack("<I", data[:4])[0]
        end = "<" if magic == 0x950412de else ">"
        _, n, orig, trans = struct.unpack(end + "4I", data[4:20])
        for i in range(n):
            ln, off = struct.unpack(end + "2I", data[trans + 8 * i: trans + 8 * i + 8])
            msg = data[off:off + ln].decode("utf-8", errors="replace")
            if i == 0 and "Content-Type" in msg:
                continue
            out.extend(msg.split("\x00"))
    except struct.error:
        pass
    return "\n".join(out)


def generic():
    seen, out = set(), []
    files = []
    files += [(p, html_text) for p in sorted(glob.glob("/usr/share/libreoffice/help/vi/text/**/*.html", recursive=True))]
    files += [(p, html_text) for p in sorted(glob.glob("/usr/share/doc/maint-guide-vi/html/*.html"))]
    files += [(p, man_text) for p in sorted(glob.glob("/usr/share/man/vi/**/*.gz", recursive=True))]
    files += [(p, mo_text) for p in sorted(glob.glob("/usr/share/locale/vi/LC_MESSAGES/*.mo"))]
    for p, f in files:
        for s in sentences(f(p)):
            s = re.sub(r"[_&~]", "", s)
            if s not in seen:
                seen.add(s)
                out.append(s)
    return out, len(files)


def main():
    os.makedirs(OUT, exist_ok=True)
    p = plans()
    open(os.path.join(OUT, "plans.txt"), "w", encoding="utf-8").write("\n".join(p) + "\n")
    g, nfiles = generic()
    if not g:
        sys.exit("no generic Vietnamese text found: apt-get install -y libreoffice-help-vi manpages-vi maint-guide-vi")
    open(os.path.join(OUT, "generic.txt"), "w", encoding="utf-8").write("\n".join(g) + "\n")
    print(f"plans.txt: {len(p)} lines; generic.txt: {len(g)} lines from {nfiles} files "
          f"({sum(len(x) for x in g) / 1e6:.1f} M chars)")


if __name__ == "__main__":
    main()
