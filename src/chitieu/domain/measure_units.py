"""Measure units (ĐVT) that follow a number in Vietnamese reports, and their families.

The lexicon is the counting nouns and physical units of public-sector reporting; a number
followed by none of them is not treated as an indicator value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class UnitFamily(StrEnum):
    PERCENT = "percent"
    PERMILLE = "permille"
    MONEY = "money"
    AREA = "area"
    LENGTH = "length"
    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"
    SCORE = "score"
    TIME = "time"
    ENERGY = "energy"


@dataclass(frozen=True, slots=True)
class MeasureUnit:
    text: str  # as written in the document
    family: UnitFamily
    scale: float = 1.0  # multiplier to the family's base (đồng for money, m² for area...)


_MONEY = {"đồng": 1.0, "đ": 1.0, "nghìn đồng": 1e3, "ngàn đồng": 1e3, "triệu đồng": 1e6,
          "triệu": 1e6, "tr.đồng": 1e6, "tr. đồng": 1e6, "tr đồng": 1e6, "trđ": 1e6,
          "tỷ đồng": 1e9, "tỷ": 1e9, "nghìn tỷ đồng": 1e12, "nghìn tỷ": 1e12, "usd": 1.0,
          "triệu usd": 1e6, "đô la mỹ": 1.0,
          # 'tỉ' is the same word as 'tỷ' in the other spelling; 'ngàn' is the southern 'nghìn'
          "tỉ đồng": 1e9, "tỉ": 1e9, "nghìn tỉ đồng": 1e12, "nghìn tỉ": 1e12, "ngàn tỷ đồng": 1e12,
          "ngàn tỷ": 1e12, "ngàn tỉ đồng": 1e12, "ngàn tỉ": 1e12, "triệu tỷ đồng": 1e15, "triệu tỉ đồng": 1e15,
          "tỷ usd": 1e9, "tỉ usd": 1e9, "nghìn usd": 1e3, "ngàn usd": 1e3, "triệu đô la mỹ": 1e6}
_AREA = {"ha": 1e4, "héc ta": 1e4, "hecta": 1e4, "hécta": 1e4, "hec-ta": 1e4, "héc-ta": 1e4, "m2": 1.0, "m²": 1.0,
         "km2": 1e6, "km²": 1e6}
_LENGTH = {"km": 1e3, "m": 1.0, "mét": 1.0, "cây số": 1e3}
_MASS = {"tấn": 1e3, "kg": 1.0, "tạ": 100.0, "tạ/ha": 100.0, "nghìn tấn": 1e6, "ngàn tấn": 1e6, "triệu tấn": 1e9,
         "tấn/ha": 1e3}
_ENERGY = {"kwh": 1.0, "mwh": 1e3, "gwh": 1e6, "triệu kwh": 1e6}
_VOLUME = {"m3": 1.0, "m³": 1.0, "triệu m³": 1e6, "triệu m3": 1e6, "lít": 1e-3}
_TIME = {"ngày": 1.0, "tháng": 30.0, "giờ": 1 / 24, "phút": 1 / 1440}

# Counting nouns seen in local-government reports; the regex tries longer phrases first.

_MULTI_WORD_COUNTS = [
    "lượt người", "lượt khách", "lượt bệnh nhân", "hộ dân", "hộ gia đình", "hộ nghèo", "nhân khẩu",
    "lao động", "học viên", "học sinh", "sinh viên", "trẻ em", "giáo viên", "bác sĩ", "bác sỹ",
    "y bác sĩ", "cán bộ", "công chức", "viên chức", "đảng viên", "đảng viên mới", "đồng chí",
    "đoàn viên", "hội viên", "thanh niên", "bị can", "đối tượng", "quần chúng ưu tú", "đại biểu",
    "thí sinh", "tân binh", "công dân", "xã, thị trấn", "xã, phường, thị trấn", "thị trấn",
    "bản, tổ dân phố", "bản, khu phố", "thôn, bản", "tổ dân phố", "khu phố", "đơn vị", "cơ quan",
    "cơ quan, đơn vị", "cơ quan, tổ chức", "tổ chức", "tổ chức đảng", "tổ chức cơ sở đảng",
    "chi bộ", "đảng bộ", "đảng bộ cơ sở", "chi, đảng bộ cơ sở", "doanh nghiệp", "hợp tác xã",
    "tổ hợp tác", "cơ sở", "trường học", "điểm trường", "lớp học", "phòng học", "trạm y tế",
    "công trình", "dự án", "công trình, dự án", "hạng mục", "tuyến đường", "nhà ở", "nhà văn hóa",
    "căn nhà", "nhà tạm", "con gia súc", "con gia cầm", "cây giống", "cây xanh", "ô tô",
    "phương tiện", "vụ việc", "vụ án", "vụ tai nạn", "đơn thư", "văn bản", "nghị quyết",
    "kết luận", "quyết định", "chỉ thị", "kế hoạch", "chương trình", "đề án", "báo cáo",
    "hướng dẫn", "công văn", "thông báo", "quy định", "cuộc kiểm tra", "cuộc giám sát",
    "hội nghị", "kỳ họp", "sản phẩm", "mô hình", "điểm nhóm", "điểm, nhóm", "câu lạc bộ",
    "hồ sơ", "giấy chứng nhận", "thửa đất", "tài khoản", "thẻ bhyt", "suất quà", "phần quà",
    "lồng bè", "tin bài", "tin, bài", "bài viết", "chuyên mục", "phóng sự", "ý kiến", "kiến nghị",
    "vấn đề", "nội dung", "chỉ tiêu", "tiêu chí", "tiêu chí/xã", "mục tiêu", "nhiệm vụ", "giải pháp",
    "di tích", "lễ hội", "giải thưởng", "huy chương", "bằng khen", "giấy khen", "biển báo",
    "cụm pano", "băng rôn", "khẩu hiệu", "tờ rơi", "tài liệu", "giường bệnh", "điểm cầu",
    "trường hợp", "lượt", "người", "hộ", "khẩu", "khách", "trẻ", "cháu", "xã", "phường", "bản",
    "thôn", "huyện", "tỉnh", "trường", "lớp", "phòng", "trạm", "tuyến", "cầu", "nhà", "con", "cây",
    "xe", "vụ", "đơn", "cuộc", "buổi", "đợt", "lần", "phiên", "ca", "nhóm", "đội", "tổ", "đoàn",
    "thửa", "thẻ", "suất", "bộ", "chiếc", "cái", "tấm", "ao", "tin", "bài", "giải", "biển", "pano",
    "cuốn", "máy", "ghế", "giường", "kênh", "điểm", "đ/c", "clb", "htx", "viên", "tác phẩm",
    "gia đình", "cơ sở giáo dục", "trường mầm non", "làng", "làng văn hóa", "bản văn hóa",
    "gia đình văn hóa", "lao động/năm", "đảng viên/năm", "lượt khách/năm", "công", "lượt đại biểu",
    "lượt cán bộ", "lượt học viên", "lượt đoàn viên", "lượt hội viên", "lượt học sinh", "dân",
    "cặp", "vụ/năm", "trẻ/năm", "hộ/năm", "người/năm", "xã/năm", "bản/năm", "sáng kiến",
    "đề tài", "gian hàng", "hợp đồng", "giấy phép", "lô", "cụm", "khu", "điểm du lịch", "homestay",
    "bài báo", "tin, bài, ảnh", "ảnh", "video", "clip", "website", "ứng dụng", "phần mềm",
    "thủ tục", "thủ tục hành chính", "tthc", "dịch vụ công", "bác sỹ/vạn dân", "bác sĩ/vạn dân",
    "giường bệnh/vạn dân", "sản phẩm ocop", "cơ sở sản xuất", "gia súc", "gia cầm", "đàn",
    "chuồng trại", "cột", "bóng điện", "bóng đèn", "di sản", "mái ấm", "bản ghi nhớ", "việc",
    "hiện vật", "fanpage", "hội", "chi hội", "nhà máy", "tàu", "thuyền", "giếng", "bể",
    "bệnh nhân", "tình nguyện viên", "cờ", "đám", "địa bàn", "tập thể", "cá nhân", "cử tri",
    "gia trại", "trang trại", "đơn vị máu", "đơn vị bầu cử", "nông hộ", "hội nghị báo cáo viên",
    "vận động viên", "diễn viên", "nghệ nhân", "bài hát", "tiết mục", "đội văn nghệ", "câu lạc bộ",
    "người dân", "lượt người dân", "thành viên", "chiến sĩ", "cán bộ, công chức", "giáo viên",
    "y, bác sĩ", "điểm bán", "chợ", "siêu thị", "cửa hàng", "hồ", "đập", "kênh mương", "tuyến kênh",
    "chi nhánh", "giáo họ", "giáo xứ", "chức sắc", "chức việc", "phương án", "tờ trình", "bị cáo",
    "ủy viên", "uỷ viên", "chi ủy viên", "chi uỷ viên", "bí thư", "phó bí thư", "chủ nhiệm", "phó chủ nhiệm",
    "dịch vụ", "dịch vụ công", "chuyến", "chuyến/ngày", "thao trường", "chủ thể", "tccs đảng", "tcđ",
    "bậc", "ô đất", "lô đất", "trụ sở", "trung tâm", "liều", "liều vắc xin", "mũi tiêm", "tín đồ", "cốt cán",
    "chi, đảng bộ", "mặt", "nền nhà", "triển lãm", "đầu mối", "nghề", "biên chế", "băng zôn",
    "xóm", "ấp", "khóm", "buôn", "khu dân cư", "thôn, xóm", "thôn, tổ dân phố", "xóm, tổ dân phố",
    "ấp, khu phố", "ấp, khóm", "thôn, buôn", "thôn, làng", "làng, bản",
]

_PERCENT = ("%", "phần trăm")
_PERMILLE = ("‰", "%o", "%0", "phần nghìn", "phần ngàn")
_SCORES = {"điểm %": UnitFamily.PERCENT, "điểm phần trăm": UnitFamily.PERCENT}


def _lexicon() -> dict[str, MeasureUnit]:
    lex: dict[str, MeasureUnit] = {}
    for table, family in ((_MONEY, UnitFamily.MONEY), (_AREA, UnitFamily.AREA),
                          (_LENGTH, UnitFamily.LENGTH), (_MASS, UnitFamily.MASS),
                          (_VOLUME, UnitFamily.VOLUME), (_TIME, UnitFamily.TIME),
                          (_ENERGY, UnitFamily.ENERGY)):
        for text, scale in table.items():
            lex[text] = MeasureUnit(text, family, scale)
    for text in _MULTI_WORD_COUNTS:
        lex[text] = MeasureUnit(text, UnitFamily.COUNT)
    for text in _PERCENT:
        lex[text] = MeasureUnit(text, UnitFamily.PERCENT)
    for text in _PERMILLE:
        lex[text] = MeasureUnit(text, UnitFamily.PERMILLE)
    for text, family in _SCORES.items():
        lex[text] = MeasureUnit(text, family)
    return lex


LEXICON = _lexicon()
_PER = r"(?:\s*/\s*(?:người/năm|người|năm|ha|xã|tháng|(?:1\s+)?vạn dân|lượt|hộ|con|km))?"


def _words_by_letter() -> dict[str, tuple[str, ...]]:
    by_letter: dict[str, list[str]] = {}
    for word in LEXICON:
        by_letter.setdefault(word[0].lower(), []).append(word)
    return {letter: tuple(sorted(words, key=len, reverse=True)) for letter, words in by_letter.items()}


_WORDS_BY_LETTER = _words_by_letter()


@cache
def _unit_pattern(letter: str) -> re.Pattern[str]:
    """One regex per first letter: a single alternation of every unit would be tried word by word.
    Compiled when a unit of that letter is first looked for: compiling all 28 took about 55 ms of
    `chitieu extract`'s start, and a short report needs a third of them."""
    return re.compile("(" + "|".join(re.escape(w) for w in _WORDS_BY_LETTER[letter]) + ")(" + _PER + r")(?![\wÀ-ỹ])",
                      re.IGNORECASE)


