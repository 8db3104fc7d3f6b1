"""Names in reports → codes, over the packaged units: diacritics, organisation words, context, dates."""

from __future__ import annotations

from chitieu.gazetteer.lookup import province_of
from chitieu.gazetteer.packaged import NEW, OLD, gazetteer
from chitieu.gazetteer.resolve import era_on, parse_name, province_of_unit, resolve, search, unit


def _old_district(name: str, province: str) -> str:
    """The code the package gives a district of a province (looked up directly, not through resolve)."""
    [code] = [u.code for u in gazetteer().units if u.era == OLD and u.level == "huyen" and u.name == name
              and province_of_unit(u).name == province]
    return code


def test_both_hierarchies_are_read_from_the_package() -> None:
    g = gazetteer()
    count = lambda era, level: sum(1 for u in g.units if u.era == era and u.level == level)  # noqa: E731
    assert (count(OLD, "tinh"), count(OLD, "huyen"), count(OLD, "xa")) == (63, 696, 10035)
    assert (count(NEW, "tinh"), count(NEW, "xa")) == (34, 3321)
    assert {link.new_code for link in g.lineage} == {u.code for u in g.units if u.era == NEW and u.level == "xa"}
    assert len(g.province_lineage) == 63 and len({new for _, new in g.province_lineage}) == 34
    assert all(u.source == g.source for u in g.units) and g.source.startswith("vietnamadminunits ")


def test_a_district_with_or_without_diacritics_and_organisation_words() -> None:
    code = _old_district("Mường Tè", "Lai Châu")
    for text in ("huyện Mường Tè", "Huyen Muong Te", "HUYỆN ỦY MƯỜNG TÈ", "UBND huyện Mường Tè",
                 "Ủy ban nhân dân huyện Mường Tè"):
        found = resolve(text, province="Lai Châu", on="2023")
        assert found.code == code, text


def test_ubnd_xa_with_its_district_and_without() -> None:
    candidates = resolve("UBND xã Tân Lập", on="2023").candidates
    assert len(candidates) > 5 and all(u.name == "Tân Lập" and u.era == OLD for u in candidates)
    one = candidates[0]
    district = unit(OLD, one.parent_code or "")
    assert district is not None
    found = resolve("UBND xa Tan Lap", district=district.name, province=province_of_unit(one).name, on="2023-05-01")
    assert (found.code, found.reason) == (one.code, "context")


def test_an_ambiguous_name_keeps_its_candidates() -> None:
    found = resolve("xã Tân Lập", on="2023")
    assert found.unit is None and found.reason == "ambiguous"
    assert len({u.code for u in found.candidates}) == len(found.candidates) > 1
    assert resolve("Mường Tè").reason == "ambiguous"  # a district, a town and two communes, in two eras


def test_the_date_picks_the_unit_of_its_era() -> None:
    old = resolve("xã Mường Tè", province="Lai Châu", on="2023")
    new = resolve("xã Mường Tè", province="Lai Châu", on="2025-09")
    assert old.unit is not None and new.unit is not None
    assert (old.unit.era, new.unit.era) == (OLD, NEW)
    assert (old.unit.valid_to, new.unit.valid_from) == ("2025-06-30", "2025-07-01")
    assert resolve("thị trấn Mường Tè", on="2023").code == "03433"
    assert resolve("thị trấn Mường Tè", on="2026").unit is None  # towns were abolished with the districts
    assert (era_on("2024"), era_on("2025-06"), era_on("2025-07"), era_on("2025"), era_on(None)) == (
        OLD, OLD, NEW, None, None)


def test_type_words_and_search() -> None:
    assert parse_name("UBND thị trấn Mường Tè") == ("muongte", "xa", "Thị trấn")
    assert parse_name("Phường 5")[1:] == ("xa", "Phường")
    assert province_of("Mường Tè", "huyen") == "Lai Châu" and province_of("Tân Lập", "xa") is None
    hits = search("Muong Tẻ")  # a typo in the tone mark, no diacritics elsewhere
    assert any(u.level == "huyen" and u.code == _old_district("Mường Tè", "Lai Châu") for u in hits[:5])
    assert {u.era for u in search("107")} == {OLD}


def test_the_header_reader_s_light_province_index_agrees_with_the_whole_list() -> None:
    from collections import defaultdict

    from chitieu.gazetteer.lookup import _provinces_by_name
    from chitieu.gazetteer.resolve import key_of

    whole: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for u in gazetteer().units:
        if u.level != "tinh":
            whole[(key_of(u.name), u.level)].add(province_of_unit(u).name)
    assert {k: set(v) for k, v in _provinces_by_name().items()} == whole
