#!/usr/bin/env python3
"""Golden file for plan 002 (../../shared/sources/002_d88595f1f3745f6b.txt).

002 is Kế hoạch 03-KH/BCĐ of the Ban Chỉ đạo (Tỉnh ủy Đồng Nai), 16/01/2026, known only through an
English-model OCR of its scan: diacritics broken, the appendix table read straight across its
columns.  Every row below is typed by hand from a reading of that OCR, cell by cell, with 001's
Phụ lục III (same tasks, same wording in many rows) and 000 (same body) used to get words right;
002's own cells govern where they differ (units, deadlines, outputs, KPIs).  Readings that are
guesses are listed in golden/002-notes.md.

Two OCR facts shape the reading (both checked by rendering text and OCR-ing it with `tesseract -l eng`):
- "≥" comes out as ">" and "…" as "...": the OCR cannot tell them apart.  ">" is read as "≥" (the
  same indicators and KPIs print "≥" in 001: "≥ 80% nội dung ký kết", "≥ 01 mô hình", "≥ 0.8",
  "≥ 95", …) and "..." as "…" (001 and 000 print "…").
- A lone "Quy /2026" (the thin "I" dropped) is "Quý I/2026"; "II", "III", "IV" survive as "11",
  "I11", "1V".

Helpers only do mechanical work (unit id from its name, refs, the JSON layout); deadline
kind/start/end and target op/value are typed by hand at each call.

Run:  python3 golden/src/002.py   (writes golden/002.json and golden/units-002.tsv)
"""
import json
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.dirname(HERE)

ISSUER = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Nai"


def fold_id(name):
    """Unit id: name folded to ASCII lower case, đ -> d, non-alphanumerics dropped, words joined by '-'."""
    s = name.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.lower()
    return "-".join(re.findall(r"[a-z0-9]+", s))


# raw (as printed, wrapped lines joined) -> (canonical name from rules/agencies.toml, collective, NEW?)
# Every agency of 002 is in the registry (by name or alias); none is internal to the issuer.
UNITS = {
    "Văn phòng Tỉnh ủy": ("Văn phòng Tỉnh ủy", False),
    "Các cơ quan, đơn vị, địa phương": ("Các cơ quan, đơn vị, địa phương", True),
    "Ban Tuyên giáo và Dân vận Tỉnh ủy": ("Ban Tuyên giáo và Dân vận Tỉnh ủy", False),
    "Sở Khoa học và Công nghệ": ("Sở Khoa học và Công nghệ", False),
    "Sở Tài chính": ("Sở Tài chính", False),
    "Sở Xây dựng": ("Sở Xây dựng", False),
    "Công an tỉnh": ("Công an tỉnh", False),
    "Sở Giáo dục và Đào tạo": ("Sở Giáo dục và Đào tạo", False),
    "Sở Nội vụ": ("Sở Nội vụ", False),
    "Ban Nội chính Tỉnh ủy": ("Ban Nội chính Tỉnh ủy", False),
    "Ban Tổ chức Tỉnh ủy": ("Ban Tổ chức Tỉnh ủy", False),
    "Ủy ban MTTQ tỉnh": ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", False),
    "Sở Nông nghiệp và Môi trường": ("Sở Nông nghiệp và Môi trường", False),
    "Bộ Chỉ huy Quân sự tỉnh": ("Bộ Chỉ huy Quân sự tỉnh", False),
    "Sở Tư pháp": ("Sở Tư pháp", False),
    "Văn phòng UBND tỉnh": ("Văn phòng Ủy ban nhân dân tỉnh", False),
    "Các sở, ban, ngành": ("Các sở, ban, ngành", True),
    "Sở Công thương": ("Sở Công Thương", False),
}
NEW_UNITS = set()      # canonical names not (yet) in rules/agencies.toml: none for 002
USED_RAWS = []


def U(raw):
    name, collective = UNITS[raw]
    if raw not in USED_RAWS:
        USED_RAWS.append(raw)
    return {"raw": raw, "name": name, "id": fold_id(name), "collective": collective, "parent": None}


def D(raw, kind, start, end, recurrence=None, status=None, note=None, exceptions=None):
    return {"raw": raw, "kind": kind, "start": start, "end": end, "recurrence": recurrence,
            "status": status, "note": note, "exceptions": exceptions or []}


def L(*items):
    """A cell that is a list ("- a" / "- b"): items kept one per line."""
    return "\n".join(items)


# Deadlines used more than once (typed by hand)
def THUONG_XUYEN():
    return D("Thường xuyên", "recurring", None, None, recurrence="continuous")


def Q1():
    return D("Quý I/2026", "quarter", "2026-01-01", "2026-03-31")


def Q2():
    return D("Quý II/2026", "quarter", "2026-04-01", "2026-06-30")


def Q3():
    return D("Quý III/2026", "quarter", "2026-07-01", "2026-09-30")


def Q4():
    return D("Quý IV/2026", "quarter", "2026-10-01", "2026-12-31")


def NAM_2026():
    return D("Năm 2026", "year", "2026-01-01", "2026-12-31")


def PHAN_KY_204():
    return D("Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW", "year", "2026-01-01", "2026-12-31",
             note="Phân kỳ theo Quyết định số 204-QĐ/TW")


TASKS = []
_section = None
_group = None
_uncoded = {}


def S(code, title):
    global _section
    _section = {"code": code, "title": title}


def G(code, title):
    global _group
    _group = {"code": code, "title": title}


