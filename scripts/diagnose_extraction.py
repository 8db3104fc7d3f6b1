"""Where extraction differs from the gold answers, item by item, to decide what to improve next.

    python scripts/diagnose_extraction.py missed [SEED]     gold facts with no matching prediction
    python scripts/diagnose_extraction.py extra [SEED]      predictions that match no gold fact
    python scripts/diagnose_extraction.py role|period|unit|pct     matched facts with that attribute wrong
    python scripts/diagnose_extraction.py rows|meta|findings

Uses the shared scorer's own matching (tests/data/eval/score.py), run on the installed `chitieu`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
import score as S  # noqa: E402

CHITIEU = str(Path(sys.executable).parent / "chitieu")


def pairs(gold: dict, pred: dict) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    gfacts = [g for g in gold["facts"] if S.scorable(g)]
    pfacts = [p for p in pred["facts"] if S.number(p.get("value")) is not None or S.number(p.get("low")) is not None]
    used = [False] * len(pfacts)
    matched, missed = [], []
    for g in gfacts:
        hit = next((i for i, p in enumerate(pfacts) if not used[i] and p["line"] == g["line"]
                    and S.facts_same_value(g, p) and S.same_place(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            used[hit] = True
            matched.append((g, pfacts[hit]))
    return matched, missed, [p for i, p in enumerate(pfacts) if not used[i]]


def _missed(tag: str, gold: dict, pred: dict) -> None:
    for g in pairs(gold, pred)[1]:
        print(tag, g["line"], g.get("value_raw"), g.get("unit"), "|", g["quote"][:110])


def _extra(tag: str, gold: dict, pred: dict) -> None:
    for p in pairs(gold, pred)[2]:
        print(tag, p["line"], p.get("value"), p.get("unit"), "|", p["quote"][:110])


def _role(tag: str, gold: dict, pred: dict) -> None:
    for g, p in pairs(gold, pred)[0]:
        if S.ROLE_GROUP.get(g["role"]) != S.ROLE_GROUP.get(p["role"]):
            print(tag, g["line"], g.get("value_raw"), g["role"], "→", p["role"], "|", g["quote"][:100])


def _period(tag: str, gold: dict, pred: dict) -> None:
    for g, p in pairs(gold, pred)[0]:
        if g.get("period") and not S.same_period(g["period"], p.get("period")):
            print(tag, g["line"], g.get("value_raw"), g["role"], g["period"], "→", p.get("period"), "|",
                  g["quote"][:90])


def _unit(tag: str, gold: dict, pred: dict) -> None:
    for g, p in pairs(gold, pred)[0]:
        if g.get("unit") and not S.same_unit(g["unit"], p["unit"]):
            print(tag, g["line"], g.get("value_raw"), g["unit"], "→", p["unit"], "|", g["quote"][:80])


def _pct(tag: str, gold: dict, pred: dict) -> None:
    for g, p in pairs(gold, pred)[0]:
        gp = S.parse_pct(g.get("pct_of_target_raw") or g.get("pct_raw"))
        if gp is not None and not S.same_number(gp, S.number(p.get("pct"))):
            print(tag, g["line"], g.get("value_raw"), g.get("pct_of_target_raw"), "→", p.get("pct"), "|",
                  g["quote"][:90])


def _meta(tag: str, gold: dict, pred: dict) -> None:
    for k in S.METADATA_FIELDS:
        if gold["metadata"].get(k) and S.norm(gold["metadata"][k]) != S.norm(pred["metadata"].get(k)):
            print(tag, k, gold["metadata"][k], "→", pred["metadata"].get(k))


def _findings(tag: str, gold: dict, pred: dict) -> None:
    lines = [set(f["lines"]) for f in pred["findings"]]
    for i in gold["inconsistencies"]:
        if i["kind"] in S.CHECKABLE_FINDINGS and not any(set(i["lines"]) & ls for ls in lines):
            print(tag, i["kind"], i["lines"], i["what"][:120])


def _rows(tag: str, gold: dict, pred: dict) -> None:
    by_line = {r["line"]: r for t in pred["tables"] for r in t["rows"]}
    for t in gold["tables"]:
        for g in (r for r in t["rows"] if t["kind"] == "indicator_results"):
            p = by_line.get(g["line"])
            if p is None or not S.same_numbers(S.row_numbers(g.get("parsed")), S.row_numbers(p["values"])):
                print(tag, g["line"], g["name"][:50], S.row_numbers(g.get("parsed")),
                      S.row_numbers(p["values"]) if p else "MISSING")


MODES = {"missed": _missed, "extra": _extra, "role": _role, "period": _period, "unit": _unit, "pct": _pct,
         "meta": _meta, "findings": _findings, "rows": _rows}


def main(mode: str, only: str | None) -> None:
    show = MODES[mode]
    for gold_file in sorted((ROOT / "tests/data/gold").glob("*.json")):
        if only and only not in gold_file.name:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = ROOT / "samples" / gold_file.name.replace(".json", ".txt")
        out = subprocess.run([CHITIEU, "extract", str(source)], capture_output=True, text=True, check=True).stdout
        show(gold_file.name[:3], gold, S.clean_prediction(json.loads(out)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "missed", sys.argv[2] if len(sys.argv) > 2 else None)
