"""The extraction of each sample, fact by fact, against its golden file (tests/data/golden/).

A change to the extractor that moves any fact fails here with the list of what moved; when the move is
intended, `pytest tests/extract/test_golden.py --update-golden` rewrites the files and the diff of the
commit shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chitieu.services.extraction import extract_path
from tests.conftest import ROOT, sample_paths

GOLDEN = ROOT / "tests" / "data" / "golden"
_FIELDS = ("line", "quote", "role", "value", "low", "high", "unit", "op", "period", "pct", "pct_basis", "indicator_id")


def _facts(contract: dict) -> list[dict]:
    return [{k: f.get(k) for k in _FIELDS} for f in contract["facts"]]


def _key(fact: dict) -> tuple[object, ...]:
    return fact["line"], fact["quote"], fact["value"], fact["low"], fact["unit"]


def _moved(golden: list[dict], current: list[dict]) -> list[str]:
    before = {_key(f): f for f in golden}
    after = {_key(f): f for f in current}
    out = [f"gone    line {k[0]}: {k[1]!r} {k[2]} {k[4]}" for k in before if k not in after]
    out += [f"new     line {k[0]}: {k[1]!r} {k[2]} {k[4]}" for k in after if k not in before]
    for k in before.keys() & after.keys():
        changed = {f: (before[k][f], after[k][f]) for f in _FIELDS if before[k][f] != after[k][f]}
        if changed:
            moves = ", ".join(f"{f} {a!r} → {b!r}" for f, (a, b) in changed.items())
            out.append(f"changed line {k[0]}: {k[1]!r}: {moves}")
    return sorted(out)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem[:3])
def test_the_extraction_of_a_sample_is_its_golden_file(path: Path, request: pytest.FixtureRequest) -> None:
    contract = extract_path(path).contract
    assert contract is not None
    current = _facts(contract)
    golden_file = GOLDEN / f"{path.stem}.json"
    if request.config.getoption("--update-golden"):
        golden_file.write_text(json.dumps(current, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        return
    golden = json.loads(golden_file.read_text(encoding="utf-8"))
    moved = _moved(golden, current)
    assert not moved, f"{len(moved)} facts moved (--update-golden if intended):\n" + "\n".join(moved[:40])