def T(code, title, output, kpi, lead, support, deadline, note=None):
    if code is None:
        key = (_section["code"], _group["code"])
        _uncoded[key] = _uncoded.get(key, 0) + 1
        last = "#%d" % _uncoded[key]
    else:
        last = code
    ref = "1/%s/%s/%s" % (_section["code"], _group["code"], last)
    TASKS.append({
        "ref": ref,
        "table": 1,
        "section": dict(_section),
        "group": dict(_group),
        "code": code,
        "title": title,
        "output": output,
        "kpi": kpi,
        "lead": [U(r) for r in lead],
        "support": [U(r) for r in support],
        "deadline": deadline,
        "note": note,
    })


# Repeated cell texts and unit lists, typed once.
CQ = ["Các cơ quan, đơn vị, địa phương"]
KH = ["Sở Khoa học và Công nghệ"]
DU_THAO_TIEN_DO = "Dự thảo được thông qua và ban hành đúng tiến độ đề ra"
DU_THAO_THOI_HAN = "Dự thảo được thông qua và ban hành đúng thời hạn"
HT_KHAI_THAC = "Hệ thống được đưa vào khai thác, vận hành"
NQ_BAN_HANH = "Nghị quyết được ban hành"
NQ_QUY_DINH = ("Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ "
               "trợ từ ngân sách địa phương cho ")
XD_NQ_QUY_DINH = "Xây dựng " + NQ_QUY_DINH

# =========================================================================== PHỤ LỤC (table 1)
S("I", "Nâng cao nhận thức, đột phá về đổi mới tư duy")

G("1", "Chỉ đạo các tổ chức trong hệ thống chính trị, cán bộ, đảng viên, công chức, viên chức, doanh "
       "nghiệp và người dân, nhất là người đứng đầu cần tiếp tục tăng cường tổ chức học tập, quán triệt, "
       "triển khai thực hiện và nhận thức đầy đủ tầm quan trọng của Nghị quyết số 57-NQ/TW, các quan "
       "điểm, chủ trương của Đảng, chính sách, pháp luật của Nhà nước về phát triển khoa học, công nghệ, "
       "đổi mới sáng tạo và chuyển đổi số, xác định rõ trách nhiệm, chủ động triển khai thực hiện")
T(None,
  "Chỉ đạo các tổ chức trong hệ thống chính trị, cán bộ, đảng viên, công chức, viên chức, doanh "
  "nghiệp và người dân, nhất là người đứng đầu cần tiếp tục tăng cường tổ chức học tập, quán triệt, "
  "triển khai thực hiện và nhận thức đầy đủ tầm quan trọng của Nghị quyết số 57-NQ/TW",
  "Văn bản chỉ đạo/Báo cáo kết quả triển khai",
  "100% các tổ chức trong hệ thống chính trị tổ chức học tập, quán triệt, thực hiện Nghị quyết số 57",
  ["Văn phòng Tỉnh ủy"], CQ,
  THUONG_XUYEN())

G("2", "Triển khai Phong trào “Bình dân học vụ số”: Tổ chức sinh hoạt chuyên đề “Đảng viên tiên phong "
       "học tập kỹ năng số\" trong các tổ chức cơ sở đảng trên địa bàn tỉnh, tạo chuyển biến mạnh mẽ về "
       "nhận thức và hành động của đảng viên trong việc học tập, nâng cao nhận thức, phát triển kỹ năng "
       "số, thúc đẩy chuyển đổi số tại cơ quan, đơn vị trên địa bàn tỉnh")
T(None,
  "Triển khai Phong trào “Bình dân học vụ số”: Tổ chức sinh hoạt chuyên đề \"Đảng viên tiên phong học "
  "tập kỹ năng số\" trong các tổ chức cơ sở đảng trên địa bàn tỉnh",
  "Phong trào được triển khai tại các cơ sở Đảng trên địa bàn tỉnh/Báo cáo kết quả thực hiện",
  "100% cơ sở Đảng tổ chức sinh hoạt chuyên đề “Đảng viên tiên phong học tập kỹ năng số\"",
  ["Ban Tuyên giáo và Dân vận Tỉnh ủy"], CQ,
  THUONG_XUYEN())

# ---------------------------------------------------------------------------
S("II", "Hoàn thiện thể chế")

G("1", "Xây dựng Chương trình đột phá về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
       "số tỉnh")
T(None,
  "Xây dựng Chương trình đột phá về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
  "tỉnh",
  "Chương trình được ban hành",
  "100% các mục tiêu, nhiệm vụ được hoàn thành",
  KH, CQ,
  Q1())

G("2", "Triển khai Đề án Chuyển đổi số trên địa bàn tỉnh giai đoạn 2025-2030")
T(None,
  "Xây dựng Đề án Chuyển đổi số trên địa bàn tỉnh giai đoạn 2025-2030",
  "Đề án được ban hành",
  DU_THAO_TIEN_DO,
  KH, CQ,
  D("Quý I/2026 hoàn thành xây dựng Đề án, triển khai nhiệm vụ theo phân kỳ năm 2026",
    "quarter", "2026-01-01", "2026-03-31",
    note="hoàn thành xây dựng Đề án, triển khai nhiệm vụ theo phân kỳ năm 2026"))

G("3", "Xây dựng cơ chế, chính sách đặc thù của tỉnh khuyến khích tinh thần khởi nghiệp về khoa học, "
       "công nghệ, đổi mới sáng tạo và chuyển đổi số, hỗ trợ khởi nghiệp và thu hút các doanh nghiệp "
       "khởi nghiệp tại Đồng Nai")
T(None,
  "Xây dựng cơ chế, chính sách đặc thù của tỉnh khuyến khích tinh thần khởi nghiệp về khoa học, công "
  "nghệ, đổi mới sáng tạo và chuyển đổi số, hỗ trợ khởi nghiệp và thu hút các doanh nghiệp khởi nghiệp "
  "tại Đồng Nai",
  "Cơ chế, chính sách được ban hành",
  "Hỗ trợ tối thiểu 01 trường hợp (tổ chức/cá nhân/…) về khởi nghiệp",
  KH, CQ,
  NAM_2026())

