#!/usr/bin/env python3
"""Golden file for plan 001 (Sở Khoa học và Công nghệ tỉnh Đồng Nai, draft of 3/2026).

Every row below is typed from a reading of ../shared/sources/001_8de2b6696f5582a9.txt, cell by cell.
Helpers only build refs, unit ids and the JSON layout; deadline kinds/dates and target op/value/max are
typed by hand per row.  Run:  python3 golden/src/001.py  (writes golden/001.json and golden/units-001.tsv)
"""
import json
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.dirname(HERE)

ISSUER = "Sở Khoa học và Công nghệ"


# --------------------------------------------------------------------------- helpers (mechanical)

def ws(s):
    """Collapse whitespace inside each line; keep "\n" (list structure)."""
    s = unicodedata.normalize("NFC", s)
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in s.split("\n"))


def fold_id(name):
    s = name.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "-".join(words)


# raw (as printed, wrapped lines joined by a space) -> (name, collective, internal to the issuer)
UNITS = {
    "Phòng Chuyển đổi số": ("Phòng Chuyển đổi số", False, True),
    "Phòng Đổi mới sáng tạo": ("Phòng Đổi mới sáng tạo", False, True),
    "Phòng Khoa học và Công nghệ": ("Phòng Khoa học và Công nghệ", False, True),
    "Trung tâm Khoa học và Công nghệ": ("Trung tâm Khoa học và Công nghệ", False, True),
    "Văn phòng Sở": ("Văn phòng", False, True),
    "Các phòng chuyên môn; đơn vị trực thuộc Sở":
        ("Các phòng chuyên môn, đơn vị trực thuộc Sở", True, True),
}
USED_UNITS = []


def unit(raw):
    raw = ws(raw)
    name, collective, internal = UNITS[raw]
    if internal:
        uid = fold_id(ISSUER) + "/" + fold_id(name)
        parent = ISSUER
    else:
        uid = fold_id(name)
        parent = None
    if raw not in USED_UNITS:
        USED_UNITS.append(raw)
    return {"raw": raw, "name": name, "id": uid, "collective": collective, "parent": parent}


def units(*raws):
    return [unit(r) for r in raws]


def D(raw, kind, start, end, recurrence=None, status=None, note=None):
    """Deadline, every field typed by hand at the call site."""
    return {"raw": ws(raw), "kind": kind, "start": start, "end": end, "recurrence": recurrence,
            "status": status, "note": note, "exceptions": []}


def V(raw, op, value, mx=None, unit_=None):
    """Target value, op/value/max typed by hand at the call site."""
    t = {"raw": ws(raw), "op": op, "value": value, "max": mx}
    if unit_ is not None:
        t["unit"] = unit_
    return t


def opt(s):
    return None if s is None else ws(s)


# Unit shorthands (raw strings exactly as printed, joined)
PCDS = "Phòng Chuyển đổi số"
PDMST = "Phòng Đổi mới sáng tạo"
PKHCN = "Phòng Khoa học và Công nghệ"
TTKHCN = "Trung tâm Khoa học và Công nghệ"
VPS = "Văn phòng Sở"
CPCM = "Các phòng chuyên môn; đơn vị trực thuộc Sở"

# Deadlines used more than once (typed by hand)
NAM_2026 = ("Năm 2026", "year", "2026-01-01", "2026-12-31")
GD_26_27 = ("Giai đoạn 2026 - 2027", "range", "2026-01-01", "2027-12-31")
GD_26_30 = ("Giai đoạn 2026 - 2030", "range", "2026-01-01", "2030-12-31")
Q1 = ("Quý I/2026", "quarter", "2026-01-01", "2026-03-31")
Q2 = ("Quý II/2026", "quarter", "2026-04-01", "2026-06-30")
Q3 = ("Quý III/2026", "quarter", "2026-07-01", "2026-09-30")
Q4 = ("Quý IV/2026", "quarter", "2026-10-01", "2026-12-31")


def dl(t):
    return D(*t)


def NAM_TIEP():
    return D("Năm 2026 và các năm tiếp theo", "range", "2026-01-01", None, recurrence="yearly")


def HANG_NAM():
    return D("Hàng năm", "recurring", None, None, recurrence="yearly")


def THUONG_XUYEN():
    return D("Thường xuyên", "recurring", None, None, recurrence="continuous")


# =========================================================================== plan
plan = {
    "kind": "Kế hoạch",
    "number": None,          # "Số:             /KH-SKHCN" (blank draft number)
    "issued_on": None,       # "ngày          tháng 3 năm 2026"
    "issuer": ISSUER,
    "title": ws("Triển khai thực hiện Kế hoạch số 55-KH/TU ngày 11/02/2026 của Ban "
                "Chấp hành Đảng bộ tỉnh và Kế hoạch số 91/KH-UBND ngày 12/02/2026 "
                "của UBND tỉnh về triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 "
                "của Bộ Chính trị về “đột phá phát triển khoa học, công nghệ, đổi mới sáng "
                "tạo và chuyển đổi số quốc gia”"),
}

