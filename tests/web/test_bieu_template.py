"""A Biểu from the superior's template: templates made in the shape of a sample's indicator table (an
.xlsx with its own heading block and a 'Ghi chú' column, a .docx with its rows in another order), uploaded,
mapped (suggested, one row changed by hand and remembered), filled from the stored values with the checks
of the Biểu, and read back by chitieu's own reader with the same values."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import unescape

from docx import Document
from docx.shared import Pt
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from chitieu.domain.names import fold
from chitieu.domain.numbers import read_number
from chitieu.export.model import BieuRow
from chitieu.messages.formatting import percent
from chitieu.services.bieu_check import checked_bieu
from chitieu.services.bieu_template import read_template
from chitieu.services.database import connect
from tests.conftest import SAMPLES

Client = Callable[[str | None], TestClient]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sample_table(prefix: str) -> list[list[str]]:
    """The first indicator table of a sample (tab-separated lines), markup removed."""
    text = sorted(SAMPLES.glob(f"{prefix}*.txt"))[0].read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in text.split("\n"):
        cells = [re.sub(r"</?b>", "", c).strip() for c in line.split("\t")] if "\t" in line else []
        if len([c for c in cells if c]) >= 3 or (rows and cells):
            if cells[:3] != ["1", "2", "3"]:  # the column numbers' row
                rows.append(cells)
        elif rows and line.strip():
            break
    return rows


def _xlsx_template(rows: list[list[str]]) -> bytes:
    """The table as an office's template: a heading block, the columns plus 'Ghi chú', value cells empty."""
    header = [*rows[0], "Ghi chú"]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "UBND TỈNH LAI CHÂU"
    ws["F1"] = "Biểu số 01/KH"
    ws["A2"] = "CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU"
    ws.append([])
    ws.append(header)
    for r in rows[1:]:
        ws.append([*r[:3], *[None] * (len(header) - 3)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx_template(rows: list[list[str]]) -> bytes:
    """The table in a Word template, its parts in reverse order (the superior's own order)."""
    doc = Document()
    doc.add_paragraph("BIỂU CHỈ TIÊU CHỦ YẾU")
    parts: list[list[list[str]]] = []
    for r in rows[1:]:  # a new part at each numbered row that is no sub-item ('3', not '3.1')
        if not parts or (r[0] and "." not in r[0]):
            parts.append([r])
        else:
            parts[-1].append(r)
    ordered = [r for part in reversed(parts) for r in part]
    table = doc.add_table(rows=1, cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    for cell, title in zip(table.rows[0].cells, rows[0], strict=True):
        cell.text = title
    for r in ordered:
        cells = table.add_row().cells
        for i, text in enumerate(r[:3]):
            run = cells[i].paragraphs[0].add_run(text)
            run.font.size = Pt(11)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _unit(client: TestClient) -> int:
    return next(u["id"] for u in client.get("/api/v1/units").json() if u["name"] == "Mường Tè"
                and u["level"] == "huyen")


def _upload(client: TestClient, name: str, data: bytes, media: str) -> str:
    """Reach the template pages from the Biểu page's visible link, upload; the mapping page's address."""
    bieu = client.get("/bieu", params={"unit": _unit(client), "period": "2023"}).text
    link = re.search(r'<a class="button" id="template-fill" href="([^"]+)"', bieu)
    assert link
    assert "id=\"template-upload\"" in client.get(unescape(link.group(1))).text
    response = client.post("/mau-bieu", files={"file": (name, data, media)}, follow_redirects=False)
    assert response.status_code == 303 and re.fullmatch(r"/mau-bieu/\d+", response.headers["location"])
    return str(response.headers["location"])


def _mapping(page: str) -> dict[int, str]:
    """Each row's indicator as the mapping form has it selected ('' for none)."""
    out = {}
    for line, options in re.findall(r'<select name="row-(\d+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        out[int(line)] = chosen.group(1) if chosen else ""
    return out


def _expected(web_db: str) -> list[BieuRow]:
    db = connect(web_db)
    try:
        return checked_bieu(db, "Mường Tè", "2023").indicator_rows
    finally:
        db.close()


def _source_for(name: str, rows: list[BieuRow], used: set[int]) -> BieuRow:
    """The stored Biểu row a template row of this name stands for (each used once)."""
    index = next(i for i, r in enumerate(rows) if fold(r.name) == fold(name) and i not in used)
    used.add(index)
    return rows[index]


def _same(cell: str, text: str, number: float | None) -> None:
    if number is None:
        assert cell == text
        return
    reading = read_number(cell)
    assert reading is not None and abs(reading.value - number) < 1e-9, (cell, number)


def _read_back(data: bytes, name: str) -> dict[str, dict[str, str]]:
    """The filled file through chitieu's reader: each row's cells by column title."""
    table = read_template(name, data, "2023")
    from chitieu.read.document import read_bytes

    cells: dict[str, dict[str, str]] = {}
    for t in read_bytes(data, name).tables():
        for row in t.rows:
            if len(row.cells) > table.name_column and row.cells[table.name_column]:
                cells.setdefault(row.cells[table.name_column], dict(zip(table.header, row.cells, strict=False)))
    return cells


def test_an_excel_template_comes_back_filled_and_reads_back_the_same(client_as: Client, web_db: str) -> None:
    client = client_as("bientap")
    rows = sample_table("002_")
    header = rows[0]
    address = _upload(client, "mau-bieu-lai-chau.xlsx", _xlsx_template(rows), XLSX)
    unit = _unit(client)
    page = client.get(address, params={"unit": unit, "period": "2023"}).text
    mapping = _mapping(page)
    expected = _expected(web_db)
    # every indicator row of the template is suggested the indicator the stored Biểu has for it
    by_name = {fold(r.name): r.indicator_id for r in expected}
    suggested = {line: ind for line, ind in mapping.items() if ind}
    assert len(suggested) == len(expected)
    names = dict(re.findall(r'<tr id="T(\d+)"[^>]*>\s*<td[^>]*>[^<]*</td>\s*<td class="name"[^>]*>([^<]+)</td>', page))
    assert all(by_name[fold(unescape(names[str(line)]))] == ind for line, ind in suggested.items())
    # one row checked on the Biểu page: its note and the count under the table travel to the template
    bieu = client.get("/bieu", params={"unit": unit, "period": "2023"}).text
    key = re.findall(r'<tr id="R([0-9a-f]{16})"', bieu)[0]
    client.post("/bieu/kiem", data={"unit": unit, "period": "2023", "key": key, "decision": "accept"})
    expected = _expected(web_db)
    download = re.search(r'<a class="button primary" id="template-download" href="([^"]+)"',
                         client.get(address, params={"unit": unit, "period": "2023"}).text)
    assert download
    response = client.get(unescape(download.group(1)))
    assert response.status_code == 200
    assert "muong-te-2023.xlsx" in response.headers["content-disposition"]
    data = response.content
    # the template's own layout kept: its heading block and column titles where they were
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None and ws["A1"].value == "UBND TỈNH LAI CHÂU" and ws["F1"].value == "Biểu số 01/KH"
    assert [c.value for c in ws[4]][:len(header)] == header
    # every row filled from the stored values, read back by chitieu's reader the same
    read = _read_back(data, "filled.xlsx")
    used: set[int] = set()
    goal_h, actual_h, pct_h = header[3], header[4], header[6]
    for r in rows[1:]:
        if not r[2] or fold(r[1]) == fold(header[1]):
            continue  # a part's heading: nothing to fill
        source = _source_for(r[1], expected, used)
        back = read[r[1]]
        # numbers are numbers in the workbook: read back as the same number
        _same(back[actual_h], source.actual, source.actual_value)
        goal = source.goal_value if source.goal_value is not None else (
            source.goal_quantity.value if source.goal_quantity else None)
        _same(back[goal_h], source.goal, goal)
        _same(back[pct_h], percent(source.pct), None if source.pct is None else round(source.pct, 2))
        assert back["Ghi chú"] == source.note
    checked_note = next(r.note for r in expected if "Đã kiểm" in r.note)
    assert any(v["Ghi chú"] == checked_note for v in read.values())
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any(t.startswith("Đã kiểm 1/") and "bientap" in t for t in texts)
    # the JSON twin gives the same rows and values
    twin = client.get(f"/api/v1{address.replace('/mau-bieu', '/bieu-templates')}",
                      params={"unit": unit, "period": "2023"}).json()
    assert twin["filled"] == len(expected) and all(r["values"].get("actual", "") == next(
        x.actual for x in expected if fold(x.name) == fold(r["name"])) for r in twin["rows"] if r["values"])


def test_a_word_template_in_its_own_order_and_a_mapping_remembered(client_as: Client, web_db: str) -> None:
    client = client_as("bientap")
    rows = sample_table("002_")
    template = _docx_template(rows)
    address = _upload(client, "mau-bieu.docx", template, DOCX)
    unit = _unit(client)
    page = client.get(address, params={"unit": unit, "period": "2023"}).text
    mapping = _mapping(page)
    # one row mapped by hand to another indicator, and a heading left unfilled: remembered for the template
    names = {int(line): unescape(name) for line, name in re.findall(
        r'<tr id="T(\d+)"[^>]*>\s*<td[^>]*>[^<]*</td>\s*<td class="name"[^>]*>([^<]+)</td>', page)}
    moved = next(line for line, name in names.items() if name == "Tuyển quân")
    form = {f"row-{line}": ind for line, ind in mapping.items()}
    form[f"row-{moved}"] = ""
    saved = client.post(address, data={**form, "unit": str(unit), "period": "2023"})
    assert "Đã lưu cách ghép" in saved.text
    again = _upload(client, "mau-bieu (1).docx", template, DOCX)  # the same template, uploaded again
    assert again == address
    remembered = _mapping(client.get(again, params={"unit": unit, "period": "2023"}).text)
    assert remembered[moved] == "" and {k: v for k, v in remembered.items() if k != moved} == \
        {k: v for k, v in mapping.items() if k != moved}
    assert "đã xác nhận: bientap" in client.get(again).text
    response = client.get(f"{address}/tai-ve", params={"unit": unit, "period": "2023"})
    assert response.status_code == 200 and response.headers["content-type"] == DOCX
    filled = Document(io.BytesIO(response.content))
    original = Document(io.BytesIO(template))
    # the template's rows in its own order, its name cells untouched
    assert [r.cells[1].text for r in filled.tables[0].rows] == [r.cells[1].text for r in original.tables[0].rows]
    read = _read_back(response.content, "filled.docx")
    expected = _expected(web_db)
    used: set[int] = set()
    header = rows[0]
    for r in rows[1:]:
        if not r[2] or fold(r[1]) == fold(header[1]):
            continue
        source = _source_for(r[1], expected, used)
        if r[1] == "Tuyển quân":
            assert read[r[1]][header[4]] == ""  # not mapped any more: left empty
            continue
        assert read[r[1]][header[4]] == source.actual and read[r[1]][header[3]] == source.goal, r[1]
        assert read[r[1]][header[5]] == source.next_goal
    # the filled values are in the font of the template's rows
    cell = next(r.cells[4] for r in filled.tables[0].rows if r.cells[1].text == "Tổng sản lượng lương thực")
    assert cell.paragraphs[0].runs[0].font.size == Pt(11)


def test_a_file_that_is_no_template_is_refused_with_its_name(client_as: Client) -> None:
    client = client_as("bientap")
    refused = client.post("/mau-bieu", files={"file": ("ghi-chu.txt", "chỉ là chữ".encode(), "text/plain")})
    assert "Tệp ghi-chu.txt không phải mẫu biểu Excel (.xlsx) hoặc Word (.docx)" in refused.text
    doc = Document()
    doc.add_paragraph("Không có bảng nào")
    out = io.BytesIO()
    doc.save(out)
    no_table = client.post("/mau-bieu", files={"file": ("trong.docx", out.getvalue(), DOCX)})
    assert "Không tìm thấy bảng chỉ tiêu trong tệp mẫu trong.docx" in no_table.text
    viewer = client_as("xem")
    assert viewer.post("/mau-bieu", files={"file": ("m.xlsx", _xlsx_template(sample_table("002_")), XLSX)}
                       ).status_code == 403
