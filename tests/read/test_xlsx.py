"""Excel workbooks: rows in order, shared strings and numbers, and the same refusals as .docx."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from chitieu.domain.document import Paragraph, Table
from chitieu.domain.errors import ReadError
from chitieu.read.document import read_bytes


def _workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "BIỂU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
    ws.append([])
    ws.append(["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch 2023", "Thực hiện 2023"])
    ws.append(["1", "Tổng sản lượng lương thực", "tấn", 17600, 17501.5])
    ws.append([None, "Thu nhập bình quân đầu người", "triệu đồng", None, 27.6])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_titles_become_paragraphs_and_rows_a_table_with_vietnamese_numbers() -> None:
    doc = read_bytes(_workbook(), "bieu.xlsx")
    assert doc.format == "xlsx"
    title, table = doc.blocks
    assert isinstance(title, Paragraph) and title.text.startswith("BIỂU KẾT QUẢ")
    assert isinstance(table, Table)
    assert [r.cells for r in table.rows][1:] == [("1", "Tổng sản lượng lương thực", "tấn", "17.600", "17.501,5"),
                                                 ("", "Thu nhập bình quân đầu người", "triệu đồng", "", "27,6")]


def test_a_workbook_is_recognised_by_its_content_whatever_its_name() -> None:
    assert read_bytes(_workbook(), "tai-lieu").format == "xlsx"


def _with_part(name: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == name else src.read(item))
    return out.getvalue()


@pytest.mark.parametrize("data,key", [
    (_workbook()[:300], "read.corrupt"),
    (_with_part("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                              b"<worksheet>&e;</worksheet>"), "read.corrupt"),
])
def test_broken_or_hostile_workbooks_are_refused_with_a_message(data: bytes, key: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, "x.xlsx")
    assert info.value.key == key