tables = [
    {"title": "Phụ lục I", "columns": [
        {"header": "STT", "role": "stt"},
        {"header": "Nội dung Chỉ tiêu", "role": "content"},
        {"header": "Đơn vị tính", "role": "unit_of_measure"},
        {"header": "Kết quả", "role": "target"},
        {"header": "Phòng chủ trì, theo dõi tham mưu thực hiện", "role": "lead"},
        {"header": "Ghi chú", "role": "note"},
    ]},
    {"title": "Phụ lục II", "columns": [
        {"header": "STT", "role": "stt"},
        {"header": "Nhiệm vụ", "role": "task"},
        {"header": "Đơn vị chủ trì", "role": "lead"},
        {"header": "Đơn vị phối hợp", "role": "support"},
        {"header": "Kết quả", "role": "output"},
        {"header": "Thời gian hoàn thành", "role": "deadline"},
    ]},
    {"title": "Phụ lục III", "columns": [
        {"header": "STT", "role": "stt"},
        {"header": "Nhiệm vụ Tổng quát (1)", "role": "group"},
        {"header": "Nhiệm vụ (Con) (Rõ Việc) (2)", "role": "task"},
        {"header": "Sản phẩm Đầu ra Bắt buộc (Rõ Kết quả) (3)", "role": "output"},
        {"header": "KPI Đo lường Hiệu quả (Định lượng) (4)", "role": "kpi"},
        {"header": "Đơn vị Chủ trì (Rõ người) (5)", "role": "lead"},
        {"header": "Đơn vị phối hợp (6)", "role": "support"},
        {"header": "Thời hạn Hoàn thành Rõ Thời gian) (7)", "role": "deadline"},
    ]},
]

