"""Gradient-boosted decision trees over named features that are present or absent, as the learned
decisions ship them: a bias, trees whose every split asks whether one feature is present, and the
probability above which the decision is taken. Standard library only.

A tree is written as JSON as nested lists, `[feature, absent, present]` down to a leaf's value. The
ensemble is turned once into one Python expression of nested conditionals and compiled: walking the trees
node by node in a loop costs several times more, and a document asks the model once for every figure.
Feature names enter that expression only through `repr`, so any name is a string literal and nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

# a leaf's value, or a split: the feature asked for, the subtree where it is absent, where it is present
Tree = float | tuple[str, "Tree", "Tree"]


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    bias: float
    trees: tuple[Tree, ...]
    threshold: float
    _score: Callable[[Collection[str]], tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_score", _compiled(self.trees))

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self._score(set(features)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, negligible: float = 0.0) -> dict[str, object]:
        """`negligible` is the linear model's argument: every leaf of a tree counts, none is dropped."""
        return {"kind": "trees", "bias": round(self.bias, 6), "threshold": self.threshold,
                "trees": [_tree_to_json(t) for t in self.trees]}

    @classmethod
    def from_json(cls, raw: object) -> TreeEnsemble:
        assert isinstance(raw, dict) and raw.get("kind") == "trees"
        return cls(float(raw["bias"]), tuple(_tree_from_json(t) for t in raw["trees"]), float(raw["threshold"]))


def _tree_to_json(tree: Tree) -> object:
    if isinstance(tree, tuple):
        feature, absent, present = tree
        return [feature, _tree_to_json(absent), _tree_to_json(present)]
    return round(tree, 6)


def _tree_from_json(raw: object) -> Tree:
    if isinstance(raw, list):
        feature, absent, present = raw
        return (str(feature), _tree_from_json(absent), _tree_from_json(present))
    assert isinstance(raw, int | float)
    return float(raw)


def _expression(tree: Tree) -> str:
    if isinstance(tree, tuple):
        feature, absent, present = tree
        return f"({_expression(present)} if {feature!r} in fs else {_expression(absent)})"
    return repr(float(tree))


def _compiled(trees: tuple[Tree, ...]) -> Callable[[Collection[str]], tuple[float, ...]]:
    """The leaf each tree reaches, for a set of features (a tuple, not a chain of additions whose depth would
    grow with the number of trees)."""
    code = compile(f"lambda fs: ({''.join(_expression(t) + ', ' for t in trees)})", "<tree ensemble>", "eval")
    # names and values enter the code only as literals (see the module's doc), and it sees no builtins
    leaves: Callable[[Collection[str]], tuple[float, ...]] = eval(code, {"__builtins__": {}})
    return leaves
