from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from chitieu.domain.document import BlockOrigin, Paragraph, Table
from chitieu.domain.errors import ReadError
from chitieu.extract.pipeline import extract_document
from chitieu.read.docx import read_docx
from chitieu.read.text import read_text
from tests.conftest import sample_paths
from tests.docx_builder import W_NS, text_to_docx
from tests.read.test_text_and_dispatch import to_legacy


def _docx(body_xml: str, extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml",
                   f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>')
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buffer.getvalue()


def _fact_keys(path_text: bytes, name: str, as_docx: bool) -> list[tuple[object, ...]]:
    doc = read_docx(text_to_docx(path_text.decode("utf-8")), name) if as_docx else read_text(path_text, name)
    x = extract_document(doc)
    return sorted(((f.quantity.value, f.quantity.low, f.quantity.high, f.quantity.op.value, f.unit,
                    f.role.value, f.pct, f.quote) for f in x.facts), key=repr)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem[:3])
def test_seeds_rebuilt_as_docx_give_the_same_facts(path: Path) -> None:
    data = path.read_bytes()
    assert _fact_keys(data, path.name, as_docx=True) == _fact_keys(data, path.name, as_docx=False)


def test_tracked_insertions_content_controls_and_merged_cells() -> None:
    body = (
        '<w:p><w:r><w:t>Kept </w:t></w:r><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>'
        '<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>'
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>in a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        "<w:tbl>"
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>"
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    doc = read_docx(_docx(body), "x.docx")
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["Kept inserted", "in a content control"]
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.cells for r in table.rows] == [("wide", "", "c"), ("a", "b", "1"), ("", "d", "2")]


def test_footnote_marks_are_kept_apart_from_numbers() -> None:
    body = ('<w:p><w:r><w:t>đạt 42 tấn</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:t>12</w:t></w:r><w:r><w:t> và 3.163,2m</w:t></w:r>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r></w:p>')
    doc = read_docx(_docx(body), "x.docx")
    assert doc.paragraphs()[0].text == "đạt 42 tấn và 3.163,2m²"


def test_footnotes_follow_the_paragraph_that_cites_them() -> None:
    data = text_to_docx("Đàn gia súc tăng[footnoteRef:5][5: Năm 2021 đạt 82.508 con.] mạnh.\nDòng sau.")
    doc = read_docx(data, "x.docx")
    kinds = [(p.origin, p.text) for p in doc.paragraphs()]
    assert kinds == [(BlockOrigin.BODY, "Đàn gia súc tăng mạnh."),
                     (BlockOrigin.FOOTNOTE, "Năm 2021 đạt 82.508 con."), (BlockOrigin.BODY, "Dòng sau.")]


@pytest.mark.parametrize(("font", "encoding"), [(".VnTime", "tcvn3"), ("VNI-Times", "vni")])
def test_legacy_font_runs_are_converted(font: str, encoding: str) -> None:
    text = "Báo cáo tình hình thực hiện nhiệm vụ năm 2023 của huyện Mường Tè"
    body = (f'<w:p><w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
            f"<w:t>{escape(to_legacy(text, encoding))}</w:t></w:r></w:p>")
    doc = read_docx(_docx(body), "x.docx")
    assert doc.paragraphs()[0].text == text


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04 truncated", "read.corrupt"),
        (b"not a zip", "read.corrupt"),
    ],
)
def test_broken_archives(data: bytes, key: str) -> None:
    with pytest.raises(ReadError) as info:
        read_docx(data, "bad.docx")
    assert info.value.key == key


def _with_damaged_document(document: bytes) -> bytes:
    """A well-formed archive whose document.xml inflates into garbage half way through."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
    data = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    return bytes(data)


def test_damaged_compressed_part_is_a_clear_error() -> None:
    paragraphs = "".join(f"<w:p><w:r><w:t>Đoạn {i} đạt 1{i} tấn</w:t></w:r></w:p>" for i in range(3000))
    document = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{paragraphs}</w:body></w:document>'
    with pytest.raises(ReadError) as info:
        read_docx(_with_damaged_document(document.encode()), "hong.docx")
    assert info.value.key == "read.corrupt"


def test_xml_broken_after_many_paragraphs_is_a_clear_error() -> None:
    paragraphs = "".join(f"<w:p><w:r><w:t>Đoạn {i}</w:t></w:r></w:p>" for i in range(500))
    with pytest.raises(ReadError) as info:
        read_docx(_docx(paragraphs + "<w:p><w:r><w:t>hết"), "cut.docx")
    assert info.value.key == "read.corrupt"


def test_paragraphs_in_cells_and_text_boxes_are_read_once_in_order() -> None:
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    table = "<w:tbl>" + "".join("<w:tr>" + cell.format(a) + cell.format(b) + "</w:tr>"
                                for a, b in (("Chỉ tiêu", "Kết quả"), ("Lúa", "100 tấn"))) + "</w:tbl>"
    text_box = ("<w:p><w:r><w:t>Trước hộp </w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>trong hộp</w:t>"
                "</w:r></w:p></w:txbxContent></w:pict></w:r></w:p>")
    body = "<w:p><w:r><w:t>Mở đầu</w:t></w:r></w:p>" + table + text_box + "<w:p><w:r><w:t>Kết thúc</w:t></w:r></w:p>"
    doc = read_docx(_docx(body), "order.docx")
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else len(b.rows)) for b in doc.blocks]
    assert kinds[0] == ("Paragraph", "Mở đầu")
    assert kinds[1] == ("Table", 2)
    assert [k for k in kinds if k[0] == "Paragraph" and "hộp" in str(k[1])] == [kinds[2]]
    assert kinds[-1] == ("Paragraph", "Kết thúc")
    assert len(kinds) == 4


def test_external_entities_are_refused() -> None:
    body = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", body)
    with pytest.raises(ReadError) as info:
        read_docx(buffer.getvalue(), "xxe.docx")
    assert info.value.key == "read.corrupt"


def test_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    with pytest.raises(ReadError) as info:
        read_docx(buffer.getvalue(), "bomb.docx")
    assert info.value.key == "read.zip_bomb"


def test_automatic_numbering_labels_are_restored() -> None:
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )

    def item(text: str, level: int) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")

    body = item("KINH TẾ", 0) + item("Nông nghiệp", 1) + item("ý", 2) + item("Công nghiệp", 1) + item("XÃ HỘI", 0) \
        + item("Giáo dục", 1)
    doc = read_docx(_docx(body, {"word/numbering.xml": numbering}), "x.docx")
    assert [p.text for p in doc.paragraphs()] == [
        "I. KINH TẾ", "I.1. Nông nghiệp", "- ý", "I.2. Công nghiệp", "II. XÃ HỘI", "II.1. Giáo dục"]
