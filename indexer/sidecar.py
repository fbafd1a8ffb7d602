"""Metadata a person set for a file, stored beside it in the corpus.

Reports do not always say which ward or fiscal year they are about, and an
uploader or admin knows. What they say is kept in a sidecar file next to the
document — ``report.pdf`` → ``report.pdf.meta.json`` — so it is part of the
corpus (the source of truth), survives every reindex, and moves with the file
when both are moved. The index is derived from it like from the document.

A sidecar holds only the fields a person set::

    {"ward": "西区", "fiscal_year_from": 2023, "fiscal_year_to": 2023,
     "doc_type": "単年度評価", "updated": "2026-11-29T17:30:00+00:00"}

Values are validated when written and again when read (a sidecar edited by
hand can be wrong): a bad sidecar is reported with a reason, never applied
half-way and never silently ignored.

A file holding several wards' reports is indexed as one document per part
(`indexer.wardparts`); a correction of one part is kept under that part's key::

    {"parts": {"神奈川区": {"ward": "神奈川区", "fiscal_year_from": 2022, ...}}}

The file's own fields then apply to every part, except the ward: parts are
different wards' reports by definition, so one ward for the whole file is not
applied (the parts say so in their notes) — the correction belongs to a part.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import oserrors, records, wareki
from .files import write_text_atomically
from .metadata import YOKOHAMA_WARDS, canonical_ward

log = logging.getLogger(__name__)

SUFFIX = ".meta.json"
FIELDS = ("ward", "fiscal_year_from", "fiscal_year_to", "doc_type")
DOC_TYPES = (records.YEARLY, records.FIVE_YEAR, records.UNKNOWN)
# Fiscal years a hub report can be about: the hub programme started in the
# Heisei era; a generous upper bound still catches typos such as 20233.
MIN_YEAR, MAX_YEAR = 1989, 2100
PERSON, DETECTED = "person", "detected"


class SidecarError(ValueError):
    """A metadata value that cannot be used; the message is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Metadata:
    ward: str | None = None
    fiscal_year_from: int | None = None
    fiscal_year_to: int | None = None
    doc_type: str | None = None
    # corrections of single parts of a file of several wards' reports, by part key
    parts: dict[str, "Metadata"] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return all(getattr(self, f) is None for f in FIELDS) and not self.parts

    def to_dict(self) -> dict:
        data = {f: getattr(self, f) for f in FIELDS if getattr(self, f) is not None}
        if self.parts:
            data["parts"] = {k: m.to_dict() for k, m in self.parts.items() if not m.is_empty()}
        return data


# What a part's notes say when a file-wide correction cannot apply to it.
MSG_FILE_WARD_NOT_APPLIED = ("ファイル全体に手入力された区（{ward}）は、このファイルが複数の区の報告として"
                             "読み込まれたため適用していません（区ごとの文書ページで修正してください）")
MSG_PART_GONE = ("区ごとの手入力（{keys}）は、このファイルが複数の区の報告として読み込まれなくなったため"
                 "使われていません")
MAX_PART_KEY = 200


def is_sidecar(path: Path) -> bool:
    return Path(path).name.endswith(SUFFIX)


def sidecar_path(path: Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + SUFFIX)


def document_path(path: Path) -> Path:
    """The document a sidecar belongs to (``report.pdf.meta.json`` → ``report.pdf``)."""
    path = Path(path)
    return path.with_name(path.name[: -len(SUFFIX)])


def check_ward(value) -> str | None:
    """One of Yokohama's 18 wards, or a named 市/町/村; empty means not set."""
    if value is None or not str(value).strip():
        return None
    ward = canonical_ward(str(value).strip())
    if ward in YOKOHAMA_WARDS:
        return ward
    if len(ward) <= 12 and ward[-1:] in ("市", "町", "村") and len(ward) >= 2:
        return ward
    raise SidecarError(
        f"区「{str(value)[:20]}」は使えません（横浜市の18区のいずれか、または他の市町村名: 例 川崎市）")


