"""The Biểu as a Word document in the presentation rules of a state body (Nghị định 30/2020/NĐ-CP,
Phụ lục I) or a Party body (Hướng dẫn 36-HD/VPTW): two-column header block, number and date line,
title, Times New Roman, A4 (landscape for the eight-column table), header row repeated on every page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from chitieu.export.columns import cell_texts, columns, header
from chitieu.export.model import Bieu, Layout
from chitieu.messages import render

FONT = "Times New Roman"
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


@dataclass(frozen=True, slots=True)
class PageRules:
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    body_pt: float
    table_pt: float


# Margins within the ranges both texts give (top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm).
RULES = {
    Layout.ND30: PageRules(top_mm=20, bottom_mm=20, left_mm=30, right_mm=15, body_pt=13, table_pt=12),
    Layout.HD36: PageRules(top_mm=20, bottom_mm=20, left_mm=30, right_mm=15, body_pt=14, table_pt=12),
}


def _font(run: Any, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _line(cell_or_doc: Any, text: str, size: float, align: str = "center", **style: bool) -> None:
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), size, **style)


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _header_block(doc: Any, bieu: Bieu, rules: PageRules) -> None:
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    left, right = block.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    size = rules.body_pt - 1
    if bieu.parent_issuer:
        _line(left, bieu.parent_issuer, size)
    _line(left, bieu.issuer, size, bold=True)
    _line(left, "*" if bieu.layout is Layout.HD36 else "———", size)
    _line(left, render("bieu.number"), size)
    if bieu.layout is Layout.HD36:
        _line(right, render("bieu.motto.party"), size + 1, bold=True, underline=True)
    else:
        _line(right, render("bieu.motto.state"), size, bold=True)
        _line(right, render("bieu.motto.state_sub"), size + 1, bold=True, underline=True)
    _line(right, "", size)
    _line(right, render("bieu.date", place=bieu.place), size + 1, italic=True)


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _keep_row_together(row: Any) -> None:
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _fill(cell: Any, text: str, size: float, align: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    for i, part in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()  # the header's own line breaks
        run.add_text(part)
        _font(run, size, bold=bold)


def write_docx(bieu: Bieu) -> bytes:
    rules = RULES[bieu.layout]
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(rules.top_mm), Mm(rules.bottom_mm)
    section.left_margin, section.right_margin = Mm(rules.left_mm), Mm(rules.right_mm)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(rules.body_pt)
    _header_block(doc, bieu, rules)
    _line(doc, "", rules.body_pt)
    _line(doc, render("bieu.title"), rules.body_pt + 1, bold=True)
    _line(doc, render("bieu.subtitle", unit=bieu.unit_name, period=bieu.period), rules.body_pt, italic=True)
    _line(doc, render("bieu.attached", issuer=bieu.issuer_name), rules.body_pt - 1, italic=True)
    _line(doc, "", rules.body_pt)
    specs = columns(bieu)
    table = doc.add_table(rows=1, cols=len(specs))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    _repeat_as_header(head)
    for cell, title in zip(head.cells, header(bieu), strict=True):
        _fill(cell, title, rules.table_pt, "center", bold=True)
    for row in bieu.rows:
        cells = table.add_row()
        _keep_row_together(cells)
        for cell, text, spec in zip(cells.cells, cell_texts(row, bieu), specs, strict=True):
            _fill(cell, text, rules.table_pt, spec.align if not row.group or spec.key != "name" else "left",
                  bold=row.group)
    for column, spec in zip(table.columns, specs, strict=True):
        column.width = Mm(spec.width_mm)  # the grid, which LibreOffice follows
        for cell in column.cells:  # the cells, which Word follows
            cell.width = Mm(spec.width_mm)
    if bieu.checked_line:
        _line(doc, "", rules.table_pt)
        _line(doc, bieu.checked_line, rules.table_pt, align="left", italic=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
