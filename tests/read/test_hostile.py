"""Small files that would expand without bound once read: each is read within its budget, or refused
with a message naming it, quickly and without growing the memory."""

from __future__ import annotations

import pytest

from chitieu.domain.document import Paragraph, Table
from chitieu.domain.errors import ReadError
from chitieu.read.budgets import MAX_BLOCKS, MAX_COLUMNS
from chitieu.read.document import read_bytes
from tests.docx_builder import package
from tests.hostile_corpus import sheet_row, xlsx_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell(text: str, span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f'<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'


def test_a_cell_spanning_a_hundred_million_columns_is_read_within_the_budget() -> None:
    rows = "".join(f"<w:tr>{_cell('TT')}{_cell('Chỉ tiêu', 100_000_000)}</w:tr>" for _ in range(3))
    doc = read_bytes(package([f"<w:tbl>{rows}</w:tbl>"], []), "rong.docx")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(table.rows[0].cells) <= MAX_COLUMNS


def test_a_footnote_cited_a_hundred_times_is_read_once() -> None:
    note = "Năm 2021 đạt 82.508 con. " * 4000  # about 100 KB
    body = [f'<w:p><w:r><w:t>Đoạn {k}</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
            for k in range(100)]
    doc = read_bytes(package(body, [f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote>']),
                     "chu-thich.docx")
    assert sum(1 for b in doc.blocks if isinstance(b, Paragraph) and b.note_id == "1") == 1


def test_a_document_of_more_paragraphs_than_any_report_is_refused_with_its_name() -> None:
    body = ["<w:p><w:r><w:t>x</w:t></w:r></w:p>"] * (MAX_BLOCKS + 10)
    with pytest.raises(ReadError) as refused:
        read_bytes(package(body, []), "dai.docx")
    assert refused.value.key == "read.too_many_blocks" and refused.value.params["file"] == "dai.docx"


def test_a_cell_a_hundred_million_columns_to_the_right_is_not_read() -> None:
    data = sheet_row(1, {"A": "TT", "B": "Chỉ tiêu", "C": "Kế hoạch"}) + sheet_row(2, {"A": "1", "B": "Thu", "C": "5",
                                                                               "HJHQPS": "xa"})
    doc = read_bytes(xlsx_package({"worksheets/sheet1.xml": data}, ["worksheets/sheet1.xml"]), "bang.xlsx")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(table.rows[0].cells) == 3


def test_two_hundred_sheets_that_are_one_part_are_read_once() -> None:
    data = sheet_row(1, {"A": "TT", "B": "Chỉ tiêu", "C": "Kế hoạch"}) + sheet_row(2, {"A": "1", "B": "Thu", "C": "5"})
    doc = read_bytes(xlsx_package({"worksheets/sheet1.xml": data}, ["worksheets/sheet1.xml"] * 200), "lap.xlsx")
    assert len([b for b in doc.blocks if isinstance(b, Table)]) == 1
