"""Plotly figure data for an indicator's series (drawn in the browser by the bundled plotly.min.js)."""

from __future__ import annotations

from typing import Any

from chitieu.messages import render
from chitieu.messages.formatting import number
from chitieu.services.indicator_detail import IndicatorDetail


def indicator_figure(detail: IndicatorDetail) -> dict[str, Any]:
    """Targets as a line, results as points, estimates as hollow points; one colour per unit."""
    traces: list[dict[str, Any]] = []
    for index, (unit, points) in enumerate(detail.series.items()):
        colour = _PALETTE[index % len(_PALETTE)]
        goals = [p for p in points if p.goal]
        results = [p for p in points if not p.goal]
        if goals:
            traces.append({
                "type": "scatter", "mode": "lines+markers", "name": f"{unit} · {render('web.goal')}",
                "x": [p.period for p in goals], "y": [p.chosen.number for p in goals],
                "line": {"color": colour, "dash": "dash"}, "marker": {"symbol": "line-ew-open", "size": 12},
                "text": [number(p.chosen.number) for p in goals], "hovertemplate": "%{x}: %{text}<extra></extra>"})
        if results:
            traces.append({
                "type": "scatter", "mode": "markers", "name": f"{unit} · {render('web.actual')}",
                "x": [p.period for p in results], "y": [p.chosen.number for p in results],
                "marker": {"color": colour, "size": 10,
                           "symbol": ["circle-open" if p.chosen.value.estimate else "circle" for p in results]},
                "text": [number(p.chosen.number) + (f" ({render('web.estimate')})" if p.chosen.value.estimate else "")
                         for p in results],
                "hovertemplate": "%{x}: %{text}<extra></extra>"})
    layout = {"margin": {"l": 50, "r": 10, "t": 10, "b": 40}, "height": 320, "legend": {"orientation": "h"},
              "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": detail.periods},
              "yaxis": {"title": {"text": detail.indicator.unit}, "tickformat": ",~f"},
              "separators": ",."}
    return {"data": traces, "layout": layout}


_PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#17a2b8", "#6c757d")
