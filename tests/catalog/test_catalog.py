from __future__ import annotations

import json

import pytest

from chitieu.catalog.matching import match_indicator
from chitieu.catalog.model import AGGREGATIONS, GROUPS, load_catalog, parse_catalog
from chitieu.domain.evaluation import Direction
from chitieu.services.extraction import extract_path
from tests.conftest import SAMPLES


def test_catalogue_is_complete_and_well_formed() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 80
    ids = [i.id for i in catalog]
    assert len(ids) == len(set(ids))
    for ind in catalog:
        assert ind.group in GROUPS, ind.id
        assert ind.aggregate in AGGREGATIONS, ind.id
        assert ind.aggregate != "mean" or ind.weight, f"{ind.id}: a mean needs the denominator it is weighted by"
        assert ind.magnitude_huyen[0] <= ind.magnitude_huyen[1]


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("Thu nhập bình quân đầu người/năm", "Tr. đồng", "thu_nhap_binh_quan"),
        ("THU NHAP BINH QUAN DAU NGUOI", None, "thu_nhap_binh_quan"),
        ("Tỷ lệ độ che phủ rừng", "%", "ty_le_che_phu_rung"),
        ("Tỷ lệ hộ nghèo giảm/năm", "%", "giam_ty_le_ho_ngheo"),
        ("Tỷ suất tăng dân số tự nhiên giảm còn", "‰", "tang_dan_so_tu_nhien"),
        ("Kết nạp đảng viên mới/năm", "Đảng viên", "ket_nap_dang_vien"),
        ("Tổng sản lượng lương thực", "Tấn", "san_luong_luong_thuc"),
    ],
)
def test_row_names_match_their_indicator(name: str, unit: str | None, expected: str) -> None:
    m = match_indicator(name, unit)
    assert m is not None and m.indicator.id == expected
    assert 0 < m.confidence <= 1


def test_the_indicator_named_next_to_the_figure_wins() -> None:
    m = match_indicator("Tổng số đàn gia súc tăng, tổng sản lượng lương thực có hạt ước đạt", "tấn")
    assert m is not None and m.indicator.id == "san_luong_luong_thuc"
    after = match_indicator("đảm bảo", "%", after="xã, thị trấn đạt bộ tiêu chí quốc gia về y tế xã")
    assert after is not None and after.indicator.id == "xa_chuan_y_te"


def test_unknown_names_stay_unmatched() -> None:
    assert match_indicator("Số con mèo được triệt sản", "con mèo") is None
    assert match_indicator("", None) is None


def test_catalogue_direction_drives_evaluation() -> None:
    ind = {i.id: i for i in load_catalog()}
    assert ind["ty_le_ho_ngheo"].direction is Direction.LOWER
    assert ind["giam_ty_le_ho_ngheo"].direction is Direction.HIGHER


def test_parse_catalog_reads_the_toml_layout() -> None:
    raw = ('[[indicator]]\nid = "x"\nname = "X"\naliases = ["y"]\nunit = "%"\ngroup = "kinh_te"\n'
           'direction = "lower"\naggregate = "mean"\nweight = "dan_so"\nmagnitude_huyen = [0, 100]\n')
    [ind] = parse_catalog(raw)
    assert (ind.id, ind.direction, ind.weight, ind.magnitude_huyen) == ("x", Direction.LOWER, "dan_so", (0.0, 100.0))


def test_seed_rows_carry_an_indicator_and_facts_name_one() -> None:
    """Rows of the report's own tables are the indicators; most figures in prose name one, but only
    those that measure it are its value (the rest keep the candidate and the reason)."""
    rows = facts = rows_matched = named = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        x = extract_path(path).extraction
        assert x is not None
        for table in x.tables:
            if table.kind == "indicator_results":
                for row in table.rows:
                    if row.kind == "indicator":
                        rows += 1
                        rows_matched += row.indicator_id is not None
        facts += len(x.facts)
        named += sum(f.candidate_id is not None for f in x.facts)
        assert all(f.mapping_reason == "matched" for f in x.facts if f.indicator_id is not None)
        assert all(f.indicator_id is None for f in x.facts if f.mapping_reason != "matched")
    assert rows_matched / rows >= 0.95
    assert named / facts >= 0.80


def test_the_shipped_mapping_verifier_was_trained_on_the_labels_of_this_repository() -> None:
    """`make train` must be run again whenever the mapping labels change."""
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    from train_mapping import labels_checksum

    shipped = json.loads((ROOT / "src/chitieu/catalog/data/mapping.json").read_text(encoding="utf-8"))
    assert shipped["data_checksum"] == labels_checksum()
    assert 0.5 <= shipped["verifier"]["threshold"] < 1


def test_a_change_another_unit_or_a_topic_is_never_the_indicators_value() -> None:
    from chitieu.catalog import mapping
    from chitieu.catalog.model import by_id
    from chitieu.domain.extraction import Fact, Op, Quantity, Role

    def fact(quote: str, unit: str) -> Fact:
        return Fact(1, (0, len(quote)), quote, quote, Role.ACTUAL, "2023", Quantity(Op.EQ, 1.0), unit)

    herd, crime, funds = by_id()["tong_dan_gia_suc"], by_id()["toi_pham"], by_id()["kinh_phi"]
    with mapping.using(None):
        assert mapping.decide(fact("tổng đàn gia súc tăng 1.525 con", "con"), herd, 0.95).reason == "change"
        assert mapping.decide(fact("tổng đàn gia súc 40.635 con", "con"), herd, 0.95).indicator_id == herd.id
        assert mapping.decide(fact("hỗ trợ 35.487 người", "người"), crime, 0.95).reason == "unit_noun"
        assert mapping.decide(fact("phạm tội 35 tỷ đồng", "tỷ đồng"), crime, 0.95).reason == "unit_family"
        assert mapping.decide(fact("kinh phí 12 tỷ đồng", "tỷ đồng"), funds, 0.95).reason == "topic"
        assert mapping.decide(fact("tổng đàn gia súc 40.635 con", "con"), herd, 0.7).reason == "weak_name"


@pytest.mark.slow
def test_the_shipped_verifier_maps_the_labelled_figures_with_high_precision(capsys: pytest.CaptureFixture[str]) -> None:
    """The figure `make score` prints: a retrained verifier that maps wrongly, or hardly at all, fails here."""
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    from score_mapping import main

    assert main(["--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["mapping_precision"] >= 0.95
    assert result["mapping_recall"] >= 0.12
