"""A table continued in parts — pasted in pieces with empty paragraphs between, or broken by a page
with its header repeated — is one table, whatever the file's format."""

from __future__ import annotations

from chitieu.domain.document import Paragraph, Table, TableRow
from chitieu.extract.pipeline import extract_document
from chitieu.extract.tables import join_continued_tables
from chitieu.read.document import read_bytes
from tests.conftest import SAMPLES
from tests.docx_builder import text_to_docx


def _rows(table: Table) -> list[tuple[str, ...]]:
    return [r.cells for r in table.rows]


def _table(line: int, *rows: tuple[str, ...]) -> Table:
    return Table(tuple(TableRow(r, line + k) for k, r in enumerate(rows)), line)


HEADER = ("TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện")


def test_parts_with_the_header_repeated_or_not_are_one_table() -> None:
    first = _table(1, HEADER, ("1", "Thu nhập", "triệu đồng", "27,6", "27,6"))
    again = _table(5, HEADER, ("2", "Thu ngân sách", "tỷ đồng", "61", "49,96"))
    plain = _table(9, ("3", "Sản lượng", "tấn", "17.600", "17.501"))
    blocks = join_continued_tables((first, Paragraph("", 3), again, Paragraph(" ", 8), plain))
    [table] = blocks
    assert [r[0] for r in _rows(table)] == ["TT", "1", "2", "3"]


def test_a_table_of_other_columns_or_with_titles_of_its_own_stays_apart() -> None:
    first = _table(1, HEADER, ("1", "Thu nhập", "triệu đồng", "27,6", "27,6"))
    other = _table(5, ("TT", "Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Ghi chú"), ("1", "50-KH/HU", "", "", ""))
    narrow = _table(9, ("1", "a", "b"), ("2", "c", "d"))
    captioned = _table(13, HEADER, ("1", "x", "%", "1", "2"))
    blocks = join_continued_tables((first, Paragraph("", 3), other, narrow, Paragraph("BIỂU 02", 12), captioned))
    assert len([b for b in blocks if isinstance(b, Table)]) == 4


def test_a_report_whose_table_is_pasted_in_parts_keeps_every_row() -> None:
    text = (SAMPLES / "000_12d62f31151c975c.txt").read_text(encoding="utf-8")
    whole = extract_document(read_bytes(text_to_docx(text), "a.docx"))
    parts = extract_document(read_bytes(text_to_docx(text, split_tables_every=8), "b.docx"))

    def rows(x: object) -> list[str]:
        return [r.name for t in x.tables for r in t.rows if r.kind == "indicator"]  # type: ignore[attr-defined]

    assert len(rows(whole)) > 40 and rows(parts) == rows(whole)
