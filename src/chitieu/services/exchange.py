"""Targets and observations out as CSV / JSON, and DHIS2 dataValueSets out and in."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from chitieu import EXTRACTOR_VERSION
from chitieu.domain.errors import ReadError
from chitieu.export.dhis2 import DataValue, Mapping, from_data_value_sets, parse_mapping, to_data_value_sets
from chitieu.messages import render
from chitieu.services.browse import shown_values
from chitieu.services.ingest import seed
from chitieu.store import documents as stored_documents
from chitieu.store import observations as stored_observations
from chitieu.store import units as stored_units
from chitieu.store.database import Database

FIELDS = ("indicator_id", "unit_code", "unit_name", "period", "role", "op", "value", "low", "high", "value_text",
          "measure_unit", "estimate", "corrected_value", "document", "line", "quote")


def observation_records(db: Database, unit_id: int | None = None,
                        indicator_id: str | None = None) -> list[dict[str, Any]]:
    """Every stored target and result (each with its source), corrections shown beside the extraction."""
    with db.transaction() as session:
        values = stored_observations.stored_values(session, indicator_id=indicator_id,
                                       unit_ids=[unit_id] if unit_id is not None else None)
        units = {u.id: u for u in stored_units.all_units(session)}
        files = stored_documents.file_names(session)
    out = []
    for v in values:
        unit = units.get(v.admin_unit_id) if v.admin_unit_id is not None else None
        out.append({"indicator_id": v.indicator_id, "unit_code": unit.code if unit else None,
                    "unit_name": unit.name if unit else None, "period": v.period, "role": v.role, "op": v.op,
                    "value": v.value, "low": v.low, "high": v.high, "value_text": v.value_text,
                    "measure_unit": v.unit, "estimate": v.estimate, "corrected_value": v.corrected_value,
                    "document": files.get(v.document_id), "line": v.line, "quote": v.quote})
    return out


def write_records(records: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel open Vietnamese text correctly


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError("read.not_found" if isinstance(exc, OSError) else "read.encoding", file=str(path)) from None


def load_mapping(path: Path) -> Mapping:
    return parse_mapping(_read(path), str(path))


def export_dhis2(db: Database, mapping: Mapping) -> tuple[dict[str, Any], int]:
    """The values shown (vintage rule, corrections applied) of the mapped units, as dataValueSets."""
    with db.transaction() as session:
        units = {u.id: u for u in stored_units.all_units(session)}
    keys = {u_id: next((k for k in (u.code, u.name) if k and k in mapping.org_units), None)
            for u_id, u in units.items()}
    wanted = [u_id for u_id, key in keys.items() if key]
    values = [DataValue(v.indicator_id, keys[v.admin_unit_id] or "", v.period, "target" if v.goal else "actual",
                        v.value)
              for v in shown_values(db, unit_ids=wanted) if v.value is not None and v.admin_unit_id in keys]
    return to_data_value_sets(values, mapping)


def import_dhis2(db: Database, path: Path, mapping: Mapping) -> tuple[int, int]:
    """Store the mapped values of a dataValueSets file as one source document; (stored, skipped)."""
    text = _read(path)
    values, skipped = from_data_value_sets(text, str(path), mapping)
    seed(db)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rows = [(v.indicator_id, v.unit, v.period, v.role, v.value) for v in values]
    with db.transaction() as session:
        stored = stored_documents.save_imported_values(
            session, rows, content_hash=digest, file_name=path.name, fmt="dhis2",
            title=render("exchange.source_name", file=path.name), extractor_version=EXTRACTOR_VERSION)
    return stored, skipped
