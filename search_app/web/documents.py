"""The list of the reports in the index: a ward × fiscal-year coverage table and the
reports themselves, filtered and paged (GET /documents, GET /api/documents).

Staff who upload an archive see what is in it (which wards and years it covers,
which are missing) and find a report to open, replace or remove; a hub manager
browses one ward's reports over the years. Everything is read from the served
generation's document table (`service.data.documents`) and its passages, counted
once per generation; a document id only ever comes from that table.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections import Counter
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, jsonify, render_template, request, url_for

from indexer import metadata, records, store, wareki
from indexer.metadata import ward_rank

from .. import params
from . import get_service

bp = Blueprint("documents", __name__)

PAGE_SIZE = 50
MAX_LIMIT = 200
MAX_TEXT = 100
NO_YEAR = "年度不明"
NO_YEAR_ALIASES = (NO_YEAR, "不明")
# What the pages call each report type (the search page's 種別 filter uses the first two).
DOC_TYPE_LABELS = {records.YEARLY: records.YEARLY, records.FIVE_YEAR: records.FIVE_YEAR,
                   records.UNKNOWN: "種別不明"}
LIST_PARAMS = ("ward", "year", "doc_type", "q", "offset", "limit")
# A year range wider than this is not drawn column by column (a misread year would
# make a table of centuries): only the years some report covers are shown.
MAX_CONTINUOUS_YEARS = 60

_ROWS: "weakref.WeakKeyDictionary[object, list[dict]]" = weakref.WeakKeyDictionary()


class ListError(ValueError):
    """A bad list parameter; `message` is shown to the user (Japanese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- the rows

def date_display(stamp: str | None) -> str | None:
    """An indexing time as the pages show it: 「2026-12-01 04:20」 (None: not recorded)."""
    if not stamp:
        return None
    return stamp[:16].replace("T", " ")


def _row(doc: dict, passages: int, dates: dict | None = None) -> dict:
    source = doc.get("source") or ""
    part = doc.get("part") or None
    yf, yt = doc.get("fiscal_year_from"), doc.get("fiscal_year_to")
    if yf and not yt:
        yt = yf
    doc_type = doc.get("doc_type") or records.UNKNOWN
    suffix = PurePath(source).suffix.lstrip(".").upper()
    return {
        "doc_id": doc["doc_id"],
        "ward": doc.get("ward") or None,
        "ward_label": doc.get("ward") or params.NO_WARD,
        "yokohama": (doc.get("ward") or "") in metadata.YOKOHAMA_WARDS,
        "fiscal_year_from": yf or None,
        "fiscal_year_to": yt or None,
        "year_display": wareki.year_label(yf, yt) if yf else NO_YEAR,
        "doc_type": doc_type,
        "doc_type_label": DOC_TYPE_LABELS.get(doc_type, doc_type),
        "title": doc.get("title") or None,
        "hub": doc.get("hub") or None,
        "source": source,
        "part": (part or {}).get("label") if isinstance(part, dict) else None,
        "format": suffix or "—",
        "passages": passages,
        # when the report's file was first indexed and last changed (content or
        # person-set metadata); None in an index built before they were recorded
        "first_indexed": (dates or {}).get(store.FIRST_INDEXED),
        "last_changed": (dates or {}).get(store.LAST_CHANGED),
    }


def _sort_key(row: dict):
    return (ward_rank(row["ward"]), row["fiscal_year_from"] or 99999, row["fiscal_year_to"] or 99999,
            row["doc_type"], row["source"], row["part"] or "", row["doc_id"])


def document_rows(data) -> list[dict]:
    """Every document of a generation as a list row, sorted by ward then year; counted
    once per generation (a reindex serves a new generation object)."""
    rows = _ROWS.get(data)
    if rows is None:
        counts = Counter(p["doc_id"] for p in data.passages)
        dates = store.document_dates(data.manifest)
        rows = sorted((_row(d, counts.get(doc_id, 0), dates.get(doc_id)) for doc_id, d in data.documents.items()),
                      key=_sort_key)
        _ROWS[data] = rows
    return rows


# --------------------------------------------------------------------------- parameters

def _text(args, name: str, label: str) -> str | None:
    value = args.get(name)
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if len(value) > MAX_TEXT:
        raise ListError(f"{label}が長すぎます（最大 {MAX_TEXT} 文字）。")
    return value


def _int(args, name: str, label: str, default: int, lo: int, hi: int) -> int:
    raw = args.get(name)
    if raw is None or not str(raw).strip():
        return default
    value = unicodedata.normalize("NFKC", str(raw)).strip()
    try:
        n = int(value, 10)
    except ValueError:
        raise ListError(f"{label}は整数で指定してください（受け取った値: {value[:20]}）。") from None
    if n < lo:
        raise ListError(f"{label}は {lo} 以上で指定してください。")
    return min(n, hi)


def parse_list_args(args, rows: list[dict]) -> dict:
    """Validated filters and paging of the list; ListError (Japanese) for a bad value."""
    from ..query import ward_of_short_name

    out: dict = {"ward": None, "year": None, "doc_type": None, "q": None}
    ward = _text(args, "ward", "区（ward）")
    if ward is not None:
        ward = ward_of_short_name(ward) or ward
        try:
            out["ward"] = params.parse_ward(ward, {r["ward"] for r in rows if r["ward"]})
        except params.QueryError as exc:
            raise ListError(exc.message) from None
    year = _text(args, "year", "年度（year）")
    if year is not None:
        if year in NO_YEAR_ALIASES:
            out["year"] = NO_YEAR
        else:
            try:
                out["year"] = params.parse_year_range(year)
            except params.QueryError as exc:
                raise ListError(f"年度（year）: {exc.message}") from None
    doc_type = _text(args, "doc_type", "種別（doc_type）")
    if doc_type is not None:
        by_label = {label: key for key, label in DOC_TYPE_LABELS.items()}
        doc_type = by_label.get(doc_type, doc_type)
        if doc_type not in DOC_TYPE_LABELS:
            raise ListError(f"種別「{doc_type[:20]}」はありません（{'、'.join(DOC_TYPE_LABELS.values())}）。")
        out["doc_type"] = doc_type
    q = _text(args, "q", "ファイル名・表題")
    out["q"] = q
    out["offset"] = _int(args, "offset", "開始位置（offset）", 0, 0, 10_000_000)
    out["limit"] = _int(args, "limit", "件数（limit）", PAGE_SIZE, 1, MAX_LIMIT)
    return out


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def filter_rows(rows: list[dict], f: dict) -> list[dict]:
    out = rows
    if f["ward"] is not None:
        out = [r for r in out if (r["ward"] or "") == f["ward"]]
    if f["year"] == NO_YEAR:
        out = [r for r in out if not r["fiscal_year_from"]]
    elif f["year"] is not None:
        lo, hi = f["year"]
        out = [r for r in out if r["fiscal_year_from"] and r["fiscal_year_from"] <= hi and r["fiscal_year_to"] >= lo]
    if f["doc_type"] is not None:
        out = [r for r in out if r["doc_type"] == f["doc_type"]]
    if f["q"]:
        needle = _fold(f["q"])
        out = [r for r in out
               if any(needle in _fold(v) for v in (r["source"], r["title"], r["hub"], r["part"]) if v)]
    return out


def _query_of(f: dict, **changes) -> dict[str, str]:
    """The list's GET parameters for filters `f` (as the user may type them again)."""
    q: dict[str, str] = {}
    if f["ward"] is not None:
        q["ward"] = f["ward"] or params.NO_WARD
    if f["year"] == NO_YEAR:
        q["year"] = NO_YEAR
    elif f["year"] is not None:
        lo, hi = f["year"]
        q["year"] = str(lo) if lo == hi else f"{lo}-{hi}"
    if f["doc_type"] is not None:
        q["doc_type"] = f["doc_type"]
    if f["q"]:
        q["q"] = f["q"]
    if f.get("limit") and f["limit"] != PAGE_SIZE:
        q["limit"] = str(f["limit"])
    if f.get("offset"):
        q["offset"] = str(f["offset"])
    for k, v in changes.items():
        if v is None or v == "" or (k == "offset" and v == 0):
            q.pop(k, None)
        else:
            q[k] = str(v)
    return q


def list_url(f: dict, **changes) -> str:
    q = _query_of(f, **changes)
    return url_for("documents.index") + ("?" + urlencode(q) if q else "")


def document_list_back() -> str | None:
    """On a document page opened from the list (?from_list=<the list's parameters>):
    the list to go back to, rebuilt from its known parameters only; else None."""
    raw = request.args.get("from_list")
    if raw is None or len(raw) > 1000:
        return None
    kept = {k: v[:MAX_TEXT] for k, v in parse_qsl(raw) if k in LIST_PARAMS}
    return url_for("documents.index") + ("?" + urlencode(kept) if kept else "")


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(document_list_back=document_list_back, date_display=date_display)


# --------------------------------------------------------------------------- coverage

def coverage(rows: list[dict]) -> dict | None:
    """Ward × fiscal year: the number of reports whose period covers each year. Every
    Yokohama ward has a row (a ward without reports shows as missing), then other
    cities' and 区不明 when the index has any; reports without a year are counted in
    their own column."""
    years_with = sorted({y for r in rows if r["fiscal_year_from"]
                         for y in range(r["fiscal_year_from"], r["fiscal_year_to"] + 1)})
    if not rows:
        return None
    if years_with and years_with[-1] - years_with[0] < MAX_CONTINUOUS_YEARS:
        years = list(range(years_with[0], years_with[-1] + 1))
    else:
        years = years_with
    wards = list(metadata.YOKOHAMA_WARDS)
    wards += sorted({r["ward"] for r in rows if r["ward"] and not r["yokohama"]})
    if any(not r["ward"] for r in rows):
        wards.append("")
    counts: Counter = Counter()
    no_year: Counter = Counter()
    totals: Counter = Counter()
    for r in rows:
        w = r["ward"] or ""
        totals[w] += 1
        if r["fiscal_year_from"]:
            for y in range(r["fiscal_year_from"], r["fiscal_year_to"] + 1):
                counts[(w, y)] += 1
        else:
            no_year[w] += 1
    table_rows = []
    for w in wards:
        table_rows.append({
            "ward": w or params.NO_WARD, "param": w or params.NO_WARD,
            "yokohama": w in metadata.YOKOHAMA_WARDS, "total": totals[w],
            "cells": [{"year": y, "count": counts[(w, y)]} for y in years],
            "no_year": no_year[w],
        })
    missing = [w for w in metadata.YOKOHAMA_WARDS if not totals[w]]
    return {"years": [{"year": y, "era": wareki.western_to_label(y).replace("年度", "")} for y in years],
            "rows": table_rows, "any_no_year": any(no_year.values()), "missing": missing,
            "gaps": len(years) != len(years_with) and bool(years_with)}


# --------------------------------------------------------------------------- routes

def _listing(args):
    data = get_service().data
    rows = document_rows(data)
    f = parse_list_args(args, rows)
    matched = filter_rows(rows, f)
    page = matched[f["offset"]:f["offset"] + f["limit"]]
    return data, rows, f, matched, page


def _api_row(r: dict) -> dict:
    return {"doc_id": r["doc_id"], "ward": r["ward"], "fiscal_year_from": r["fiscal_year_from"],
            "fiscal_year_to": r["fiscal_year_to"], "year_display": r["year_display"],
            "doc_type": r["doc_type"], "doc_type_label": r["doc_type_label"], "title": r["title"],
            "hub": r["hub"], "source": r["source"], "part": r["part"], "format": r["format"],
            "passages": r["passages"], "first_indexed": r["first_indexed"], "last_changed": r["last_changed"],
            "url": url_for("pages.document", doc_id=r["doc_id"])}


@bp.get("/api/documents")
def api_list():
    try:
        _data, _rows, f, matched, page = _listing(request.args)
    except ListError as exc:
        return jsonify({"error": exc.message}), 400
    filters = {"ward": None if f["ward"] is None else (f["ward"] or params.NO_WARD),
               "year": _query_of(f).get("year"), "doc_type": f["doc_type"], "q": f["q"]}
    return jsonify({"total": len(matched), "offset": f["offset"], "limit": f["limit"],
                    "filters": filters, "documents": [_api_row(r) for r in page]})


@bp.get("/documents")
def index():
    args = request.args
    ctx: dict = {"error": None, "form": {k: (args.get(k) or "").strip() for k in ("ward", "year", "doc_type", "q")},
                 "doc_type_labels": DOC_TYPE_LABELS, "no_ward": params.NO_WARD, "no_year": NO_YEAR}
    data = get_service().data
    rows = document_rows(data)
    ctx["coverage"] = coverage(rows)
    ctx["all_count"] = len(rows)
    ctx["created"] = (data.manifest.get("created") or "")[:19].replace("T", " ") or None
    ctx["ward_options"] = [w for w in params.known_wards({r["ward"] for r in rows if r["ward"]})]
    status = 200
    try:
        f = parse_list_args(args, rows)
    except ListError as exc:
        ctx.update(error=exc.message, rows=[], total=0, start=0, stop=0, prev_url=None, next_url=None,
                   filtered=False, from_list="all")
        return render_template("documents.html", **ctx), 400
    matched = filter_rows(rows, f)
    page = matched[f["offset"]:f["offset"] + f["limit"]]
    if f["ward"] is not None:
        ctx["form"]["ward"] = f["ward"] or params.NO_WARD
    ctx["rows"] = page
    ctx["total"] = len(matched)
    ctx["start"] = f["offset"] + 1 if page else 0
    ctx["stop"] = f["offset"] + len(page)
    ctx["prev_url"] = list_url(f, offset=max(0, f["offset"] - f["limit"])) if f["offset"] > 0 else None
    ctx["next_url"] = list_url(f, offset=f["offset"] + f["limit"]) if f["offset"] + f["limit"] < len(matched) else None
    ctx["first_url"] = list_url(f, offset=0) if f["offset"] and not page else None
    ctx["filtered"] = any(f[k] is not None for k in ("ward", "year", "doc_type", "q"))
    ctx["from_list"] = urlencode(_query_of(f)) or "all"
    return render_template("documents.html", **ctx), status
