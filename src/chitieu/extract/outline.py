"""The heading tree (Phần / I. / 1. / 1.1. / a) / (1)-) and what each part is about: results of the
period reported, or targets and tasks for the period planned.
"""

from __future__ import annotations

import re

from chitieu.domain import lexicon
from chitieu.domain.document import BlockOrigin, Paragraph
from chitieu.domain.extraction import Section
from chitieu.extract.periods import first_period, is_span_of_years, opening_season

_HEADING = (
    (0, re.compile(r"^(Phần thứ\s+\w+|PHẦN THỨ\s+\w+|Phần\s+[IVX]+|PHẦN\s+[IVX]+|[A-D]\s*[.\-–])"
                   r"(?:\s*[:.\-–]\s*|\s+|$)(.*)$")),
    (1, re.compile(r"^([IVXLC]+)\s*[.\-–/]\s*(.+)$")),
    (2, re.compile(r"^(\d{1,2})\s*[.\-/)]\s+(\D.*)$")),
    (3, re.compile(r"^(\d{1,2}\.\d{1,2}\.?(?:\d{1,2}\.?)?)\s+(\D.*)$")),
    (4, re.compile(r"^([a-zđ])\s*[).]\s+(.+)$")),
)
_TARGET_TITLE = re.compile(
    r"mục tiêu(?! quốc gia)|phương hướng|chỉ tiêu chủ yếu|các chỉ tiêu|định hướng|nhiệm vụ(?:,| và)? giải pháp|"
    r"nhiệm vụ trọng tâm|nhiệm vụ cụ thể|giải pháp chủ yếu|kế hoạch (?:phát triển )?(?:kinh tế[^.]*)?năm|nhiệm vụ năm|"
    r"nhiệm kỳ 20\d\d\s*[-–]\s*20\d\d\s*$",
    re.IGNORECASE,
)
_RESULT_TITLE = re.compile(r"kết quả|tình hình|đánh giá|thực hiện|hạn chế|nguyên nhân|bài học|đặc điểm",
                           re.IGNORECASE)


_DEEP_TARGET_START = re.compile(
    r"^(?:các |những )?(?:mục tiêu|chỉ tiêu|nhiệm vụ|giải pháp|phương hướng|định hướng|kế hoạch)", re.IGNORECASE)
_RESULT_START = re.compile(r"^(?:kết quả|đánh giá|những hạn chế|hạn chế|nguyên nhân|bài học|tình hình)", re.IGNORECASE)


# a results part's sub-heading that only names the indicators reported ('1. Các chỉ tiêu kinh tế')
_INDICATORS_TOPIC = re.compile(r"(?:các |những |một số )?chỉ tiêu(?! chủ yếu (?:năm|đến|giai đoạn|nhiệm kỳ))",
                               re.IGNORECASE)
_TASK_TITLE = re.compile(r"nhiệm vụ|giải pháp", re.IGNORECASE)
_GOAL_TITLE = re.compile(r"mục tiêu(?! quốc gia)|chỉ tiêu|phương hướng|định hướng", re.IGNORECASE)


def classify_heading(title: str, next_period: str | None, level: int = 1) -> str:
    """'results', 'targets', 'tasks' (what will be done, which also sets targets) or 'other'."""
    purpose = _classify(title.strip(), next_period, level)
    if purpose == "targets" and _TASK_TITLE.search(title) and not _GOAL_TITLE.search(title):
        return "tasks"
    return purpose


def _classify(t: str, next_period: str | None, level: int) -> str:
    if level >= 2:
        # deep headings inside a part ('2.6. Tiếp tục thực hiện...') name a topic, not a purpose
        if _RESULT_START.search(t):
            return "results"
        return "targets" if _DEEP_TARGET_START.search(t) else "other"
    if _RESULT_TITLE.search(t) and not re.search(r"^(?:mục tiêu|phương hướng|nhiệm vụ|định hướng)", t,
                                                   re.IGNORECASE):
        return "results"
    if _TARGET_TITLE.search(t):
        return "targets"
    if next_period and re.search(r"(?:năm|nhiệm kỳ|giai đoạn)\s*" + re.escape(next_period.split("-")[0]), t) \
            and not _RESULT_TITLE.search(t):
        return "targets"
    return "other"


