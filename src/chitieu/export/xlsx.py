"""The Biểu as an Excel workbook: real numbers with display formats, frozen header, widths, A4
landscape fitted to the page width with the header rows repeated on every printed page."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from chitieu.export.columns import cell_texts, columns, header
from chitieu.export.model import Bieu
from chitieu.messages import render

# Excel stores formats with '.' as the decimal mark; Vietnamese Excel shows them as 1.234,5.
NUMBER_FORMAT = "#,##0.###"
PCT_FORMAT = "#,##0.00"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = "Times New Roman"


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
    ws.row_dimensions[head_row].height = 45
    for r, row in enumerate(bieu.rows, start=head_row + 1):
        values: list[object] = list(cell_texts(row, bieu))
        if not row.group:
            # real numbers where the value is a plain figure; comparators and ranges stay as text
            numbers = {"goal": row.goal_value, "actual": row.actual_value,
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
                cell.number_format = PCT_FORMAT if spec.key == "pct" else NUMBER_FORMAT
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
