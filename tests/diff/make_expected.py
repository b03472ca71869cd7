#!/usr/bin/env python3
"""The expected `kehoach diff` of plan 000 against its revision 003, written from corpus/src/003-edits.md.

Every change below is listed by hand from the edit list (refs, which fields, days, similarity with its
arithmetic in 003-edits.md). Only the full records (Task, Deadline, Unit objects) are looked up in the
golden files, which are themselves typed by hand (golden/src/000.py, golden/src/003.py); nothing comes
from the program. `pages` are left out (they depend on the producer); the test ignores them.

Run:  python3 tests/diff/make_expected.py   (writes tests/diff/000-003.expected.json)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
G0 = json.load(open(os.path.join(ROOT, "golden", "000.json"), encoding="utf-8"))
G3 = json.load(open(os.path.join(ROOT, "golden", "003.json"), encoding="utf-8"))
OLD = {t["ref"]: t for t in G0["tasks"]}
NEW = {t["ref"]: t for t in G3["tasks"]}


def unit(doc, ref, role, name):
    """The Unit object named `name` in task `ref`'s `role` list of a golden file."""
    tasks = {t["ref"]: t for t in doc["tasks"]}
    [u] = [u for u in tasks[ref][role] if u["name"] == name]
    return u


def field(old_ref, new_ref, key):
    return {"old": OLD[old_ref][key], "new": NEW[new_ref][key]}


def deadline(ref, days):
    return {"old": OLD[ref]["deadline"], "new": NEW[ref]["deadline"], "days": days}


def changed(old_ref, new_ref, similarity, fields):
    return {"old_ref": old_ref, "new_ref": new_ref, "similarity": similarity, "fields": fields}


CHANGED = [  # in the new document's order
    changed("1/I/1/1.1", "1/I/1/1.1", 1.0, {"deadline": deadline("1/I/1/1.1", 62)}),                   # edit 2
    changed("1/I/2/2.1", "1/I/2/2.1", 0.965, {"kpi": field("1/I/2/2.1", "1/I/2/2.1", "kpi")}),        # edit 11
    changed("1/I/2/2.4", "1/I/2/2.3", 1.0, {"code": {"old": "2.4", "new": "2.3"}}),                   # edit 8
    changed("1/I/3/3.2", "1/I/3/3.2", 1.0, {"deadline": deadline("1/I/3/3.2", 21)}),                   # edit 3
    changed("1/I/3/3.3", "1/I/3/3.3", 1.0, {"lead": {                                                 # edit 12
        "added": [unit(G3, "1/I/3/3.3", "lead", "Ủy ban nhân dân tỉnh")],
        "removed": [unit(G0, "1/I/3/3.3", "lead", "Văn phòng Ủy ban nhân dân tỉnh")]}}),
    changed("1/I/6/6.1", "1/I/6/6.1", 1.0, {"support": {                                              # edit 13
        "added": [unit(G3, "1/I/6/6.1", "support", "Sở Khoa học và Công nghệ")], "removed": []}}),
    changed("1/I/6/6.3", "1/I/6/6.3", 1.0, {"deadline": deadline("1/I/6/6.3", 121)}),                  # edit 4
    changed("1/I/6/6.4", "1/I/6/6.4", 0.7, {"title": field("1/I/6/6.4", "1/I/6/6.4", "title")}),      # edit 15
    changed("1/I/7/7.3", "1/I/7/7.3", 0.925, {"output": field("1/I/7/7.3", "1/I/7/7.3", "output")}),  # edit 14
    changed("1/I/7/7.5", "1/I/7/7.4", 1.0, {"code": {"old": "7.5", "new": "7.4"}}),                   # edit 6
    changed("1/II/13/13.1", "1/II/13/13.1", 1.0, {"deadline": deadline("1/II/13/13.1", -5)}),          # edit 5
    changed("1/I/2/2.3", "1/II/14/14.4", 0.795, {                                                     # edit 7
        "code": {"old": "2.3", "new": "14.4"},
        "section": field("1/I/2/2.3", "1/II/14/14.4", "section"),
        "group": field("1/I/2/2.3", "1/II/14/14.4", "group"),
        "title": field("1/I/2/2.3", "1/II/14/14.4", "title")}),
]

DIFF = {
    "schema": "kehoach-diff/1",
    "old": {"file": "000-wp.pdf", "plan": G0["plan"]},
    "new": {"file": "003-wp.pdf", "plan": G3["plan"]},
    "added": [NEW["1/I/2/2.4"], NEW["1/II/16/16.4"]],   # edits 9, 10
    "removed": [OLD["1/I/7/7.4"]],                      # edit 6
    "changed": CHANGED,
    "unchanged": 35,
    "targets": {"added": [], "removed": [], "changed": [], "unchanged": 0},
}

if __name__ == "__main__":
    # Sanity checks of the hand-written list against the edit list's arithmetic.
    assert len(G0["tasks"]) == 48 and len(G3["tasks"]) == 49
    assert len(CHANGED) == 12 and 48 - 1 - len(CHANGED) == DIFF["unchanged"]
    assert G3["plan"]["number"] == "12-KH/BCĐ" and G0["plan"]["number"] is None
    with open(os.path.join(HERE, "000-003.expected.json"), "w", encoding="utf-8") as f:
        json.dump(DIFF, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("changed:", len(CHANGED), "added:", len(DIFF["added"]), "removed:", len(DIFF["removed"]))
