from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest

from chitieu.domain.document import BlockOrigin, Paragraph, Table
from chitieu.domain.errors import ReadError
from chitieu.read import document
from chitieu.read.document import read_bytes, read_path
from chitieu.read.encoding import decode_text
from chitieu.read.legacy_fonts import table
from chitieu.read.markup import clean_line
from chitieu.read.text import parse_text, read_text
from tests.conftest import SAMPLES, require_program

SENTENCE = "Tổng sản lượng lương thực có hạt ước đạt 17.501 tấn, đạt 99,4% kế hoạch của huyện."


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes the base letter (â, ơ, ư...) then the tone as a combining mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def to_legacy(text: str, encoding: str) -> str:
    """Write Unicode text the way a legacy font stores it (used to build test input)."""
    reverse: dict[str, str] = {}
    for sequence, letter in sorted(table(encoding).items(), key=lambda kv: len(kv[0])):
        reverse.setdefault(letter, sequence)
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _to_tcvn3(text: str) -> bytes:
    return to_legacy(text, "tcvn3").encode("latin-1")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), "utf-8"),
        (_to_cp1258(SENTENCE), "cp1258"),
        (_to_tcvn3(SENTENCE), "tcvn3"),
        (to_legacy(SENTENCE, "vni").encode("cp1252"), "vni"),
    ],
)
def test_encodings_decode_to_nfc(data: bytes, encoding: str) -> None:
    text, found = decode_text(data, "x.txt")
    assert found == encoding
    assert text.strip() == SENTENCE


def test_tcvn3_text_saved_as_utf8_is_converted() -> None:
    mojibake = _to_tcvn3(SENTENCE).decode("latin-1").encode("utf-8")
    text, found = decode_text(mojibake, "x.txt")
    assert (text.strip(), found) == (SENTENCE, "tcvn3")


def test_markup_is_removed_and_footnotes_split() -> None:
    line = ("**Tổng** đàn<sup>(2)</sup> đạt 40.635 con¹²; diện tích 3.163,2m<sup>2</sup>"
            "[footnoteRef:5][5: Năm 2021 đạt 82.508 con.][bookmark: _Hlk1]")
    clean = clean_line(line)
    assert clean.text == "Tổng đàn đạt 40.635 con ; diện tích 3.163,2m²"
    assert clean.notes == (("5", "Năm 2021 đạt 82.508 con."),)


def test_tab_lines_become_a_table_with_line_numbers() -> None:
    text = "Tiêu đề\nTT\tChỉ tiêu\tĐVT\tKH\n1\tThu nhập\tTriệu đồng\t27.60\n\tLúa\tTấn\t17.501\nHết"
    doc = parse_text(text, "x.txt")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.line == 2
    assert [r.line for r in table.rows] == [2, 3, 4]
    assert table.rows[2].cells == ("", "Lúa", "Tấn", "17.501")


