"""Train the mapping verifier (src/chitieu/catalog/mapping.py) on the labelled figures, and measure it.

    python scripts/train_mapping.py            write src/chitieu/catalog/data/mapping.json (`make train`)
    python scripts/train_mapping.py --cv       cross-validated precision and recall, rules against verifier

Every figure whose words name a catalogue indicator is an example once it is paired with a gold fact
(the shared scorer's matching): it is right when the label of that gold fact (tests/data/mapping, given
by reading) is the indicator chitieu would show it as. The verifier's line is the lowest probability at
which the figures above it are right 95 % of the time in cross-validation: precision comes first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
sys.path.insert(0, str(ROOT / "scripts"))
import score as S  # noqa: E402

from chitieu.catalog import mapping  # noqa: E402
from chitieu.catalog.model import by_id  # noqa: E402
from chitieu.domain.linear_model import LinearModel  # noqa: E402
from chitieu.services.extraction import extract_path  # noqa: E402
from score_mapping import documents, load_labels  # noqa: E402
from train_decisions import _pairs  # noqa: E402

MODEL = ROOT / "src" / "chitieu" / "catalog" / "data" / "mapping.json"
FOLDS = 5
PRECISION = 0.95
REGULARISATION = 1.0


@dataclass
class Figure:
    doc: str
    target: str | None  # the indicator it would be shown as, if accepted
    features: list[str]
    ruled: bool  # the rules alone accept it
    truth: str | None  # the label of its gold fact
    paired: bool
    labelled: bool  # its gold fact has an indicator label


def figures() -> tuple[list[Figure], dict[str, int]]:
    """Every figure of every labelled text, and the number of labelled gold facts per text."""
    labels = load_labels()
    out: list[Figure] = []
    labelled: dict[str, int] = {}
    catalogue = by_id()
    with tempfile.TemporaryDirectory() as tmp, mapping.using(None):
        for key, text, gold in documents():
            path = Path(tmp) / f"{key.replace('/', '_')}.txt"
            path.write_text(text, encoding="utf-8")
            outcome = extract_path(path)
            assert outcome.extraction is not None
            facts = outcome.extraction.facts
            pred = S.clean_prediction(outcome.contract or {})["facts"]
            pairs = _pairs(gold, pred)
            index = {id(g): k for k, g in enumerate(gold)}
            labelled[key] = sum(labels.get((key, k)) is not None for k in range(len(gold)))
            for i, f in enumerate(facts):
                target = f.indicator_id or f.candidate_id
                truth = labels.get((key, index[id(pairs[i])])) if i in pairs else None
                feats = mapping.features(f, catalogue[target], mapping.MappingReason(f.mapping_reason or "weak_name"),
                                         f.indicator_confidence) if target else []
                vetoed = f.mapping_reason in (mapping.MappingReason.UNIT_FAMILY, mapping.MappingReason.TOPIC)
                out.append(Figure(key, None if vetoed else target, feats, f.indicator_id is not None, truth,
                                  i in pairs, truth is not None))
    return out, labelled


def labels_checksum() -> str:
    """The checksum of the labels the verifier is trained on (with the seeds' and the corpus's gold)."""
    labels = ROOT / "tests" / "data" / "mapping"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(labels.glob("*.jsonl")))
    return hashlib.sha256(text.encode()).hexdigest()


def fit(train: list[Figure]) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for f in train if f.target and f.paired]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f.features, 1) for f in rows])
    y = [f.truth == f.target for f in rows]
    model = LogisticRegression(C=REGULARISATION, solver="lbfgs", max_iter=5000).fit(x, y)
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    return LinearModel(float(model.intercept_[0]), {str(k): float(v) for k, v in weights.items()}, 0.5)


def fold_of(doc: str) -> int:
    return int(hashlib.sha256(doc.encode()).hexdigest(), 16) % FOLDS


def out_of_fold(figs: list[Figure]) -> list[float]:
    """Each figure's probability from a verifier trained without its text's fold."""
    probs = [0.0] * len(figs)
    for k in range(FOLDS):
        model = fit([f for f in figs if fold_of(f.doc) != k])
        for i, f in enumerate(figs):
            if fold_of(f.doc) == k and f.target:
                probs[i] = model.probability(f.features)
    return probs


def measure(figs: list[Figure], accepted: list[bool], labelled: dict[str, int]) -> tuple[float, float]:
    """(precision, recall) as scripts/score_mapping.py counts them."""
    mapped = sum(accepted)
    right = sum(a and f.paired and f.truth == f.target for a, f in zip(accepted, figs, strict=True))
    return (right / mapped if mapped else 0.0), right / max(1, sum(labelled.values()))


def line_for(figs: list[Figure], probs: list[float], labelled: dict[str, int]) -> float:
    """The lowest probability line whose accepted figures reach the precision wanted."""
    for line in [x / 100 for x in range(30, 100)]:
        accepted = [bool(f.target) and p >= line for f, p in zip(figs, probs, strict=True)]
        if measure(figs, accepted, labelled)[0] >= PRECISION:
            return line
    return 0.99


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true")
    args = ap.parse_args(argv)
    figs, labelled = figures()
    probs = out_of_fold(figs)
    line = line_for(figs, probs, labelled)
    if args.cv:
        rules = measure(figs, [f.ruled for f in figs], labelled)
        print(f"rules alone:       precision={rules[0]:.3f} recall={rules[1]:.3f}")
        for cut in sorted({0.5, line, 0.9}):
            got = measure(figs, [bool(f.target) and p >= cut for f, p in zip(figs, probs, strict=True)], labelled)
            print(f"verifier at {cut:.2f}: precision={got[0]:.3f} recall={got[1]:.3f} (cross-validated, {FOLDS} folds)")
        return 0
    model = fit(figs)
    checksum = labels_checksum()
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    verifier = LinearModel(model.bias, model.weights, line)
    MODEL.write_text(json.dumps({"version": 1, "data_checksum": checksum,
                                 "verifier": verifier.to_json(0.005)}, ensure_ascii=False, indent=0,
                                sort_keys=True) + "\n", encoding="utf-8")
    print(f"{MODEL.relative_to(ROOT)}: line {line:.2f}, {len(model.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
