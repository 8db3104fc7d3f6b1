"""What a paragraph inherits from its document when its facts are read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FactContext:
    """What a paragraph inherits from the document: its section's purpose and periods, and how to name
    the catalogue indicator of a figure from the words before and after it (none: left unnamed)."""

    in_targets: bool
    period: str | None
    plan_period: str | None
    name_indicator: Callable[[str, str | None, str], tuple[str, float] | None] | None = None
    # What a report over a term speaks as of (Metadata.as_of): the period of a level with none of its own
    as_of: str | None = None
    # The period the innermost heading over the paragraph names (outline.heading_periods)
    heading_period: str | None = None
    # The document adopts or assigns a budget or an investment plan ('Nghị quyết … về dự toán và phân bổ ngân
    # sách địa phương năm 2023'): its sums are plans unless a sentence says they were reached
    budget_document: bool = False
