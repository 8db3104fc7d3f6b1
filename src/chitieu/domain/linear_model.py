"""A logistic model over named features, as the learned decisions ship it: a bias and a weight per
feature name, and the probability above which the decision is taken. Standard library only."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinearModel:
    bias: float
    weights: Mapping[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        z = self.bias
        for f in features:
            w = get(f)
            if w is not None:
                z += w
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, negligible: float) -> dict[str, object]:
        return {"bias": round(self.bias, 6), "threshold": self.threshold,
                "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= negligible}}

    @classmethod
    def from_json(cls, raw: object) -> LinearModel:
        assert isinstance(raw, dict)
        return cls(float(raw["bias"]), dict(raw["weights"]), float(raw["threshold"]))