# =========================================================================== Phụ lục I (targets)
# (code, content, unit_of_measure, target, [lead raws], note)
T1_SECTIONS = [
    ("I", "CHỈ TIÊU CỤ THỂ KẾ HOẠCH SỐ 55-KH/TU CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", [
        ("1", "Sở, ban, ngành hoàn thiện cơ sở dữ liệu dùng chung và cơ sở dữ liệu chuyên ngành phục vụ "
              "chỉ đạo, điều hành chia sẻ, tích hợp về kho dữ liệu dùng chung của tỉnh",
         "%", V("100", "=", 100), [PCDS], None),
        ("2", "Hoạt động chỉ đạo, điều hành của cơ quan Đảng, Nhà nước được thực hiện trên môi trường số "
              "dựa trên dữ liệu; hình thành cơ sở dữ liệu chỉ đạo điều hành kết nối với phần mềm Quản lý "
              "văn bản và điều hành",
         "%", V("100", "=", 100), [PCDS], None),
        ("3", "Thủ tục hành chính cung cấp trực tuyến toàn trình",
         "%", V("90", "=", 90), [PCDS], None),
        ("4", "Dữ liệu chuyên ngành được đánh giá mức độ trưởng thành và chia sẻ qua nền tảng LGSP",
         "%", V("100", "=", 100), [PCDS], None),
        ("5", "Trung tâm điều hành thông minh (IOC) cấp tỉnh và tất cả các xã/phường",
         "%", V("100", "=", 100), [PCDS], None),
        ("6", "Mỗi xã/phường có ít nhất 01 điểm đổi mới sáng tạo hoặc không gian sáng tạo",
         "Điểm/Xã, phường", V("≥ 01", ">=", 1), [PDMST], None),
        ("7", "Thu hút tối thiểu 01 tập đoàn công nghệ lớn đầu tư vào các lĩnh vực: bán dẫn, AI, dữ liệu "
              "số, tự động hóa, năng lượng xanh",
         "Tổ chức, doanh nghiệp", V("≥ 01", ">=", 1), [PKHCN], None),
        ("8", "Kinh phí chi cho nghiên cứu phát triển (R&D)",
         "% GRDP", V("> 01", ">", 1), [PDMST, PKHCN, PCDS], None),
        ("9", "Nguồn nhân lực nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo; chú trọng phát "
              "triển nhân lực trong khu vực doanh nghiệp",
         "người/vạn dân", V("12", "=", 12), [PKHCN], None),
        ("10", "Hình thành Trung tâm Đổi mới sáng tạo và Chuyển đổi số tỉnh Đồng Nai",
         "Trung tâm", V("≥ 01", ">=", 1), [TTKHCN], None),
        ("11", "Tỷ lệ kết quả nghiên cứu và phát triển công nghệ có nguồn tài trợ từ ngân sách nhà nước "
               "được thương mại hoặc ứng dụng thực tế",
         "%", V("≥ 40", ">=", 40), [PKHCN], None),
        ("12", "Số lượng công bố khoa học quốc tế",
         "%/năm", V("≥ 20", ">=", 20), [PKHCN], None),
        ("13", "Số lượng đơn đăng ký sáng chế, văn bằng bảo hộ sáng chế tăng trung bình",
         "%/năm", V("16-18", "between", 16, 18), [PDMST], None),
        ("14", "Tỷ lệ sáng chế được khai thác thương mại đạt % số sáng chế được cấp văn bằng bảo hộ",
         "%", V("8-10", "between", 8, 10), [PDMST], None),
        ("15", "Hoàn thành và đưa vào vận hành Khu Công nghệ số tập trung Long Thành, Khu công nghệ cao, "
               "Khu đổi mới sáng tạo gắn với đô thị sân bay Long Thành",
         None, V("≥ 01 khu vực", ">=", 1, None, "khu vực"), [PCDS], None),
        ("16", "Cán bộ, công chức, viên chức có kỹ năng số cơ bản",
         "%", V("100", "=", 100), [PCDS], None),
        ("17", "Cán bộ, công chức, viên chức có kỹ năng số nâng cao",
         "%", V("≥ 30", ">=", 30), [PCDS], None),
        ("18", "Công dân số",
         "%", V("≥ 80", ">=", 80), [PCDS], None),
        ("19", "Xếp hạng chỉ số đánh giá chuyển đổi số (DTI)",
         "Thứ bậc", V("Xếp hạng ở nhóm 04 tỉnh, thành dẫn đầu cả nước", "text", None), [PCDS], None),
        ("20", "Chỉ số đổi mới sáng tạo cấp địa phương (PII)",
         "Thứ bậc", V("Xếp hạng ở nhóm 04 tỉnh, thành dẫn đầu cả nước", "text", None), [PDMST], None),
        ("21", "Ứng dụng IoT, AI trong các lĩnh vực; triển khai thí điểm ứng dụng công nghệ truyền dẫn "
               "không dây thế hệ mới trên địa bàn tỉnh Đồng Nai",
         None, V("Triển khai hạ tầng IoT ở mức cơ bản", "text", None), [PCDS], None),
        ("22", "Triển khai họp không giấy cho Sở, ban, ngành, địa phương",
         "%", V("100", "=", 100), [PCDS], None),
        ("23", "Triển khai đô thị thông minh tối thiểu cho địa phương",
         None, V("≥ 02 khu vực", ">=", 2, None, "khu vực"), [PCDS], None),
        ("24", "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử phát sinh nhu cầu giao dịch",
         "%", V("≥ 70", ">=", 70), [PCDS], None),
        ("25", "Tỷ lệ người sử dụng cuối có khả năng truy nhập băng rộng cố định với tốc độ trên 1Gbps",
         "%", V("100", "=", 100), [PCDS], None),
        ("26", "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
         "%", V("≥ 80", ">=", 80), [PCDS], None),
        ("27", "Tỷ lệ tổ chức, cá nhân hoạt động kinh doanh thực hiện phương thức thanh toán số",
         "%", V("≥ 90", ">=", 90), [PCDS], None),
        ("28", "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp",
         None, None, [PCDS], None),
    ]),
    # Title printed "…SỐ 91/KH-" / "UBND  CỦA UBND TỈNH": the plan number wrapped at its hyphen is one token.
    ("II", "CHỈ TIÊU CỤ THỂ KẾ HOẠCH SỐ 91/KH-UBND CỦA UBND TỈNH", [
        ("1", "Tỷ lệ phủ sóng 5G trên địa bàn",
         "%", V("> 60", ">", 60), [PCDS], None),
        ("2", "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gb/s",
         "%", V("> 70", ">", 70), [PCDS], None),
        ("3", "Tỷ lệ cán bộ, công chức cấp xã, phường được bồi dưỡng kỹ năng số căn bản",
         "%", V("100", "=", 100), [PCDS], None),
        ("4", "Tỷ lệ cán bộ, công chức cấp tỉnh được bồi dưỡng kỹ năng số căn bản",
         "%", V("100", "=", 100), [PCDS], None),
        ("5", "Tỷ lệ cán bộ, công chức, viên chức làm chủ kỹ năng số, ứng dụng công nghệ trong quản lý, "
              "điều hành",
         "%", V("100", "=", 100), [PCDS], None),
        ("6", "Số người thực hiện công tác nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo",
         "người/vạn dân", V("12", "=", 12), [PKHCN], None),
        ("7", "Doanh nghiệp khoa học và công nghệ phát triển mới",
         "Doanh nghiệp", V("≥ 10", ">=", 10), [PKHCN], None),
        ("8", "Tổ chức khoa học và công nghệ phát triển mới",
         "Tổ chức", V("≥ 01", ">=", 1), [PKHCN], None),
        ("9", "Số nhiệm vụ khoa học và công nghệ được nghiệm thu",
         "Nhiệm vụ", V("≥ 08", ">=", 8), [PKHCN], None),
        ("10", "Cán bộ nghiên cứu khoa học và công nghệ toàn tỉnh",
         "Cán bộ", V("≥ 500", ">=", 500), [PKHCN], None),
        ("11", "Nhiệm vụ khoa học và công nghệ cấp tỉnh triển khai mới",
         "Nhiệm vụ", V("≥ 20", ">=", 20), [PKHCN], None),
        ("12", "Số bài báo khoa học có địa chỉ tác giả tại tỉnh (Scopus/ISI)",
         "Bài báo", V("≥ 55", ">=", 55), [PKHCN], None),
        ("13", "Triển khai Ứng dụng AI, IoT, Big Data… trong quản lý môi trường, đô thị thông minh; nâng "
               "cao chất lượng sống người dân",
         "Ứng dụng được triển khai", V("Có", "text", None), [PCDS], None),
        ("14", "Doanh nghiệp khởi nghiệp sáng tạo trên toàn tỉnh",
         "Doanh nghiệp", V("≥ 20", ">=", 20), [PDMST], None),
        ("15", "Vườn ươm, trung tâm đổi mới sáng tạo",
         "Đơn vị", V("≥ 01", ">=", 1), [PDMST], None),
        ("16", "Doanh nghiệp có hoạt động đổi mới sáng tạo trong tổng số doanh nghiệp",
         "%", V("≥ 10", ">=", 10), [PDMST], None),
        ("17", "Sản phẩm đổi mới sáng tạo được thương mại hóa",
         "Sản phẩm", V("≥ 60", ">=", 60), [PDMST], None),
        ("18", "Dự án đổi mới sáng tạo được hỗ trợ từ ngân sách tỉnh",
         "Dự án", V("≥ 30", ">=", 30), [PDMST], None),
        ("19", "Sáng chế, giải pháp hữu ích có địa chỉ tại tỉnh",
         "Sáng chế", V("≥ 20", ">=", 20), [PDMST], None),
        ("20", "Bài báo khoa học ứng dụng liên quan đổi mới sáng tạo",
         "Bài báo", V("≥ 300", ">=", 300), [PDMST], None),
        ("21", "Sáng kiến trong khu vực công được công nhận",
         "Sáng kiến", V("≥ 70", ">=", 70), [PDMST], None),
        ("22", "Chỉ số Chuyển đổi số cấp tỉnh",
         "Chỉ số", V("≥ 0.8", ">=", 0.8), [PCDS], None),
        ("23", "Tỷ lệ xử lý văn bản, hồ sơ công việc toàn trình trên môi trường điện tử của các cơ quan "
               "hành chính nhà nước",
         "%", V("100", "=", 100), [PCDS], None),
        ("24", "Tỷ lệ các cơ quan nhà nước thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường "
               "điện tử",
         "%", V("100", "=", 100), [PCDS], None),
        ("25", "Tỷ lệ giao dịch không dùng tiền mặt",
         "%", V("≥ 80", ">=", 80), [PCDS], None),
        ("26", "Tỷ lệ hệ thống thông tin của tỉnh được vận hành trên nền tảng điện toán đám mây",
         "%", V("100", "=", 100), [PCDS], None),
        ("27", "Tỷ lệ cơ sở dữ liệu của tỉnh được số hóa & liên thông với Trung ương",
         "%", V("≥ 60", ">=", 60), [PCDS], None),
        ("28", "Tỷ lệ dữ liệu của các ban, sở, ngành được tích hợp với trục liên thông dữ liệu cấp tỉnh "
               "(LGSP)",
         "%", V("≥ 85", ">=", 85), [PCDS], None),
        ("29", "Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số",
         "%", V("≥ 60", ">=", 60), [PCDS], None),
        ("30", "Tỷ lệ người dân trưởng thành có chữ ký số",
         "%", V("≥ 50", ">=", 50), [PCDS], None),
        ("31", "Tỷ lệ đảng ủy, chính quyền xã, phường sử dụng phần mềm quản trị điều hành thống nhất",
         "%", V("≥ 90", ">=", 90), [PCDS], None),
        ("32", "Quản lý nhà nước trên môi trường số, kết nối và vận hành thông suốt giữa các cơ quan trong "
               "hệ thống chính trị",
         "%", V("100", "=", 100), [PCDS], None),
        ("33", "Triển khai kết nối, chia sẻ đồng bộ cơ sở dữ liệu quốc gia, cơ sở dữ liệu các ngành",
         "%", V("80", "=", 80), [PCDS], None),
        ("34", "Tỷ lệ cung cấp dữ liệu mở theo Kế hoạch",
         "%", V("100", "=", 100), [PCDS], None),
    ]),
]