PLAIN_LEVEL = 5
_TITLE_LEVEL = -1  # above every heading: what a document's title says it is
_PLAIN_HEADING = re.compile(r"[^.;!?]{6,150}:?")
_YEARS = re.compile(r"(?:19|20)\d\d")
_FIGURE = re.compile(r"\d")
_LIST_ITEM = re.compile(r"^\s*(?:[-–+•*]|\(?\d{1,2}[.)]|[a-zđ]\))\s*")


def _heading(p: Paragraph) -> tuple[int, str, str] | None:
    text = p.text.strip()
    if p.origin is not BlockOrigin.BODY or len(text) > 220 or not text:
        return None
    for level, pattern in _HEADING:
        m = pattern.match(text)
        if m:
            label, title = m.group(1), m.group(2).strip()
            is_capital = title[:1].isupper() or title[:1].isdigit() or not title
            if level >= 2 and (len(title) > 180 or not is_capital):
                return None
            if level == 4 and len(title) > 120:
                return None
            return level, label, title
    if p.bold and text.isupper() and len(text) < 200:
        return 1, "", text
    if text.isupper() and 8 < len(text) < 200 and not re.search(r"\d{3,}", text):
        return 1, "", text
    return None


_GOALS_ANNOUNCED = re.compile(lexicon.first_letters("goal_list") + lexicon.words("goal_list"), re.IGNORECASE)
_RESULTS_ANNOUNCED = re.compile(lexicon.first_letters("result_list") + lexicon.words("result_list"), re.IGNORECASE)


def _announces_goals(text: str) -> bool:
    """Whether a paragraph opens a list of goals ('Nghị quyết đề ra 24 chỉ tiêu chủ yếu năm 2024.',
    'Mục tiêu đến năm 2030:'), not of results ('Kết quả thực hiện các chỉ tiêu:')."""
    return len(text) < 400 and _GOALS_ANNOUNCED.search(text) is not None and not _RESULTS_ANNOUNCED.search(text)


def _plain_heading(p: Paragraph, following: Paragraph | None) -> tuple[int, str, str] | None:
    """A web page's unnumbered heading over a list ('Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)',
    'Mục tiêu:' followed by items): the deepest level, so that it holds only until the next heading."""
    text = p.text.strip()
    opens_list = text.endswith(":") or (following is not None and _LIST_ITEM.match(following.text) is not None)
    if p.origin is not BlockOrigin.BODY or not opens_list or not _PLAIN_HEADING.fullmatch(text) \
            or _FIGURE.search(_YEARS.sub("", text)):
        return None
    return PLAIN_LEVEL, "", text.rstrip(" :")


