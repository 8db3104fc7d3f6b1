"""What extraction produces: metadata, tables of indicator rows, facts and findings.

Field names and enum values follow the extraction contract (docs/contract.md). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Op(StrEnum):
    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    RANGE = "range"
    MAINTAIN = "maintain"
    APPROX = "approx"
    TEXT = "text"


class Role(StrEnum):
    ACTUAL = "actual"
    TARGET = "target"
    PLAN = "plan"
    BASELINE = "baseline"
    FORECAST = "forecast"


# What is aimed at (a target, a plan) rather than what was done
GOAL_ROLES = frozenset({Role.TARGET, Role.PLAN})


class PctBasis(StrEnum):
    KE_HOACH = "ke_hoach"
    NGHI_QUYET = "nghi_quyet"
    CUNG_KY = "cung_ky"
    DU_TOAN = "du_toan"


class DocKind(StrEnum):
    BAO_CAO_CHINH_TRI = "bao_cao_chinh_tri"
    BAO_CAO_NAM = "bao_cao_nam"
    BAO_CAO_6_THANG = "bao_cao_6_thang"
    SO_KET_GIUA_NHIEM_KY = "so_ket_giua_nhiem_ky"
    DINH_HUONG_KE_HOACH = "dinh_huong_ke_hoach"
    OTHER = "other"


class FindingKind(StrEnum):
    STATUS_WRONG = "status_wrong"
    PCT_WRONG = "pct_wrong"
    TEXT_VS_TABLE = "text_vs_table"
    IMPOSSIBLE_VALUE = "impossible_value"
    NUMBERING = "numbering"
    UNIT = "unit"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    CROSS_DOCUMENT = "cross_document"
    OTHER = "other"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed value: a number, a range, or qualitative text, with its comparator.

    `alternatives` holds the other readings of an ambiguous number and `reason` why this one won.
    """

    op: Op
    value: float | None = None
    low: float | None = None
    high: float | None = None
    text: str | None = None
    alternatives: tuple[float, ...] = ()
    reason: str | None = None

    @property
    def is_numeric(self) -> bool:
        return self.value is not None or (self.low is not None and self.high is not None)


@dataclass(frozen=True, slots=True)
class Fact:
    line: int
    span: tuple[int, int]
    quote: str
    indicator: str
    role: Role
    period: str | None
    quantity: Quantity
    unit: str | None
    pct: float | None = None
    pct_basis: PctBasis | None = None
    pct_phrase: str | None = None  # the comparison as written: 'vượt 5,46% kế hoạch'
    estimate: bool = False
    scope: str | None = None
    indicator_id: str | None = None
    indicator_confidence: float | None = None
    denominator: float | None = None  # 'x/y': y, the total or plan x is counted against
    block: int = -1  # index of the paragraph in SourceDocument.blocks; `span` is within its text
    # the indicator the words name when the figure is not its value (a change, another unit…), and why
    candidate_id: str | None = None
    mapping_reason: str | None = None
    # a goal's period as a result's would be: what it takes if it turns out to be a result after all
    # ('6 tháng đầu năm 2018 … ước đạt …' under 'CÁC CHỈ TIÊU KINH TẾ' is of the six months, not the year)
    period_as_result: str | None = None
    year_named: bool = False  # the year is named in the figure's own clause, not taken from farther off

    @property
    def named_indicator(self) -> str | None:
        """The indicator the figure's words name and whose kind of quantity it has — what the audit
        compares — even where it is too uncertain to be shown as that indicator's value."""
        return self.indicator_id or (self.candidate_id if self.mapping_reason == "unlikely" else None)


@dataclass(frozen=True, slots=True)
class DocumentReference:
    """A row of a document-list table ('BIỂU 02: CÁC VĂN BẢN …')."""

    number: str
    date: str
    summary: str


@dataclass(frozen=True, slots=True)
class RowExtraction:
    line: int
    tt: str
    name: str
    parent: str | None
    unit: str | None
    cells: dict[str, str]
    values: dict[str, Quantity]
    kind: str = "indicator"  # indicator | group | column_numbers | header_repeat | document
    indicator_id: str | None = None
    indicator_confidence: float | None = None
    reference: DocumentReference | None = None


@dataclass(frozen=True, slots=True)
class TableExtraction:
    title: str
    kind: str  # indicator_results | document_list | other
    header: tuple[str, ...]
    line: int
    rows: tuple[RowExtraction, ...]
    # value column → (actual | target | plan | verdict, year or None)
    column_roles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    cell_per_paragraph: bool = False  # read from a page that stores it one cell per paragraph (read.flattened)


@dataclass(frozen=True, slots=True)
class Metadata:
    issuer: str | None = None
    unit_name: str | None = None
    unit_level: str | None = None
    province: str | None = None
    doc_kind: DocKind | None = None
    period: str | None = None
    plan_period: str | None = None
    term: str | None = None
    draft: str | None = None
    doc_number: str | None = None
    date: str | None = None
    signer: str | None = None
    title: str | None = None
    # The period of a result the text gives none for: the point the report speaks as of ('2024' in an
    # end-of-term report written in 2024, '2020-6/2023' in a mid-term review of data to 30/6/2023).
    as_of: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    severity: Severity
    lines: tuple[int, ...]
    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the outline, with the lines it covers and what it is about."""

    level: int
    label: str
    title: str
    line: int
    end_line: int
    purpose: str  # results | targets | tasks | other


@dataclass(frozen=True, slots=True)
class Extraction:
    source: str
    metadata: Metadata
    sections: tuple[Section, ...]
    tables: tuple[TableExtraction, ...]
    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()
    unmatched_indicators: tuple[str, ...] = ()  # table rows the catalogue does not know
