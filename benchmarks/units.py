"""`python -m benchmarks.units`: resolving unit names as reports write them to the packaged codes.

10,000 names drawn from the packaged units (both eras) and written as reports write them — with and
without diacritics, behind 'UBND', with their type word or without — resolved with their province and a
date. The baseline, measured in the same run, is a linear scan of all 14,149 units comparing folded names
(what a lookup without an index does); it is timed on a share of the names and scaled, since scanning all
10,000 would take minutes. Loading the packaged data and building the index are timed apart.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chitieu.domain.names import fold  # noqa: E402
from chitieu.gazetteer.packaged import OLD, PackagedUnit, gazetteer  # noqa: E402
from chitieu.gazetteer.resolve import _index, province_of_unit, resolve  # noqa: E402

NAMES = 10_000
BASELINE_SHARE = 200


def _written(u: PackagedUnit, rng: random.Random) -> str:
    name = rng.choice([u.full_name, u.name, f"UBND {u.full_name.lower()}", f"Ủy ban nhân dân {u.full_name}"])
    return fold(name) if rng.random() < 0.4 else name  # four in ten without diacritics


def _linear(name: str, units: tuple[PackagedUnit, ...]) -> list[PackagedUnit]:
    key = fold(name)
    return [u for u in units
            if fold(u.name) == key or fold(u.full_name) == key or key.endswith(" " + fold(u.full_name))]


def main() -> None:
    start = time.perf_counter()
    g = gazetteer()
    t_load = time.perf_counter() - start
    start = time.perf_counter()
    _index()
    t_index = time.perf_counter() - start
    rng = random.Random(14)
    picked = [rng.choice(g.units) for _ in range(NAMES)]
    queries = [(_written(u, rng), province_of_unit(u).name, "2023" if u.era == OLD else "2026") for u in picked]

    start = time.process_time()
    results = [resolve(name, province=province, on=on) for name, province, on in queries]
    t_indexed = time.process_time() - start
    right = sum(r.unit is not None and r.unit is u for r, u in zip(results, picked, strict=True))
    ambiguous = sum(r.reason == "ambiguous" for r in results)

    sample = queries[:BASELINE_SHARE]
    start = time.process_time()
    for name, _province, _on in sample:
        _linear(name, g.units)
    t_linear = (time.process_time() - start) * NAMES / BASELINE_SHARE

    print(f"units: {len(g.units):,} from {g.source}; data read in {t_load:.2f} s, index built in {t_index:.2f} s")
    print(f"resolve {NAMES:,} names (with province and date): {t_indexed:.3f} s CPU, "
          f"{t_indexed / NAMES * 1e6:.1f} µs/name; {right:,} to the unit they were drawn from, "
          f"{ambiguous:,} left ambiguous with their candidates (a name twice in a province, no district given), "
          f"{NAMES - right - ambiguous:,} otherwise")
    print(f"baseline: linear scan of the folded names, {t_linear:.1f} s for {NAMES:,} "
          f"(timed on {BASELINE_SHARE}) — the index is {t_linear / t_indexed:,.0f}x faster")


if __name__ == "__main__":
    main()