def check_years(value_from, value_to=None) -> tuple[int | None, int | None]:
    """Fiscal years from what a person typed: 2023, 令和5年度, R5, 2021-2025."""
    if value_from in (None, "") and value_to in (None, ""):
        return None, None
    out = []
    for value in (value_from, value_to):
        if value in (None, ""):
            out.append(None)
            continue
        if isinstance(value, int):
            parsed = (value, value)
        else:
            try:
                parsed = wareki.parse_year(str(value).strip())
            except wareki.YearOutOfRange as exc:
                raise SidecarError(str(exc)) from None
        if parsed is None:
            raise SidecarError(f"年度「{str(value)[:20]}」を解釈できません（例: 2023、令和5年度、R5）")
        out.append(parsed)
    first = out[0] or out[1]
    last = out[1] or out[0]
    lo, hi = first[0], last[1]
    if lo > hi:
        lo, hi = hi, lo
    if not (MIN_YEAR <= lo <= MAX_YEAR and MIN_YEAR <= hi <= MAX_YEAR):
        raise SidecarError(f"年度は {MIN_YEAR}〜{MAX_YEAR} 年度の範囲で指定してください")
    return lo, hi


def check_doc_type(value) -> str | None:
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if value not in DOC_TYPES:
        raise SidecarError(f"文書の種別「{value[:20]}」はありません（単年度評価 / 5か年のまとめ）")
    return value


def validate(ward=None, year_from=None, year_to=None, doc_type=None) -> Metadata:
    """Metadata from user input (form, API, sidecar file), or SidecarError."""
    lo, hi = check_years(year_from, year_to)
    return Metadata(check_ward(ward), lo, hi, check_doc_type(doc_type))


def read(path: Path) -> Metadata | None:
    """The sidecar of a corpus file, or None when it has none."""
    side = sidecar_path(path)
    try:
        raw = side.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise SidecarError(f"メタデータファイル {side.name} の文字コードが UTF-8 ではありません") from None
    except OSError as exc:
        log.warning("cannot read the metadata file %s: %s", side, exc)
        raise SidecarError(
            f"メタデータファイル {side.name} を読めません（{oserrors.reason(exc, writing=False)}）") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        raise SidecarError(f"メタデータファイル {side.name} の形式が正しくありません（JSON）") from None
    if not isinstance(data, dict):
        raise SidecarError(f"メタデータファイル {side.name} の形式が正しくありません（JSON）")
    meta = validate(data.get("ward"), data.get("fiscal_year_from"), data.get("fiscal_year_to"),
                    data.get("doc_type"))
    parts = data.get("parts") or {}
    if not isinstance(parts, dict):
        raise SidecarError(f"メタデータファイル {side.name} の parts の形式が正しくありません（JSON）")
    for key, values in parts.items():
        if not isinstance(values, dict) or not key or len(key) > MAX_PART_KEY:
            raise SidecarError(f"メタデータファイル {side.name} の parts の形式が正しくありません（JSON）")
        meta.parts[key] = validate(values.get("ward"), values.get("fiscal_year_from"),
                                   values.get("fiscal_year_to"), values.get("doc_type"))
    return meta


