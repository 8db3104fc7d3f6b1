"""Shared fixtures: the bundled sample reports and the gold answers beside them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Properties, not timings: no per-example deadline on shared CI machines.
settings.register_profile("chitieu", deadline=None)
settings.load_profile("chitieu")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "data" / "gold"


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def require_program(name: str) -> str:
    """The program's path; skip locally when it is missing, fail in CI where it must be installed."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed on this machine")
    return path


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sample_paths()
