"""Score extraction on the annotated corpus of report pages, by cross-validation over provinces.

    python scripts/score_corpus.py                 rules and the shipped model, five folds
    python scripts/score_corpus.py --per-page      one line per page as well
    python scripts/score_corpus.py --json          the summary as JSON
    python scripts/score_corpus.py --seeds         and the seed reports, each left out of training

The pages are split into five folds by province (every page of a province in the same fold). For each
fold the learned decisions are trained on the other four folds and the seed reports, then the fold is
scored with the shared scorer's own matching (tests/data/eval/score.py); the rules alone are scored too.
It prints, for each fold and for each kind of page, strict F1, facts F1, role and period accuracy, then
the mean over the folds and the worst fold: the figure that counts, since every page of a fold is unseen
by what it is scored with.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
sys.path.insert(0, str(ROOT))
import score as S  # noqa: E402

try:
    from chitieu.extract import decisions
except ImportError:  # an older checkout, for comparison: the rules alone
    decisions = None  # type: ignore[assignment]
from chitieu.services.extraction import extract_path  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
FOLDS = 5


@dataclass(frozen=True)
class Page:
    id: str
    province: str
    level: str
    kind: str
    text: str  # the page as stored: its address, its headline, then its text, as a user would give it
    gold: list[dict]


def load_pages(corpus: Path = CORPUS) -> list[Page]:
    meta: dict[str, list[str]] = {}
    for tsv in sorted((corpus / "manifest").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[0].strip().isdigit():
                meta[cols[0].strip()] = [c.strip() for c in cols]
    pages = []
    for js in sorted(corpus.glob("[0-9]*.json")):
        txt = js.with_suffix(".txt")
        if not txt.exists() or js.stem not in meta:
            continue
        text = txt.read_text(encoding="utf-8")
        _, _, province, level, kind, *_ = meta[js.stem]
        pages.append(Page(js.stem, province, level, kind, text, json.loads(js.read_text(encoding="utf-8"))))
    return pages


def folds_by_province(pages: list[Page], k: int = FOLDS) -> dict[str, int]:
    """Each province to a fold: the largest first, each into the fold with the fewest pages so far."""
    counts: dict[str, int] = defaultdict(int)
    for p in pages:
        counts[p.province] += 1
    sizes = [0] * k
    fold: dict[str, int] = {}
    for province in sorted(counts, key=lambda x: (-counts[x], x)):
        i = min(range(k), key=lambda j: (sizes[j], j))
        fold[province] = i
        sizes[i] += counts[province]
    return fold


def predict(page: Page, workdir: Path) -> dict:
    path = workdir / f"{page.id}.txt"
    path.write_text(page.text, encoding="utf-8")
    outcome = extract_path(path)
    return S.clean_prediction(outcome.contract or {})


def summary(t: S.Tally) -> dict[str, float]:
    p, r, f = t.prf()
    strict = t.extra.get("strict", [0, 0])[0]
    sp = strict / t.pred if t.pred else 0.0
    sr = strict / t.gold if t.gold else 0.0
    out = {"strict_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0, "facts_f1": f,
           "facts_precision": p, "facts_recall": r}
    for key in ("role", "period", "unit", "op", "pct", "indicator~"):
        right, asked = t.extra.get(key, [0, 0])
        out[f"{key}_accuracy"] = right / asked if asked else 0.0
    out["pages"] = 0
    return out


def fmt(name: str, s: dict[str, float], pages: int) -> str:
    return (f"{name:28} strict_f1={s['strict_f1']:.3f} facts_f1={s['facts_f1']:.3f} "
            f"(P={s['facts_precision']:.3f} R={s['facts_recall']:.3f}) role={s['role_accuracy']:.3f} "
            f"period={s['period_accuracy']:.3f} pct={s['pct_accuracy']:.3f}  {pages} pages")


def show_differences(page: Page, pred: list[dict], what: str) -> None:
    """Print where a page's extraction differs from its gold: 'role', 'period', 'missed' or 'extra'."""
    from train_decisions import _pairs

    matched = _pairs(page.gold, pred)
    if what == "extra":
        for i, p in enumerate(pred):
            if i not in matched:
                print(f"  {page.id} extra  {p.get('value')} {p.get('unit')} {p.get('role')} | "
                      f"{p.get('quote', '')[-100:]}")
    if what == "missed":
        found = {id(g) for g in matched.values()}
        for g in page.gold:
            if S.scorable(g) and id(g) not in found:
                print(f"  {page.id} missed {g.get('value')} {g.get('unit')} {g.get('role')} | "
                      f"{g.get('quote', '')[:100]}")
    for i, g in matched.items():
        p = pred[i]
        if what == "role" and S.ROLE_GROUP.get(g.get("role")) != S.ROLE_GROUP.get(p.get("role")):
            print(f"  {page.id} role   gold {g.get('role')} got {p.get('role')} | {g.get('quote', '')[:110]}")
        if what == "period" and g.get("period") and not S.same_period(g["period"], p.get("period")):
            print(f"  {page.id} period gold {g['period']} got {p.get('period')} | {g.get('role')} | "
                  f"{g.get('quote', '')[:100]}")