# =========================================================================== Phụ lục II (tasks, no group/KPI)
# (STT = task code, Nhiệm vụ, [lead], [support], Kết quả, deadline)
T2_SECTIONS = [
    ("I", "Nâng cao nhận thức và hoàn thiện cơ chế, chính sách", [
        ("1", "Xây dựng Đề án thí điểm cơ chế đặt hàng công nghệ và đồng tài trợ R&D theo mô hình 3 nhà",
         [PKHCN], [CPCM], "Đề án được UBND phê duyệt", dl(NAM_2026)),
        ("2", "Tham mưu ban hành Kế hoạch hỗ trợ thương mại hóa kết quả nghiên cứu và tài sản trí tuệ phục "
              "vụ phát triển thị trường Khoa học và Công nghệ tỉnh Đồng Nai giai đoạn 2026-2030",
         [PKHCN], [CPCM], "Kế hoạch được UBND tỉnh phê duyệt", dl(NAM_2026)),
    ]),
    ("II", "Phát triển hạ tầng số, nền tảng số và dữ liệu số", [
        ("1", "Xây dựng Bản đồ công nghệ chiến lược tỉnh Đồng Nai giai đoạn 2026-2030",
         [PKHCN], [CPCM], "Nhiệm vụ/dự án", dl(NAM_2026)),
        ("2", "Xây dựng, nâng cấp hoàn thiện cơ sở dữ liệu dùng chung và cơ sở dữ liệu chuyên ngành phục "
              "vụ chỉ đạo, điều hành chia sẻ, tích hợp về kho dữ liệu dùng chung của tỉnh.",
         [PCDS], [CPCM],
         "Triển khai nhiệm vụ/dự án chuyển đổi toàn bộ dữ liệu quản lý điều hành hình hành dạng Hệ thống "
         "thông tin", dl(GD_26_27)),
        ("3", "Hình thành cơ sở dữ liệu chỉ đạo điều hành kết nối với phần mềm Quản lý văn bản và điều hành",
         [PCDS], [CPCM], "Phân hệ chỉ đạo điều hành gắn với phần mềm QLVB&ĐH", dl(GD_26_27)),
        ("4", "Triển khai Kế hoạch nâng cao chất lượng cung cấp dịch vụ công trực tuyến toàn trình; cung cấp "
              "dịch vụ số mới được cá nhân hóa, dựa trên dữ liệu cho người dân, doanh nghiệp",
         [PCDS], [CPCM], "Chương trình/Kế hoạch của Chủ tịch UBND tỉnh", dl(NAM_2026)),
        ("5", "Hoàn thành trung tâm điều hành thông minh (IOC) cấp tỉnh và tất cả các xã/phường",
         [PCDS], [CPCM], "Nhiệm vụ/kế hoạch/dự án", dl(GD_26_27)),
        ("6", "Xây dựng và triển khai Kế hoạch ứng dụng IoT, AI trong các lĩnh vực",
         [PCDS], [CPCM], "Kế hoạch của UBND tỉnh", NAM_TIEP()),
        ("7", "Hình thành Khu Khoa học, công nghệ, đổi mới sáng tạo và Chuyển đổi số tại Phường Đồng Xoài",
         [PKHCN], [CPCM], "Đề án/Khu được phê duyệt",
         D("Quý IV/năm 2026 - năm 2029", "range", "2026-10-01", "2029-12-31")),
    ]),
    ("III", "Thúc đẩy chuyển đổi số, đổi mới sáng tạo trong các ngành, lĩnh vực", [
        ("1", "Xếp hạng chỉ số đánh giá chuyển đổi số (DTI)",
         [PCDS], [CPCM], "Xếp hạng ở nhóm 04 tỉnh, thành dẫn đầu cả nước", HANG_NAM()),
        ("2", "Chỉ số đổi mới sáng tạo cấp địa phương (PII)",
         [PDMST], [CPCM], "Xếp hạng ở nhóm 04 tỉnh, thành dẫn đầu cả nước", HANG_NAM()),
        ("3", "Mỗi xã/phường có ít nhất 01 điểm đổi mới sáng tạo hoặc không gian sáng tạo",
         [PDMST], [CPCM], "Nhiệm vụ/kế hoạch/dự án", dl(GD_26_27)),
        ("4", "Xây dựng chương trình, kế hoạch phát động phong trào học tập trên các nền tảng số để trở "
              "thành phong trào “Bình dân học vụ số” thường xuyên, liên tục, phổ cập, nâng cao kiến thức "
              "về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán bộ, "
              "công chức và Nhân dân",
         [PCDS], [CPCM], "Chương trình/Kế hoạch của UBND tỉnh", THUONG_XUYEN()),
        ("5", "Xây dựng triển khai các nhiệm vụ thực hiện các chỉ tiêu bao gồm:\n"
              "- Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử phát sinh nhu cầu giao dịch "
              "đạt tối thiểu trên 70%.\n"
              "- Tỷ lệ người sử dụng cuối có khả năng truy cập băng rộng cố định với tốc độ trên 1Gbps "
              "đạt 100%.\n"
              "- Tỷ lệ người dân có hồ sơ sức khỏe điện tử ≥ 95%.\n"
              "- Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp ≥ 80%.\n"
              "- 90% tổ chức, cá nhân hoạt động kinh doanh thực hiện phương thức thanh toán số",
         [PCDS], [CPCM], "Kế hoạch của UBND tỉnh/Sở Khoa học và Công nghệ", NAM_TIEP()),
    ]),
    ("IV", "Phát triển khoa học, công nghệ và nguồn nhân lực", [
        ("1", "Thu hút tối thiểu 01 tập đoàn công nghệ lớn đầu tư vào các lĩnh vực: bán dẫn, AI, dữ liệu "
              "số, tự động hóa, năng lượng xanh",
         [PCDS], [CPCM], "Tối thiểu 01 tập đoàn công nghệ lớn đầu tư", dl(GD_26_30)),
        ("2", "Đào tạo, hình thành chính sách thu hút nguồn nhân lực chuyên sâu về bán dẫn, IoT, Trí tuệ "
              "nhân tạo, Dữ liệu lớn..., chuẩn bị cho Khu Công nghệ số tập trung Long Thành",
         [PCDS], [CPCM], "Mỗi năm đào tạo từ 100 đến 200 chuyên gia", dl(GD_26_30)),
        ("3", "Hoàn thành và đưa vào vận hành Khu Công nghệ số tập trung Long Thành, Khu công nghệ cao, "
              "Khu đổi mới sáng tạo gắn với đô thị sân bay Long Thành",
         [PCDS], [CPCM], "Lập quy hoạch và thủ tục hình thành khu", dl(GD_26_30)),
        ("4", "Thành lập Trung tâm đổi mới sáng tạo",
         [PDMST], [CPCM], "Quyết định của UBND tỉnh", dl(GD_26_27)),
        ("5", "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp",
         [PCDS], [CPCM], "Trạm vệ tinh tầm thấp được triển khai",
         D("Giai đoạn 2027 - 2029", "range", "2027-01-01", "2029-12-31")),
    ]),
    ("V", "Cải cách hành chính và bảo đảm an ninh thông tin", [
        ("1", "Đào tạo chứng chỉ AI văn phòng cho CBCC, VC trên địa bàn tỉnh, gắn với chỉ tiêu tuyển dụng "
              "CBCC, VC vào các cơ quan nhà nước trên địa bàn tỉnh",
         [PCDS], [CPCM], "Chứng chỉ có giá trị pháp lý gắn với tiêu chuẩn CBCC, VC", NAM_TIEP()),
    ]),
]

