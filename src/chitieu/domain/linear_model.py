"""A logistic model over named features, as the learned decisions ship it: a bias and a weight per
feature name, and the probability above which the decision is taken. Standard library only."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import reduce
from operator import add
from typing import Generic, TypeVar

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class LinearModel:
    bias: float
    weights: Mapping[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        # the known weights added to the bias one by one in the features' order, as a loop would, without
        # a Python step per feature (most features have no weight); a weight of 0 changes no sum
        z = reduce(add, filter(None, map(self.weights.get, features)), self.bias)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, negligible: float) -> dict[str, object]:
        return {"bias": round(self.bias, 6), "threshold": self.threshold,
                "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= negligible}}

    @classmethod
    def from_json(cls, raw: object) -> LinearModel:
        assert isinstance(raw, dict)
        return cls(float(raw["bias"]), dict(raw["weights"]), float(raw["threshold"]))


class ModelSlot(Generic[M]):
    """The model a learned stage decides with: the shipped one, or for a while another (None: the rules
    alone), e.g. to score a model trained without the texts it is scored on."""

    def __init__(self, name: str, shipped: Callable[[], M | None]) -> None:
        self._shipped = shipped
        self._chosen: ContextVar[tuple[M | None] | None] = ContextVar(name, default=None)

    def get(self) -> M | None:
        chosen = self._chosen.get()
        return self._shipped() if chosen is None else chosen[0]

    @contextmanager
    def using(self, model: M | None) -> Iterator[None]:
        token = self._chosen.set((model,))
        try:
            yield
        finally:
            self._chosen.reset(token)
