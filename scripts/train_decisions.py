"""Train the learned decisions (src/chitieu/extract/decisions.py) on the annotated corpus and the seeds.

    python scripts/train_decisions.py          write src/chitieu/extract/data/decisions.json (`make train`)

Every figure the rules find in a training text becomes an example: its features, whether it matches a
gold fact (the shared scorer's own matching: same number, same place) and, if it does, whether the gold
calls it a goal (target, plan) or a result, and whether its gold period is a point or a span. Boosted
trees learn `keep`; logistic regressions (scikit-learn, deterministic solver, no randomness) learn `goal`,
`goal_in_context` (the same, knowing what `goal` makes of the figures around), `level` (a result over a
term) and `goal_level` (a goal for a span of years). The model is written as JSON with the format version
and a checksum of the training data, so the shipped model is reproducible from the repository.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
sys.path.insert(0, str(ROOT / "scripts"))
import score as S  # noqa: E402

from chitieu.domain.linear_model import LinearModel  # noqa: E402
from chitieu.domain.tree_model import Tree, TreeEnsemble  # noqa: E402
from chitieu.extract import decisions  # noqa: E402
from chitieu.extract.table_facts import cell_facts  # noqa: E402
from chitieu.services.extraction import extract_path  # noqa: E402

MODEL = ROOT / "src" / "chitieu" / "extract" / "data" / "decisions.json"
SEEDS, SEED_GOLD = ROOT / "samples", ROOT / "tests" / "data" / "gold"
GOALS = {"target", "plan"}
KEEP_THRESHOLD = 0.5  # chosen by cross-validation on 1,320 pages (0.3-0.5: strict F1 0.876-0.880)
GOAL_THRESHOLD = float(__import__("os").environ.get("GT", "0.6"))
LEVEL_THRESHOLD = 0.5  # the role is turned only where the model is confident the rules erred
REGULARISATION = 1.0
# whether a figure is a fact is learned by boosted trees, which score better there than a linear model
# (cross-validated on 1,500 pages: strict F1 0.880 -> 0.886); their number bounds the time per figure (40 trees
# at a rate of 0.4 score within 0.001 of 60 at 0.3 on 1,620 pages, in two thirds of the time)
TREES, TREE_LEAVES, TREE_LEARNING_RATE, TREE_MIN_COUNT = 40, 31, 0.4, 8
CONTEXT_PARTS = 5  # the training texts are split so that a figure's neighbours are judged by a model without them

# features, is a fact, is a goal (None: no gold fact), stands at a point rather than over the term (None:
# not a result whose period is a term report's default, or no gold period), as a goal stands at the end
# of its span rather than over it (None: no goal for a span, or no gold period), where its paragraph's figures
# start among the text's
Example = tuple[list[str], bool, bool | None, bool | None, bool | None, int]
_cache: dict[str, list[Example]] = {}


def _pairs(gold: list[dict], pred: list[dict]) -> dict[int, dict]:
    """Which prediction (by index) matches which gold fact, exactly as the scorer pairs them."""
    gold = [g for g in gold if S.scorable(g)]
    used: dict[int, dict] = {}
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or (S.number(p.get("value")) is None and S.number(p.get("low")) is None):
                continue
            if isinstance(g.get("line"), int) and isinstance(p.get("line"), int) and g["line"] != p["line"]:
                continue
            if S.facts_same_value(g, p) and S.same_place(g, p):
                used[i] = g
                break
    return used


def examples(name: str, text: str, gold: list[dict]) -> list[Example]:
    """The examples of one text, extracted by the rules alone (cached: the rules do not change)."""
    key = hashlib.sha256(text.encode()).hexdigest()
    if key in _cache:
        return _cache[key]
    feats: list[decisions.Recorded] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        with decisions.using(None), decisions.recording(feats):
            outcome = extract_path(path)
    pred = S.clean_prediction(outcome.contract or {})["facts"]
    # the facts of a table stored one cell per paragraph come last and are the table's, not decided
    x = outcome.extraction
    from_cells = sum(len(cell_facts(t, x.metadata)) for t in x.tables if t.cell_per_paragraph) if x else 0
    pred = pred[: len(pred) - from_cells]
    if len(pred) != len(feats):
        raise RuntimeError(f"{name}: {len(feats)} figures decided but {len(pred)} facts in the extraction")
    matched = _pairs(gold, pred)
    out = [(f, i in matched, (matched[i].get("role") in GOALS) if i in matched else None,
            _at_a_point(matched[i].get("period")) if i in matched and over_a_term else None,
            _at_a_point(matched[i].get("period")) if i in matched and goal_span
            and matched[i].get("role") in GOALS else None, paragraph)
           for i, (f, over_a_term, goal_span, paragraph) in enumerate(feats)]
    _cache[key] = out
    return out


def _at_a_point(period: object) -> bool | None:
    """Whether a gold period is one year or part of one (a level) rather than a span (a total)."""
    span = S.period_span(period) if isinstance(period, str) else None
    if span is None or span[0] is None:
        return None
    return span[1] - span[0] < 12


def seed_documents() -> list[tuple[str, str, list[dict]]]:
    docs = []
    for gold_file in sorted(SEED_GOLD.glob("*.json")):
        source = SEEDS / f"{gold_file.stem}.txt"
        if source.exists():
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            docs.append((source.name, source.read_text(encoding="utf-8"), gold["facts"]))
    return docs


def _fit(rows: list[tuple[list[str], bool]], threshold: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=REGULARISATION, solver="lbfgs", max_iter=5000)
    model.fit(x, y)
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    return LinearModel(float(model.intercept_[0]), {str(k): float(v) for k, v in weights.items()},
                                 threshold)


def _fit_trees(rows: list[tuple[list[str], bool]], threshold: float) -> TreeEnsemble:
    """Gradient-boosted trees (scikit-learn's histogram boosting, no randomness: no subsampling, no early
    stopping) over the features seen in at least TREE_MIN_COUNT examples, exported split by split and
    checked against scikit-learn's own probabilities on every training example."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    counts = Counter(f for fs, _ in rows for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= TREE_MIN_COUNT)
    column = {f: j for j, f in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float32)
    for i, (fs, _) in enumerate(rows):
        x[i, [column[f] for f in set(fs) if f in column]] = 1.0
    model = HistGradientBoostingClassifier(max_iter=TREES, learning_rate=TREE_LEARNING_RATE,
                                           max_leaf_nodes=TREE_LEAVES, l2_regularization=1.0,
                                           early_stopping=False, random_state=0)
    model.fit(x, [label for _, label in rows])

    def tree(nodes: Any, i: int = 0) -> Tree:
        node = nodes[i]
        if node["is_leaf"]:
            return float(node["value"])
        if not 0.0 <= float(node["num_threshold"]) < 1.0:  # a present feature (1) must go right
            raise RuntimeError(f"unexpected split threshold {node['num_threshold']}")
        return (names[int(node["feature_idx"])], tree(nodes, int(node["left"])), tree(nodes, int(node["right"])))

    # the fitted trees are read from scikit-learn's private attributes (no public API gives them); the check
    # below fails loudly if a version ever stores them otherwise
    ensemble = TreeEnsemble(float(np.ravel(model._baseline_prediction)[0]),
                            tuple(tree(p.nodes) for (p,) in model._predictors), threshold)
    expected = model.predict_proba(x)[:, list(model.classes_).index(True)]
    for i, (fs, _) in enumerate(rows):
        got = ensemble.probability(fs)
        if abs(got - expected[i]) > 1e-6:
            raise RuntimeError(f"exported trees disagree with scikit-learn: {got} != {expected[i]}")
    return ensemble