G("4", NQ_QUY_DINH + "các dự án sản xuất sản phẩm công nghệ trọng điểm; dự án nghiên cứu và phát triển, "
       "thiết kế, sản xuất, đóng gói, kiểm thử sản phẩm chip bán dẫn; dự án xây dựng trung tâm dữ liệu "
       "trí tuệ nhân tạo được nhận")
T(None,
  XD_NQ_QUY_DINH + "các dự án sản xuất sản phẩm công nghệ trọng điểm; dự án nghiên cứu và phát triển, "
  "thiết kế, sản xuất, đóng gói, kiểm thử sản phẩm chip bán dẫn; dự án xây dựng trung tâm dữ liệu trí "
  "tuệ nhân tạo được nhận",
  NQ_BAN_HANH,
  DU_THAO_TIEN_DO,
  KH, ["Sở Tài chính"],
  Q2())

G("5", NQ_QUY_DINH + "dự án khởi nghiệp sáng tạo trong công nghiệp công nghệ số trên địa bàn Đồng Nai")
T(None,
  XD_NQ_QUY_DINH + "dự án khởi nghiệp sáng tạo trong công nghiệp công nghệ số",
  NQ_BAN_HANH,
  DU_THAO_TIEN_DO,
  KH, ["Sở Tài chính"],
  Q2())

G("6", NQ_QUY_DINH + "doanh nghiệp thực hiện dự án thiết kế chip bán dẫn trên địa bàn Đồng Nai")
T(None,
  XD_NQ_QUY_DINH + "doanh nghiệp thực hiện dự án thiết kế chip bán dẫn",
  NQ_BAN_HANH,
  DU_THAO_TIEN_DO,
  KH, ["Sở Tài chính"],
  Q2())

G("7", NQ_QUY_DINH + "các dự án sản xuất sản phẩm phụ trợ trực tiếp trong công nghiệp bán dẫn và dự án "
       "sản xuất thiết bị điện tử trên địa bàn tỉnh Đồng Nai")
T(None,
  XD_NQ_QUY_DINH + "các dự án sản xuất sản phẩm phụ trợ trực tiếp trong công nghiệp bán dẫn và dự án sản "
  "xuất thiết bị điện tử",
  NQ_BAN_HANH,
  DU_THAO_TIEN_DO,
  KH, ["Sở Tài chính"],
  Q2())

G("8", "Xây dựng Đề án thành lập Trung tâm đổi mới sáng tạo và chuyển đổi số để thúc đẩy các lĩnh vực "
       "công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh")
T(None,
  "Xây dựng Đề án thành lập Trung tâm đổi mới sáng tạo và chuyển đổi số để thúc đẩy các lĩnh vực công "
  "nghệ, đổi mới sáng tạo và chuyển đổi số",
  "Đề án được ban hành",
  "Trung tâm đổi mới sáng tạo và chuyển đổi số được thành lập",
  KH, CQ,
  Q4())

G("9", "Xây dựng, phê duyệt và triển khai Kiến trúc đô thị thông minh (ICT) phiên bản 2.0")
T(None,
  "Xây dựng Kiến trúc đô thị thông minh (ICT) phiên bản 2.0",
  "Kiến trúc ban hành",
  DU_THAO_TIEN_DO,
  ["Sở Xây dựng", "Sở Khoa học và Công nghệ"], CQ,
  D("Năm 2026 (hoàn thành phê duyệt Đề án)", "year", "2026-01-01", "2026-12-31",
    note="hoàn thành phê duyệt Đề án"))

G("10", "Ban hành Quy chế bảo vệ dữ liệu cá nhân, thông tin quan trọng")
T(None,
  "Xây dựng Quy chế bảo vệ dữ liệu cá nhân, thông tin quan trọng",
  "Quy chế được ban hành",
  DU_THAO_TIEN_DO,
  ["Công an tỉnh"], CQ,
  Q1())

G("11", "Xây dựng bộ công cụ đánh giá mức độ chuyển đổi số cho các cơ quan nhà nước cấp tỉnh, cấp xã "
        "trên địa bàn tỉnh Đồng Nai")
T(None,
  "Xây dựng bộ công cụ đánh giá mức độ chuyển đổi số cho các cơ quan nhà nước cấp tỉnh, cấp xã",
  "Bộ công cụ được triển khai",
  "100% đơn vị được triển khai bộ công cụ",
  KH, CQ,
  Q1())

# ---------------------------------------------------------------------------
S("III", "Hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số")

G("1", "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp")
T(None,
  "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp",
  "Báo cáo kết quả triển khai",
  "Mạng viễn thông sử dụng công nghệ vệ tinh quỹ đạo tầm thấp được triển khai",
  KH, CQ,
  Q4())

G("2", "Tiếp tục Lập quy hoạch phân khu 1/2000 khu Công nghệ số tập trung Long Thành. Lựa chọn nhà đầu "
       "tư khu Công nghệ số tập trung Long Thành")
T("2.1",
  "Lập quy hoạch phân khu 1/2000 khu Công nghệ số tập trung Long Thành",
  "Quy hoạch được phê duyệt",
  "Hoàn thành quy hoạch đúng tiến độ",
  KH, CQ,
  Q4())
T("2.2",
  "Lựa chọn nhà đầu tư khu Công nghệ số tập trung Long Thành",
  "Báo cáo kết quả triển khai",
  "Thu hút tối thiểu 01 nhà đầu tư",
  ["Sở Tài chính"], CQ,
  Q4())

