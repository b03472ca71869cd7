#!/usr/bin/env python3
"""Golden file for plan 003: a revised version of plan 000, made for the diff tests.

A copy of golden/src/000.py (every row typed by hand from the source text of 000's appendix) with
the edits of corpus/src/003-edits.md applied by hand, each marked "# EDIT n".
Helpers only do mechanical work: the unit id from its name, the ref string, the
raw->canonical unit lookup (a table authored here).  Deadlines are typed by hand:
kind/start/end are NOT derived from the raw text.

Run:  python3 golden/src/003.py   (writes golden/003.json and golden/units-003.tsv)
"""
import json
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.dirname(HERE)


def fold_id(name):
    """Unit id: name folded to ASCII lower case, đ -> d, non-alphanumerics dropped, words joined by '-'."""
    s = name.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "-".join(words)


# raw (as printed, wrapped lines joined) -> (canonical name, collective)
# parent is null for every unit of this plan (a plan of the provincial Ban Chỉ đạo).
UNITS = {
    "Sở ngành": ("Các sở, ban, ngành", True),
    "UBND xã phường": ("Ủy ban nhân dân cấp xã", True),
    "UBND xã, phường": ("Ủy ban nhân dân cấp xã", True),
    "UBND cấp xã": ("Ủy ban nhân dân cấp xã", True),
    "Công an tỉnh": ("Công an tỉnh", False),
    "Văn phòng UBND tỉnh": ("Văn phòng Ủy ban nhân dân tỉnh", False),
    "Sở Khoa học và Công nghệ": ("Sở Khoa học và Công nghệ", False),
    "Doanh nghiệp viễn thông": ("Doanh nghiệp viễn thông", True),
    "Điện lực tỉnh": ("Công ty Điện lực Đồng Nai", False),
    "các đơn vị liên quan": ("Các đơn vị liên quan", True),
    "Sở Nội vụ": ("Sở Nội vụ", False),
    "Văn phòng Tỉnh uỷ": ("Văn phòng Tỉnh ủy", False),
    "Văn phòng Tỉnh ủy": ("Văn phòng Tỉnh ủy", False),
    "Văn phòng Tỉnh": ("Văn phòng Tỉnh ủy", False),
    "Sở Nông nghiệp và Môi trường": ("Sở Nông nghiệp và Môi trường", False),
    "Sở Tài chính": ("Sở Tài chính", False),
    "Sở Xây dựng": ("Sở Xây dựng", False),
    "Thanh tra tỉnh": ("Thanh tra tỉnh", False),
    "Sở Tư Pháp": ("Sở Tư pháp", False),
    "Sở Tư pháp": ("Sở Tư pháp", False),
    "Sở Y tế": ("Sở Y tế", False),
    "Sở Giáo dục và Đào tạo": ("Sở Giáo dục và Đào tạo", False),
    "Sở Công Thương": ("Sở Công Thương", False),
    "Cơ quan liên quan": ("Các cơ quan liên quan", True),
    "cơ quan chủ quản CSDL": ("Cơ quan chủ quản cơ sở dữ liệu", True),
    "Các ban đảng": ("Các ban đảng Tỉnh ủy", True),
    "MTTQ tỉnh": ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", False),
    "UBND tỉnh": ("Ủy ban nhân dân tỉnh", False),
    "các sở, ngành, địa phương": ("Các sở, ngành, địa phương", True),
    "Liên hiệp các hội KHKT": ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", False),
}
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
    ref = "1/%s/%s/%s" % (_section["code"] if _section else "-", _group["code"] if _group else "-", last)
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


# Repeated collections of units, typed once.
BAN_MTTQ_SO_XA = ["Các ban đảng", "MTTQ tỉnh", "Sở ngành", "UBND xã phường"]
TC_TP_SNDP = ["Sở Tài chính", "Sở Tư pháp", "các sở, ngành, địa phương"]
TC_TP_GD_LH_SNDP = ["Sở Tài chính", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Liên hiệp các hội KHKT",
                    "các sở, ngành, địa phương"]

# ---------------------------------------------------------------------------
S("I", "Về chuyển đổi số")

