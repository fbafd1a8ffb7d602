"""The records that flow from parsing to indexing to display.

Kept as plain dataclasses so every later stage (full-text index, vectors, web
pages, JSON API) consumes the same shape, and `to_dict` gives the JSON form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import ClassVar

# Section kinds, as named in ARCHITECTURE.md. The Japanese labels are what the
# reports themselves say, so they double as display text.
GOAL = "目標"
CONTENT = "取組内容"
OUTCOME = "取組の成果"
ISSUE = "取組の課題"
NEXT_GOAL = "次年度目標"
REASON_OPERATOR = "評価の理由(法人)"
REASON_WARD = "評価の理由(区)"
RESULT = "成果"
CHALLENGE = "課題"
VIEWPOINT = "振り返りの視点"
SELF_EVAL = "自己評価"
# The report's preamble in prose: what the evaluation is for (実施目的, 実施について),
# the hub's purpose (事業目的, 基本理念) and its seven programmes (事業の内容). Context
# about the evaluation, much of it the city's standard text: searchable, but not
# evidence of a ward's own practice (search_app.wardanswer never claims a ward by it).
OVERVIEW = "概要"
OTHER = "other"

SECTION_KINDS = (
    GOAL, CONTENT, OUTCOME, ISSUE, NEXT_GOAL, REASON_OPERATOR, REASON_WARD,
    RESULT, CHALLENGE, VIEWPOINT, SELF_EVAL, OVERVIEW, OTHER,
)

# Coarse groups used by the UI filter 区分 (目標 / 取組内容 / 成果 / 課題 / 評価).
SECTION_GROUPS = {
    "目標": (GOAL, NEXT_GOAL),
    "取組内容": (CONTENT,),
    "成果": (OUTCOME, RESULT),
    "課題": (ISSUE, CHALLENGE),
    "評価": (REASON_OPERATOR, REASON_WARD, SELF_EVAL, VIEWPOINT),
}

YEARLY = "単年度評価"
FIVE_YEAR = "5か年のまとめ"
UNKNOWN = "unknown"

PROGRAMMES = {
    1: "親子の居場所事業",
    2: "子育て相談事業",
    3: "情報収集・提供事業",
    4: "支援者ネットワーク事業",
    5: "人材育成・活動支援事業",
    6: "横浜子育てサポートシステム区支部事務局運営事業",
    7: "利用者支援事業",
}


@dataclass
class Document:
    """One source report with the metadata found in it."""

    doc_id: str
    source: str
    ward: str | None
    fiscal_year_from: int | None
    fiscal_year_to: int | None
    year_label: str | None
    doc_type: str = UNKNOWN
    operator: str | None = None
    hub: str | None = None
    title: str | None = None
    encoding: str | None = None
    programmes: dict[int, str] = field(default_factory=dict)
    # Who stated each metadata field: "detected" (read from the text) or
    # "person" (an uploader's or admin's sidecar, see indexer/sidecar.py).
    metadata_source: dict[str, str] = field(default_factory=dict)
    # Pages read by OCR (1-based) and notes on parts that could not be read.
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # For one ward's part of a file holding several wards' reports (indexer.wardparts),
    # where in the file it is: {"key", "label", "index", "count", "file_id", "lines",
    # "pages"} (see indexer.wardparts); None for a whole file. Set on the instance only, so the
    # records of a whole file are what they were before files had parts.
    part: ClassVar[dict | None] = None

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.part is not None:
            data["part"] = dict(self.part)
        return data


@dataclass
class Passage:
    """The unit of search and display: one section of one goal or programme."""

    passage_id: str
    doc_id: str
    ward: str | None
    fiscal_year_from: int | None
    fiscal_year_to: int | None
    year_label: str | None
    section: str
    text: str
    goal_no: int | None = None
    goal: str | None = None
    programme: int | None = None
    programme_name: str | None = None
    doc_type: str = UNKNOWN
    operator: str | None = None
    source_file: str = ""
    line_start: int = 0
    line_end: int = 0
    grades: dict[str, str] | None = None
    # The evidence unit this passage belongs to, which a ward answer cites:
    # "<doc_id>-y<year>-g<no>" (a goal block: the goal with its 取組内容 / 成果 /
    # 課題 of one report year; "-n<no>" for next year's goals) or
    # "<doc_id>-p<programme>" (a programme block of a five-year summary).
    # None for passages outside any unit (leftovers, unstructured text).
    unit: str | None = None
    # Read by OCR from a scanned page: shown as such, since it may hold misreadings.
    ocr: bool = False
    # The pages (1-based, inclusive) of a paged source (PDF) its lines are on,
    # which a reader of the file can follow; None for formats without pages.
    page_start: int | None = None
    page_end: int | None = None
    # The label of the part of its file the passage is in (a sheet, a ward's section:
    # Document.part["label"]), cited beside the file; None for a whole file. Instance-only,
    # like Document.part.
    part_label: ClassVar[str | None] = None
    # The site of the hub a goal is of, in a report of a hub and its satellite (どろっぷ（本体）,
    # どろっぷサテライト, 分室): the part line the report heads that site's goals with; None where the
    # report names no site. Set on the instance only (in the JSON only where set), so the records of
    # a report of one site are what they were.
    site: ClassVar[str | None] = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["source"] = {
            "file": self.source_file,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }
        if self.page_start is not None:
            data["source"]["page_start"] = self.page_start
            data["source"]["page_end"] = self.page_end if self.page_end is not None else self.page_start
        if self.part_label is not None:
            data["source"]["part"] = self.part_label
        if self.site is not None:
            data["site"] = self.site
        return data
