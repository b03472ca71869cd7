"""Tokens and comparison keys for Vietnamese text, shared by align.py and score.py.

Two keys, for two jobs:

  score_key(tok)  what the baselines compare: NFC, punctuation removed, case KEPT,
                  and only the tone-mark placement style folded ("hoá" = "hóa",
                  "uỷ" = "ủy", "oà" = "òa"): the tone mark is taken off its vowel
                  and recorded once per letter run, so where it sat no longer matters,
                  but which tone it is, and every other mark, still does.
  align_key(tok)  what the aligner compares: all marks removed (đ -> d), lower case,
                  punctuation removed, so that "Trién" and "Triển" are the same word.

"Punctuation" is every character of Unicode category P* (. , ; : - – / ( ) " “ ” & …).
Symbols (category S*, e.g. "¢" which an English OCR model reads for "ệ") are kept:
they stand for letters.
"""
import unicodedata

# The five Vietnamese tone marks as combining characters (NFD):
# grave (huyền), acute (sắc), tilde (ngã), hook above (hỏi), dot below (nặng).
TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


def tokens(text):
    """Whitespace tokens of a text, in order."""
    return text.split()


def strip_punct(tok):
    return "".join(c for c in tok if not unicodedata.category(c).startswith("P"))


def fold_tone_style(tok):
    """Fold tone-mark placement: each run of letters (with its marks) is written as
    the run without tone marks plus the tones it carried, in order. A tone moved from
    one vowel to another of the same syllable gives the same key; a different tone,
    a missing tone or a different shape mark (ˆ ˘ ʼ) does not."""
    out = []
    run, tones = [], []

    def flush():
        if run or tones:
            out.append(unicodedata.normalize("NFC", "".join(run)))
            if tones:
                out.append("\u241f" + "".join(tones))  # a separator no text contains
        run.clear()
        tones.clear()

    for c in unicodedata.normalize("NFD", tok):
        if c in TONES:
            tones.append(TONES[c])
        elif c.isalpha() or unicodedata.category(c) == "Mn":
            run.append(c)
        else:
            flush()
            out.append(c)
    flush()
    return "".join(out)


def score_key(tok):
    return fold_tone_style(strip_punct(unicodedata.normalize("NFC", tok)))


def fold_marks(tok):
    s = unicodedata.normalize("NFD", tok.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def align_key(tok):
    return fold_marks(strip_punct(tok))


def levenshtein(a, b):
    """Character edit distance (unit costs)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def edit_script(ref, hyp):
    """A minimum unit-cost edit alignment of two token lists (ties: more exact matches), as
    a list of (op, i, j) in order: op "eq" / "sub" pair ref[i] with hyp[j], "del" is ref[i]
    alone (j None), "ins" is hyp[j] alone (i None). Exact and global: O(len(ref) * len(hyp))."""
    n, m = len(ref), len(hyp)
    prev = [(j, 0) for j in range(m + 1)]  # per cell: (cost, -matches)
    back_rows = []
    for i in range(1, n + 1):
        cur = [(i, 0)]
        back = [1]
        r = ref[i - 1]
        for j in range(1, m + 1):
            pc, ph = prev[j - 1]
            d = (pc, ph - 1) if r == hyp[j - 1] else (pc + 1, ph)
            up = prev[j]
            up = (up[0] + 1, up[1])
            left = cur[j - 1]
            left = (left[0] + 1, left[1])
            if d <= up and d <= left:
                cur.append(d)
                back.append(0)
            elif up <= left:
                cur.append(up)
                back.append(1)
            else:
                cur.append(left)
                back.append(2)
        back_rows.append(back)
        prev = cur
    ops = []
    i, j = n, m
    while i or j:
        b = back_rows[i - 1][j] if i else 2
        if b == 0:
            i, j = i - 1, j - 1
            ops.append(("eq" if ref[i] == hyp[j] else "sub", i, j))
        elif b == 1:
            i -= 1
            ops.append(("del", i, None))
        else:
            j -= 1
            ops.append(("ins", None, j))
    return ops[::-1]


if __name__ == "__main__":  # self-check of the folds (python3 corpus/scan/vntext.py)
    same = [("hoá", "hóa"), ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("oà", "òa"), ("thuý", "thúy"),
            ("khoẻ", "khỏe"), ("hoá,", "hóa"), ("“hoá”", "hóa")]
    differ = [("hóa", "hoa"), ("hóa", "hòa"), ("Hóa", "hóa"), ("số", "so"), ("số", "sổ"),
              ("sở", "sớ"), ("đồng", "dồng"), ("ngh¢", "nghe"), ("ă", "â")]
    for a, b in same:
        assert score_key(a) == score_key(b), (a, b)
    for a, b in differ:
        assert score_key(a) != score_key(b), (a, b)
    assert align_key("Trién") == align_key("Triển") == "trien"
    assert align_key("Đồng,") == "dong"
    assert score_key(unicodedata.normalize("NFD", "Triển")) == score_key("Triển")
    ops = edit_script("a b c d".split(), "a x c d e".split())
    assert [o[0] for o in ops] == ["eq", "sub", "eq", "eq", "ins"], ops
    assert [o[0] for o in edit_script(["a"], [])] == ["del"] and edit_script([], []) == []
    assert levenshtein("kitten", "sitting") == 3 and levenshtein("", "ab") == 2
    print("vntext: ok")
