"""Boosted trees as the learned decisions ship them: every split asks whether a feature is present, the
compiled ensemble gives what walking its trees gives, and it survives its JSON."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from chitieu.domain.tree_model import Tree, TreeEnsemble

FEATURES = ["a", "b", "c", "it's \"quoted\"", "x') or True or ('"]
TREES: tuple[Tree, ...] = (
    ("a", -1.0, ("b", 0.5, 2.0)),
    ("c", 0.25, -0.75),
    (FEATURES[3], ("a", 0.0, 0.125), 1.5),
    (FEATURES[4], 0.0, 3.0),
)


def _walk(tree: Tree, present: set[str]) -> float:
    while isinstance(tree, tuple):
        feature, absent, there = tree
        tree = there if feature in present else absent
    return tree


def _probability(bias: float, present: set[str]) -> float:
    z = bias + sum(_walk(t, present) for t in TREES)
    return 1.0 / (1.0 + math.exp(-z))


@given(st.sets(st.sampled_from([*FEATURES, "other", "a "])))
def test_the_compiled_trees_give_what_walking_them_gives(present: set[str]) -> None:
    model = TreeEnsemble(0.3, TREES, 0.5)
    assert math.isclose(model.probability(sorted(present)), _probability(0.3, present), rel_tol=1e-12)


def test_a_present_feature_goes_to_the_second_branch() -> None:
    model = TreeEnsemble(0.0, (("a", -2.0, 2.0),), 0.5)
    assert model.probability(["a"]) > 0.8 > 0.2 > model.probability(["b"])


def test_a_feature_name_is_only_ever_a_literal() -> None:
    """Names come from the text's words: one that looks like code is matched as a string, never run."""
    model = TreeEnsemble(0.0, ((FEATURES[4], -3.0, 3.0),), 0.5)
    assert model.probability([]) < 0.1 and model.probability(["x"]) < 0.1
    assert model.probability([FEATURES[4]]) > 0.9


@given(st.sets(st.sampled_from(FEATURES)))
def test_an_ensemble_survives_its_json(present: set[str]) -> None:
    model = TreeEnsemble(-0.4, TREES, 0.6)
    again = TreeEnsemble.from_json(json.loads(json.dumps(model.to_json())))
    assert again.threshold == 0.6 and again.trees == TREES
    assert again.probability(sorted(present)) == model.probability(sorted(present))