G("3", "Xây dựng Đề án thí điểm triển khai bản sao số cho một số thành phố lớn thuộc trung ương để quản "
       "lý, phát triển")
T(None,
  "Xây dựng Đề án thí điểm triển khai bản sao số cho một số thành phố lớn",
  "Đề án được ban hành",
  DU_THAO_TIEN_DO,
  KH, ["Sở Tài chính", "Sở Xây dựng"],
  Q3())

G("4", "Duy trì, mở rộng phạm vi, quy mô Trung tâm SOC của tỉnh; kết nối và chia sẻ thông tin, dữ liệu "
       "với Trung tâm Giám sát an toàn không gian mạng quốc gia (Cục An toàn thông tin)")
T(None,
  "Xây dựng Trung tâm SOC của tỉnh Đồng Nai kết nối và chia sẻ thông tin, dữ liệu với Trung tâm Giám "
  "sát an toàn không gian mạng quốc gia",
  "Dự án",
  "Hoàn thành xây dựng Trung tâm SOC",
  ["Công an tỉnh"], KH,
  Q4())

# ---------------------------------------------------------------------------
S("IV", "Phát triển, trọng dụng nhân lực chất lượng cao")

G("1", "Xây dựng chương trình, kế hoạch triển khai mô hình trường học thông minh, lớp học số, học liệu "
       "số… tạo điều kiện để học sinh, sinh viên tiếp cận công nghệ sớm")
T(None,
  "Xây dựng chương trình, kế hoạch triển khai mô hình trường học thông minh, lớp học số, học liệu số… "
  "tạo điều kiện để học sinh, sinh viên tiếp cận công nghệ sớm",
  "Ban hành các chương trình được triển khai",
  "100% trường học triển khai áp dụng",
  ["Sở Giáo dục và Đào tạo"], CQ,
  THUONG_XUYEN())

G("2", "Xây dựng chương trình, kế hoạch hợp tác với các trường đại học, viện nghiên cứu uy tín; đổi mới "
       "chương trình đào tạo, hiện đại hóa phương thức đào tạo và ứng dụng công nghệ tiên tiến, nhất là "
       "trí tuệ nhân tạo, công nghệ bán dẫn")
T(None,
  "Xây dựng chương trình, kế hoạch hợp tác với các trường đại học, viện nghiên cứu uy tín; đổi mới "
  "chương trình đào tạo, hiện đại hóa phương thức đào tạo và ứng dụng công nghệ tiên tiến, nhất là trí "
  "tuệ nhân tạo, công nghệ bán dẫn",
  "Ban hành các chương trình được triển khai",
  "100% trường học hiện đại hóa phương thức đào tạo và ứng dụng công nghệ tiên tiến",
  ["Sở Giáo dục và Đào tạo"], CQ,
  D("Nhiệm vụ thường xuyên", "recurring", None, None, recurrence="continuous"))

G("3", "Xây dựng chương trình, tổ chức bồi dưỡng kiến thức, kỹ năng số, kỹ năng phân tích và xử lý dữ "
       "liệu, AI cho cán bộ, công chức, viên chức hằng năm để sẵn sàng chuyển đổi môi trường làm việc "
       "sang môi trường số")
T(None,
  "Xây dựng chương trình, tổ chức bồi dưỡng kiến thức, kỹ năng số, kỹ năng phân tích và xử lý dữ liệu, "
  "AI cho cán bộ, công chức, viên chức hằng năm để sẵn sàng chuyển đổi môi trường làm việc sang môi "
  "trường số",
  "Ban hành các chương trình được triển khai",
  "80% cán bộ, công chức, viên chức được bồi dưỡng",
  ["Sở Nội vụ"], CQ,
  NAM_2026())

G("4", "Tổ chức các chương trình đào tạo, bồi dưỡng hằng năm về kỹ năng số, phương pháp sư phạm và ứng "
       "dụng AI trong giảng dạy cho đội ngũ giáo viên các cấp")
T(None,
  "Tổ chức các chương trình đào tạo, bồi dưỡng hằng năm về kỹ năng số, phương pháp sư phạm và ứng dụng "
  "AI trong giảng dạy cho đội ngũ giáo viên các cấp",
  "Các chương trình được triển khai và báo cáo kết quả thực hiện.",
  "80% giáo viên được bồi dưỡng",
  ["Sở Giáo dục và Đào tạo"], CQ,
  NAM_2026())

G("5", "Xây dựng chương trình/kế hoạch đào tạo, tập huấn về an toàn thông tin")
T(None,
  "Xây dựng chương trình/kế hoạch đào tạo, tập huấn về an toàn thông tin",
  "Chương trình/Kế hoạch được ban hành và triển khai",
  "100% công chức chuyên trách, không chuyên trách được tập huấn",
  ["Công an tỉnh"], CQ,
  NAM_2026())

# ---------------------------------------------------------------------------
S("V", "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các "
       "cơ quan trong hệ thống chính trị")

G("1", "Tiếp nhận và đưa vào sử dụng hệ thống thông tin do Trung ương triển khai chuyển giao")
T("1.1",
  "Triển khai Hệ thống thông tin lĩnh vực Nội chính;",
  "Hệ thống thông tin lĩnh vực Nội chính",
  HT_KHAI_THAC,
  ["Ban Nội chính Tỉnh ủy"], CQ,
  PHAN_KY_204())
T("1.2",
  "Triển khai Hệ thống thông tin lĩnh vực Tuyên giáo, Dân vận;",
  "Hệ thống thông tin lĩnh vực Tuyên giáo, Dân vận",
  HT_KHAI_THAC,
  ["Ban Tuyên giáo và Dân vận Tỉnh ủy"], CQ,
  PHAN_KY_204())