def build_outline(paragraphs: list[Paragraph], next_period: str | None,
                  titled_goals: bool = False) -> tuple[list[Section], dict[int, bool]]:
    """Sections in document order and, for every line, whether it sits in a targets part; a document
    whose title names a list of targets (`titled_goals`) is one until a heading says otherwise."""
    sections: list[Section] = []
    in_targets: dict[int, bool] = {}
    state_by_level: dict[int, str] = {_TITLE_LEVEL: "targets"} if titled_goals else {}
    current = titled_goals
    goal_list = False  # in the items of a list a paragraph announced as goals ('… đề ra 24 chỉ tiêu chủ yếu:')
    for i, p in enumerate(paragraphs):
        head = _heading(p) or _plain_heading(p, paragraphs[i + 1] if i + 1 < len(paragraphs) else None)
        if head:
            level, label, title = head
            purpose = classify_heading(title, next_period, level)
            above = [state_by_level[k] for k in sorted(state_by_level) if k < level]
            if purpose == "targets" and above and above[-1] == "results" and _INDICATORS_TOPIC.match(title):
                purpose = "other"  # 'I. Kết quả thực hiện … 1. Các chỉ tiêu kinh tế': the topic of a results part
            if level == PLAIN_LEVEL and purpose == "other":
                if p.line not in in_targets or p.origin is BlockOrigin.BODY:
                    in_targets[p.line] = current
                continue  # a short line of text that names no purpose is no heading
            for deeper in [k for k in state_by_level if k > level]:
                del state_by_level[deeper]
            if purpose != "other":
                state_by_level[level] = purpose
            # an unclassified heading ('CÁC GIẢI PHÁP CHỦ YẾU') continues the part its sibling opened
            if sections:
                last = sections[-1]
                sections[-1] = Section(last.level, last.label, last.title, last.line, p.line - 1, last.purpose)
            sections.append(Section(level, label, title, p.line, p.line, purpose))
            effective = [state_by_level[k] for k in sorted(state_by_level)]
            current = bool(effective) and effective[-1] in ("targets", "tasks")
        if p.origin is BlockOrigin.BODY:
            if goal_list and not head and not _LIST_ITEM.match(p.text):
                goal_list = False  # the list of goals has ended
            # a heading of no purpose announces no goals: under a results part, '1. Các chỉ tiêu kinh tế' is
            # the topic of the results listed after it
            if not goal_list and (not head or purpose != "other") and _announces_goals(p.text) \
                    and i + 1 < len(paragraphs) and _LIST_ITEM.match(paragraphs[i + 1].text):
                goal_list = True
                in_targets[p.line] = current
                continue
        if p.line not in in_targets or p.origin is BlockOrigin.BODY:
            in_targets[p.line] = current or goal_list
    if sections and paragraphs:
        last = sections[-1]
        sections[-1] = Section(last.level, last.label, last.title, last.line, paragraphs[-1].line, last.purpose)
    return sections, in_targets


def heading_periods(sections: list[Section], year: int | None) -> list[tuple[int, str | None]]:
    """(line, period) from each heading on: the period the innermost heading over that line names
    ('ĐÁNH GIÁ KẾT QUẢ SẢN XUẤT VỤ CHIÊM XUÂN 2021 - 2022', 'I. Tình hình 6 tháng đầu năm'), for the
    figures under it that name none. A span of years is left out: under a term's heading a level stands
    as of the report, an amount for the whole term, which the document's own periods already say."""
    named: dict[int, str | None] = {}  # level → the period its heading names
    banner: str | None = None  # the period of the last heading without a number, over the numbered ones after it
    out = []
    for s in sections:
        for deeper in [k for k in named if k >= s.level]:
            del named[deeper]
        period = first_period(s.title, year)
        period = None if is_span_of_years(period) else period
        if not s.label or s.level == 0:
            banner = period
        named[s.level] = period
        innermost = [named[k] for k in sorted(named) if named[k]]
        out.append((s.line, innermost[-1] if innermost else banner))
    return out


# an item named by a short name and a colon ('Cây lúa: Tổng diện tích 762 ha …')
_NAMED_ITEM = re.compile(r"\s*[^\W\d][^.:;\d]{0,30}:")


def announced_seasons(paragraphs: list[Paragraph], year: int | None) -> dict[int, str]:
    """line → the crop season a paragraph announcing a list opened on ('Sản xuất vụ Đông Xuân: … như sau:'),
    for the items after it ('Cây lúa: …', '- Rau các loại …') until a heading or a paragraph that is no item."""
    out: dict[int, str] = {}
    season: str | None = None
    for p in paragraphs:
        if p.origin is not BlockOrigin.BODY:
            continue
        if season and (_heading(p) or not (_LIST_ITEM.match(p.text) or _NAMED_ITEM.match(p.text))):
            season = None
        if season:
            out[p.line] = season
        if p.text.rstrip().endswith(":"):
            season = opening_season(p.text, year) or season
    return out

