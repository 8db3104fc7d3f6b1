"""A draft of the next report's assessment, one paragraph per domain group, in the documents' own
style: 'Thu nhập bình quân đầu người ước đạt 42 triệu đồng, bằng 84% kế hoạch, không đạt.'"""

from __future__ import annotations

import io
from collections import Counter

from chitieu.export.model import Bieu, BieuRow
from chitieu.messages import render
from chitieu.messages.formatting import percent


def _sentence(row: BieuRow, basis: str) -> str:
    verb = render("narrative.verb.estimate" if render("bieu.note.estimate") in row.note else "narrative.verb.final")
    unit = f" {row.unit}" if row.unit and row.unit != "%" else ("%" if row.unit == "%" else "")
    name = row.name[:1].upper() + row.name[1:]
    status = render(f"narrative.status.{row.status}") if row.status in {"vuot", "dat", "khong_dat"} else \
        render("narrative.status.chua_danh_gia")
    if not row.goal:
        return render("narrative.sentence_no_goal", name=name, verb=verb, actual=row.actual, unit=unit)
    if row.pct is None:
        return render("narrative.sentence_no_pct", name=name, verb=verb, actual=row.actual, unit=unit, basis=basis,
                      goal=row.goal, status=status)
    return render("narrative.sentence", name=name, verb=verb, actual=row.actual, unit=unit, pct=percent(row.pct),
                  basis=basis, status=status)


def paragraphs(bieu: Bieu) -> list[tuple[str, list[str]]]:
    """(group heading, sentences) in the Biểu's order, plus a closing summary."""
    basis = render("narrative.basis.term" if "Mục tiêu" in bieu.goal_label else "narrative.basis.plan")
    out: list[tuple[str, list[str]]] = []
    for row in bieu.rows:
        if row.group:
            out.append((f"{row.tt}. {row.name[:1]}{row.name[1:].lower()}", []))
        elif row.actual and out:
            out[-1][1].append(_sentence(row, basis))
    counts = Counter(r.status for r in bieu.indicator_rows if r.actual)
    summary = render("narrative.summary", total=sum(counts.values()), vuot=counts["vuot"], dat=counts["dat"],
                     khong_dat=counts["khong_dat"])
    out.append(("", [summary]))
    return [(heading, sentences) for heading, sentences in out if sentences]


def write_markdown(bieu: Bieu) -> bytes:
    lines = [f"# {render('narrative.title', unit=bieu.unit_name, period=bieu.period)}", ""]
    for heading, sentences in paragraphs(bieu):
        if heading:
            lines += [f"## {heading}", ""]
        lines += [" ".join(sentences), ""]
    return "\n".join(lines).encode("utf-8")


def write_narrative_docx(bieu: Bieu) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    doc.add_heading(render("narrative.title", unit=bieu.unit_name, period=bieu.period), level=1)
    for heading, sentences in paragraphs(bieu):
        if heading:
            doc.add_heading(heading, level=2)
        paragraph = doc.add_paragraph(" ".join(sentences))
        paragraph.paragraph_format.first_line_indent = Pt(28)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
