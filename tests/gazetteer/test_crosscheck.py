"""The two packages against each other on the 34 provinces and 3,321 communes: every disagreement is
listed and compared with the set recorded when they were adopted (docs/units.md explains it)."""

from __future__ import annotations

import json
from pathlib import Path

from chitieu.gazetteer.crosscheck import cross_check, spelling_key

EXPECTED = json.loads((Path(__file__).with_name("crosscheck_expected.json")).read_text("utf-8"))


def test_both_packages_list_34_provinces_and_3321_communes() -> None:
    result = cross_check()
    total = result.same + len(result.spelling) + len(result.different_names)
    assert total + len(result.different_codes) + len(result.only_first) == 34 + 3321
    assert total + len(result.different_codes) + len(result.only_second) == 34 + 3321


def test_disagreements_are_exactly_the_recorded_ones() -> None:
    result = cross_check()
    assert result.first.startswith("vietnamadminunits ") and result.second.startswith("vietnam-provinces ")
    found = {"different_names": [list(x) for x in result.different_names],
             "different_codes": [list(x) for x in sorted(result.different_codes)],
             "only_first": [list(x) for x in result.only_first],
             "only_second": [list(x) for x in result.only_second]}
    for kind, listed in found.items():
        assert listed == EXPECTED[kind], f"{kind} changed: {listed}"
    assert (result.same, len(result.spelling)) == (EXPECTED["same"], EXPECTED["spelling"])
    # the recorded disagreements are few: the packages agree on 96 % of the communes letter for letter
    assert result.disagreements == 9 + 111 + 3 + 3


def test_spelling_variants_are_not_disagreements_but_other_names_are() -> None:
    assert spelling_key("Xã Thuận Hoà") == spelling_key("Xã Thuận Hòa")
    assert spelling_key("Phường  Tân Lập") == spelling_key("Phường Tân Lập")
    assert spelling_key("Xã Ea H’leo") == spelling_key("Xã Ea H'Leo")
    assert spelling_key("Xã Hòa An") != spelling_key("Xã Hoa An")
    assert spelling_key("Xã Lý Quốc") != spelling_key("Xã Hạ Lang")