T("1.3",
  "Triển khai các hệ thống thông tin: Thi đua khen thưởng, quản lý văn kiện, mục lục hồ sơ, thư viện "
  "điện tử, hệ thống đào tạo trực tuyến và các nghiệp vụ khác theo chỉ đạo của Trung ương;",
  "Các hệ thống thông tin: Thi đua khen thưởng, quản lý văn kiện, mục lục hồ sơ, thư viện điện tử, hệ "
  "thống đào tạo trực tuyến và các nghiệp vụ khác",
  HT_KHAI_THAC,
  ["Văn phòng Tỉnh ủy"], CQ,
  PHAN_KY_204())
T("1.4",
  "Triển khai hoàn thiện Hệ thống thông tin chuyên ngành Tổ chức xây dựng Đảng",
  "Hệ thống thông tin chuyên ngành Tổ chức xây dựng Đảng",
  HT_KHAI_THAC,
  ["Ban Tổ chức Tỉnh ủy"], CQ,
  PHAN_KY_204())
T("1.5",
  "Tiếp nhận, triển khai các cơ sở dữ liệu, phần mềm khác do các cơ quan Trung ương chuyển giao",
  "Cơ sở dữ liệu, phần mềm khác do các cơ quan Trung ương chuyển giao",
  HT_KHAI_THAC,
  ["Văn phòng Tỉnh ủy"], CQ,
  PHAN_KY_204())
T("1.6",
  "Tiếp nhận, triển khai hệ thống thông tin do Ủy Ban Trung ương Mặt trận Tổ quốc Việt Nam triển khai",
  "Hệ thống thông tin do Ủy Ban Trung ương Mặt trận Tổ quốc Việt Nam triển khai",
  HT_KHAI_THAC,
  ["Ủy ban MTTQ tỉnh"], CQ,
  PHAN_KY_204())

G("2", "Triển khai nền tảng số công nghệ IoT, trí tuệ nhân tạo (AI), mô phỏng dữ liệu Digital twin để "
       "giám sát và cảnh báo tình trạng ô nhiễm môi trường không khí trên địa bàn tỉnh Đồng Nai bảo đảm "
       "phù hợp với định hướng của quốc gia và Bộ Nông nghiệp và Môi trường")
T("2.1",
  "Hoàn thiện hạ tầng số ngành Nông nghiệp & Môi trường (bao gồm nâng cấp hạ tầng, triển khai các phần "
  "mềm quản lý chuyên ngành, xây dựng Local AI) tạo nền tảng cho xử lý dữ liệu lớn.",
  L("- Hệ thống phần mềm được vận hành.",
    "- Hệ thống Local AI hoạt động.",
    "- Hạ tầng được nâng cấp."),
  "100% CSDL chuyên ngành được số hóa, được chuẩn hóa làm giàu cho Local AI",
  ["Sở Nông nghiệp và Môi trường"], CQ,
  NAM_2026())
T("2.2",
  "Triển khai nền tảng tích hợp ứng dụng AI, mô phỏng dữ liệu (Digital Twin) để giám sát, cảnh báo ô "
  "nhiễm không khí và hỗ trợ ra quyết định.",
  L("- Nền tảng Digital Twin/Giám sát hoạt động.",
    "- Báo cáo cảnh báo tự động"),
  "Tối thiểu 01 mô hình Digital Twin được ứng dụng hiệu quả",
  ["Sở Nông nghiệp và Môi trường"], CQ,
  NAM_2026())

G("3", "Hoàn thiện hạ tầng công nghệ thông tin, chuyển đổi số phục vụ công tác quốc phòng địa phương và "
       "phòng thủ dân sự tại Bộ Chỉ huy Quân sự tỉnh Đồng Nai")
T(None,
  "Hoàn thiện hạ tầng công nghệ thông tin, chuyển đổi số phục vụ công tác quốc phòng địa phương và "
  "phòng thủ dân sự tại Bộ Chỉ huy Quân sự tỉnh",
  "Báo cáo kết quả triển khai",
  "100% hạ tầng công nghệ thông tin, chuyển đổi số được hoàn thiện",
  ["Bộ Chỉ huy Quân sự tỉnh"], CQ,
  NAM_2026())

G("4", "Triển khai, theo dõi, đôn đốc thực hiện Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 quy định "
       "cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu trên địa bàn tỉnh Đồng Nai")
T(None,
  "Triển khai, theo dõi, đôn đốc triển khai Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 quy định cắt "
  "giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu",
  "Báo cáo kết quả",
  "100% TTHC được rà soát, đề xuất",
  ["Sở Tư pháp"], CQ,
  NAM_2026())

G("5", "Kế hoạch rà soát, nâng cao kết quả Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ "
       "người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên "
       "môi trường điện tử")
T(None,
  "Kế hoạch rà soát, nâng cao kết quả Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người "
  "dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường "
  "điện tử",
  "Kế hoạch được ban hành",
  DU_THAO_THOI_HAN,
  ["Văn phòng UBND tỉnh"], CQ,
  THUONG_XUYEN())

G("6", "Làm sạch và đồng bộ toàn bộ CSDL các ngành, lĩnh vực về Kho dữ liệu số tích hợp về Trung tâm "
       "giám sát, điều hành của tỉnh để phục vụ chỉ đạo điều hành dựa trên dữ liệu số")
T(None,
  "Làm sạch và đồng bộ toàn bộ CSDL các ngành, lĩnh vực về Kho dữ liệu số tích hợp về Trung tâm giám "
  "sát, điều hành của tỉnh",
  "CSDL các ngành, lĩnh vực được triển khai",
  "100% sở, ban, ngành đồng bộ CSDL về IOC",
  ["Các sở, ban, ngành"], KH,
  Q1())