G("1", "Ban hành hoặc tham mưu cấp có thẩm quyền ban hành các quy định gắn mã định danh cá nhân, "
       "tổ chức với tất cả các giấy tờ có liên quan đến cá nhân, tổ chức để bảo đảm tính duy nhất, "
       "giá trị pháp lý, tạo điều kiện thuận lợi cho việc số hoá, tạo lập dữ liệu")
T("1.1",
  "Rà soát, đề xuất các giấy tờ có liên quan đến cá nhân, tổ chức để gắn mã định danh cá nhân, tổ chức "
  "theo yêu cầu của TW",
  "Báo cáo rà soát và danh mục đề xuất",
  "100% giấy tờ, kết quả giải quyết TTHC được rà soát",
  ["Sở ngành", "UBND xã phường"],
  ["Công an tỉnh", "Văn phòng UBND tỉnh"],
  D("31/01/2026", "date", None, "2026-01-31"))  # EDIT 2: was 30/11/2025
T("1.2",
  "Tổng hợp, tham mưu cấp có thẩm quyền ban hành các quy định gắn mã định danh cá nhân, tổ chức với tất "
  "cả các giấy tờ có liên quan đến cá nhân, tổ chức để bảo đảm tính duy nhất, giá trị pháp lý, tạo điều "
  "kiện thuận lợi cho việc số hoá, tạo lập dữ liệu",
  "Văn bản đề xuất",
  "Văn bản được ban hành",
  ["Công an tỉnh"],
  ["Văn phòng UBND tỉnh", "Sở ngành", "UBND xã phường"],
  D("31/12/2025", "date", None, "2025-12-31"))

G("2", "Bảo đảm bố trí nhân sự chuyên trách về công nghệ thông tin, chuyển đổi số; tổ chức bồi dưỡng, "
       "tập huấn kỹ năng số cho cán bộ, công chức, viên chức đáp ứng yêu cầu công tác. Phát huy hiệu quả "
       "của các Tổ công nghệ số cộng đồng trong hỗ trợ người dân.")
