"""Upload messages that say what is wrong with each file: an empty Word file, a picture named .docx, a
report of another unit (named as it was read), a report of no recognisable unit — in one batch, each
file its own message, nothing stored."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from html import unescape

from docx import Document
from fastapi.testclient import TestClient

from tests.conftest import SAMPLES
from tests.docx_builder import text_to_docx

Client = Callable[[str | None], TestClient]


def _png() -> bytes:
    """A real 2×2 PNG picture."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))


def _empty_docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def test_each_refused_file_says_why(client_as: Client) -> None:
    client = client_as("bientap")
    before = len(client.get("/api/v1/documents").json())
    other = sorted(SAMPLES.glob("003_*.txt"))[0].read_text(encoding="utf-8")  # Tam Đường's report
    nameless = "BÁO CÁO\nKết quả năm 2023\nTổng sản lượng lương thực đạt 17.000 tấn, đạt 100% kế hoạch.\n"
    files = [("file", ("trong.docx", _empty_docx())), ("file", ("anh-chup.docx", _png())),
             ("file", ("tam-duong.docx", text_to_docx(other))), ("file", ("khong-ro.docx", text_to_docx(nameless)))]
    page = unescape(client.post("/van-ban", files=files).text)
    messages = [m for m in page.split('<div class="flash flash-error"')[1:]]
    assert len(messages) == 5  # the summary, then one message per file
    empty, picture, foreign, unknown = messages[1:]
    assert "trong.docx" in empty and "không có chữ nào" in empty and "ngoài phạm vi" not in empty
    assert "anh-chup.docx" in picture and "không phải tệp Word (.docx)" in picture and "ảnh PNG" in picture
    assert "bảng mã" not in picture
    assert "tam-duong.docx" in foreign and "Tam Đường" in foreign and "Lai Châu" in foreign
    assert "khong-ro.docx" in unknown and "không đọc được văn bản này là của đơn vị hành chính nào" in unknown
    assert len(client.get("/api/v1/documents").json()) == before


def test_the_api_gives_the_same_reasons(client_as: Client) -> None:
    client = client_as("bientap")
    body = client.post("/api/v1/documents", files={"file": ("anh.docx", _png())}).json()
    assert body["added"] == 0 and "ảnh PNG" in body["failures"][0]["message"]
    admin = client_as("quantri")
    body = admin.post("/api/v1/documents", files={"file": ("trong.docx", _empty_docx())}).json()
    assert "không có chữ nào" in body["failures"][0]["message"]  # said to an administrator too
