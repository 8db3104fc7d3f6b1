"""Tables → indicator rows (TT, name, parent group, ĐVT, parsed cells) or document-list rows.

Ambiguous numbers ('61.000', '17,504') are settled per row: first by the magnitude of the row's
unambiguous values, then by the measure unit, then by the table's own decimal style.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import replace

from chitieu.domain.document import Block, Paragraph, Table, TableRow
from chitieu.domain.extraction import DocumentReference, Quantity, RowExtraction, TableExtraction
from chitieu.domain.measure_units import UnitFamily, match_unit, normalize_unit, unit_family
from chitieu.domain.numbers import NUMBER_RE, Style
from chitieu.extract.columns import classify_columns, column_role, column_year
from chitieu.extract.comparators import parse_cell

_TT_HEADER = re.compile(r"^(s?tt|số tt|số thứ tự)$", re.IGNORECASE)
_NAME_HEADER = re.compile(r"chỉ tiêu|lĩnh vực|nội dung|tên|trích yếu|danh mục", re.IGNORECASE)
_UNIT_HEADER = re.compile(r"^(đvt|đơn vị tính|đơn vị)$", re.IGNORECASE)
_NOTE_HEADER = re.compile(r"ghi chú", re.IGNORECASE)
_RATIO_HEADER = re.compile(r"%|so sánh|so với|th\s*/\s*kh|tỷ lệ|đánh giá", re.IGNORECASE)
_DOC_LIST_HEADER = re.compile(r"ký hiệu|trích yếu|ngày ban hành|ngày tháng", re.IGNORECASE)
_TT_VALUE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?$", re.IGNORECASE)
_DOT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])")
_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,])")
_UNIT_IN_TEXT = re.compile(r"\(([^()]{1,30})\)\s*:?\s*$")
_WORD_START = re.compile(r"(?<!\w)\w")
_THOUSAND_FAMILIES = {UnitFamily.COUNT, UnitFamily.MASS}


def _header_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, text in enumerate(header):
        t = text.strip()
        if "tt" not in roles and _TT_HEADER.match(t):
            roles["tt"] = i
        elif "unit" not in roles and _UNIT_HEADER.match(t):
            roles["unit"] = i
        elif "name" not in roles and _NAME_HEADER.search(t) and not _DOC_LIST_HEADER.search(t):
            roles["name"] = i
        elif "summary" not in roles and re.search(r"trích yếu", t, re.IGNORECASE):
            roles["summary"] = i
        elif "note" not in roles and _NOTE_HEADER.search(t):
            roles["note"] = i
    if "name" not in roles:
        roles["name"] = roles.get("summary", 1 if "tt" in roles else 0)
    return roles


def table_style(table: Table) -> Style:
    text = " ".join(c for row in table.rows[1:] for c in row.cells)
    dots = len(_DOT_DECIMAL.findall(text))
    commas = len(_COMMA_DECIMAL.findall(text))
    if dots > commas:
        return Style.SPREADSHEET
    if commas > dots:
        return Style.VIETNAMESE
    return Style.UNKNOWN


def _is_unit_like(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 25 and (unit_family(t) is not None or t.lower() in {"tr. đồng", "tr.đồng"})


def _is_header_repeat(row: TableRow, header: list[str]) -> bool:
    return [c.strip().lower() for c in row.cells[: len(header)]] == [h.strip().lower() for h in header]


def _is_column_numbers(row: TableRow) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    return len(filled) >= 2 and all(c.isdigit() for c in filled) and filled[:2] == ["1", "2"]


def _resolve(q: Quantity, siblings: list[float], family: UnitFamily | None, style: Style) -> Quantity:
    if not q.alternatives or q.value is None:
        return q
    readings = [q.value, *q.alternatives]
    positive = [s for s in siblings if s > 0]
    if positive:
        centre = statistics.median(positive)
        best = min(readings, key=lambda v: abs(math.log(max(v, 1e-9) / centre)))
        reason = "row_magnitude"
    elif family in _THOUSAND_FAMILIES:
        best, reason = max(readings), "count_unit"
    elif family is UnitFamily.PERCENT:
        plausible = [v for v in readings if v <= 100]
        best, reason = (plausible[0] if plausible else q.value), "percent_range"
    else:
        best, reason = q.value, f"table_style_{style.value}"
    others = tuple(v for v in readings if v != best)
    return replace(q, value=best, alternatives=others, reason=reason)


def _ratio_unit_closing(name: str) -> str | None:
    """A ratio unit the name ends with, which names the indicator: 'Tỷ lệ bác sỹ/vạn dân'."""
    if "/" not in name:
        return None
    for m in _WORD_START.finditer(name):
        found = match_unit(name, m.start())
        if found and "/" in found.text and found.end >= len(name.rstrip(" .:")):
            return found.text
    return None


def _cell_unit(cell: str) -> str | None:
    """The unit written after the first number of a cell ('200 giường bệnh/1 vạn dân', '2.815 ha')."""
    number = NUMBER_RE.search(cell)
    found = match_unit(cell, number.end()) if number else None
    if number and found:  # with its scale word, if any: a cell's value is not scaled ('7,2 triệu viên')
        return found.text if found.factor == 1.0 else normalize_unit(cell[number.end() : found.end])
    m = re.search(r"\d\s*([^\d\s(][^\d()]{0,24})$", cell.strip())
    return m.group(1).strip() if m and _is_unit_like(m.group(1)) else None


def _row_unit(unit_cell: str, name: str, cells: list[str]) -> str | None:
    """The row's unit: its ĐVT cell, a unit the name closes with, else one written in a value cell
    (`cells`: the value cells, comparison columns left out)."""
    if unit_cell.strip():
        return unit_cell.strip()
    m = _UNIT_IN_TEXT.search(name)
    if m and _is_unit_like(m.group(1).split("/")[0]):
        return m.group(1).strip()
    ratio = _ratio_unit_closing(name)
    if ratio:
        return ratio
    return next((u for u in map(_cell_unit, cells) if u), None)


def extract_table(table: Table, title: str) -> TableExtraction:
    header = list(table.rows[0].cells)
    while header and not header[-1].strip():
        header.pop()
    roles = _header_roles(header)
    is_doc_list = sum(1 for h in header if _DOC_LIST_HEADER.search(h)) >= 2
    structural = {roles.get(k) for k in ("tt", "name", "unit", "note", "summary")} - {None}
    value_cols = [i for i in range(len(header)) if i not in structural]
    style = table_style(table)
    rows: list[RowExtraction] = []
    group: str | None = None
    top_groups: dict[str, str] = {}
    merged_parent: str | None = None
    for row in table.rows[1:]:
        cells = list(row.cells) + [""] * max(0, len(header) - len(row.cells))
        if _is_header_repeat(row, header):
            rows.append(RowExtraction(row.line, "", cells[roles["name"]].strip(), None, None,
                                      {h: c for h, c in zip(header, cells, strict=False) if h}, {}, "header_repeat"))
            continue
        unit_i = roles.get("unit")
        sub_name = None
        # a merged cell pushed a sub-name into the ĐVT column: the unit now stands one column later
        if unit_i is not None and cells[unit_i].strip() and unit_i + 1 < len(cells) \
                and _is_unit_like(cells[unit_i + 1]) and not re.search(r"\d", cells[unit_i + 1]):
            sub_name = cells[unit_i].strip()
            cells = cells[:unit_i] + cells[unit_i + 1 :]
        tt = cells[roles["tt"]].strip() if "tt" in roles else ""
        name = cells[roles["name"]].strip() if roles["name"] < len(cells) else ""
        if sub_name is not None:
            merged_parent = name or merged_parent
            name = f"{merged_parent} - {sub_name}" if merged_parent else sub_name
        raw_cells = {h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header) if h}
        if is_doc_list:
            reference = DocumentReference(
                number=next((v for h, v in raw_cells.items() if re.search(r"ký hiệu|số", h, re.I)), ""),
                date=next((v for h, v in raw_cells.items() if re.search(r"ngày", h, re.I)), ""),
                summary=name,
            )
            rows.append(RowExtraction(row.line, tt, name, group, None, raw_cells, {}, "document",
                                      reference=reference if reference.number or reference.date else None))
            if tt and not name[:1].isdigit() and not any(cells[i].strip() for i in value_cols[:2]):
                group = name
            continue
        if _is_column_numbers(row):
            rows.append(RowExtraction(row.line, tt, name, None, None, raw_cells, {}, "column_numbers"))
            continue
        unit_text = _row_unit(cells[unit_i] if unit_i is not None else "", name,
                              [cells[i] for i in value_cols if not _RATIO_HEADER.search(header[i])])
        family = unit_family(unit_text)
        parsed = {header[i]: parse_cell(cells[i], style) for i in value_cols if i < len(cells)}
        values = {k: q for k, q in parsed.items() if q is not None}
        value_keys = [header[i] for i in value_cols if not _RATIO_HEADER.search(header[i])]
        siblings = [q.value for k, q in values.items()
                    if k in value_keys and q.value is not None and not q.alternatives]
        values = {k: _resolve(q, siblings if k in value_keys else [], family if k in value_keys
                              else UnitFamily.PERCENT, style) for k, q in values.items()}
        is_group = not values and not unit_text
        parent: str | None
        if sub_name is not None:
            parent = merged_parent
        elif tt and _TT_VALUE.match(tt) and "." in tt.rstrip("."):
            parent = top_groups.get(tt.split(".")[0])
        elif tt:
            parent = None
        else:
            parent = group
        if is_group:
            if tt:
                top_groups[tt.rstrip(".")] = name
            group = name
        elif tt and "." not in tt.rstrip("."):
            group = None
        if sub_name is None:
            merged_parent = name if name else merged_parent
        kind = "group" if is_group else "indicator"
        rows.append(RowExtraction(row.line, tt, name, parent,
                                  normalize_unit(unit_text) if unit_text else None,
                                  raw_cells, values, kind))
    kind = "document_list" if is_doc_list else ("indicator_results" if value_cols else "other")
    value_keys = [header[i] for i in value_cols]
    columns = classify_columns(tuple(header), value_keys)
    described = {h: (column_role(h, columns), column_year(h)) for h in value_keys}
    return TableExtraction(title=title, kind=kind, header=tuple(header), line=table.line, rows=tuple(rows),
                           column_roles=described if kind == "indicator_results" else {},
                           cell_per_paragraph=table.cell_per_paragraph)


_HEADER_WORDS = re.compile(r"^(?:tt|stt|số tt|chỉ tiêu|nội dung|đvt|đơn vị|kế hoạch|thực hiện|ghi chú|lĩnh vực)\b",
                           re.IGNORECASE)


def _is_header_like(row: TableRow) -> bool:
    """A row of column titles: some cells open on a title word and none holds a figure."""
    cells = [c.strip() for c in row.cells if c.strip()]
    return any(_HEADER_WORDS.match(c) for c in cells) and not any(_FIGURE.search(c) for c in cells[1:])


_FIGURE = re.compile(r"\d[\d.,]*\s*(?:%|‰)?")


def _rest_of_a_row(row: TableRow) -> bool:
    """The words a page break pushed out of a row: no number of its own, no figure, a cell or two of text."""
    filled = [c for c in row.cells if c.strip()]
    return bool(filled) and not row.cells[0].strip() and len(filled) <= 2 and not any(_FIGURE.search(c) for c in filled)


def join_continued_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """One table for a table continued in parts: after a page or section break, or pasted in pieces
    with empty paragraphs between, with or without its header (and column numbers) repeated — as long
    as the parts have the same columns and a part does not open on titles of its own."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.rows:
            at = len(out) - 1
            while at >= 0 and isinstance(out[at], Paragraph) and not out[at].text.strip():  # type: ignore[union-attr]
                at -= 1
            before = out[at] if at >= 0 else None
            if isinstance(before, Table) and before.rows and len(before.rows[0].cells) == len(block.rows[0].cells):
                rows = list(block.rows)
                header = [c.strip().lower() for c in before.rows[0].cells]
                if [c.strip().lower() for c in rows[0].cells] == header:
                    rows = rows[1:]  # the header repeated on the next page
                if rows and _is_column_numbers(rows[0]):
                    rows = rows[1:]
                if not rows or not _is_header_like(rows[0]):
                    previous_rows = list(before.rows)
                    if rows and _rest_of_a_row(rows[0]):
                        # a row the page broke: its rest opens the next part
                        last = previous_rows[-1]
                        joined = tuple(" ".join(x for x in (a.strip(), b.strip()) if x)
                                       for a, b in zip(last.cells, rows[0].cells, strict=True))
                        previous_rows[-1] = TableRow(joined, last.line, last.bold)
                        rows = rows[1:]
                    del out[at:]
                    out.append(Table(tuple(previous_rows) + tuple(rows), before.line))
                    continue
        out.append(block)
    return tuple(out)