T("2.1",
  "Đào tạo, bồi dưỡng kỹ năng số, an toàn trên không gian mạng và khai thác dữ liệu trên ứng dụng VNeID "
  "… cho Tổ Công nghệ số cộng đồng",
  "Báo cáo Tổng kết các đợt tập huấn kỹ năng số cho Tổ CNSCĐ",
  "Tỷ lệ thành viên Tổ CNSCĐ được tập huấn, bồi dưỡng đạt 80%",  # EDIT 11: was "… được tập huấn đạt 60%"
  ["Sở Khoa học và Công nghệ"],
  ["Công an tỉnh", "Văn phòng UBND tỉnh", "UBND xã phường"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("2.2",
  "Tập huấn sử dụng các hệ thống thông tin dùng chung cho CBCCVC sử dụng hệ thống",
  "Báo cáo Tổng kết các đợt tập huấn sử dụng các hệ thống thông tin dùng",
  "100% CBCCVC sử dụng hệ thống thông tin được tập huấn",
  ["Sở Khoa học và Công nghệ"],
  ["Sở ngành", "UBND xã phường"],
  D("31/12/2025", "date", None, "2025-12-31"))
# EDIT 7: 2.3 "Đào tạo 100 chuyên gia về chuyển đổi số" moved to group 14 (14.4, below).
T("2.3",  # EDIT 8: was 2.4
  "Đào tạo kỹ năng số cho CBCCVC theo Quyết định số 757/QĐ-BKHCN",
  "Báo cáo Tổng kết các đợt tập huấn, bồi dưỡng theo Quyết định số 757/QĐ-BKHCN",
  "90% CBCCVC tham gia trên nền tảng https://binhdanhocvuso.dongnai.gov.vn/ hoàn thành sát hạch",
  ["Sở Khoa học và Công nghệ"],
  ["Sở ngành", "UBND xã phường"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("2.4",  # EDIT 9: a new task
  "Tập huấn kỹ năng số cơ bản cho người dân thông qua nền tảng Bình dân học vụ số",
  "Báo cáo kết quả tập huấn kỹ năng số cho người dân",
  "Tỷ lệ người dân trưởng thành được tập huấn kỹ năng số cơ bản đạt 50%",
  ["Sở Khoa học và Công nghệ"],
  ["Sở ngành", "UBND xã phường"],
  D("Quý II/2026", "quarter", "2026-04-01", "2026-06-30"))

G("3", "Rà soát, đánh giá lại toàn bộ thủ tục hành chính cấp tỉnh, cấp xã để đề xuất phương án cắt giảm, "
       "đơn giản hoá thực chất, hiệu quả, báo cáo cấp có thẩm quyền xem xét, quyết định")
T("3.1",
  "Theo dõi, triển khai, đôn đốc rà soát, cắt giảm, đơn giản hoá TTHC",
  "Văn bản triển khai, hướng dẫn, đôn đốc",
  "100% TTHC cấp tỉnh, cấp xã được rà soát",
  ["Văn phòng UBND tỉnh"],
  [],
  D("Thường xuyên", "recurring", None, None, recurrence="continuous"))
T("3.2",
  "Hoàn thành rà soát, đánh giá toàn bộ TTHC cấp tỉnh, cấp xã theo yêu cầu của TƯ",
  "Báo cáo rà soát toàn diện TTHC cấp tỉnh, cấp xã và Danh mục đề xuất cắt giảm",
  "Đề xuất đơn giản hóa/Cắt giảm tối thiểu 10% số lượng TTHC, giảm 30% thời gian thực hiện TTHC",
  ["Sở ngành", "UBND cấp xã"],
  ["Văn phòng UBND tỉnh"],
  D("31/12/2025", "date", None, "2025-12-31"))  # EDIT 3: was 10/12/2025
T("3.3",
  "Phê duyệt phương án cắt giảm, đơn giản hóa thực chất, hiệu quả các TTHC đã rà soát theo thẩm quyền",
  "Quyết định phê duyệt phương án cắt giảm, đơn giản hóa TTHC",
  "Hoàn thành 100%",
  ["UBND tỉnh"],  # EDIT 12: was Văn phòng UBND tỉnh
  ["Sở ngành"],
  D("31/12/2025", "date", None, "2025-12-31"))

G("4", "Chủ trì, phối hợp với Văn phòng Chính phủ, Bộ Công an rà soát, cấu trúc lại quy trình các dịch vụ "
       "công trực tuyến có tỷ lệ hồ sơ trực tuyến thấp, tỷ lệ phải bổ sung, sửa lỗi cao, bảo đảm người dân, "
       "doanh nghiệp “chỉ khai báo thông tin một lần”.")
T("4.1",
  "Hoàn thành rà soát, đánh giá toàn bộ dịch vụ công trực tuyến có tỷ lệ hồ sơ trực tuyến thấp, tỷ lệ "
  "phải bổ sung, sửa lỗi cao theo yêu cầu của TW",
  "Báo cáo rà soát toàn diện DVCTT cấp tỉnh, cấp xã và Danh mục, phương án đề xuất tái cấu trúc",
  "Đề xuất tối thiểu 80% hồ sơ TTHC được xử lý hoàn toàn trực tuyến người dân, doanh nghiệp chỉ khai "
  "báo thông tin 1 lần",
  ["Sở ngành", "UBND cấp xã"],
  ["Văn phòng UBND tỉnh"],
  D("10/12/2025", "date", None, "2025-12-10"))
T("4.2",
  "Phê duyệt phương án cấu trúc lại quy trình các DVCTT đã rà soát",
  "Quyết định phương án cấu trúc lại quy trình các DVCTT có tỷ lệ hồ sơ trực tuyến thấp, tỷ lệ phải bổ "
  "sung, sửa lỗi cao",
  "Hoàn thành 100%",
  ["Văn phòng UBND tỉnh"],
  ["Sở ngành", "UBND cấp xã"],
  D("31/12/2025", "date", None, "2025-12-31"))

G("5", "Triển khai Chuyển đổi số nhanh, đồng bộ, hiệu quả, liên thông")
T("5.1",  # printed "5.1." (trailing dot)
  "Hoàn thành phủ sóng băng rộng cố định tại 100% xã/phường vùng biên giới, vùng khó khăn",
  "Báo cáo kết quả triển khai hạ tầng số của 100% xã/phường vùng lõm",
  "100 % ấp, khu phố có sóng băng rộng ổn định",
  ["Doanh nghiệp viễn thông"],
  ["Sở Khoa học và Công nghệ", "Điện lực tỉnh", "các đơn vị liên quan"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("5.2",
  "Thực hiện nghiêm túc công tác số hóa hồ sơ công việc, tài liệu",
  "Cơ sở dữ liệu dùng chung, cơ sở dữ liệu chuyên ngành, …",
  "Hoàn thành số hoá ít nhất 30% tài liệu lưu trữ lịch sử có giá trị cao theo yêu cầu tại Kế hoạch số "
  "02-KH/BCĐTW",
  ["Sở Nội vụ"],
  ["Sở ngành", "UBND cấp xã"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("5.3",
  "Số hoá thành phần hồ sơ, kết quả giải quyết TTHC",
  "Cơ sở dữ liệu về thành phần hồ sơ, kết quả TTHC",
  "Thành phần hồ sơ, kết quả giải quyết TTHC được số hoá theo quy định đạt 100 %",
  ["Sở ngành", "UBND xã, phường"],
  ["Văn phòng UBND tỉnh"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("5.4",
  # "02-" / "KH/BCĐTW" is a code wrapped after its hyphen: joined without a space.
  "Triển khai xây dựng 12 CSDLQG và chuyên ngành trọng yếu ưu tiên hoàn thành trong năm 2025 theo Kế "
  "hoạch 02-KH/BCĐTW",
  "12 CSDL được tạo lập",
  "Tiến độ tạo lập CSDL thuộc top 5 tỉnh thành",
  ["Văn phòng Tỉnh uỷ", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Xây dựng", "Thanh tra tỉnh",
   "Sở Tư Pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Công Thương"],
  ["Cơ quan liên quan"],
  D("31/12/2025 Riêng CSDL về tổ chức đảng, đảng viên, CBCC (31/12/2026)", "date", None, "2025-12-31",
    exceptions=[{"note": "Riêng CSDL về tổ chức đảng, đảng viên, CBCC", "end": "2026-12-31"}]))
T("5.5",
  "Đồng bộ CSDL quốc gia, CSDL chuyên ngành về CSDL tổng hợp quốc gia để cắt giảm TTHC, tối ưu hoá quy "
  "trình",
  "CSDL được chia sẻ, kết nối",
  "Tối thiểu 12 CSDL trọng yếu được đồng bộ",
  ["Sở ngành", "cơ quan chủ quản CSDL"],
  ["Công an tỉnh", "Sở Khoa học và Công nghệ"],
  D("Thường xuyên", "recurring", None, None, recurrence="continuous"))

G("6", "Bảo đảm trụ sở, thiết bị, hạ tầng mạng phục vụ giải quyết thủ tục hành chính theo Nghị định số "
       "118/2025/NĐ-CP")
T("6.1",
  "Rà soát hiện trạng, cơ sở vật chất, thiết bị đầu cuối, hạ tầng mạng phục vụ giải quyết TTHC theo "
  "Nghị định số 118/2025/NĐ-CP",
  "Báo cáo rà soát toàn diện và đề xuất nếu vượt thẩm quyền",
  "100% đơn vị rà soát, có báo cáo kết quả",
  ["UBND xã, phường"],
  ["Sở Khoa học và Công nghệ"],  # EDIT 13: was empty
  D("Thường xuyên", "recurring", None, None, recurrence="continuous"))
T("6.2",
  "Đánh giá, đề xuất chủ trương mua sắm trang thiết bị phục vụ giải quyết TTHC",
  "Kế hoạch mua sắm trang thiết bị phục vụ giải quyết TTHC",
  "100% đơn vị chưa đảm bảo trang thiết bị được phê duyệt chủ trương mua sắm",
  ["Sở Khoa học và Công nghệ"],
  [],
  D("30/9/2025 (đã thực hiện)", "date", None, "2025-09-30", status="done"))
T("6.3",
  "Bố trí kinh phí mua sắm trang thiết bị phục vụ giải quyết TTHC",
  "Quyết định bố trí kinh phí thực hiện",
  "100% đơn vị chưa đảm bảo trang thiết bị được phân bổ kinh phí",
  ["Sở Tài chính"],
  ["Sở Khoa học và Công nghệ", "UBND xã phường"],
  D("Quý I/2026", "quarter", "2026-01-01", "2026-03-31"))  # EDIT 4: was 30/11/2025
T("6.4",
  "Thực hiện mua sắm, lắp đặt trang thiết bị phục vụ giải quyết TTHC",  # EDIT 15: was "Thực hiện mua sắm trang thiết bị"
  "Thiết bị được mua sắm đáp ứng tiêu chuẩn kỹ thuật",
  "100% đơn vị cấp xã đạt tiêu chuẩn tối thiểu về hạ tầng TTHC theo NĐ 118",
  ["UBND xã, phường"],
  ["Sở Tài chính", "Sở Khoa học và Công nghệ"],
  D("31/12/2025", "date", None, "2025-12-31"))

G("7", "Bảo đảm an toàn, an ninh mạng trong suốt quá trình chuyển đổi số; khẩn trương khắc phục ngay tình "
       "trạng nhiều hệ thống thông tin chưa được phê duyệt cấp độ an toàn, còn tồn tại các lỗ hổng, giải "
       "pháp bảo mật chưa tương xứng")
T("7.1",
  "Đảm bảo an toàn thông tin, an toàn dữ liệu đối với các thiết bị đầu cuối",
  "Thiết bị đầu cuối được cài đặt phần mềm phòng chống mã độc",
  "100% thiết bị đầu cuối được cài đặt phần mềm phòng chống mã độc",
  BAN_MTTQ_SO_XA,
  ["Công an tỉnh", "Sở Khoa học và Công nghệ"],
  D("31/12/2025", "date", None, "2025-12-31"))
T("7.2",
  "Rà soát, đề xuất phê duyệt cấp độ an toàn thông tin đối với hệ thống thông tin của đơn vị",
  "Tờ trình và hồ sơ đề xuất cấp độ",
  "100% hệ thống thông tin của đơn vị được rà soát, đề xuất cấp độ",
  BAN_MTTQ_SO_XA,
  ["Công an tỉnh"],
  D("10/12/2025", "date", None, "2025-12-10"))
T("7.3",
  "Theo dõi, đánh giá, phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin",
  "Quyết định phê duyệt cấp độ an toàn hệ thống thông tin",  # EDIT 14: was "Quyết định phê duyệt cấp độ"
  "100% hệ thống thông tin trên địa bàn tỉnh được phê duyệt cấp độ",
  ["Công an tỉnh"],
  BAN_MTTQ_SO_XA,
  D("30/12/2025", "date", None, "2025-12-30"))
# EDIT 6: 7.4 "Kiểm tra, đánh giá an toàn thông tin, phương án" deleted.
T("7.4",  # EDIT 6: was 7.5
  "Sẵn sàng có phương án dự phòng, kịch bản ứng phó khi hệ thống bị lỗi, tấn công, đảm bảo phục vụ người "
  "dân, doanh nghiệp không bị gián đoạn",
  "Phương án ứng cứu xử lý sự cố ATTT",
  "100% hệ thống thông tin đã ban hành đầy đủ các phương án ứng cứu xử lý sự cố ATTT",
  BAN_MTTQ_SO_XA,
  ["Công an tỉnh"],
  D("30/12/2025", "date", None, "2025-12-30"))

G("8", "Phối hợp chặt chẽ với Ban Cơ yếu Chính phủ trong việc triển khai giải pháp bảo mật mạng thông tin "
       "diện rộng của cơ quan Đảng với phạm vi mở rộng theo hướng thống nhất, dùng chung cho các cơ quan "
       "trong toàn hệ thống chính trị phục vụ gửi nhận văn bản và xử lý hồ sơ cấp độ Mật, Tối Mật.")
T(None,
  "Tham mưu Thường trực Tỉnh ủy văn bản chỉ đạo Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ "
  "quốc tỉnh triển khai thực hiện",
  "Công văn triển khai",
  "100% các đơn vị hoàn thành triển khai",
  ["Văn phòng Tỉnh ủy"],
  ["UBND tỉnh", "Sở Khoa học và Công nghệ"],
  D("30/11/2025", "date", None, "2025-11-30"))

G("9", "Bảo đảm đủ, kịp thời kinh phí để nâng cấp hạ tầng kỹ thuật, trang thiết bị và giải pháp an toàn "
       "thông tin, bảo mật dữ liệu theo Đề án và Dự án chuyển đổi số trong các cơ quan Đảng.")
T(None,
  L("- Dự án Nâng cấp Trung tâm tích hợp dữ liệu Tỉnh ủy.",
    "- Dự án Mua sắm thiết bị tường lửa và bộ chuyển mạch phục vụ kết nối mạng nội bộ tại các cơ quan "
    "Đảng và các Đảng ủy trực thuộc Tỉnh ủy với mạng thông tin của Đảng.",
    "- Dự án Trang bị máy tính bảng họp không giấy."),
  L("- Nâng cấp Trung tâm tích hợp dữ liệu Tỉnh ủy.",
    "- Mua sắm thiết bị tường lửa và bộ chuyển mạch phục vụ kết nối mạng nội bộ tại các cơ quan Đảng và "
    "các Đảng ủy trực thuộc Tỉnh ủy với mạng thông tin của Đảng.",
    "- Trang bị máy tính bảng họp không giấy."),
  "100% hoàn thành dự án",
  ["Văn phòng Tỉnh"],
  ["UBND tỉnh", "Sở Khoa học và Công nghệ"],
  D("31/12/2025", "date", None, "2025-12-31"))

# ---------------------------------------------------------------------------
S("II", "Về khoa học, công nghệ, đổi mới sáng tạo")

KPI_GOPY_NQ = ("01 dự thảo Nghị quyết được điều chỉnh, bổ sung theo góp ý các sở, ngành và báo cáo giải "
               "trình, tiếp thu các ý kiến sở, ngành, địa phương thông qua")
KPI_GOPY_QD = ("01 dự thảo Quyết định được điều chỉnh, bổ sung theo góp ý các sở, ngành và báo cáo giải "
               "trình, tiếp thu các ý kiến sở, ngành, địa phương thông qua")
KPI_GOPY_KH = ("01 dự thảo Kế hoạch được điều chỉnh, bổ sung theo góp ý các sở, ngành và báo cáo giải "
               "trình, tiếp thu các ý kiến sở, ngành, địa phương thông qua")
TITLE_GOPY = "Hoàn thành lấy ý kiến các sở, ngành, địa phương liên quan."
OUT_GOPY = "Tổng hợp ý kiến góp ý và Báo cáo giải trình kèm theo."

G("10", "Chính sách hỗ trợ tổ chức, cá nhân đầu tư, đổi mới thiết bị công nghệ")
T("10.1", "Hoàn thành Dự thảo Nghị quyết",
  "Dự thảo Nghị quyết đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Nghị quyết được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))
T("10.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_NQ,
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/3/2026", "date", None, "2026-03-31"))
T("10.3", "Hoàn thành ban hành",
  "Nghị quyết đã được cấp có thẩm quyền ban hành.",
  "01 Nghị quyết được Hội đồng nhân dân tỉnh thông qua, ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("30/6/2026", "date", None, "2026-06-30"))

G("11", "Xây dựng và triển khai chính sách thu hút, khuyến khích các doanh nghiệp công nghệ trong nước và "
        "FDI tham gia vào hệ sinh thái nghiên cứu và phát triển (R&D) khoa học công nghệ của tỉnh theo mô "
        "hình liên kết 3 nhà;")
T("11.1", "Hoàn thành Dự thảo Nghị quyết",
  "Dự thảo Nghị quyết đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Nghị quyết được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))
T("11.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_NQ,
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/3/2026", "date", None, "2026-03-31"))
T("11.3", "Hoàn thành ban hành.",
  "Nghị quyết đã được cấp có thẩm quyền ban hành.",
  "01 Nghị quyết được Hội đồng nhân dân tỉnh thông qua, ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("30/6/2026", "date", None, "2026-06-30"))

G("12", "Chính sách hỗ trợ, ưu đãi của tỉnh về đầu tư, phát triển hệ thống các trung tâm nghiên cứu, thử "
        "nghiệm, các phòng thí nghiệm phục vụ cho hệ sinh thái công nghiệp công nghệ số tỉnh, phục vụ "
        "nghiên cứu khoa học tại các trường cao đẳng, đại học có đủ điều kiện.")
T("12.1", "Hoàn thành Dự thảo Nghị quyết",
  "Dự thảo Nghị quyết đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Nghị quyết được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))
T("12.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_NQ,
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/3/2026", "date", None, "2026-03-31"))
T("12.3", "Hoàn thành ban hành",
  "Nghị quyết đã được cấp có thẩm quyền ban hành.",
  "01 Nghị quyết được Hội đồng nhân dân tỉnh thông qua, ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("30/6/2026", "date", None, "2026-06-30"))

G("13", "Ban hành Quyết định thành lập Hội đồng quản lý Quỹ phát triển khoa học công nghệ, Quy chế quản "
        "lý tài chính của Quỹ phát triển khoa học công nghệ trước 31/12/2025.")
T("13.1", "Hoàn thành Dự thảo Quyết định",
  "Dự thảo Quyết định đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Quyết định được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("10/11/2025", "date", None, "2025-11-10"))  # EDIT 5: was 15/11/2025
T("13.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_QD,
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("30/11/2025", "date", None, "2025-11-30"))
T("13.3", "Hoàn thành ban hành.",
  "Quyết định đã được cấp có thẩm quyền ban hành.",
  "01 Quyết định được Ủy ban nhân dân tỉnh thông qua, ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))

G("14", "Ban hành Kế hoạch triển khai Chiến lược quốc gia về thu hút, trọng dụng nhân tài đến năm 2030, "
        "tầm nhìn đến năm 2050 phục vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
        "trên địa bàn tỉnh")
T("14.1", "Hoàn thành Dự thảo Kế hoạch",
  "Dự thảo Kế hoạch đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Kế hoạch được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("30/11/2025", "date", None, "2025-11-30"))
T("14.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_KH,
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("15/12/2025", "date", None, "2025-12-15"))
T("14.3", "Hoàn thành ban hành.",
  "Kế hoạch đã được cấp có thẩm quyền ban hành.",
  "01 Kế hoạch được Ủy ban nhân dân tỉnh ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))
T("14.4",  # EDIT 7: was 2.3 in section I, group 2, "Đào tạo 100 chuyên gia về chuyển đổi số"
  "Đào tạo, bồi dưỡng 100 chuyên gia về chuyển đổi số",
  "Báo cáo Tổng kết các đợt tập huấn, bồi dưỡng 100 chuyên gia",
  "100 CBCCVC được giao phụ trách về chuyển đổi số, thành viên đội ứng cứu sự cố được đào tạo",
  ["Sở Khoa học và Công nghệ"],
  ["Sở ngành", "UBND xã phường"],
  D("31/12/2025", "date", None, "2025-12-31"))

G("15", "Ban hành Kế hoạch thúc đẩy nghiên cứu và phát triển khoa học, công nghệ, đào tạo nguồn nhân lực "
        "công nghệ thông qua các quỹ đầu tư của tỉnh và các quỹ R&D của các doanh nghiệp, các tổ chức R&D "
        "và các cơ sở giáo dục trên địa bàn tỉnh")
T("15.1", "Hoàn thành Dự thảo Kế hoạch",
  "Dự thảo Kế hoạch đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Kế hoạch được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("30/11/2025", "date", None, "2025-11-30"))
T("15.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_KH,
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("15/12/2025", "date", None, "2025-12-15"))
T("15.3", "Hoàn thành ban hành.",
  "Kế hoạch đã được cấp có thẩm quyền ban hành.",
  "01 Kế hoạch được Ủy ban nhân dân tỉnh ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_GD_LH_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))

G("16", "Ban hành quyết định phê duyệt các công nghệ/sản phẩm chiến lược phù hợp với tỉnh Đồng Nai và "
        "giao nhiệm vụ nghiên cứu, ứng dụng, chuyển giao và làm chủ được ít nhất 03 công nghệ/sản phẩm "
        "chiến lược cho doanh nghiệp, trường đại học, viện nghiên cứu, trung tâm nghiên cứu, ứng dụng "
        "khoa học và công nghệ trên địa bàn tỉnh;")
T("16.1", "Hoàn thành Dự thảo Quyết định",
  "Dự thảo Quyết định đã được cơ quan chủ trì ký nháy.",
  "01 dự thảo Quyết định được hoàn thiện",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("13/11/2025", "date", None, "2025-11-13"))
T("16.2", TITLE_GOPY, OUT_GOPY, KPI_GOPY_QD,
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("15/12/2025", "date", None, "2025-12-15"))
T("16.3", "Hoàn thành ban hành.",
  "Quyết định đã được cấp có thẩm quyền ban hành.",
  "01 Quyết định được Ủy ban nhân dân tỉnh thông qua, ban hành",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("31/12/2025", "date", None, "2025-12-31"))
T("16.4",  # EDIT 10: a new task
  "Tổ chức triển khai nhiệm vụ nghiên cứu, ứng dụng, chuyển giao công nghệ/sản phẩm chiến lược đã được phê "
  "duyệt",
  "Các nhiệm vụ khoa học và công nghệ được giao thực hiện",
  "Ít nhất 03 công nghệ/sản phẩm chiến lược được giao nhiệm vụ nghiên cứu, ứng dụng",
  ["Sở Khoa học và Công nghệ"], TC_TP_SNDP,
  D("Năm 2026", "year", "2026-01-01", "2026-12-31"))

# ---------------------------------------------------------------------------
# 003's body is 000's, unchanged (corpus/src/003-edits.md edits the appendix only): its goals are
# the ones typed by hand in 000.py, taken from there rather than typed twice.
import importlib.util as _ilu

_spec = _ilu.spec_from_file_location("golden_000", os.path.join(os.path.dirname(os.path.abspath(__file__)), "000.py"))
_g000 = _ilu.module_from_spec(_spec)
_spec.loader.exec_module(_g000)
TARGETS = _g000.TARGETS


DOC = {
    "schema": "kehoach/1",
    "plan": {
        "kind": "Kế hoạch",
        "number": "12-KH/BCĐ",      # EDIT 1: "Số: 12-KH/BCĐ" (000: blank)
        "issued_on": "2025-11-25",  # EDIT 1: "Đồng Nai, ngày 25 tháng 11 năm 2025" (000: day blank)
        "issuer": "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Nai",
        "title": "Triển khai Thông báo kết luận số 07-TB/CQTTBCĐ ngày 15 tháng 10 năm 2025 của Cơ quan "
                 "thường trực của Ban chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng "
                 "tạo và chuyển đổi số",
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


def _check_nfc(obj):
    if isinstance(obj, str):
        assert unicodedata.is_normalized("NFC", obj), obj
        assert obj == obj.strip() and "  " not in obj, repr(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _check_nfc(v)
    elif isinstance(obj, list):
        for v in obj:
            _check_nfc(v)


if __name__ == "__main__":
    _check_nfc(DOC)
    refs = [t["ref"] for t in TASKS]
    assert len(refs) == len(set(refs)), "duplicate refs"
    unused = [r for r in UNITS if r not in USED_RAWS]
    assert not unused, "unused unit mappings: %r" % unused
    with open(os.path.join(GOLDEN, "003.json"), "w", encoding="utf-8") as f:
        json.dump(DOC, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(GOLDEN, "units-003.tsv"), "w", encoding="utf-8") as f:
        f.write("raw\tname\tid\tcollective\tparent\n")
        for raw in USED_RAWS:
            name, collective = UNITS[raw]
            f.write("%s\t%s\t%s\t%s\t%s\n" % (raw, name, fold_id(name), "yes" if collective else "no", ""))
    print("tasks:", len(TASKS), "units:", len(USED_RAWS))
