"""Check the annotated corpus of report pages (tests/data/corpus/) for mistakes of form.

    python scripts/corpus_check.py                 every page
    python scripts/corpus_check.py 101 102         some pages

A page is NNN.txt (line 1 'URL: ...', line 2 'TITLE: ...', a blank line, the text) and NNN.json (a list
of facts in the format of tests/data/gold/PAGES.md). Each problem is printed as 'NNN: fact K: what'; the
exit status is 1 when there is any. It checks form only (quotes are in the text, the value is the number
printed, the vocabularies), never whether a fact is right: that is the annotators' reading.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
import score as S  # noqa: E402

ROLES = {"actual", "target", "plan", "baseline", "forecast"}
OPS = {"=", ">=", ">", "<=", "<", "range", "maintain", "approx", "text"}
BASES = {None, "ke_hoach", "nghi_quyet", "cung_ky", "du_toan"}
KEYS = ("quote", "indicator", "value_raw", "value", "unit", "role", "period", "op")


def body_of(text: str) -> str:
    return text.split("\n\n", 1)[1] if "\n\n" in text else text


def printed_numbers(raw: str) -> list[float]:
    """Every reading of a number as printed: Vietnamese ('1.234,5') and spreadsheet ('1234.5') style."""
    digits = re.sub(r"[^\d.,]", "", raw)
    readings = []
    for thousands, decimal in ((".", ","), (",", ".")):
        s = digits.replace(thousands, "").replace(decimal, ".")
        try:
            readings.append(float(s))
        except ValueError:
            continue
    return readings


def check_fact(k: int, f: object, body: str) -> list[str]:
    if not isinstance(f, dict):
        return [f"fact {k}: not an object"]
    out = [f"fact {k}: no '{key}'" for key in KEYS if key not in f]
    quote = f.get("quote") or ""
    if quote not in body:
        out.append(f"fact {k}: quote is not an exact substring of the text: {quote[:60]!r}")
    raw = str(f.get("value_raw") or "")
    if raw and raw not in quote:
        out.append(f"fact {k}: value_raw {raw!r} is not in the quote")
    value = f.get("value")
    if f.get("op") != "text" and not isinstance(value, (int, float)):
        out.append(f"fact {k}: value is not a number")
    elif isinstance(value, (int, float)) and raw and not any(S.same_number(value, r) for r in printed_numbers(raw)) \
            and not any(S.same_number(value, r) for r in printed_numbers(re.split(r"-|–|đến", raw)[0])):
        out.append(f"fact {k}: value {value} is not a reading of {raw!r}")
    if f.get("role") not in ROLES:
        out.append(f"fact {k}: role {f.get('role')!r} not in {sorted(ROLES)}")
    if f.get("op") not in OPS:
        out.append(f"fact {k}: op {f.get('op')!r} not in {sorted(OPS)}")
    if f.get("op") == "range" and not isinstance(f.get("value_high"), (int, float)):
        out.append(f"fact {k}: a range needs value_high")
    for pk, bk in (("pct_raw", "pct_basis"), ("pct2_raw", "pct2_basis")):
        if f.get(pk) and f[pk] not in quote:
            out.append(f"fact {k}: {pk} {f[pk]!r} is not in the quote")
        if f.get(bk) not in BASES:
            out.append(f"fact {k}: {bk} {f.get(bk)!r} not in {sorted(b for b in BASES if b)}")
    period = f.get("period")
    if period and S.period_span(period) is None and not str(period).startswith("vụ"):
        out.append(f"fact {k}: period {period!r} is not in the notation of PAGES.md")
    return out


def check_page(stem: str) -> list[str]:
    txt, js = CORPUS / f"{stem}.txt", CORPUS / f"{stem}.json"
    if not txt.exists() or not js.exists():
        return ["the .txt or the .json is missing"]
    text = txt.read_text(encoding="utf-8")
    lines = text.split("\n")
    problems = []
    if not lines[0].startswith("URL: ") or not lines[1].startswith("TITLE: ") or lines[2] != "":
        problems.append("the header is not 'URL: …', 'TITLE: …', a blank line")
    try:
        facts = json.loads(js.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [*problems, f"the .json does not parse: {e}"]
    if not isinstance(facts, list):
        return [*problems, "the .json is not a list of facts"]
    body = body_of(text)
    for k, f in enumerate(facts):
        problems.extend(check_fact(k, f, body))
    return problems


def main(argv: list[str]) -> int:
    stems = argv or sorted({p.stem for p in CORPUS.glob("[0-9]*.txt")} | {p.stem for p in CORPUS.glob("[0-9]*.json")})
    bad = 0
    for stem in stems:
        for problem in check_page(stem):
            print(f"{stem}: {problem}")
            bad += 1
    print(f"{len(stems)} pages, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