def test_indented_paragraph_is_not_a_table() -> None:
    doc = parse_text("\tĐoạn văn thụt lề[1: chú thích]\n", "x.txt")
    assert [(p.origin, p.text) for p in doc.paragraphs()] == [
        (BlockOrigin.BODY, "Đoạn văn thụt lề"), (BlockOrigin.FOOTNOTE, "chú thích")]


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("empty.txt", b"", "read.empty"),
        ("blank.docx", b"   \n", "read.empty"),
        ("noise.txt", bytes(range(256)) * 40, "read.encoding"),
        ("noise.docx", b"\x00\x01\x02\x03" * 500, "read.not_office"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "read.not_office"),
        ("scan.xlsx", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "read.not_office"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 100, "read.corrupt"),
        ("a.rtf", b"{\\rtf1 hello}", "read.unsupported"),
    ],
)
def test_bad_input_gets_a_message_key(name: str, data: bytes, key: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    assert info.value.key == key
    assert info.value.params["file"] == name


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("x" * 100)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.key == "read.too_large"


def test_wrong_extension_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text(SENTENCE, encoding="utf-8")
    assert read_path(path).paragraphs()[0].text == SENTENCE


def _pdf(text: str | None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    if text:
        c.drawString(72, 720, text)
    else:
        c.rect(50, 50, 400, 400, fill=1)
    c.save()
    return buffer.getvalue()


def test_text_pdf_is_read() -> None:
    doc = read_bytes(_pdf("Thu ngan sach dat 61 ty dong tren dia ban huyen."), "a.pdf")
    assert "61 ty dong" in doc.paragraphs()[0].text


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(_pdf(None), "scan.pdf")
    assert info.value.key == "read.needs_ocr"


def test_truncated_pdf_is_reported() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(_pdf("Thu ngan sach dat 61 ty dong tren dia ban.")[:200], "cut.pdf")
    assert info.value.key in {"read.corrupt", "read.needs_ocr"}


@pytest.mark.slow
def test_doc_is_converted_through_libreoffice(tmp_path: Path) -> None:
    import subprocess

    soffice = require_program("soffice")
    from tests.docx_builder import text_to_docx

    src = tmp_path / "r.docx"
    src.write_bytes(text_to_docx(SENTENCE))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/p", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    doc = read_path(tmp_path / "r.doc")
    assert doc.format == "doc"
    assert doc.paragraphs()[0].text == SENTENCE


def test_markdown_tables_are_tables_with_their_lines() -> None:
    text = ("Biểu kết quả\n\n| TT | Chỉ tiêu | ĐVT | Thực hiện |\n|---|---|:---:|---:|\n"
            "| 1 | Sản lượng lương thực | Tấn | 17.501 |\n| 2 | Thu ngân sách \\| địa bàn | Tỷ đồng | 49,96 |\n"
            "\nMột đoạn văn | có dấu gạch đứng.\n")
    doc = read_text(text.encode(), "bieu.md", "md")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.cells for r in table.rows] == [
        ("TT", "Chỉ tiêu", "ĐVT", "Thực hiện"),
        ("1", "Sản lượng lương thực", "Tấn", "17.501"),
        ("2", "Thu ngân sách | địa bàn", "Tỷ đồng", "49,96"),
    ]
    assert [r.line for r in table.rows] == [3, 5, 6]
    assert doc.paragraphs()[-1].text == "Một đoạn văn | có dấu gạch đứng."


@pytest.mark.slow
def test_a_pdf_printed_by_libreoffice_keeps_its_tables_and_paragraphs(tmp_path: Path) -> None:
    """Offices publish reports as PDFs printed from Word: the ruled tables are read as tables (their
    header repeated on each page joined again), the lines the page width wrapped as one paragraph."""
    import subprocess

    from chitieu.extract.pipeline import extract_document
    from tests.docx_builder import text_to_docx

    soffice = require_program("soffice")
    text = (SAMPLES / "002_7403cd4725ee3072.txt").read_text(encoding="utf-8")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(text_to_docx(text))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    from_pdf = extract_document(read_bytes((tmp_path / "bao-cao.pdf").read_bytes(), "bao-cao.pdf"))
    from_txt = extract_document(read_bytes(text.encode(), "bao-cao.txt"))

    def rows(x: object) -> set[str]:
        return {r.name for t in x.tables if t.kind == "indicator_results" for r in t.rows}  # type: ignore[attr-defined]

    assert len(rows(from_pdf) & rows(from_txt)) >= 0.95 * len(rows(from_txt))
    assert from_pdf.metadata.period == from_txt.metadata.period == "2023"
    grain = [f for f in from_pdf.facts if f.quantity.value == 17501]
    assert grain and any("99,4" in (f.pct_phrase or "") for f in grain)  # the sentence read whole, across lines


def test_stray_control_characters_are_dropped() -> None:
    doc = read_bytes("Thu ng\x00ân sách đạt 61 tỷ đồng.\n".encode(), "nul.txt")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Thu ngân sách đạt 61 tỷ đồng."]


def test_a_stored_web_page_keeps_its_address_headline_and_date_stamp_apart_from_its_text() -> None:
    doc = parse_text("URL: https://news.example/a\nTITLE: Thu ngân sách đạt 120 tỷ đồng\n\n"
                     " date 2024-07 Sáu tháng qua, thu ngân sách đạt 120 tỷ đồng.\nDòng hai.\n", "x.txt")
    page = [(p.text, p.line) for p in doc.paragraphs() if p.origin is BlockOrigin.PAGE]
    body = [(p.text, p.line) for p in doc.paragraphs() if p.origin is BlockOrigin.BODY]
    assert page == [("URL: https://news.example/a", 1), ("TITLE: Thu ngân sách đạt 120 tỷ đồng", 2),
                    ("date 2024-07", 4)]
    assert body == [("Sáu tháng qua, thu ngân sách đạt 120 tỷ đồng.", 4), ("Dòng hai.", 5)]


def test_a_text_that_is_not_a_stored_page_has_no_page_lines() -> None:
    doc = parse_text("Báo cáo: date của văn bản\nURL: không phải dòng đầu\n", "x.txt")
    assert all(p.origin is BlockOrigin.BODY for p in doc.paragraphs())


WRAPPED = """Đại hội đề ra các mục tiêu cụ thể đến năm 2030: Tổng thu
nhập kinh tế toàn xã đạt 303 tỷ đồng, trong đó thu từ sản xuất
nông nghiệp 35%; tiểu thủ công nghiệp, dịch vụ 65%. Tổng
thu ngân sách hằng năm tăng bình quân từ 15 - 20% so với kế
hoạch được giao.
1. Sản xuất nông nghiệp
a) Trồng trọt: diện tích gieo trồng đạt 1.200 ha."""


def test_lines_a_page_width_cut_are_joined_into_their_paragraph() -> None:
    paragraphs = [b for b in parse_text(WRAPPED, "x.txt").blocks if isinstance(b, Paragraph)]
    assert [p.line for p in paragraphs] == [1, 6, 7]
    assert paragraphs[0].text.startswith("Đại hội đề ra các mục tiêu cụ thể đến năm 2030: Tổng thu nhập kinh tế")
    assert paragraphs[0].text.endswith("so với kế hoạch được giao.")


def test_a_text_one_paragraph_per_line_that_stops_mid_sentence_once_is_left_as_written() -> None:
    text = "Tổng thu ngân sách trên địa bàn huyện năm nay\nđạt 52 tỷ đồng.\nTỷ lệ hộ nghèo giảm còn 2,3%."
    paragraphs = [b for b in parse_text(text, "x.txt").blocks if isinstance(b, Paragraph)]
    assert [p.line for p in paragraphs] == [1, 2, 3]