def compile_patterns() -> None:
    """Compile every letter's pattern now: a process that forks a worker per file does it once for all."""
    for letter in _WORDS_BY_LETTER:
        _unit_pattern(letter)


_SYMBOL_RE = re.compile(r"\s?(%o|%0|%|‰)(" + _PER + r")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: MeasureUnit
    text: str  # the unit as written, with its '/năm'-style tail
    end: int  # offset just past the unit in the searched text
    factor: float = 1.0  # a scale word before a counting noun: '89,6 nghìn cây' is 89.600 'cây'


# Scale words written between a number and a counting noun: '89,6 nghìn cây', '5,8 vạn người'.
_SCALE_WORDS = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6}
_SCALE_RE = re.compile(r"\s?(" + "|".join(_SCALE_WORDS) + r")\s+", re.IGNORECASE)


def _lookup(unit: str) -> MeasureUnit | None:
    """The lexicon entry of a normalised unit's head, also when a scale word opens it ('nghìn cây')."""
    head = unit.split("/")[0].strip()
    known = LEXICON.get(head)
    if known is not None:
        return known
    scale, _, rest = head.partition(" ")
    base = LEXICON.get(rest) if scale in _SCALE_WORDS else None
    return MeasureUnit(head, base.family, base.scale * _SCALE_WORDS[scale]) if base else None


