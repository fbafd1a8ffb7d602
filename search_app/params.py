"""Search parameters a user sets: filters, their validation, and user errors.

Every message here is shown to the user (Japanese). Values that cannot be real
(令和99年度, an unknown ward) are refused with the valid range, never read as a
filter that silently matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer import metadata, records, wareki

from .query import fy_years, open_year_value, open_years

NO_WARD = "区不明"  # selects passages of documents with no ward
NO_WARD_ALIASES = (NO_WARD, "不明")


class QueryError(ValueError):
    """A user parameter that cannot be used; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Filters:
    """What a search is restricted to. The wards searched are one field, `wards`: the
    ward chosen on the form (or the API's ward=) or the wards the query names
    (中区の課題, 港北区と港南区の課題); "" is 区不明. `ward` reads (and sets) it when
    it is one ward."""

    wards: tuple[str, ...] | None = None
    not_wards: tuple[str, ...] | None = None   # wards the query excludes (-西区)
    year_from: int | None = None
    year_to: int | None = None
    section: str | None = None
    programme: int | None = None
    doc_type: str | None = None

    def __init__(self, wards=None, not_wards=None, year_from=None, year_to=None, section=None,
                 programme=None, doc_type=None, *, ward: str | None = None):
        self.wards = tuple(wards) if wards else ((ward,) if ward is not None else None)
        self.not_wards = tuple(not_wards) if not_wards else None
        self.year_from, self.year_to = year_from, year_to
        self.section, self.programme, self.doc_type = section, programme, doc_type

    @property
    def ward(self) -> str | None:
        """The ward searched when it is one (None: every ward, or several)."""
        return self.wards[0] if self.wards and len(self.wards) == 1 else None

    @ward.setter
    def ward(self, value: str | None) -> None:
        self.wards = None if value is None else (value,)

    def to_dict(self) -> dict:
        """As the API shows the filters: "ward" when one ward is searched, "wards" when several."""
        one = self.ward
        return {"ward": one, **self.__dict__, "wards": None if one is not None else self.wards}

    @property
    def any(self) -> bool:
        return any(v is not None for v in self.__dict__.values())


def parse_year_range(value: str | None) -> tuple[int, int] | None:
    """'2023', '令和5年度', 'R5', 'FY2023', '2021-2023', '令和3年度～令和5年度' -> (from, to);
    '2023年度〜', '令和5年度以降' -> from that year on, '〜2023', '2023年度まで' -> up to it."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    opened = open_year_value(value)   # 2023年度〜, 令和5年度以降, 〜2023: as the query box reads them
    if opened and (years := parse_year_range(opened[1])):
        return open_years(*years, opened[0])
    fiscal = fy_years(value)   # FY2023, FY2021-2023: as the query box and the page's year inputs read them
    if fiscal:
        return fiscal
    try:
        parts = [p for p in re.split(r"\s*(?:[-–～〜~]|から|to)\s*", value) if p.strip()]
        if len(parts) == 2:
            a, b = wareki.parse_year(parts[0]), wareki.parse_year(parts[1])
            if a and b:
                return min(a[0], b[0]), max(a[1], b[1])
        parsed = wareki.parse_year(value)
    except wareki.YearOutOfRange as exc:
        raise QueryError(exc.message) from None
    if parsed is None:
        raise QueryError(f"年度「{value[:40]}」を解釈できません（例: 2023、令和5年度、R5、2021-2023）")
    return parsed


def known_wards(index_wards) -> list[str]:
    """The wards a filter may name: Yokohama's 18 plus any ward in the index."""
    extra = sorted(w for w in index_wards if w and w not in metadata.YOKOHAMA_WARDS)
    return list(metadata.YOKOHAMA_WARDS) + extra


def parse_ward(value, index_wards) -> str:
    """A ward filter value -> the ward as stored ("" for 区不明); QueryError if unknown."""
    text = str(value).strip()
    if text in NO_WARD_ALIASES:
        return ""
    ward = metadata.canonical_ward(text)
    allowed = known_wards(index_wards)
    if ward not in allowed:
        raise QueryError(f"区「{text[:20]}」はありません（指定できる区: {'、'.join(allowed)}、{NO_WARD}）")
    return ward


def parse_result_year(value) -> int:
    """The one fiscal year of a search's results to show (a cell of the ward × year grid)."""
    years = parse_year_range(value)
    if years is None or years[0] != years[1]:
        raise QueryError("結果の年度は 1 つの年度で指定してください（例: 2023、令和5年度）")
    return years[0]


def parse_section(value) -> str:
    section = str(value)
    if section not in records.SECTION_GROUPS and section not in records.SECTION_KINDS:
        raise QueryError(f"区分「{section[:20]}」はありません（目標・取組内容・成果・課題・評価）")
    return section


def parse_programme(value) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise QueryError("事業は 1〜7 の数字で指定してください") from None
    if not 1 <= n <= 7:
        raise QueryError("事業は 1〜7 の数字で指定してください")
    return n


def parse_doc_type(value) -> str:
    if value not in (records.YEARLY, records.FIVE_YEAR, records.UNKNOWN):
        raise QueryError(f"種別「{str(value)[:20]}」はありません")
    return value


def bounded_int(value, name: str, lo: int, hi: int) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name} は整数で指定してください") from None
    if n < lo:
        raise QueryError(f"{name} は {lo} 以上で指定してください")
    return min(n, hi)
