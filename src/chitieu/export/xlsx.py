"""The Biểu as an Excel workbook: real numbers with display formats, frozen header, widths, A4
landscape fitted to the page width with the header rows repeated on every printed page."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from chitieu.domain.extraction import Op
from chitieu.export.columns import Column, cell_texts, columns, header, lines_needed
from chitieu.export.model import Bieu, BieuRow
from chitieu.messages import render

# Excel stores formats with '.' as the decimal mark; Vietnamese Excel shows them as 1.234,5.
NUMBER_FORMAT = "#,##0.###"
PCT_FORMAT = "#,##0.00"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = "Times New Roman"
LINE_PT = 15.75  # one line of 12-point Times New Roman in a spreadsheet row
# A goal with a comparator is still a number: the comparator is the cell's display format ('> 17.600').
_COMPARATOR_FORMAT = {Op.GT: '"> "', Op.GE: '"≥ "', Op.LT: '"< "', Op.LE: '"≤ "', Op.APPROX: '"khoảng "',
                      Op.MAINTAIN: '"duy trì "'}


def goal_number(row: BieuRow) -> tuple[float | None, str]:
    """The goal as a number and its display format, when it is one figure with or without a comparator."""
    if row.goal_value is not None:
        return row.goal_value, NUMBER_FORMAT
    q = row.goal_quantity
    if q is not None and q.value is not None and q.op in _COMPARATOR_FORMAT:
        return q.value, _COMPARATOR_FORMAT[q.op] + NUMBER_FORMAT
    return None, NUMBER_FORMAT


def write_xlsx(bieu: Bieu) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = render("bieu.sheet")
    specs = columns(bieu)
    last = get_column_letter(len(specs))
    ws["A1"] = bieu.issuer
    ws["A1"].font = Font(name=FONT, bold=True, size=12)
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = render("bieu.title")
    ws["A2"].font = Font(name=FONT, bold=True, size=14)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A3:{last}3")
    ws["A3"] = render("bieu.subtitle", unit=bieu.unit_name, period=bieu.period)
    ws["A3"].font = Font(name=FONT, italic=True, size=12)
    ws["A3"].alignment = Alignment(horizontal="center")
    head_row = 5
    for col, (title, spec) in enumerate(zip(header(bieu), specs, strict=True), start=1):
        cell = ws.cell(row=head_row, column=col, value=title)
        cell.font = Font(name=FONT, bold=True, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = spec.excel_width
    ws.row_dimensions[head_row].height = _height(header(bieu), specs, bold=True)
    for r, row in enumerate(bieu.rows, start=head_row + 1):
        texts = cell_texts(row, bieu)
        values: list[object] = list(texts)
        goal, goal_format = goal_number(row)
        if not row.group:
            # real numbers where the value is one figure; ranges and words stay as text
            numbers = {"goal": goal, "actual": row.actual_value,
                       "pct": round(row.pct, 2) if row.pct is not None else None}
            for k, spec in enumerate(specs):
                if spec.key in numbers and (numbers[spec.key] is not None or spec.key == "pct"):
                    values[k] = numbers[spec.key]
        for col, (value, spec) in enumerate(zip(values, specs, strict=True), start=1):
            cell = ws.cell(row=r, column=col, value=value if value != "" else None)
            cell.font = Font(name=FONT, bold=row.group, size=12)
            cell.alignment = Alignment(horizontal=spec.align, vertical="center", wrap_text=True)
            cell.border = _BOX
            if isinstance(value, float):
                cell.number_format = PCT_FORMAT if spec.key == "pct" else goal_format if spec.key == "goal" \
                    else NUMBER_FORMAT
        # the row as high as its longest cell wraps to: no text cut off, in Excel and LibreOffice alike
        ws.row_dimensions[r].height = _height(texts, specs, bold=row.group)
    if bieu.checked_line:
        at = head_row + len(bieu.rows) + 2
        ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=len(specs))
        ws.cell(row=at, column=1, value=bieu.checked_line).font = Font(name=FONT, italic=True, size=12)
        ws.cell(row=at, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[at].height = LINE_PT * lines_needed(bieu.checked_line, sum(c.excel_width for c in specs))
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _height(texts: list[str], specs: tuple[Column, ...], bold: bool = False) -> float:
    lines = max(lines_needed(text, spec.excel_width, bold) for text, spec in zip(texts, specs, strict=True))
    return LINE_PT * max(1, lines) + 3