_RATE_WORD = re.compile(r"\s+lệ\b", re.IGNORECASE)  # 'tỷ lệ' is a rate, not billions


def match_unit(text: str, start: int) -> UnitMatch | None:
    """The measure unit written at `start` (right after a number), or None."""
    m = _SYMBOL_RE.match(text, start)
    if not m:
        at = start + 1 if text[start : start + 1].isspace() else start
        letter = text[at : at + 1].lower()
        pattern = _unit_pattern(letter) if letter in _WORDS_BY_LETTER else None
        m = pattern.match(text, at) if pattern else None
    # a bare 'triệu' is money ('50 triệu'), unless a counting noun follows it ('7,2 triệu viên')
    if not m or (m.group(1).lower() == "triệu" and not m.group(2)):
        scaled = _SCALE_RE.match(text, start)
        inner = match_unit(text, scaled.end()) if scaled else None
        if scaled is not None and inner is not None:
            word = scaled.group(1).lower()
            if inner.unit.family is UnitFamily.COUNT and word != "triệu":
                return UnitMatch(inner.unit, inner.text, inner.end, _SCALE_WORDS[word])
            # a unit of statistics in its own right, kept as written: '33,3 nghìn ha', '17,47 vạn tấn',
            # ĐVT 'Triệu viên'
            written = f"{word} {inner.text}"
            return UnitMatch(_lookup(written) or inner.unit, written, inner.end)
        if not m:
            return None
    word = m.group(1)
    unit = LEXICON.get(word.lower()) or LEXICON.get(word)
    if unit is None or (word.lower() in ("tỷ", "tỉ") and _RATE_WORD.match(text, m.end())):
        return None
    per = m.group(2)
    written = word + re.sub(r"\s*/\s*", "/", per).rstrip() if per else word
    return UnitMatch(unit, normalize_unit(written), m.end())