def evaluate(pages: list[Page], fold_of: dict[str, int], mode: str, per_page: bool,
             show: str | None = None) -> dict[str, object]:
    """Score every page by the extractor as it decides in `mode`: 'rules' (no learned stage) or 'learned'
    (the learned stage trained without the page's fold)."""
    by_fold: dict[int, S.Tally] = defaultdict(S.Tally)
    by_kind: dict[str, S.Tally] = defaultdict(S.Tally)
    pages_in: dict[str, int] = defaultdict(int)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for k in range(FOLDS):
            held_out = [p for p in pages if fold_of[p.province] == k]
            model = None
            if mode == "learned":
                from train_decisions import train_model

                model = train_model([(p.text, p.gold) for p in pages if fold_of[p.province] != k])
            with decisions.using(model) if decisions else contextlib.nullcontext():
                for page in held_out:
                    pred = predict(page, workdir)["facts"]
                    t = S.score_facts(page.gold, pred)
                    if show:
                        show_differences(page, pred, show)
                    by_fold[k].merge(t)
                    by_kind[page.kind].merge(t)
                    pages_in[page.kind] += 1
                    if per_page:
                        f = t.prf()[2]
                        print(f"  {mode:7} {page.id} {page.province:18} {page.kind:18} "
                              f"F1={f:.3f} ({t.matched}/{t.gold} gold, {t.pred} pred) "
                              f"strict={t.extra.get('strict', [0, 0])[0]}")
    folds = {k: summary(t) for k, t in by_fold.items()}
    keys = ("strict_f1", "facts_f1", "role_accuracy", "period_accuracy", "pct_accuracy")
    mean = {key: sum(f[key] for f in folds.values()) / len(folds) for key in keys}
    worst = min(folds.values(), key=lambda f: f["strict_f1"])
    return {"folds": folds, "kinds": {k: summary(t) for k, t in by_kind.items()}, "pages_by_kind": pages_in,
            "mean": mean, "worst_strict_f1": worst["strict_f1"]}


def seeds_left_out(pages: list[Page]) -> dict[str, float]:
    """The seed reports scored one at a time by a model trained on the corpus and the other four: the
    shipped model is trained on all five, so its score on them is not a measure of generalisation."""
    from train_decisions import seed_documents, train_model

    seeds = seed_documents()
    total = S.Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text, gold) in enumerate(seeds):
            others = [(t, g) for j, (_, t, g) in enumerate(seeds) if j != i]
            model = train_model([(p.text, p.gold) for p in pages] + others, include_seeds=False)
            with decisions.using(model):
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
                total.merge(S.score_facts(gold, S.clean_prediction(extract_path(path).contract or {})["facts"]))
    return summary(total)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--modes", default="rules,learned", help="rules, learned, or both (comma-separated)")
    ap.add_argument("--seeds", action="store_true",
                    help="also score the five seed reports, each by a model trained without it")
    ap.add_argument("--show", choices=("role", "period", "missed", "extra"),
                    help="print each difference of that kind from the gold")
    args = ap.parse_args(argv)
    pages = load_pages()
    if not pages:
        print("no annotated pages in tests/data/corpus", file=sys.stderr)
        return 1
    fold_of = folds_by_province(pages)
    results = {}
    for mode in args.modes.split(","):
        results[mode] = evaluate(pages, fold_of, mode, args.per_page, args.show)
    if args.json:
        print(json.dumps({m: {"mean": r["mean"], "worst_strict_f1": r["worst_strict_f1"]} for m, r in results.items()}))
        return 0
    provinces = len(fold_of)
    print(f"{len(pages)} pages, {sum(len(p.gold) for p in pages)} gold facts, {provinces} provinces, {FOLDS} folds")
    for mode, r in results.items():
        print(f"== {mode}")
        folds = r["folds"]
        assert isinstance(folds, dict)
        for k in sorted(folds):
            n = sum(1 for p in pages if fold_of[p.province] == k)
            print(fmt(f"fold {k}", folds[k], n))
        kinds = r["kinds"]
        pages_by_kind = r["pages_by_kind"]
        assert isinstance(kinds, dict) and isinstance(pages_by_kind, dict)
        for kind in sorted(kinds):
            print(fmt(f"kind {kind}", kinds[kind], pages_by_kind[kind]))
        mean = r["mean"]
        assert isinstance(mean, dict)
        print(f"MEAN {mode:7} strict_f1={mean['strict_f1']:.3f} facts_f1={mean['facts_f1']:.3f} "
              f"role={mean['role_accuracy']:.3f} period={mean['period_accuracy']:.3f} "
              f"pct={mean['pct_accuracy']:.3f} worst_fold_strict_f1={r['worst_strict_f1']:.3f}")
    if args.seeds:
        s = seeds_left_out(pages)
        print(f"SEEDS left out one at a time: strict_f1={s['strict_f1']:.3f} facts_f1={s['facts_f1']:.3f} "
              f"role={s['role_accuracy']:.3f} period={s['period_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
