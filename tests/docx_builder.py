"""Rebuild a text export as a real Word file: one paragraph per line (markup removed), runs of tab
lines as Word tables, inline '[N: ...]' footnote bodies as real Word footnotes. For tests and benchmarks.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from chitieu.read.markup import clean_cell, clean_line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(text: str, notes: list[tuple[int, str]]) -> str:
    refs = "".join(
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'
        for n, _ in notes
    )
    return f"<w:p>{_run(text)}{refs}</w:p>"


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    # ruled like the 'Table Grid' style reports use: the lines a PDF of it keeps
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>"]
    for row in rows:
        cells = row + [""] * (width - len(row))
        out.append("<w:tr>" + "".join(f"<w:tc><w:p>{_run(c)}</w:p></w:tc>" for c in cells) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def text_to_docx(text: str, split_tables_every: int | None = None) -> bytes:
    """`split_tables_every`: write each table in parts of that many rows, with an empty paragraph
    between them, as a table pasted in pieces often is."""
    body: list[str] = []
    footnotes: list[str] = []
    pending: list[tuple[str, list[str]]] = []  # (line, its cells)
    next_id = 1

    def paragraph(line: str) -> None:
        nonlocal next_id
        clean = clean_line(line)
        notes = []
        for _, note_text in clean.notes:
            notes.append((next_id, note_text))
            next_id += 1
        if not clean.text and not notes:
            return
        body.append(_paragraph(clean.text, notes))
        for n, note in notes:
            footnotes.append(f'<w:footnote w:id="{n}"><w:p>{_run(note)}</w:p></w:footnote>')

    def flush() -> None:
        rows = [cells for _, cells in pending]
        if len(rows) >= 2 and split_tables_every:
            for start in range(0, len(rows), split_tables_every):
                if start:
                    body.append("<w:p/>")
                body.append(_table(rows[start : start + split_tables_every]))
        elif len(rows) >= 2:
            body.append(_table(rows))
        else:  # a line with tabs but no table (a tab inside a footnote's text): a paragraph as it is
            for line, _ in pending:
                paragraph(line)
        pending.clear()

    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) >= 3 and sum(1 for c in cells if clean_cell(c)[0]) >= 2:
            pending.append((line, [clean_cell(c)[0] for c in cells]))
            continue
        if pending and not line.strip():
            continue
        flush()
        paragraph(line)
    flush()
    return package(body, footnotes)


def package(body: list[str], footnotes: list[str]) -> bytes:
    """A .docx of these body elements and footnotes (WordprocessingML, as strings)."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
                f"<w:body>{''.join(body)}</w:body></w:document>")
    notes_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f"{''.join(footnotes)}</w:footnotes>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/footnotes.xml", notes_xml)
    return buffer.getvalue()