# Nouns for people, posts included, that a table's ĐVT column writes as 'Người'.
_PERSONS = ("cán bộ, công chức", "cán bộ", "công chức", "viên chức", "tình nguyện viên", "ủy viên", "uỷ viên",
            "chi ủy viên", "chi uỷ viên", "bí thư", "phó bí thư", "chủ nhiệm", "phó chủ nhiệm")
# Abbreviations written as units, spelled out.
_ABBREVIATIONS = {"tcđ": "tổ chức đảng", "tccs đảng": "tổ chức cơ sở đảng"}


@cache
def normalize_unit(written: str) -> str:
    """The unit in a stable spelling: lower case, '%o' → '‰', 'Tr. đồng' → 'triệu đồng', 'đ' → 'đồng',
    'cán bộ, công chức' → 'người'."""
    u = re.sub(r"\s+", " ", written.strip()).lower()
    u = re.sub(r"^%[o0]", "‰", u)
    u = re.sub(r"^tr\.?\s*đ(ồng)?$", "triệu đồng", u)
    u = u.replace("m2", "m²").replace("m3", "m³").replace("đ/c", "đồng chí")
    u = re.sub(r"^đ(?=$|/)", "đồng", u)
    u = re.sub(r"/\s*1\s+vạn dân", "/vạn dân", u)
    head, sep, tail = u.partition("/")
    if head in _PERSONS:
        u = "người" + sep + tail
    return _ABBREVIATIONS.get(u, u)


def unit_family(written: str | None) -> UnitFamily | None:
    if not written:
        return None
    u = normalize_unit(written)
    unit = LEXICON.get(u) or _lookup(u)
    return unit.family if unit else None


def unit_scale(written: str | None) -> float:
    """Multiplier to the family's base unit: 'tỷ đồng' → 1e9, 'triệu đồng/người/năm' → 1e6, 'ha' → 1e4."""
    known = _lookup(normalize_unit(written or ""))
    return known.scale if known else 1.0


def conversion(from_unit: str | None, to_unit: str | None) -> float | None:
    """Factor turning a value in `from_unit` into `to_unit` (1.0 when either is unknown or they are the
    same); None when both are known and measure different things (ha vs người, % vs đồng)."""
    if not from_unit or not to_unit or normalize_unit(from_unit) == normalize_unit(to_unit):
        return 1.0
    a = _lookup(normalize_unit(from_unit))
    b = _lookup(normalize_unit(to_unit))
    if a is None or b is None:
        return 1.0
    if a.family is not b.family:
        return None
    return a.scale / b.scale
