"""CSV / JSON of targets and observations, and DHIS2 dataValueSets out of one database and into an
empty one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from chitieu.domain.errors import ChitieuError
from chitieu.export.dhis2 import Mapping, parse_mapping
from chitieu.services.browse import shown_values
from chitieu.services.exchange import export_dhis2, import_dhis2, observation_records, write_records
from chitieu.store.database import Database, open_database
from chitieu.store.schema import AdminUnit


def test_csv_and_json_carry_every_stored_value_with_its_source(sample_db: Database) -> None:
    records = observation_records(sample_db)
    assert len(records) > 2000
    rows = list(csv.DictReader(io.StringIO(write_records(records, "csv").decode("utf-8-sig"))))
    assert len(rows) == len(records)
    grain = next(r for r in rows if r["indicator_id"] == "san_luong_luong_thuc" and r["value"] == "17501.0")
    assert grain["unit_name"] == "Mường Tè" and grain["document"].startswith("002_") and grain["quote"]
    assert json.loads(write_records(records, "json")) == json.loads(json.dumps(records, ensure_ascii=False))


def _mapping(db: Database, units: list[str]) -> Mapping:
    """What a user writes by hand: made-up 11-character DHIS2 uids for every indicator and two districts,
    named by their codes (a name like 'Mường Tè' is also a town's and two communes')."""
    with db.transaction() as session:
        names = [u.code for u in session.query(AdminUnit).all() if u.name in units and u.level == "huyen"]
    from chitieu.catalog.model import load_catalog

    lines = ["[data_elements]"]
    lines += [f'{i.id} = "DE{n:09d}"' for n, i in enumerate(load_catalog())]
    lines += ["[org_units]"] + [f'"{name}" = "OU{n:09d}"' for n, name in enumerate(names)]
    lines += ["[category_option_combos]", 'actual = "COCactual01"', 'target = "COCtarget01"']
    return parse_mapping("\n".join(lines), "mapping.toml")


def test_dhis2_export_then_import_into_an_empty_database_reproduces_the_values(sample_db: Database,
                                                                              tmp_path: Path, sqlite_url: str) -> None:
    mapping = _mapping(sample_db, ["Mường Tè", "Tam Đường"])
    data, skipped = export_dhis2(sample_db, mapping)
    values = data["dataValues"]
    assert len(values) > 100 and skipped > 0  # multi-year periods have no DHIS2 yearly form
    assert all(set(v) == {"dataElement", "period", "orgUnit", "value", "categoryOptionCombo"} for v in values)
    assert all(isinstance(v["value"], str) and len(v["period"]) == 4 for v in values)
    path = tmp_path / "datavaluesets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    empty = open_database(sqlite_url)  # a new database: schema and the packaged units
    stored, not_mapped = import_dhis2(empty, path, mapping)
    assert (stored, not_mapped) == (len(values), 0)
    assert import_dhis2(empty, path, mapping) == (0, 0)  # the same file twice changes nothing

    def places(db: Database) -> set[tuple[str, str, str, bool, float]]:
        with db.transaction() as session:
            names = {u.id: u.name for u in session.query(AdminUnit).all()}
        return {(v.indicator_id, names.get(v.admin_unit_id or 0, ""), v.period, v.goal, round(v.value, 6))
                for v in shown_values(db) if v.value is not None and len(v.period) == 4
                and names.get(v.admin_unit_id or 0) in ("Mường Tè", "Tam Đường")}

    assert places(empty) == places(sample_db)
    empty.close()


def test_bad_mapping_and_bad_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(ChitieuError) as bad_mapping:
        parse_mapping("[org_units]\n", "m.toml")
    assert bad_mapping.value.key == "exchange.bad_mapping"
    path = tmp_path / "x.json"
    path.write_text('{"rows": []}', encoding="utf-8")
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with pytest.raises(ChitieuError) as bad_file:
        import_dhis2(db, path, Mapping({}, {}))
    assert bad_file.value.key == "exchange.bad_file" and "x.json" in str(bad_file.value.params["file"])
    db.close()


def test_export_commands(template_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from chitieu.cli.app import app

    db = ["--db", f"sqlite:///{template_db}"]
    runner = CliRunner()
    xlsx = tmp_path / "bieu.xlsx"
    result = runner.invoke(app, ["export", "bieu", "--unit", "Mường Tè", "--period", "2023", "-o", str(xlsx), *db])
    assert result.exit_code == 0 and xlsx.read_bytes()[:2] == b"PK"
    md = tmp_path / "bao-cao.md"
    result = runner.invoke(app, ["export", "narrative", "--unit", "Mường Tè", "--period", "2023", "-o", str(md), *db])
    assert result.exit_code == 0 and "bằng" in md.read_text(encoding="utf-8")
    csv_path = tmp_path / "data.csv"
    assert runner.invoke(app, ["export", "data", "-o", str(csv_path), *db]).exit_code == 0
    bad = runner.invoke(app, ["export", "bieu", "--unit", "Mường Tè", "--period", "1999", "-o", str(xlsx), *db])
    assert bad.exit_code == 2 and "không có số liệu kỳ 1999" in bad.output
    missing = runner.invoke(app, ["import", "dhis2", str(tmp_path / "none.json"), "--mapping",
                                  str(tmp_path / "none.toml"), *db])
    assert missing.exit_code == 2 and "none.toml" in missing.output