def write(path: Path, meta: Metadata) -> Path | None:
    """Store (or, when empty, remove) the sidecar of a corpus file, atomically."""
    side = sidecar_path(path)
    if meta.is_empty():
        side.unlink(missing_ok=True)
        return None
    data = meta.to_dict()
    data["updated"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    write_text_atomically(side, json.dumps(data, ensure_ascii=False, indent=2))
    return side


def write_part(path: Path, key: str, meta: Metadata) -> Path | None:
    """Store (or, when empty, remove) the correction of one part of a corpus file (see
    the module's docstring), keeping the file's other entries."""
    if not key or len(key) > MAX_PART_KEY:
        raise SidecarError("この文書の区分（ファイル内の位置）を特定できないため保存できません")
    whole = read(path) or Metadata()
    part = Metadata(meta.ward, meta.fiscal_year_from, meta.fiscal_year_to, meta.doc_type)
    if part.is_empty():
        whole.parts.pop(key, None)
    else:
        whole.parts[key] = part
    return write(path, whole)


def for_part(meta: Metadata | None, key: str | None) -> Metadata | None:
    """What a person set for one part (key) of a file: its own entry, else None."""
    if meta is None or key is None:
        return None
    return meta.parts.get(key)


def fingerprint(path: Path) -> str | None:
    """A hash of the sidecar's bytes (None without one): a changed correction
    must re-index its file even when the file itself is unchanged."""
    try:
        return hashlib.sha256(sidecar_path(path).read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return None


def apply(document: records.Document, passages: list[records.Passage],
          meta: Metadata | None, part: str | None = None) -> None:
    """Let what a person set win over what was detected, on the document and
    every passage, and record which fields came from whom.

    `part`: the key of the part of its file the document is (None: the whole file);
    the file's ward is then not applied (a note says so) and the part's own entry
    wins over the file's fields."""
    source = {f: DETECTED for f in ("ward", "fiscal_years", "doc_type")}
    if meta is not None and not meta.is_empty():
        whole = Metadata(meta.ward, meta.fiscal_year_from, meta.fiscal_year_to, meta.doc_type)
        if part is not None:
            if whole.ward is not None:
                document.warnings.append(MSG_FILE_WARD_NOT_APPLIED.format(ward=whole.ward))
                whole.ward = None
            layers = [whole, meta.parts.get(part) or Metadata()]
        else:
            if meta.parts:
                document.warnings.append(MSG_PART_GONE.format(keys="、".join(f"「{k}」" for k in meta.parts)))
            layers = [whole]
        for layer in layers:
            _apply_fields(document, passages, layer, source)
    document.metadata_source = source


def _apply_fields(document: records.Document, passages: list[records.Passage], meta: Metadata,
                  source: dict) -> None:
    if meta.ward is not None:
        set_ward(document, passages, meta.ward)
        source["ward"] = PERSON
    if meta.fiscal_year_from is not None:
        set_years(document, passages, meta.fiscal_year_from, meta.fiscal_year_to)
        source["fiscal_years"] = PERSON
    if meta.doc_type is not None:
        document.doc_type = meta.doc_type
        source["doc_type"] = PERSON
        for p in passages:
            p.doc_type = meta.doc_type


def set_ward(document: records.Document, passages: list[records.Passage], ward: str | None) -> None:
    """The ward of a document and of all its passages."""
    document.ward = ward
    for p in passages:
        p.ward = ward


def set_years(document: records.Document, passages: list[records.Passage], lo: int, hi: int | None) -> None:
    """The fiscal years of a document (`lo`..`hi`, one year when `hi` is None), its
    passages moved with it: a yearly report's next-year goals stay a year later."""
    stated_to = hi
    hi = hi or lo
    detected, detected_to = document.fiscal_year_from, document.fiscal_year_to
    if detected is not None and lo == hi and detected_to is not None:
        hi = max(hi, detected_to + lo - detected)  # a yearly report's next-year goals
    document.fiscal_year_from, document.fiscal_year_to = lo, hi
    document.year_label = _label(lo, lo if lo == stated_to else hi)
    for p in passages:
        if p.fiscal_year_from is None or detected is None:
            p.fiscal_year_from, p.fiscal_year_to = lo, hi
        else:
            # the report's structure is kept: next year's goals stay a year later
            shift = lo - detected
            p.fiscal_year_from += shift
            p.fiscal_year_to = (p.fiscal_year_to or p.fiscal_year_from - shift) + shift
        p.year_label = _label(p.fiscal_year_from, p.fiscal_year_to)


def _label(lo: int, hi: int | None) -> str:
    if hi is None or hi == lo:
        return wareki.western_to_label(lo)
    return f"{wareki.western_to_label(lo)}～{wareki.western_to_label(hi)}"
