"""Jinja2 set-up: every text comes from the message catalogue (`t`), numbers in Vietnamese format."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from chitieu.catalog.model import by_id
from chitieu.messages import formatting as fmt
from chitieu.messages import render
from chitieu.web.csrf import csrf_token
from chitieu.web.status_chart import status_chart

STATUS_CLASS = {"vuot": "st-vuot", "dat": "st-dat", "khong_dat": "st-khong", "chua_danh_gia": "st-chua",
                "khong_co_so_lieu": "st-none"}


def sparkline(points: list[tuple[str, float]], width: int = 120, height: int = 28) -> str:
    """An inline SVG polyline of a short series (no script needed for the dashboard's many series)."""
    if len(points) < 2:
        return ""
    values = [v for _, v in points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    coords = " ".join(f"{2 + i * step:.1f},{height - 3 - (v - low) / span * (height - 6):.1f}"
                      for i, v in enumerate(values))
    title = "; ".join(f"{p}: {fmt.number(v)}" for p, v in points)
    return (f'<svg class="spark" width="{width}" height="{height}" role="img" aria-label="{title}">'
            f"<title>{title}</title><polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" "
            f'points="{coords}"/></svg>')


def number_text(text: str | None) -> str:
    """A stored number ('17650.5') in Vietnamese format; other text unchanged."""
    try:
        return fmt.number(float(text)) if text else ""
    except ValueError:
        return text or ""


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
    env = templates.env
    env.globals["t"] = render
    env.globals["csrf_token"] = csrf_token
    env.globals["status_class"] = STATUS_CLASS
    env.filters["num"] = fmt.number
    env.filters["pct"] = fmt.percent
    env.filters["spark"] = sparkline
    env.filters["numtext"] = number_text
    env.filters["status_chart"] = lambda counts: status_chart(counts, STATUS_CLASS)
    env.globals["qty"] = fmt.quantity
    env.globals["indicator_name"] = lambda indicator_id: getattr(by_id().get(indicator_id or ""), "name", indicator_id)
    return templates