def train_model(pages: list[tuple[str, list[dict]]], include_seeds: bool = True) -> decisions.Model:
    """A model trained on `pages` (text, gold facts) and, by default, the seed reports."""
    docs = [(f"page{i}.txt", text, gold) for i, (text, gold) in enumerate(pages)]
    if include_seeds:
        docs += seed_documents()
    by_doc = [examples(name, text, gold) for name, text, gold in docs]
    rows = [ex for doc in by_doc for ex in doc]
    keep = _fit_trees([(f, is_fact) for f, is_fact, _, _, _, _ in rows], KEEP_THRESHOLD)
    goal = _fit([(f, is_goal) for f, _, is_goal, _, _, _ in rows if is_goal is not None], GOAL_THRESHOLD)
    level = _fit([(f, point) for f, _, _, point, _, _ in rows if point is not None], LEVEL_THRESHOLD)
    goal_level = _fit([(f, end) for f, _, _, _, end, _ in rows if end is not None], LEVEL_THRESHOLD)
    goal_in_context = _fit([(f + context, is_goal) for doc, contexts in zip(by_doc, _contexts(by_doc), strict=True)
                            for (f, _, is_goal, _, _, _), context in zip(doc, contexts, strict=True)
                            if is_goal is not None], GOAL_THRESHOLD)
    checksum = decisions.data_checksum((text, gold) for _, text, gold in docs)
    return decisions.Model(keep, goal, level, goal_level, decisions.FORMAT_VERSION, checksum, goal_in_context)


def _contexts(by_doc: list[list[Example]]) -> list[list[list[str]]]:
    """Each figure's context features (`decisions.context_features`) from what a goal model trained without
    its text makes of its neighbours, as it would be on a text never seen: a model's answers on its own
    training texts are surer than on others, and the second decision would learn to trust them too much."""
    goals: list[list[float]] = [[] for _ in by_doc]
    for part in range(CONTEXT_PARTS):
        model = _fit([(f, is_goal) for d, doc in enumerate(by_doc) if d % CONTEXT_PARTS != part
                      for f, _, is_goal, _, _, _ in doc if is_goal is not None], GOAL_THRESHOLD)
        for d, doc in enumerate(by_doc):
            if d % CONTEXT_PARTS == part:
                goals[d] = [model.probability(f) for f, *_ in doc]
    out = []
    for doc, doc_goals in zip(by_doc, goals, strict=True):
        document_goal = sum(doc_goals) / len(doc_goals) if doc_goals else None
        contexts = []
        for start, paragraph in groupby(doc, key=lambda ex: ex[5]):  # a paragraph's figures follow each other
            end = start + len(list(paragraph))
            contexts += [decisions.context_features(doc_goals[start:end], i, doc_goals[start - 1] if start else None,
                                                    doc_goals[end] if end < len(doc) else None, document_goal)
                         for i in range(end - start)]
        out.append(contexts)
    return out


def _size(part: LinearModel | TreeEnsemble) -> str:
    return f"{len(part.trees)} trees" if isinstance(part, TreeEnsemble) else f"{len(part.weights)}"


def main() -> int:
    from score_corpus import load_pages

    pages = load_pages()
    model = train_model([(p.text, p.gold) for p in pages])
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                     encoding="utf-8")
    print(f"{MODEL.relative_to(ROOT)}: trained on {len(pages)} pages and the seeds, "
          f"{_size(model.keep)} + {len(model.goal.weights)} + {len(model.level.weights)} + "
          f"{len(model.goal_level.weights)} weights, "
          f"data {model.data_checksum[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