G("7", "Triển khai thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử "
       "phục vụ chuyển đổi số quốc gia giai đoạn 2022-2026 tầm nhìn đến năm 2030")
T(None,
  "Tiếp tục làm sạch dữ liệu và tích hợp dữ liệu các sở ngành nhất là 12 CSDL trọng điểm quốc gia",
  "CSDL tích hợp và làm sạch",
  "Đúng tiến độ lộ trình đề ra",
  ["Công an tỉnh"], ["Các sở, ban, ngành"],
  Q1())
T(None,
  "Tham mưu triển khai công dân số",
  "Nghị quyết được ban hành",
  DU_THAO_TIEN_DO,
  ["Công an tỉnh"], ["Các sở, ban, ngành"],
  Q2())

# ---------------------------------------------------------------------------
S("VI", "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong "
        "doanh nghiệp")

G("1", "Xây dựng Đề án thí điểm triển khai kinh tế tầm thấp trên địa bàn tỉnh Đồng Nai")
T(None,
  "Xây dựng Đề án thí điểm triển khai kinh tế tầm thấp",
  "Kế hoạch/Đề án được ban hành",
  DU_THAO_THOI_HAN,
  ["Sở Công thương"], CQ,
  Q3())

G("2", "Kế hoạch hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh")
T(None,
  "Kế hoạch hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh",
  "Kế hoạch/ Chương trình được triển khai",
  DU_THAO_THOI_HAN,
  KH, ["Sở Tài chính"],
  Q1())

G("3", "Triển khai 84 nền tảng số dùng chung quốc gia trên địa bàn tỉnh")
T(None,
  "Triển khai 84 nền tảng số dùng chung quốc gia trên địa bàn tỉnh",
  "Các nền tảng được triển khai",
  "84 nền tảng số dùng chung quốc gia được sử dụng",
  CQ, KH,
  Q2())

# ---------------------------------------------------------------------------
S("VII", "Tăng cường hợp tác quốc tế")

G("1", "Ký kết các chương trình phối hợp, hợp tác về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
       "số")
T(None,
  "Chương trình phối hợp, hợp tác về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
  "Chương trình được ký kết",
  "≥ 80% nội dung ký kết được triển khai",
  ["Văn phòng UBND tỉnh"], CQ,
  THUONG_XUYEN())

G("2", "Học tập kinh nghiệm trong và ngoài nước về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
       "số")
T(None,
  "Học tập kinh nghiệm trong và ngoài nước về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
  "Báo cáo kết quả thực hiện",
  "≥ 01 mô hình/ sáng kiến được đề xuất, xem xét",
  KH, CQ,
  THUONG_XUYEN())


# =========================================================================== body targets (table 0)
# Section I.1 "Mục tiêu" of the plan body.  target = the stated goal quantity of the sentence with its
# operator words (typed by hand: raw, op, value, max); unit_of_measure "%" when it is a percentage.
# None of 002's goal sentences states its own deadline ("Số liệu chỉ tiêu được tính đến cuối năm 2026"
# is the heading's, not a sentence's), so every deadline is null.
TARGETS = []
_tsection = None


def TS(code, title):
    global _tsection
    _tsection = {"code": code, "title": title}


def V(raw, op, value, mx=None, unit=None):
    t = {"raw": raw, "op": op, "value": value, "max": mx}
    if unit is not None:
        t["unit"] = unit
    return t


def TG(code, content, uom, target):
    TARGETS.append({
        "ref": "0/%s/%s" % (_tsection["code"], code),
        "table": 0,
        "section": dict(_tsection),
        "code": code,
        "content": content,
        "unit_of_measure": uom,
        "target": target,
        "lead": [],
        "note": None,
        "deadline": None,
    })


TS("1.1", "Về phát triển hạ tầng")
TG("1", "Tỷ lệ phủ sóng 5G trên địa bàn đạt từ 60% dân số trở lên.", "%",
   V("từ 60% dân số trở lên", ">=", 60))
TG("2", "Tỷ lệ hộ gia đình có khả năng truy cập băng rộng cố định với tốc độ 01 Gbps đạt từ 70% trở lên.",
   "%", V("từ 70% trở lên", ">=", 70))   # "01 Gbps" is the speed in the indicator, not its target

TS("1.2", "Về phát triển nguồn nhân lực")
TG("1", "Tỷ lệ chi ngân sách địa phương chi cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số/ "
        "GRDP ≥ 2% và tăng dần theo yêu cầu phát triển.", "%", V("≥ 2%", ">=", 2))
TG("2", "Tỷ lệ cán bộ, công chức cấp xã, phường được bồi dưỡng kĩ năng số căn bản 100%.", "%",
   V("100%", "=", 100))
TG("3", "Tỷ lệ cán bộ, công chức cấp tỉnh được bồi dưỡng kỹ năng số căn bản 100%.", "%",
   V("100%", "=", 100))
TG("4", "Tỷ lệ cán bộ, công chức, viên chức làm chủ kỹ năng số, ứng dụng công nghệ trong quản lý, điều "
        "hành 100%.", "%", V("100%", "=", 100))
TG("5", "100% học sinh từ cấp tiểu học được trang bị kiến thức, kỹ năng số để phục vụ học tập, nghiên cứu "
        "và sáng tạo, nhận biết được nguy cơ, có kỹ năng bảo đảm an toàn trong môi trường số.", "%",
   V("100%", "=", 100))
TG("6", "Tỷ lệ dân số trưởng thành tiếp cận dịch vụ số trong y tế, giáo dục, bảo hiểm, giao thông ≥ 90%.",
   "%", V("≥ 90%", ">=", 90))