# =========================================================================== Phụ lục III (tasks)
# Rows: ("G", stt, group cell, sub-task cell, output, kpi, [lead], [support], deadline)
#         STT n with both cells filled: group n + uncoded task #1
#       ("C", stt, text in the group column, output, kpi, [lead], [support], deadline)
#         STT n.m (child of the current group; sub-task cell empty)
KPI_DT = "Dự thảo được thông qua và ban hành đúng tiến độ đề ra"
NQ_BH = "Nghị quyết được ban hành"
T3_SECTIONS = [
    ("I", "Hoàn thiện thể chế", [
        ("G", "1",
         "Xây dựng Chương trình đột phá về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
         "đổi số tỉnh",
         "Xây dựng Chương trình đột phá về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
         "đổi số tỉnh",
         "Chương trình được ban hành", "100% các mục tiêu, nhiệm vụ được hoàn thành",
         [PCDS], [CPCM], D("Đã thực hiện", "done", None, None, status="done")),
        ("G", "2",
         "Xây dựng cơ chế, chính sách đặc thù của tỉnh khuyến khích tinh thần khởi nghiệp về khoa học, "
         "công nghệ, đổi mới sáng tạo và chuyển đổi số, hỗ trợ khởi nghiệp và thu hút các doanh nghiệp "
         "khởi nghiệp tại Đồng Nai",
         "Xây dựng cơ chế chính sách đặc thù của tỉnh khuyến khích tinh thần khởi nghiệp về khoa học, "
         "công nghệ, đổi mới sáng tạo và chuyển đổi số, hỗ trợ khởi nghiệp và thu hút các doanh nghiệp "
         "khởi nghiệp tại Đồng Nai",
         "Cơ chế, chính sách được ban hành",
         "Hỗ trợ tối thiểu 01 trường hợp (tổ chức/cá nhân/…) về khởi nghiệp",
         [PDMST, PKHCN, PCDS], [CPCM],
         D("Hoàn thành trước 31/12/2026", "date", None, "2026-12-31")),
        ("C", "2.1",
         "Quyết định ban hành Quy chế cung cấp, quản lý, sử dụng chữ ký số chuyên dùng công vụ, chứng "
         "thư chữ ký số chuyên dùng công vụ, thiết bị lưu khóa bí mật và dịch vụ chứng thực chữ ký số "
         "chuyên dùng công vụ trên địa bàn tỉnh Đồng Nai",
         "Quyết định được ban hành", KPI_DT, [PCDS], [CPCM], dl(Q1)),
        ("C", "2.2",
         "Nghị quyết quy định cơ chế, chính sách khuyến khích hoạt động hệ sinh thái đổi mới sáng tạo, "
         "khởi nghiệp sáng tạo",
         NQ_BH, KPI_DT, [PDMST], [CPCM], dl(Q2)),
        ("C", "2.3",
         "Quyết định của Ủy ban nhân dân tỉnh Đồng Nai về ban hành Quy chế quản lý chương trình, nhiệm "
         "vụ khoa học công nghệ và đổi mới sáng tạo sử dụng ngân sách nhà nước trên địa bàn tỉnh Đồng "
         "Nai theo trình tự, thủ tục rút gọn",
         "Quyết định được ban hành", KPI_DT, [PKHCN], [CPCM], dl(Q3)),
        ("C", "2.4",
         "Nghị quyết của Hội đồng nhân dân tỉnh Quy định lĩnh vực ưu tiên, tiêu chí, điều kiện, nội "
         "dung và mức hỗ trợ dự án đổi mới sáng tạo, khởi nghiệp sáng tạo trên địa bàn tỉnh Đồng Nai",
         NQ_BH, KPI_DT, [PDMST], [CPCM], dl(Q4)),
        ("C", "2.5",
         "Nghị quyết Hội đồng nhân dân tỉnh Quy định chính sách hỗ trợ tổ chức, cá nhân đầu tư, đổi mới "
         "thiết bị, công nghệ trên địa bàn tỉnh Đồng Nai",
         NQ_BH, KPI_DT, [PKHCN], [CPCM], dl(Q4)),
        ("C", "2.6",
         "Nghị quyết của Hội đồng nhân dân tỉnh Quy định chính sách thu hút, trọng dụng nhân tài phục "
         "vụ phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Nai",
         NQ_BH, KPI_DT, [PKHCN], [CPCM], dl(Q4)),
        ("G", "3",
         "Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ trợ "
         "từ ngân sách địa phương cho các dự án sản xuất sản phẩm công nghệ số trọng điểm; dự án nghiên "
         "cứu và phát triển, thiết kế, sản phẩm chíp bán dẫn; dự án xây dựng trung tâm dữ liệu trí tuệ "
         "nhân tạo được nhà nước hỗ trợ trực tiếp chi phí đầu tư xây dựng nhà máy, hạ tầng kỹ thuật, "
         "trang thiết bị máy móc trên địa bàn tỉnh Đồng Nai",
         "Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ trợ "
         "từ ngân sách địa phương cho các dự án sản xuất sản phẩm công nghệ số trọng điểm; dự án nghiên "
         "cứu và phát triển, thiết kế, sản phẩm chíp bán dẫn; dự án xây dựng trung tâm dữ liệu trí tuệ "
         "nhân tạo được nhà nước hỗ trợ trực tiếp chi phí đầu tư xây dựng nhà máy, hạ tầng kỹ thuật, "
         "trang thiết bị máy móc trên địa bàn tỉnh Đồng Nai",
         NQ_BH, KPI_DT, [PCDS], [CPCM], dl(Q2)),
        ("G", "4",
         "Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ trợ "
         "từ ngân sách địa phương cho dự án khởi nghiệp sáng tạo trong công nghiệp công nghệ số trên địa "
         "bàn Đồng Nai",
         "Xây dựng Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức "
         "hỗ trợ từ ngân sách địa phương cho dự án khởi nghiệp sáng tạo trong công nghiệp công nghệ số",
         NQ_BH, KPI_DT, [PCDS], [CPCM], dl(Q2)),
        ("G", "5",
         "Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ trợ "
         "từ ngân sách địa phương cho doanh nghiệp thực hiện dự án thiết kế chip bán dẫn trên địa bàn "
         "Đồng Nai",
         "Xây dựng Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức "
         "hỗ trợ từ ngân sách địa phương cho doanh nghiệp thực hiện dự án thiết kế chip bán dẫn",
         NQ_BH, KPI_DT, [PCDS], [CPCM], dl(Q2)),
        ("G", "6",
         "Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức hỗ trợ "
         "từ ngân sách địa phương cho các dự án sản xuất sản phẩm phụ trợ trực tiếp trong công nghiệp "
         "bán dẫn và dự án sản xuất thiết bị điện tử trên địa bàn tỉnh Đồng Nai",
         "Xây dựng Nghị quyết ban hành quy định tiêu chí, điều kiện, trình tự, thủ tục, nội dung và mức "
         "hỗ trợ từ ngân sách địa phương cho các dự án sản xuất sản phẩm phụ trợ trực tiếp trong công "
         "nghiệp bán dẫn và dự án sản xuất thiết bị điện tử",
         NQ_BH, KPI_DT, [PCDS], [CPCM], dl(Q2)),
        ("G", "7",
         "Xây dựng Đề án thành lập Trung tâm đổi mới sáng tạo và chuyển đổi số để thúc đẩy các lĩnh vực "
         "công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh",
         "Xây dựng Đề án thành lập Trung tâm đổi mới sáng tạo và chuyển đổi số để thúc đẩy các lĩnh vực "
         "công ghệ, đổi mới sáng tạo và chuyển đổi số",
         "Đề án được ban hành", "Trung tâm đổi mới sáng tạo và chuyển đổi số được thành lập",
         [TTKHCN], [CPCM], dl(Q4)),
        ("G", "8",
         "Xây dựng, phê duyệt và triển khai Kiến trúc đô thị thông minh (ICT) phiên bản 2.0",
         "Xây dựng Kiến trúc đô thị thông minh (ICT) phiên bản 2.0",
         "Kiến trúc ban hành", KPI_DT, [PCDS], [CPCM],
         D("Năm 2026 (hoàn thành phê duyệt Đề án)", "year", "2026-01-01", "2026-12-31",
           note="hoàn thành phê duyệt Đề án")),
        ("G", "9",
         "Xây dựng bộ công cụ đánh giá mức độ chuyển đổi số cho các cơ quan nhà nước cấp tỉnh, cấp xã "
         "trên địa bàn tỉnh Đồng Nai",
         "Xây dựng bộ công cụ đánh giá mức độ chuyển đổi số cho các cơ quan nhà nước cấp tỉnh, cấp xã",
         "Bộ công cụ được triển khai", "100% đơn vị được triển khai bộ công cụ",
         [PCDS], [CPCM], dl(Q1)),
    ]),
    ("II", "Hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", [
        ("G", "1",
         "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp",
         "Triển khai mạng viễn thông vệ tinh sử dụng công nghệ vệ tinh quỹ đạo tầm thấp",
         "Báo cáo kết quả triển khai",
         "Mạng viễn thông sử dụng công nghệ vệ tinh quỹ đạo tầm thấp được triển khai",
         [PCDS], [CPCM], dl(Q4)),
        ("G", "2",
         "Tiếp tục Lập quy hoạch phân khu 1/2000 khu Công nghệ số tập trung Long Thành. Lựa chọn nhà đầu "
         "tư khu Công nghệ số tập trung Long Thành",
         "Lập quy hoạch phân khu 1/2000 khu Công nghệ số tập trung Long Thành",
         "Quy hoạch được phê duyệt", "Hoàn thành quy hoạch đúng tiến độ",
         [PCDS], [CPCM], dl(Q4)),
        ("G", "3",
         "Xây dựng Đề án thí điểm triển khai bản sao số cho một số thành phố lớn thuộc trung ương để "
         "quản lý, phát triển",
         "Xây dựng Đề án thí điểm triển khai bản sao số cho một số thành phố lớn",
         "Đề án được ban hành", KPI_DT, [PCDS], [CPCM], dl(Q3)),
    ]),
    ("III", "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của "
            "các cơ quan trong hệ thống chính trị", [
        ("G", "1",
         "Làm sạch và đồng bộ toàn bộ CSDL các ngành, lĩnh vực về Kho dữ liệu số tích hợp về Trung tâm "
         "giám sát, điều hành của tỉnh để phục vụ chỉ đạo điều hành dựa trên dữ liệu số",
         "Làm sạch và đồng bộ toàn bộ CSDL các ngành, lĩnh vực về Kho dữ liệu số tích hợp về Trung tâm "
         "giám sát, điều hành của tỉnh",
         "CSDL các ngành, được triển khai", "100% đồng bộ CSDL về IOC",
         [PCDS], [CPCM], dl(Q1)),
        ("G", "2",
         "Xây dựng chương trình chuyên biệt về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
         "trên truyền hình, phát thanh và mạng xã hội",
         "Chương trình được phát sóng trên Báo và PTTH Đồng Nai",
         "Chương trình được phát sóng trên truyền hình, phát thanh Báo và PTTH Đồng Nai và các nền tảng "
         "xã hội",
         "Định kỳ phát sóng theo từng chủ đề về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
         [PDMST, PKHCN, PCDS], [CPCM],
         D("Quý I/2026 và thường xuyên", "quarter", "2026-01-01", "2026-03-31",
           recurrence="continuous")),
    ]),
    ("IV", "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong "
           "doanh nghiệp", [
        ("G", "1",
         "Kế hoạch hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh",
         "Kế hoạch hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh",
         "Kế hoạch/ Chương trình được triển khai",
         "Dự thảo được thông qua và ban hành đúng thời hạn",
         [PCDS], [CPCM], dl(Q1)),
        ("G", "2",
         "Triển khai 84 nền tảng số dùng chung quốc gia trên địa bàn tỉnh",
         "Triển khai 84 nền tảng số dùng chung quốc gia trên địa bàn tỉnh",
         "Các nền tảng được triển khai", "84 nền tảng số dùng chung quốc gia được sử dụng",
         [PCDS], [CPCM], dl(Q2)),
        ("G", "3",
         "Xây dựng Dự án Xây dựng sàn giao dịch hàng hóa (giao dịch nông sản chủ lực của tỉnh như "
         "điều…) trên địa bàn tỉnh Đồng Nai",
         "- Thuận chủ trương cho triển khai Dự án được phê duyệt.\n- Dự án trình phê duyệt",
         "Quyết định của UBND tỉnh phê duyệt dự án", "Dự thảo được thông qua",
         [PCDS], [CPCM], dl(Q4)),
        ("G", "4",
         "Triển khai thí điểm nền tảng quản lý chợ",
         "Mô hình quản lý chợ được triển khai tại Phường Bình Phước",
         "Báo cáo tổng kết", "Kết quả hoạt động của mô hình",
         [PCDS], [CPCM], dl(Q4)),
        ("G", "5",
         "Triển khai thí điểm Cửa khẩu số Khu Kinh tế cửa khẩu Hoa Lư",
         "Nền tảng quản lý cửa khẩu số",
         "Dự án được thông qua", "Nền tảng được triển khai thí điểm tại các cửa khẩu",
         [PCDS], [CPCM], dl(Q4)),
        ("G", "6",
         "Triển khai đô thị thông minh cho cấp xã/phường",
         "Mô hình đô thị",
         "Triển khai mô hình điểm tại các xã/phường được lựa chọn",
         "Báo cáo kết quả triển khai, mô hình được hình hành để nhân rộng",
         [PCDS], [CPCM], dl(Q4)),
    ]),
    ("V", "Tăng cường hợp tác quốc tế", [
        ("G", "1",
         "Ký kết các chương trình phối hợp, hợp tác về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
         "đổi số",
         "Chương trình phối hợp, hợp tác về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
         "Chương trình được ký kết", "≥ 80% nội dung ký kết được triển khai",
         [PDMST, PKHCN, PCDS], [CPCM], THUONG_XUYEN()),
        ("G", "2",
         "Học tập kinh nghiệm trong và ngoài nước về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
         "đổi số",
         "Học tập kinh nghiệm trong và ngoài nước về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
         "đổi số",
         "Báo cáo kết quả thực hiện", "≥ 01 mô hình/ sáng kiến được đề xuất, xem xét",
         [VPS], [CPCM], THUONG_XUYEN()),
    ]),
]


