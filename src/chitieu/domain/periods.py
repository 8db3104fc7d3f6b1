"""How chitieu writes a period (docs/contract.md), as one pattern shared by the corrections a person
types and the filters a request names: checked before any database sees the text."""

from __future__ import annotations

import re

# '2023', '6T/2023', 'T10/2023', 'Q1/2024', '2020-2025', '2020-6/2023', a crop season 'vụ mùa 2023'.
PERIOD_PATTERN = (r"^(?:(?:19|20)\d\d(?:-(?:1[0-2]/|[1-9]/)?(?:19|20)\d\d)?|(?:1[01]|[1-9])T/(?:19|20)\d\d"
                  r"|T(?:1[0-2]|[1-9])/(?:19|20)\d\d|Q[1-4]/(?:19|20)\d\d"
                  r"|vụ (?:đông xuân|hè thu|thu đông|chiêm xuân|mùa|đông|chiêm|xuân|hè) "
                  r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?)$")
MAX_PERIOD = 20  # the width of every period column

_PERIOD = re.compile(PERIOD_PATTERN)


def is_period(text: str) -> bool:
    return len(text) <= MAX_PERIOD and _PERIOD.match(text) is not None