TG("7", "Số người thực hiện công tác nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo trên 01 "
        "vạn dân ≥ 12.", None, V("≥ 12", ">=", 12))   # "trên 01 vạn dân" is the indicator's denominator

TS("1.3", "Phát triển Khoa học, Công nghệ")
TG("1", "Doanh nghiệp khoa học và công nghệ phát triển mới: từ 10 doanh nghiệp trở lên.", None,
   V("từ 10 doanh nghiệp trở lên", ">=", 10, unit="doanh nghiệp"))
TG("2", "Tổ chức khoa học và công nghệ phát triển mới: từ 01 tổ chức trở lên.", None,
   V("từ 01 tổ chức trở lên", ">=", 1, unit="tổ chức"))
TG("3", "Số nhiệm vụ khoa học và công nghệ được nghiệm thu: từ 08 nhiệm vụ trở lên.", None,
   V("từ 08 nhiệm vụ trở lên", ">=", 8, unit="nhiệm vụ"))
TG("4", "Cán bộ nghiên cứu khoa học và công nghệ toàn tỉnh: từ 500 người trở lên.", None,
   V("từ 500 người trở lên", ">=", 500, unit="người"))
TG("5", "Nhiệm vụ khoa học và công nghệ cấp tỉnh triển khai mới: từ 20 nhiệm vụ trở lên.", None,
   V("từ 20 nhiệm vụ trở lên", ">=", 20, unit="nhiệm vụ"))
TG("6", "Số bài báo khoa học có địa chỉ tác giả tại tỉnh (Scopus/ISI): từ 55 bài báo trở lên.", None,
   V("từ 55 bài báo trở lên", ">=", 55, unit="bài báo"))
TG("7", "Triển khai Ứng dụng AI, IoT, Big Data… trong quản lý môi trường, đô thị thông minh; nâng cao chất "
        "lượng sống người dân.", None, None)   # no quantity stated

TS("1.4", "Phát triển hệ sinh thái đổi mới sáng tạo")
TG("1", "Doanh nghiệp khởi nghiệp sáng tạo trên toàn tỉnh: từ 20 doanh nghiệp trở lên.", None,
   V("từ 20 doanh nghiệp trở lên", ">=", 20, unit="doanh nghiệp"))
TG("2", "Vườn ươm, trung tâm đổi mới sáng tạo: từ 01 đơn vị trở lên.", None,
   V("từ 01 đơn vị trở lên", ">=", 1, unit="đơn vị"))
TG("3", "Doanh nghiệp có hoạt động đổi mới sáng tạo trong tổng số doanh nghiệp từ 10% trở lên (khoảng hơn "
        "5400 doanh nghiệp)", "%", V("từ 10% trở lên", ">=", 10))
# "Có từ N …": "từ N" alone (no "trở lên") read as "at least N".
TG("4", "Có từ 60 sản phẩm đổi mới sáng tạo được thương mại hóa.", None,
   V("từ 60 sản phẩm", ">=", 60, unit="sản phẩm"))
TG("5", "Có từ 30 dự án đổi mới sáng tạo được hỗ trợ từ ngân sách tỉnh.", None,
   V("từ 30 dự án", ">=", 30, unit="dự án"))
TG("6", "Có từ 20 sáng chế, giải pháp hữu ích có địa chỉ tại tỉnh.", None,
   V("từ 20 sáng chế", ">=", 20, unit="sáng chế"))
TG("7", "Có từ 300 bài báo khoa học ứng dụng liên quan đổi mới sáng tạo.", None,
   V("từ 300 bài báo", ">=", 300, unit="bài báo"))
TG("8", "Có từ 70 sáng kiến trong khu vực công được công nhận.", None,
   V("từ 70 sáng kiến", ">=", 70, unit="sáng kiến"))

TS("1.5", "Phát triển chuyển đổi số")
TG("1", "Chỉ số Chuyển đổi số cấp tỉnh ≥ 0,8.", None, V("≥ 0,8", ">=", 0.8))
TG("2", "Tỷ lệ thủ tục hành chính được tiếp nhận, giải quyết phi địa giới hành chính giữa trung ương và "
        "địa phương, giữa các cấp chính quyền 90%.", "%", V("90%", "=", 90))
TG("3", "Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh phải được thực "
        "hiện trực tuyến 100%.", "%", V("100%", "=", 100))
TG("4", "Tỷ lệ giao dịch hành chính thuộc diện “phi tiếp xúc”: 100%.", "%", V("100%", "=", 100))
TG("5", "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa 100%.", "%", V("100%", "=", 100))
TG("6", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện 100%.",
   "%", V("100%", "=", 100))
