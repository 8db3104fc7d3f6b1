"""The hostile corpus of issue 15, generated (a few MB, so never committed): every class of small file
that once expanded without bound, each with the message key it must now get.

    python -m tests.hostile_corpus tests/data/hostile/     # write the files there (git-ignored)
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from tests.docx_builder import package

_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = "<w:p><w:r><w:t>BÁO CÁO tình hình thực hiện nhiệm vụ năm 2023 của huyện Mường Tè</w:t></w:r></w:p>"


def _cell(text: str, span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def xlsx_package(sheets: dict[str, str], listed: list[str]) -> bytes:
    entries = "".join(f'<sheet name="S{k}" sheetId="{k + 1}" r:id="rId{k + 1}"/>' for k in range(len(listed)))
    rels = "".join(f'<Relationship Id="rId{k + 1}" Type="{_R}/worksheet" Target="{target}"/>'
                   for k, target in enumerate(listed))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_S}" xmlns:r="{_R}"><sheets>{entries}</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   f'2006/relationships">{rels}</Relationships>')
        for path, data in sheets.items():
            z.writestr(f"xl/{path}", f'<worksheet xmlns="{_S}"><sheetData>{data}</sheetData></worksheet>')
    return buffer.getvalue()


def sheet_row(n: int, cells: dict[str, str]) -> str:
    return f'<row r="{n}">' + "".join(f'<c r="{ref}{n}" t="inlineStr"><is><t>{v}</t></is></c>'
                                      for ref, v in cells.items()) + "</row>"


def _bomb() -> bytes:
    """A .docx whose document part expands from a few hundred KB to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            block = b" " * 2**20
            for _ in range(300):
                part.write(block)
    return buffer.getvalue()


DENSE = ("Kế hoạch vốn năm 2023 là 326.071 triệu đồng; giải ngân 132.998 triệu đồng, bằng 40,84% kế hoạch; "
         "có 12/14 xã đạt chuẩn, chiếm tỷ lệ 84,6%; 73,5% kiên cố, 23% bán kiên cố, 3,3% tạm. ")


def corpus() -> dict[str, tuple[bytes, str]]:
    """file name → (content, the message key it must get)."""
    span_rows = "".join(f"<w:tr>{_cell('TT')}{_cell('Chỉ tiêu', 100_000_000)}</w:tr>" for _ in range(3))
    note = "Số liệu theo niên giám thống kê của tỉnh, đã được rà soát lại. " * 1600  # 100 KB, cited 100 times
    cited = [f'<w:p><w:r><w:t>Đoạn {k}</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
             for k in range(100)]
    table = sheet_row(1, {"A": "TT", "B": "Chỉ tiêu", "C": "Kế hoạch"})
    return {
        # a span of a hundred million columns: read within MAX_COLUMNS; a table with no figure is no report
        "gridspan.docx": (package([HEAD, f"<w:tbl>{span_rows}</w:tbl>"], []), "stored"),
        # a cell a hundred million columns to the right, and two hundred sheets that are one part
        "far-column.xlsx": (xlsx_package({"worksheets/sheet1.xml": table + sheet_row(2, {"A": "1", "B": "Thu", "C": "5",
                                                                           "HJHQPS": "xa"})},
                                  ["worksheets/sheet1.xml"]), "stored"),
        "sheets.xlsx": (xlsx_package({"worksheets/sheet1.xml": table + sheet_row(2, {"A": "1", "B": "Chi", "C": "7"})},
                              ["worksheets/sheet1.xml"] * 200), "stored"),
        # a 100 KB footnote cited by a hundred paragraphs: read once
        "footnote.docx": (package([HEAD, *cited], [f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r>'
                                                   "</w:p></w:footnote>"]), "stored"),
        # 100,000 paragraphs in 1.4 MB
        "paragraphs.docx": (package(["<w:p><w:r><w:t>x</w:t></w:r></w:p>"] * 100_000, []), "read.too_many_blocks"),
        # a text of nothing but figures (the audit was quadratic in them): 5 MB
        "dense.txt": (("BÁO CÁO năm 2023 của huyện Mường Tè\n" + "\n".join(DENSE * 20 for _ in range(1200)))
                      .encode(), "read.too_many_numbers"),
        # a part that expands 300 MB
        "bomb.docx": (_bomb(), "read.zip_bomb"),
    }


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (data, _) in corpus().items():
        (folder / name).write_bytes(data)
        out.append(folder / name)
    large = folder / "too-large.txt"  # 60 MB, sparse: the size is refused before a byte is read
    with large.open("wb") as f:
        f.truncate(60 * 2**20)
    out.append(large)
    return out


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/hostile")):
        print(path, path.stat().st_size)