# =========================================================================== assemble
def build():
    targets = []
    for sec_code, sec_title, rows in T1_SECTIONS:
        section = {"code": sec_code, "title": ws(sec_title)}
        for code, content, uom, target, leads, note in rows:
            targets.append({
                "ref": f"1/{sec_code}/{code}", "table": 1, "section": section, "code": code,
                "content": ws(content), "unit_of_measure": opt(uom), "target": target,
                "lead": units(*leads), "note": opt(note),
            })

    tasks = []
    for sec_code, sec_title, rows in T2_SECTIONS:
        section = {"code": sec_code, "title": ws(sec_title)}
        for code, title, leads, supports, output, deadline in rows:
            tasks.append({
                "ref": f"2/{sec_code}/-/{code}", "table": 2, "section": section, "group": None,
                "code": code, "title": ws(title), "output": opt(output), "kpi": None,
                "lead": units(*leads), "support": units(*supports), "deadline": deadline, "note": None,
            })

    for sec_code, sec_title, rows in T3_SECTIONS:
        section = {"code": sec_code, "title": ws(sec_title)}
        group = None
        uncoded = {}
        for row in rows:
            if row[0] == "G":
                _, gcode, gtitle, title, output, kpi, leads, supports, deadline = row
                group = {"code": gcode, "title": ws(gtitle)}
                code = None
                uncoded[gcode] = uncoded.get(gcode, 0) + 1
                last = f"#{uncoded[gcode]}"
            else:
                _, code, title, output, kpi, leads, supports, deadline = row
                assert group is not None and code.startswith(group["code"] + ".")
                last = code
            tasks.append({
                "ref": f"3/{sec_code}/{group['code']}/{last}", "table": 3, "section": section,
                "group": group, "code": code, "title": ws(title), "output": opt(output), "kpi": opt(kpi),
                "lead": units(*leads), "support": units(*supports), "deadline": deadline, "note": None,
            })

    doc = {"schema": "kehoach/1", "plan": plan, "tables": tables, "targets": targets, "tasks": tasks,
           "warnings": []}
    with open(os.path.join(GOLDEN, "001.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")

    with open(os.path.join(GOLDEN, "units-001.tsv"), "w", encoding="utf-8") as f:
        f.write("raw\tname\tid\tcollective\tparent\n")
        for raw in USED_UNITS:
            u = unit(raw)
            f.write("\t".join([u["raw"], u["name"], u["id"] or "", "yes" if u["collective"] else "no",
                               u["parent"] or ""]) + "\n")
    return doc


if __name__ == "__main__":
    d = build()
    print(f"targets: {len(d['targets'])}  tasks: {len(d['tasks'])}")
