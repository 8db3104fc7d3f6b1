"""Tables, identical on SQLite and PostgreSQL (created only through the Alembic migrations)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AdminUnit(Base):
    """An administrative unit as it was during [valid_from, valid_to]; `code` only from an official list.
    A code is unique within its era only (the new Lai Châu keeps the old one's 12): the key is the code
    with the date it took effect."""

    __tablename__ = "admin_units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str | None] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200), index=True)
    level: Mapped[str] = mapped_column(String(10))  # tinh | huyen | xa
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    unit_type: Mapped[str | None] = mapped_column(String(30))  # 'Huyện', 'Thị xã', 'Phường', 'Đặc khu', …
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(60), index=True)  # 'vietnamadminunits 1.0.4', 'units.csv'

    __table_args__ = (
        # two ingests meeting the same unknown unit at once create it once (the loser finds it there)
        Index("ux_admin_units_provisional", "name_folded", "level", text("coalesce(parent_id, 0)"), unique=True,
              sqlite_where=text("provisional"), postgresql_where=text("provisional")),
        Index("ux_admin_units_code", "code", text("coalesce(valid_from, '')"), unique=True),
    )

    @property
    def label(self) -> str:
        """'Huyện Mường Tè' when the type is known."""
        return f"{self.unit_type} {self.name}" if self.unit_type else self.name


class AdminUnitLink(Base):
    """Lineage across reorganisations: `predecessor` became (part of) `successor`."""

    __tablename__ = "admin_unit_links"
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), primary_key=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), primary_key=True, index=True)
    whole: Mapped[bool] = mapped_column(Boolean, default=True)  # False: only part of it went into the successor


class Term(Base):
    __tablename__ = "terms"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)  # '2020-2025'
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(60))
    group: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(12))
    aggregate: Mapped[str] = mapped_column(String(12))


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    admin_unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"), index=True)
    doc_kind: Mapped[str | None] = mapped_column(String(40))
    period: Mapped[str | None] = mapped_column(String(20))
    plan_period: Mapped[str | None] = mapped_column(String(20))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    issued: Mapped[str | None] = mapped_column(String(100))
    meta: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text, default="")
    extractor_version: Mapped[str] = mapped_column(String(20))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class Observation(Base):
    """A target, plan or result: indicator × unit × period × role, with its source and provenance."""

    __tablename__ = "observations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[str | None] = mapped_column(ForeignKey("indicators.id"))
    admin_unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    raw_name: Mapped[str] = mapped_column(String(500))
    period: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(12))
    op: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(60))
    estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    pct: Mapped[float | None] = mapped_column(Float)
    pct_basis: Mapped[str | None] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(10))  # text | table
    line: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    # the indicator the figure's words name, why it is or is not that indicator's value, how sure the name
    candidate_id: Mapped[str | None] = mapped_column(String(80))
    mapping_reason: Mapped[str | None] = mapped_column(String(20))
    mapping_confidence: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        Index("ix_observations_lookup", "indicator_id", "admin_unit_id", "period", "role"),
        Index("ix_observations_unit_period", "admin_unit_id", "period"),
    )


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(10))
    lines: Mapped[list[int]] = mapped_column(JSON, default=list)
    key: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    message: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution_note: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # admin | editor | viewer
    admin_unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))


class WebSession(Base):
    """A login of the web app: the cookie holds the token, the database its hash, logout deletes it."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApiToken(Base):
    """A token a script sends as 'Authorization: Bearer …': the database keeps its hash, revoking it ends it."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class DataVersion(Base):
    """One row: bumped by every transaction that changes stored data (not logins or tokens), so that a
    cache keyed on it is never stale (store/database.py)."""

    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class LoginAttempt(Base):
    """Consecutive failed logins under one user name (known or not), and until when it is locked."""

    __tablename__ = "login_attempts"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_failure: Mapped[datetime | None] = mapped_column(DateTime)


class Correction(Base):
    """A staff correction of an observation; the newest one wins over the extraction everywhere."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observations.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(30))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("observation_id", "created_at", "field"),)


class BieuCheck(Base):
    """A person's check of one row of a unit's Biểu for a period: accepted as shown, another report's
    value picked, or corrected with a reason. The newest check of a row counts while the row still shows
    the value that was checked (`value_text`); a later change of the value asks for a new check."""

    __tablename__ = "bieu_checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    admin_unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"))
    period: Mapped[str] = mapped_column(String(20))
    row_key: Mapped[str] = mapped_column(String(40))
    row_name: Mapped[str] = mapped_column(String(500))
    decision: Mapped[str] = mapped_column(String(12))  # accepted | picked | corrected
    value_text: Mapped[str] = mapped_column(String(300), default="")
    value: Mapped[float | None] = mapped_column(Float)
    observation_id: Mapped[int | None] = mapped_column(ForeignKey("observations.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_bieu_checks_unit_period", "admin_unit_id", "period"),)


class BieuTemplate(Base):
    """A Biểu template an office uploaded (its superior's list of indicators and columns, value cells
    empty), kept as uploaded: the filled file is written into it, its layout untouched."""

    __tablename__ = "bieu_templates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))  # xlsx | docx
    content: Mapped[bytes] = mapped_column(LargeBinary)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BieuTemplateRow(Base):
    """A row of a template and the catalogue indicator it is: suggested by name, confirmed or changed by a
    person (and then remembered for every later filling of the template)."""

    __tablename__ = "bieu_template_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("bieu_templates.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)  # as the reader numbers the template's rows
    tt: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str | None] = mapped_column(String(60))
    suggested_id: Mapped[str | None] = mapped_column(String(80))
    confidence: Mapped[float | None] = mapped_column(Float)
    indicator_id: Mapped[str | None] = mapped_column(ForeignKey("indicators.id"))  # the mapping in effect
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("template_id", "line", name="uq_bieu_template_rows_line"),)