TG("7", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến 95%.", "%", V("95%", "=", 95))
TG("8", "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp ≥ 80%", "%",
   V("≥ 80%", ">=", 80))
TG("9", "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử ≥ 90%", "%", V("≥ 90%", ">=", 90))
TG("10", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa trong giải quyết thủ tục hành "
         "chính, dịch vụ công ≥ 80%.", "%", V("≥ 80%", ">=", 80))
TG("11", "Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công ≥ 80%", "%",
   V("≥ 80%", ">=", 80))
TG("12", "Tỷ lệ xử lý văn bản, hồ sơ công việc toàn trình trên môi trường điện tử của các cơ quan hành "
         "chính nhà nước 100%.", "%", V("100%", "=", 100))
TG("13", "Tỷ lệ nhiệm vụ được theo dõi, quản lý, giám sát của các cơ quan hành chính thực hiện trên môi "
         "trường điện tử 100%.", "%", V("100%", "=", 100))
TG("14", "Tỷ lệ các cơ quan nhà nước thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện "
         "tử 100%.", "%", V("100%", "=", 100))
TG("15", "Tỷ lệ giao dịch không dùng tiền mặt ≥ 80%.", "%", V("≥ 80%", ">=", 80))
TG("16", "Tỷ lệ hệ thống thông tin của tỉnh được vận hành trên nền tảng điện toán đám mây 100%.", "%",
   V("100%", "=", 100))
TG("17", "Tỷ lệ cơ sở dữ liệu của tỉnh được số hóa & liên thông với Trung ương ≥ 60%.", "%",
   V("≥ 60%", ">=", 60))
TG("18", "Tỷ lệ dữ liệu của các ban, sở, ngành được tích hợp với trục liên thông dữ liệu cấp tỉnh (LGSP) "
         "≥ 85%.", "%", V("≥ 85%", ">=", 85))
TG("19", "Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số ≥ 60%.", "%", V("≥ 60%", ">=", 60))
TG("20", "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) ≥ 80%.", "%", V("≥ 80%", ">=", 80))
TG("21", "Tỷ lệ người dân trưởng thành có chữ ký số ≥ 50%", "%", V("≥ 50%", ">=", 50))
TG("22", "Tỷ lệ đảng ủy, chính quyền xã, phường sử dụng phần mềm quản trị điều hành thống nhất ≥ 90%.",
   "%", V("≥ 90%", ">=", 90))
TG("23", "Quy mô kinh tế số/GRDP 15-17%.", "%", V("15-17%", "between", 15, 17))
TG("24", "Quản lý nhà nước trên môi trường số, kết nối và vận hành thông suốt giữa các cơ quan trong hệ "
         "thống chính trị 100%.", "%", V("100%", "=", 100))
TG("25", "Triển khai kết nối, chia sẻ đồng bộ cơ sở dữ liệu quốc gia, cơ sở dữ liệu các ngành 80%.", "%",
   V("80%", "=", 80))
TG("26", "Dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác "
         "≥ 95%.", "%", V("≥ 95%", ">=", 95))   # "từ 15 tuổi trở lên" qualifies the population
TG("27", "Tỷ lệ người dân có Sổ sức khỏe điện tử ≥ 95%.", "%", V("≥ 95%", ">=", 95))
TG("28", "Tỷ lệ người dân được định danh số 100%.", "%", V("100%", "=", 100))
TG("29", "Tỷ lệ cung cấp dữ liệu mở theo Kế hoạch 100%.", "%", V("100%", "=", 100))
TG("30", "Tỷ lệ các hệ thống thông tin phê duyệt và triển khai đầy đủ phương án bảo đảm an toàn hệ thống "
         "thông tin theo cấp độ 100%.", "%", V("100%", "=", 100))

# =========================================================================== plan
DOC = {
    "schema": "kehoach/1",
    "plan": {
        "kind": "Kế hoạch",
        "number": "03-KH/BCĐ",          # OCR "S603 -KH/BCD" = "Số 03-KH/BCĐ"
        "issued_on": "2026-01-16",      # "Đồng Nai, ngày 16 tháng 01 năm 2026"
        "issuer": ISSUER,               # block "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI
                                        # SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ" under "TỈNH ỦY ĐỒNG NAI"
        "title": "Triển khai Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về “đột phá "
                 "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia” trên địa bàn "
                 "tỉnh Đồng Nai năm 2026",
    },
    "tables": [
        {"title": "PHỤ LỤC",
         "columns": [
             {"header": "(1) Mã Nhiệm vụ Tổng quát", "role": "group"},
             {"header": "(2) Tiểu Nhiệm vụ (Con) (Rõ Việc)", "role": "task"},
             {"header": "(3) Sản phẩm Đầu ra Bắt buộc (Rõ Kết quả)", "role": "output"},
             {"header": "(4) KPI Đo lường Hiệu quả (Định lượng)", "role": "kpi"},
             {"header": "(5) Đơn vị Chủ trì (Rõ người)", "role": "lead"},
             {"header": "(6) Đơn vị phối hợp", "role": "support"},
             {"header": "(7) Thời hạn Hoàn thành (Rõ Thời gian)", "role": "deadline"},
         ]},
    ],
    "targets": TARGETS,
    "tasks": TASKS,
    "warnings": [],
}


def _check_text(obj):
    if isinstance(obj, str):
        assert unicodedata.is_normalized("NFC", obj), obj
        for line in obj.split("\n"):
            assert line == line.strip() and "  " not in line and line, repr(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _check_text(v)
    elif isinstance(obj, list):
        for v in obj:
            _check_text(v)


def _check_deadline(d):
    import datetime
    for k in ("start", "end"):
        if d[k] is not None:
            datetime.date.fromisoformat(d[k])
    if d["start"] and d["end"]:
        assert d["start"] <= d["end"], d


if __name__ == "__main__":
    _check_text(DOC)
    refs = [t["ref"] for t in TASKS] + [t["ref"] for t in TARGETS]
    assert len(refs) == len(set(refs)), "duplicate refs"
    for t in TASKS:
        assert t["lead"], t["ref"]
        _check_deadline(t["deadline"])
    unused = [r for r in UNITS if r not in USED_RAWS]
    assert not unused, "unused unit mappings: %r" % unused
    with open(os.path.join(GOLDEN, "002.json"), "w", encoding="utf-8") as f:
        json.dump(DOC, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(GOLDEN, "units-002.tsv"), "w", encoding="utf-8") as f:
        f.write("raw\tname\tid\tcollective\tparent\tnew\n")
        for raw in USED_RAWS:
            name, collective = UNITS[raw]
            f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (raw, name, fold_id(name), "yes" if collective else "no",
                                                  "", "NEW" if name in NEW_UNITS else ""))
    print("tasks:", len(TASKS), "targets:", len(TARGETS), "units:", len(USED_RAWS))
