"""Word .docx → SourceDocument with zipfile + lxml (python-docx drops tracked insertions, content
controls and footnotes). Paragraphs and tables in order, merged cells resolved, footnote and
endnote bodies placed right after the paragraph that cites them, legacy-font runs converted.

The archive is checked before anything is inflated; XML is parsed without entities or network.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from chitieu.domain.document import Block, BlockOrigin, Paragraph, SourceDocument, Table, TableRow
from chitieu.read import legacy_fonts
from chitieu.read.budgets import MAX_COLUMNS, BlockBudget
from chitieu.read.docx_numbering import paragraph_label, parse_numbering
from chitieu.read.ooxml import open_archive, parse_part, stream_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
def _run_font(run: etree._Element) -> str | None:
    fonts = run.find(f"{_W}rPr/{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")


def _is_bold(run: etree._Element) -> bool:
    b = run.find(f"{_W}rPr/{_W}b")
    return b is not None and b.get(f"{_W}val", "true") not in ("0", "false")


def _is_superscript(run: etree._Element) -> bool:
    v = run.find(f"{_W}rPr/{_W}vertAlign")
    return v is not None and v.get(f"{_W}val") == "superscript"


class _Walker:
    def __init__(self, default_font: str | None) -> None:
        self.default_font = default_font

    def paragraph_text(self, p: etree._Element) -> tuple[str, bool, list[str]]:
        """(text, wholly bold, ids of the footnotes/endnotes cited)."""
        parts: list[str] = []
        notes: list[str] = []
        bold_chars = total_chars = 0
        for run in p.iter(f"{_W}r"):
            if _ancestor(run, (f"{_W}del", f"{_W}fldInstr")) or _in_fallback(run):
                continue
            text = self._run_text(run, notes)
            if not text:
                continue
            if _is_superscript(run) and re.fullmatch(r"\s*\(?\d{1,3}\)?\s*", text):
                prev = "".join(parts)
                if text.strip() in {"2", "3"} and prev.endswith(("m", "M")):
                    parts.append("²" if text.strip() == "2" else "³")
                else:
                    parts.append(" ")
                continue
            encoding = legacy_fonts.font_encoding(_run_font(run) or self.default_font)
            if encoding:
                text = legacy_fonts.convert(text, encoding[0], upper=encoding[1])
            parts.append(text)
            total_chars += len(text.strip())
            if _is_bold(run):
                bold_chars += len(text.strip())
        text = unicodedata.normalize("NFC", re.sub(r" {2,}", " ", "".join(parts).replace("\u00a0", " ")).strip())
        return text, total_chars > 0 and bold_chars == total_chars, notes

    def _run_text(self, run: etree._Element, notes: list[str]) -> str:
        out: list[str] = []
        for child in run:
            tag = child.tag
            if tag in (f"{_W}t", f"{_W}delText"):
                if tag == f"{_W}t":
                    out.append(child.text or "")
            elif tag == f"{_W}tab" or tag in (f"{_W}br", f"{_W}cr"):
                out.append(" ")
            elif tag == f"{_W}sym":
                char = child.get(f"{_W}char")
                if char:
                    try:
                        code = int(char, 16)
                        out.append(chr(code - 0xF000 if code >= 0xF000 else code))
                    except ValueError:
                        pass
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                kind = "f" if tag == f"{_W}footnoteReference" else "e"
                notes.append(kind + (child.get(f"{_W}id") or ""))
                out.append(" ")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
        return "".join(out)


def _ancestor(el: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _in_fallback(el: etree._Element) -> bool:
    """Newer Word stores text boxes twice (mc:Choice and mc:Fallback): read one copy."""
    parent = el.getparent()
    while parent is not None:
        if parent.tag.endswith("}Fallback"):
            return True
        parent = parent.getparent()
    return False


def _table_rows(tbl: etree._Element, walker: _Walker) -> list[list[tuple[str, bool]]]:
    rows: list[list[tuple[str, bool]]] = []
    above: dict[int, tuple[str, bool]] = {}
    for tr in tbl.findall(f"{_W}tr"):
        row: list[tuple[str, bool]] = []
        col = 0
        for tc in tr.findall(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = 1
            merge = None
            if props is not None:
                gs = props.find(f"{_W}gridSpan")
                if gs is not None:
                    written = gs.get(f"{_W}val", "1") or "1"
                    span = max(1, min(int(written) if written.isdigit() else 1, MAX_COLUMNS - col))
                vm = props.find(f"{_W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{_W}val", "continue")
            texts, bolds = [], []
            for p in tc.iter(f"{_W}p"):
                if _ancestor_until(p, f"{_W}tbl", tc):
                    continue
                text, bold, _ = walker.paragraph_text(p)
                if text:
                    texts.append(text)
                    bolds.append(bold)
            cell = (" ".join(texts), bool(bolds) and all(bolds))
            if merge == "continue":
                cell = ("", above.get(col, ("", False))[1])
            for k in range(span):
                row.append(cell if k == 0 else ("", cell[1]))
                above[col + k] = cell
            col += span
            if col >= MAX_COLUMNS:
                break  # the columns past the budget are not read
        rows.append(row)
    return rows


def _ancestor_until(el: etree._Element, tag: str, stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _notes(root: etree._Element | None, walker: _Walker, tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for note in root.findall(f"{_W}{tag}"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [walker.paragraph_text(p)[0] for p in note.iter(f"{_W}p")]
        body = " ".join(t for t in texts if t).strip()
        if body:
            out[note.get(f"{_W}id") or ""] = body
    return out


_WRAPPERS = frozenset(f"{_W}{tag}" for tag in ("sdt", "sdtContent", "ins", "customXml"))
_BODY = frozenset((f"{_W}body", f"{_W}document"))


def _top_level(el: etree._Element) -> bool:
    """A paragraph or table of the body itself, maybe inside content controls (w:sdt) or insertions;
    not one inside a table cell or a text box."""
    parent = el.getparent()
    while parent is not None and parent.tag in _WRAPPERS:
        parent = parent.getparent()
    return parent is not None and parent.tag in _BODY


def _default_font(styles: etree._Element | None) -> str | None:
    if styles is None:
        return None
    fonts = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    return fonts.get(f"{_W}ascii") if fonts is not None else None


def read_docx(data: bytes, name: str) -> SourceDocument:
    archive = open_archive(data, name, "docx", "word/document.xml")
    walker = _Walker(_default_font(parse_part(archive, "word/styles.xml", name)))
    footnotes = _notes(parse_part(archive, "word/footnotes.xml", name), walker, "footnote")
    endnotes = _notes(parse_part(archive, "word/endnotes.xml", name), walker, "endnote")
    numbering = parse_numbering(parse_part(archive, "word/numbering.xml", name))
    blocks: list[Block] = []
    index = 0
    budget = BlockBudget(name)
    inserted: set[str] = set()  # a note is read once, however often it is cited
    for el in stream_part(archive, "word/document.xml", name, (f"{_W}p", f"{_W}tbl"), _top_level):
        budget.take()
        if el.tag == f"{_W}tbl":
            rows = _table_rows(el, walker)
            budget.take(len(rows))
            width = max((len(r) for r in rows), default=0)
            table_rows = []
            start = index + 1
            for row in rows:
                index += 1
                padded = row + [("", False)] * (width - len(row))
                table_rows.append(TableRow(tuple(c for c, _ in padded), index, tuple(b for _, b in padded)))
            if table_rows:
                blocks.append(Table(tuple(table_rows), start))
            continue
        text, bold, cited = walker.paragraph_text(el)
        if not text and not cited:
            continue
        label = paragraph_label(el, numbering)
        if label and text:
            text = f"{label} {text}"
        index += 1
        if text:
            blocks.append(Paragraph(text, index, BlockOrigin.BODY, bold))
        for note in cited:
            source = footnotes if note[0] == "f" else endnotes
            if note[1:] in source and note not in inserted:
                inserted.add(note)
                budget.take()
                index += 1
                origin = BlockOrigin.FOOTNOTE if note[0] == "f" else BlockOrigin.ENDNOTE
                blocks.append(Paragraph(source[note[1:]], index, origin, False, note[1:]))
    return SourceDocument(name=name, format="docx", blocks=tuple(blocks))
