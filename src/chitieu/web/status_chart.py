"""The dashboard's chart of a unit's indicators by status, drawn on the server as SVG: no script, so it
shows under the strict content policy, on a phone and when printed."""

from __future__ import annotations

from html import escape

from chitieu.messages import render

ORDER = ("vuot", "dat", "khong_dat", "chua_danh_gia", "khong_co_so_lieu")
WIDTH, BAR, GAP, LABEL, COUNT = 440, 22, 8, 170, 40


def status_chart(counts: dict[str, int], classes: dict[str, str]) -> str:
    """One bar per status (in the rulebook's order), as long as its share of the indicators, with its
    name and count, coloured by `classes` (status → CSS class); '' when there is nothing to count."""
    total = sum(counts.get(k, 0) for k in ORDER)
    if not total:
        return ""
    largest = max(counts.get(k, 0) for k in ORDER)
    room = WIDTH - LABEL - COUNT
    height = len(ORDER) * (BAR + GAP)
    summary = "; ".join(f"{render(f'status.{k}')}: {counts.get(k, 0)}" for k in ORDER)
    title = escape(render("web.chart.status_title", total=total))
    parts = [f'<svg class="status-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-label="{title}. {escape(summary)}"><title>{title}</title>']
    for i, key in enumerate(ORDER):
        n = counts.get(key, 0)
        y = i * (BAR + GAP)
        length = round(room * n / largest, 1) if n else 0
        parts.append(f'<g class="bar {classes.get(key, "")}" data-status="{key}" data-count="{n}">'
                     f'<text x="{LABEL - 6}" y="{y + BAR - 6}" text-anchor="end">{escape(render(f"status.{key}"))}'
                     f'</text><rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}" rx="3"/>'
                     f'<text class="count" x="{LABEL + length + 6}" y="{y + BAR - 6}">{n}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
