"""Excel .xlsx → SourceDocument with zipfile + lxml: each sheet's rows in order, shared and inline
strings resolved, numbers written back in Vietnamese format (so the extractor reads them as it reads
a Word table). Rows with one filled cell become paragraphs (titles); runs of wider rows, tables."""

from __future__ import annotations

import re

from lxml import etree

from chitieu.domain.document import Block, Paragraph, SourceDocument, Table, TableRow
from chitieu.domain.numbers import format_number
from chitieu.read.budgets import MAX_COLUMNS, MAX_SHEETS, BlockBudget
from chitieu.read.ooxml import open_archive, parse_part

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _shared_strings(root: etree._Element | None) -> list[str]:
    if root is None:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{S}t")) for si in root.iter(f"{S}si")]


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    n = 0
    for ch in letters.group(0) if letters else "A":
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell_text(cell: etree._Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{S}t"))
    value = cell.find(f"{S}v")
    raw = value.text if value is not None and value.text else ""
    if kind == "s":
        return shared[int(raw)] if raw.isdigit() and int(raw) < len(shared) else ""
    if kind in ("str", "b", "e") or not raw:
        return raw
    try:
        return format_number(float(raw))
    except ValueError:
        return raw


def _sheet_paths(archive_names: list[str], workbook: etree._Element | None, rels: etree._Element | None) -> list[str]:
    targets = {}
    if rels is not None:
        for rel in rels:
            targets[rel.get("Id")] = "xl/" + (rel.get("Target") or "").lstrip("/").removeprefix("xl/")
    paths = []
    if workbook is not None:
        for sheet in workbook.iter(f"{S}sheet"):
            path = targets.get(sheet.get(f"{R}id"))
            if path and path in archive_names:
                paths.append(path)
    return paths or sorted(n for n in archive_names if n.startswith("xl/worksheets/sheet"))


def read_xlsx(data: bytes, name: str) -> SourceDocument:
    archive = open_archive(data, name, "xlsx", "xl/workbook.xml")
    shared = _shared_strings(parse_part(archive, "xl/sharedStrings.xml", name, "xlsx"))
    sheets = _sheet_paths(archive.namelist(), parse_part(archive, "xl/workbook.xml", name, "xlsx"),
                          parse_part(archive, "xl/_rels/workbook.xml.rels", name, "xlsx"))
    blocks: list[Block] = []
    line = 0
    budget = BlockBudget(name)
    for path in list(dict.fromkeys(sheets))[:MAX_SHEETS]:  # a part listed as many sheets is read once
        root = parse_part(archive, path, name, "xlsx")
        if root is None:
            continue
        pending: list[TableRow] = []
        for row in root.iter(f"{S}row"):
            cells: dict[int, str] = {}
            for cell in row.iter(f"{S}c"):
                column = _column(cell.get("r") or "A")
                if column >= MAX_COLUMNS:
                    continue  # far to the right of any Biểu: not read
                text = _cell_text(cell, shared).strip()
                if text:
                    cells[column] = text
            if not cells:
                continue
            budget.take()
            line += 1
            if len(cells) == 1 and not pending:
                blocks.append(Paragraph(next(iter(cells.values())), line))
                continue
            width = max(cells) + 1
            pending.append(TableRow(tuple(cells.get(i, "") for i in range(width)), line))
        if pending:
            width = max(len(r.cells) for r in pending)
            rows = tuple(TableRow(r.cells + ("",) * (width - len(r.cells)), r.line) for r in pending)
            blocks.append(Table(rows, rows[0].line))
    return SourceDocument(name=name, format="xlsx", blocks=tuple(blocks))
