"""HTML pages: search (ward cards or passage list), document view, similar
practices, CSV export. Plain GET forms; the pages work without JavaScript.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for

from indexer import records, store, wareki
from indexer.metadata import ward_rank

from ..passages import copy_places, shown_hub, source_place
from ..params import QueryError, parse_year_range
from ..query import fy_years, has_words
from ..service import LONG_QUERY_CHARS
from . import get_service
from .api import ParamError, parse_search_args, run_search, undecodable_message

bp = Blueprint("pages", __name__)

PAGE_K = 20
MODES = [("hybrid", "ハイブリッド"), ("bm25", "キーワード"), ("semantic", "意味検索")]
SECTION_GROUP_NAMES = list(records.SECTION_GROUPS)          # 目標 取組内容 成果 課題 評価
CARD_SECTIONS = (records.CONTENT, records.OUTCOME, records.ISSUE)  # 取組内容 / 取組の成果 / 取組の課題
DOC_TYPES = (records.YEARLY, records.FIVE_YEAR)
EXAMPLES = ("多胎児", "妊娠期支援", "父親の育児参加", "外国につながる親子", "子育てサポートシステム 提供会員")
# Parameters the search page understands (kept in links: pagination, export, view switch).
# The shares of a search's results a page can list (wardscope): a ward card's, a grid
# cell's, a facet value's.
RESULT_PARAMS = ("result_ward", "result_year", "result_section", "result_programme", "result_doc_type")
FORM_PARAMS = ("q", "mode", "ward", "year", "year_from", "year_to", "section", "programme", "doc_type", "view", "order", "k",
               "offset", "spell", *RESULT_PARAMS)
FILTER_PARAMS = ("ward", "year", "year_from", "year_to", "section", "programme", "doc_type")
YEAR_OPEN_MIN, YEAR_OPEN_MAX = 1989, 2099  # open-ended 年度 ranges (the backend reads 19xx/20xx)
GRID_MAX_YEARS = 16
# The list's orders: by relevance (the search's), or by fiscal year, oldest first (a hub
# manager reading one ward's practice over twenty years), then ward in the city's order.
ORDERS = {"": "関連度順", "year": "年度順"}
_YEAR_RANGE_SEP = re.compile(r"(?:(?<!\s)\s+)?(?:[-–～〜~]|から)\s*")


# --------------------------------------------------------------------------- helpers

def _current_params() -> dict[str, str]:
    return {k: v for k in FORM_PARAMS if (v := request.args.get(k, "").strip())}


def url_with(endpoint: str = "pages.search", **changes) -> str:
    """The current page's parameters with `changes` applied (None removes a key)."""
    params = _current_params()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return url_for(endpoint) + ("?" + urlencode(params) if params else "")


def share_url(**share) -> str:
    """The list of one share of the current search's results (wardscope): `share` names
    it (result_ward=…, result_year=…, …); any other share the page lists is dropped, so
    the list holds exactly what the number beside the link counts."""
    return url_with(view="list", offset=None, **{k: share.get(k) for k in RESULT_PARAMS})


@bp.record_once
def _template_helpers(state) -> None:
    # Globals (not a context processor) so imported macros see them too.
    state.app.jinja_env.globals.update(
        url_with=url_with,
        share_url=share_url,
        programme_names=records.PROGRAMMES,
        year_label=year_label,
        western_label=wareki.western_to_label,
        source_citation=source_citation,
        passage_url=passage_url,
        evidence_place=evidence_place,
        section_label=section_label,
        duplicate_places=duplicate_places,
        shown_hub=shown_hub,
    )


# What the pages call a section kind: the parser's catch-all kind (paragraphs of a
# report whose layout it did not recognise) has an internal name, never shown.
SECTION_LABELS = {records.OTHER: "本文"}
YEARLESS_BLOCK = "年度不明"   # the document page's block of passages without a fiscal year


def section_label(section: str | None) -> str:
    """A passage's section kind as the pages and the CSV show it (Japanese)."""
    if not section:
        return SECTION_LABELS[records.OTHER]
    return SECTION_LABELS.get(section, section)


def year_label(p: dict | None) -> str:
    """和暦 and 西暦 for a passage or ward group."""
    if not p:
        return ""
    if p.get("year_display"):
        return p["year_display"]
    label = wareki.year_label(p.get("fiscal_year_from"), p.get("fiscal_year_to"))
    return label or p.get("year_label") or "年度不明"


def source_citation(p: dict) -> str:
    """Where a passage is in its file, as a reader of that file finds it: the
    pages of a PDF (「3ページ」, 「3–4ページ」), else the lines of the text."""
    src = p.get("source") or {}
    file = src.get("file") or p.get("source_file") or ""
    place = source_place(p)
    return f"出典: {file} {place}" if place else f"出典: {file}"


def evidence_place(e: dict, card: dict, goal_chars: int = 30) -> str:
    """Which goal (programme, year) an evidence passage belongs to, for one shown on a
    card whose goal block is another (a listing's card: 中区の課題 shows the 課題 of
    goals ①②③ under the card of goal ①)."""
    parts = []
    if e.get("year_display") and e.get("year_display") != card.get("year_display"):
        parts.append(e["year_display"])
    if e.get("programme") and e.get("programme") != card.get("programme"):
        parts.append(f"事業{e['programme']}")
    goal = (e.get("goal") or "").strip()
    if len(goal) > goal_chars:
        goal = goal[:goal_chars] + "…"
    head = f"目標{e['goal_no']}" if e.get("goal_no") else ("目標" if goal else "")
    if head:
        parts.append(f"{head}：{goal}" if goal else head)
    return "・".join(parts)


def duplicate_places(copies: list[dict]) -> list[dict]:
    """A result's copies (「同様の記載」) as the list shows them (`passages.copy_places`: by ward
    in the city's order, each ward's years ascending, the hub each copy's report states), each
    year linking to that report's copy: [{"ward", "hub", "years": [{"label", "url", "hub",
    "own_hub"}]}] — on an archive a goal carried over for years has dozens of copies, and a hub
    manager follows one to another year's report."""
    return [{"ward": w["ward"], "hub": w["hub"],
             "years": [{"label": wareki.western_to_label(y["year"]) if y["year"] else "年度不明",
                        "url": passage_url(y["copy"]), "hub": y["hub"], "own_hub": y["own_hub"]}
                       for y in w["years"]]}
            for w in copy_places(copies)]


def passage_url(p: dict) -> str:
    return url_for("pages.document", doc_id=p["doc_id"], _anchor=p["passage_id"])


def _facet_count(facet: dict | None, key) -> int | None:
    if not facet:
        return None
    for candidate in (key, str(key)):
        if candidate in facet:
            return facet[candidate]
    return 0


def _section_group_counts(section_facet: dict | None) -> dict[str, int] | None:
    """Counts per 区分 group, whether the backend counts kinds or groups."""
    if section_facet is None:
        return None
    counts = {}
    for group, kinds in records.SECTION_GROUPS.items():
        if group in section_facet and group not in kinds:
            counts[group] = section_facet[group]
        else:
            counts[group] = sum(section_facet.get(kind, 0) for kind in kinds)
    return counts


def _year_param(args) -> str | None:
    """年度 from/to text inputs (和暦 or 西暦) -> the backend's year parameter."""
    raw_from = (args.get("year_from") or "").strip()
    raw_to = (args.get("year_to") or "").strip()
    if not raw_from and not raw_to:
        return (args.get("year") or "").strip() or None
    bounds = []
    for raw, label in ((raw_from, "年度（から）"), (raw_to, "年度（まで）")):
        if not raw:
            bounds.append(None)
            continue
        if len(raw) > 40:
            raise ParamError(f"{label}が長すぎます。")
        try:
            parsed = fy_years(raw) or wareki.parse_year(raw)   # FY2023 as the query box reads it
        except wareki.YearOutOfRange as exc:   # 令和99年度, R0: say the era's valid range
            raise ParamError(f"{label}: {exc.message}") from None
        if parsed is None:   # a range typed in one field (2020～2023, 令和2年度から令和5年度), as the API reads it
            try:
                parsed = parse_year_range(raw)
            except QueryError:
                parsed = None
        if parsed is None:
            raise ParamError(f"{label}「{raw}」を年度として読み取れません。令和5年度、R5、2023 のように入力してください。")
        bounds.append(parsed)
    # one field alone is open-ended (令和5年度 in から: 令和5年度以降), unless it holds a range
    # itself (令和2年度-令和5年度 typed in から was read as 令和2年度以降, its end dropped)
    only_range = [b for b in bounds if b and b[0] != b[1]]
    lo = bounds[0][0] if bounds[0] else (only_range[0][0] if only_range else YEAR_OPEN_MIN)
    hi = bounds[1][1] if bounds[1] else (only_range[0][1] if only_range else YEAR_OPEN_MAX)
    if lo > hi:
        lo, hi = hi, lo
    return str(lo) if lo == hi else f"{lo}-{hi}"


def split_year(value: str) -> tuple[str, str]:
    """'2021-2023' -> ('2021', '2023'); a single year fills both ends."""
    parts = [p.strip() for p in _YEAR_RANGE_SEP.split(value, maxsplit=1)]
    try:
        if len(parts) == 2 and parts[0] and parts[1] and wareki.parse_year(parts[0]) and wareki.parse_year(parts[1]):
            return parts[0], parts[1]
    except wareki.YearOutOfRange:   # shown as typed; the search says what is wrong with it
        pass
    return value, value


def _order(args) -> str:
    """The list's order ("" relevance, "year"); a value not offered is a 400, never ignored."""
    order = (args.get("order") or "").strip()
    if order in ("relevance",):
        return ""
    if order not in ORDERS:
        raise ParamError(f"並び順（order）「{order[:20]}」は指定できません。year（年度順）を指定するか、指定を外してください。")
    return order


def _year_key(p: dict):
    return (p.get("fiscal_year_from") or 99999, p.get("fiscal_year_to") or 99999, ward_rank(p.get("ward")))


def _every_result(params: dict, first: dict, window: int, limit: int) -> list[dict]:
    """The search's results (rows, copies folded) from its first `window`, then further
    pages, up to `limit` rows — what a list in another order than the ranking sorts."""
    rows = list(first.get("results") or [])
    total = first.get("total") or 0
    while len(rows) < min(total, limit):
        batch = run_search(dict(params, k=window, offset=len(rows))).get("results") or []
        if not batch:
            break
        rows.extend(batch)
    return rows[:limit]


def _page_search_params(args) -> dict:
    merged = {k: args.get(k) for k in ("q", "mode", "k", "offset", "ward", "section", "programme", "doc_type",
                                       "spell", *RESULT_PARAMS)}
    merged["year"] = _year_param(args)
    return parse_search_args(merged, default_k=PAGE_K)


def _has_filters(args) -> bool:
    return any((args.get(k) or "").strip() for k in FILTER_PARAMS)


def _ward_year_grid(cards: list[dict]) -> dict | None:
    """Ward x fiscal-year counts of the search's results, one row per ward card: each
    cell is the number of the ward's results about that year (the card's
    "year_counts", wardscope: what the cell's link lists; a five-year summary counts in
    each year it covers). The last GRID_MAX_YEARS years with results are shown; the
    results of earlier years (an archive reaches back further) are counted in one
    column before them ("earlier": its years and total), never left out unsaid."""
    cells = {(c.get("ward") or "区不明", yc["year"]): yc["count"]
             for c in cards for yc in c.get("year_counts") or []}
    if not cells:
        return None
    years = sorted({y for _w, y in cells})
    hi = years[-1]
    lo = max(years[0], hi - GRID_MAX_YEARS + 1)
    columns = list(range(lo, hi + 1))
    peak = max(cells.values())
    rows = []
    for card in cards:
        ward = card.get("ward") or "区不明"
        row = []
        for y in columns:
            n = cells.get((ward, y), 0)
            level = 0 if n == 0 else 1 + min(3, (3 * (n - 1)) // max(peak - 1, 1))
            row.append({"year": y, "count": n, "level": level})
        before = sum(n for (w, y), n in cells.items() if w == ward and y < lo)
        if before or any(c["count"] for c in row):
            rows.append({"ward": ward, "total": card.get("passage_count"), "cells": row, "earlier": before})
    # a result about several years (a five-year summary) counts in each: the note says so
    spanning = any(sum(c["count"] for c in r["cells"]) + r["earlier"] > (r["total"] or 0) for r in rows)
    earlier = ({"first": years[0], "last": lo - 1, "count": sum(r["earlier"] for r in rows)}
               if years[0] < lo else None)
    return {"years": columns, "rows": rows, "spanning": spanning, "earlier": earlier} if rows else None


def _filter_options(search_facets: dict | None, all_facets: dict) -> dict:
    """Values for each filter control with counts (current search if any, else overall)."""
    shown = search_facets if search_facets is not None else all_facets
    wards = sorted((all_facets.get("ward") or {}).keys(), key=lambda w: (w == "", w))
    ward_opts = [{"value": w, "count": _facet_count(shown.get("ward"), w)} for w in wards if w]
    groups = _section_group_counts(shown.get("section"))
    section_opts = [{"value": g, "count": (groups or {}).get(g)} for g in SECTION_GROUP_NAMES]
    prog_opts = [{"value": n, "name": name, "count": _facet_count(shown.get("programme"), n)}
                 for n, name in records.PROGRAMMES.items()]
    doc_opts = [{"value": d, "count": _facet_count(shown.get("doc_type"), d)} for d in DOC_TYPES]
    years = []
    for y in sorted((all_facets.get("year") or {}).keys(), key=str):
        try:
            yi = int(y)
        except (TypeError, ValueError):
            continue
        years.append({"value": yi, "label": wareki.western_to_label(yi),
                      "count": _facet_count(shown.get("year"), y)})
    return {"ward": ward_opts, "section": section_opts, "programme": prog_opts,
            "doc_type": doc_opts, "year": years}


def _year_range_text(yf: int | None, yt: int | None) -> str:
    """A fiscal-year range in 和暦 and 西暦; an open end (None, or the open-range
    bound the form uses) reads 以降 / まで."""
    if yf and yt and yf == yt:
        return f"{wareki.western_to_label(yf)}（{yf}年度）"
    if yf and (not yt or yt >= YEAR_OPEN_MAX):
        return f"{wareki.western_to_label(yf)}（{yf}年度）以降"
    if yt and (not yf or yf <= YEAR_OPEN_MIN):
        return f"{wareki.western_to_label(yt)}（{yt}年度）まで"
    if yf and yt:
        return f"{wareki.western_to_label(yf)}～{wareki.western_to_label(yt)}（{yf}～{yt}年度）"
    return ""


def _active_filters(filters: dict | None, args) -> list[dict]:
    """Effective filters as removable chips (those inferred from the query text
    cannot be removed by a link, they are marked as such)."""
    chips = []
    filters = filters or {}
    given = {k for k in FILTER_PARAMS if (args.get(k) or "").strip()}
    if filters.get("ward"):
        chips.append({"label": f"区: {filters['ward']}",
                      "remove": url_with(ward=None, offset=None) if "ward" in given else None})
    if filters.get("wards"):   # several wards named in the query text
        chips.append({"label": f"区: {'・'.join(filters['wards'])}", "remove": None})
    if filters.get("not_wards"):   # -西区 in the query text
        chips.append({"label": f"除外: {'・'.join(filters['not_wards'])}", "remove": None})
    yf, yt = filters.get("year_from"), filters.get("year_to")
    if yf or yt:
        text = _year_range_text(yf, yt)
        year_given = given & {"year", "year_from", "year_to"}
        chips.append({"label": f"年度: {text}",
                      "remove": url_with(year=None, year_from=None, year_to=None, offset=None) if year_given else None})
    if filters.get("section"):
        chips.append({"label": f"区分: {filters['section']}",
                      "remove": url_with(section=None, offset=None) if "section" in given else None})
    if filters.get("programme"):
        n = filters["programme"]
        try:
            name = records.PROGRAMMES.get(int(n), "")
        except (TypeError, ValueError):
            name = ""
        chips.append({"label": f"事業{n} {name}".strip(),
                      "remove": url_with(programme=None, offset=None) if "programme" in given else None})
    if filters.get("doc_type"):
        chips.append({"label": f"種別: {filters['doc_type']}",
                      "remove": url_with(doc_type=None, offset=None) if "doc_type" in given else None})
    return chips


def _other_wards(result: dict, cards: list[dict]) -> list[dict]:
    """The wards with results but no card (no evidence unit of theirs answers the query):
    their counts (the ward facet, counted as a card counts) and the links listing them,
    so that the list of every result holds no ward the page did not mention."""
    carded = {c.get("ward") for c in cards}
    counts = (result.get("facets") or {}).get("ward") or {}
    return [{"ward": w, "count": n, "link": share_url(result_ward=w)}
            for w, n in counts.items() if n and w not in carded]


def _scope_text(scope: dict | None) -> dict | None:
    """The share of the search's results listed (a ward card's or a grid cell's link),
    as the page names it, with the link back to all of them."""
    if not scope:
        return None
    parts = [scope["ward"]] if scope.get("ward") else []
    if scope.get("year"):
        parts.append(_year_range_text(scope["year"], scope["year"]))
    if scope.get("section"):
        parts.append(f"区分「{scope['section']}」")
    if scope.get("programme"):
        parts.append(f"事業{scope['programme']} {records.PROGRAMMES.get(scope['programme'], '')}".strip())
    if scope.get("doc_type"):
        parts.append(scope["doc_type"])
    return {"label": "・".join(parts),
            "remove": url_with(offset=None, view=None, **dict.fromkeys(RESULT_PARAMS))}


def _facet_links(facets: dict | None, scope: dict | None = None) -> list[dict]:
    """The search's results per 年度, 区分, 事業 and 種別 (wardscope: each number is the
    length of the list its link opens), for the 「該当の内訳」 line; the share listed now
    (`scope`) is marked current."""
    facets = facets or {}
    listed = {k: v for k, v in (scope or {}).items() if v is not None}

    def option(label, count, key, value):
        return {"label": label, "count": count, "link": share_url(**{f"result_{key}": value}),
                "current": listed == {key: value}}

    rows = []
    years = sorted(int(y) for y in facets.get("year") or {})
    rows.append({"name": "年度", "options": [
        option(wareki.western_to_label(y), facets["year"][str(y)], "year", y) for y in years]})
    groups = facets.get("section") or {}
    rows.append({"name": "区分", "options": [
        option(g, groups[g], "section", g) for g in SECTION_GROUP_NAMES if groups.get(g)]})
    programmes = facets.get("programme") or {}
    rows.append({"name": "事業", "options": [
        option(f"{n} {name}", programmes[str(n)], "programme", n)
        for n, name in records.PROGRAMMES.items() if programmes.get(str(n))]})
    types = facets.get("doc_type") or {}
    rows.append({"name": "種別", "options": [
        option(d, types[d], "doc_type", d) for d in DOC_TYPES if types.get(d)]})
    return [r for r in rows if r["options"]]


def _filters_over_query(result: dict, args) -> list[dict]:
    """Where a filter chosen on the form replaced a ward or year written in the query
    (the form keeps its filters when a new query is typed, so this happens unnoticed):
    a notice saying so, with a link that searches with the query's own value."""
    intent = result.get("intent") or {}
    filters = result.get("filters") or {}
    out = []
    named = [w for w in intent.get("wards") or [] if w]
    chosen = filters.get("ward")
    if (args.get("ward") or "").strip() and chosen and named and chosen not in named:
        out.append({"text": f"検索語の「{'・'.join(named)}」ではなく、絞り込みで選んだ「{chosen}」で検索しています。",
                    "link": url_with(ward=None, offset=None),
                    "link_text": f"{'・'.join(named)}で検索する"})
    years = intent.get("years")
    given = any((args.get(k) or "").strip() for k in ("year", "year_from", "year_to"))
    if given and years and (filters.get("year_from"), filters.get("year_to")) != (years[0], years[1]):
        out.append({"text": f"検索語の「{_year_range_text(years[0], years[1])}」ではなく、絞り込みで指定した年度"
                            f"（{_year_range_text(filters.get('year_from'), filters.get('year_to'))}）で検索しています。",
                    "link": url_with(year=None, year_from=None, year_to=None, offset=None),
                    "link_text": f"{_year_range_text(years[0], years[1])}で検索する"})
    return out


def _card_sections(group: dict) -> list[dict]:
    """The unit's other excerpts in display order after its evidence: 取組内容,
    取組の成果, 取組の課題 (the backend fills these slots with the closest kind,
    e.g. 成果 of a 5か年のまとめ), then any other matching passage."""
    sections = group.get("sections") or {}
    shown = {e.get("passage_id") for e in group.get("evidence") or []}
    out = []
    for slot in CARD_SECTIONS:
        p = sections.get(slot)
        if p and p.get("passage_id") not in shown:
            out.append({"slot": slot, "passage": p})
    for p in sections.get("other") or []:
        if p and p.get("passage_id") not in shown:
            out.append({"slot": section_label(p.get("section")), "passage": p})
    return out


# --------------------------------------------------------------------------- views

@bp.get("/")
def search():
    args = request.args
    scoped = any((args.get(k) or "").strip() for k in RESULT_PARAMS)
    # one ward's (year's) share of the results is a list of them, never the ward cards
    view = "list" if args.get("view") == "list" or scoped else "wards"
    service = get_service()
    all_facets = service.facets()
    undecodable = getattr(g, "undecodable", None)   # (security._refuse_undecodable)
    # a value that is not UTF-8 is not shown back as its percent-escapes
    form = {k: "" if undecodable and k in undecodable else (args.get(k) or "").strip() for k in FORM_PARAMS}
    form["mode"] = form["mode"] if form["mode"] in dict(MODES) else "hybrid"
    if form["year"] and not (form["year_from"] or form["year_to"]):
        # an API-style ?year=2021-2023 shows in the from/to inputs
        form["year_from"], form["year_to"] = split_year(form["year"])
    ctx = {"form": form, "view": view, "modes": MODES, "examples": EXAMPLES,
           "result": None, "error": None, "grid": None, "chips": [], "cards": [], "overrides": [], "scope": None,
           "other_wards": [], "facet_links": [], "no_words": False,
           "k": PAGE_K, "offset": 0, "order": "", "orders": ORDERS, "order_cut": False}

    searched = bool(form["q"]) or _has_filters(args)
    status = 200
    if undecodable:   # nothing is searched on a URL whose values cannot be read
        ctx["error"] = undecodable_message(undecodable)
        status = 400
    elif searched:
        try:
            params = _page_search_params(args)
            order = _order(args)
            # One wide search (the first MAX_K passages) feeds the ward cards, the
            # grid and the list page; only a list page beyond it needs a second call.
            window = current_app.config["MAX_K"]
            result = run_search(dict(params, k=window, offset=0))
            start, stop = params["offset"], params["offset"] + params["k"]
            if order == "year" and view == "list":
                rows = _every_result(params, result, window, current_app.config["EXPORT_MAX_ROWS"])
                ctx["order_cut"], ctx["order_rows"] = len(rows) < (result.get("total") or 0), len(rows)
                page = sorted(rows, key=_year_key)[start:stop]
            elif stop <= window:
                page = (result.get("results") or [])[start:stop]
            else:
                page = run_search(params).get("results") or []
        except ParamError as exc:
            ctx["error"] = exc.message
            status = 400
        else:
            ctx["result"] = result
            ctx["page_results"] = page
            if params["ward"]:
                form["ward"] = params["ward"]   # 鶴見 was read as 鶴見区: the select shows it
            ctx["k"], ctx["offset"] = params["k"], params["offset"]
            ctx["order"] = order
            ctx["scope"] = _scope_text(result.get("result_scope"))
            ctx["chips"] = _active_filters(result.get("filters"), args)
            ctx["overrides"] = _filters_over_query(result, args)
            ctx["cards"] = [dict(g, card_passages=_card_sections(g)) for g in result.get("wards") or []]
            ctx["grid"] = _ward_year_grid(ctx["cards"])
            ctx["other_wards"] = _other_wards(result, ctx["cards"])
            ctx["facet_links"] = _facet_links(result.get("facets"), result.get("result_scope"))
            # a query of symbols only: the search's notice says all there is to say, the
            # empty answer's advice (synonyms, filters) would be a second notice of it
            ctx["no_words"] = bool(params["query"]) and not has_words(params["query"])
            # a pasted paragraph (service.LONG_QUERY_CHARS): its words are many, and no report
            # need hold them all for its wards to answer by their words
            ctx["pasted"] = len(params["query"] or "") >= LONG_QUERY_CHARS
    ctx["options"] = _filter_options(ctx["result"].get("facets") if ctx["result"] else None, all_facets)
    ctx["export_max_rows"] = current_app.config["EXPORT_MAX_ROWS"]   # the CSV's rows at most, said on its link
    return render_template("search.html", **ctx), status


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    return render_document(doc_id)


def render_document(doc_id: str, *, meta_error: str | None = None, file_error: str | None = None,
                    status: int = 200):
    """The document page; a logged-in admin also gets the form that corrects its
    ward / fiscal year / type (posted to admin.document_metadata) and the forms that
    replace or remove its file (admin.document_replace / document_delete; `file_error`
    says why the last one did nothing)."""
    from . import admin  # admin imports this package's modules: import at call time

    found = get_service().document(doc_id)
    if found is None:
        abort(404, description="指定された文書は見つかりません。")
    doc = found.get("document") or {}
    passages = found.get("passages") or []
    meta_form = None
    if admin.session_authorised():
        if meta_error and request.method == "POST":   # show what the admin typed
            current = {k: request.form.get(k, "") for k in admin.META_FIELDS}
        else:
            current = admin.metadata_form_values(doc)
        meta_form = {"values": current, "error": meta_error, "wards": admin.ward_choices(),
                     "doc_types": admin.doc_type_choices(), "file_error": file_error,
                     "file_limit": admin.limits()["file"]}
    dates = store.document_dates(get_service().data.manifest).get(doc_id) or {}
    return render_template("document.html", doc=doc, outline=_document_outline(doc, passages),
                           passage_count=len(passages), meta_form=meta_form,
                           first_indexed=dates.get(store.FIRST_INDEXED), last_changed=dates.get(store.LAST_CHANGED),
                           by_person=_person_set(doc)), status


def _person_set(doc: dict) -> set[str]:
    """The metadata fields of a document that a person set (uploader or admin)."""
    return {k for k, v in (doc.get("metadata_source") or {}).items() if v == "person"}


def _document_outline(doc: dict, passages: list[dict]) -> list[dict]:
    """Passages grouped for reading: the report's overview (実施概要) first, then by
    programme (5か年のまとめ) or fiscal year (単年度評価), then by goal;
    first-appearance order is kept."""
    blocks: list[dict] = []
    index: dict = {}
    for p in passages:
        if p.get("section") == records.OVERVIEW:   # the report's preamble reads first
            key = ("overview",)
            title = "実施概要"
        elif p.get("programme"):
            key = ("programme", p["programme"])
            name = programme_name(p)
            title = f"事業{p['programme']}　{name}".strip()
        else:
            key = ("year", p.get("year_label") or "", p.get("fiscal_year_from"))
            # a passage of no known year: its block is named so, never 「本文」, which is
            # what its passages are titled (section_label) and would read twice
            title = year_label(p) if p.get("fiscal_year_from") else YEARLESS_BLOCK
            if p.get("section") == records.NEXT_GOAL or (
                    doc.get("fiscal_year_from") and p.get("fiscal_year_from")
                    and p["fiscal_year_from"] > doc["fiscal_year_from"]):
                title += "　次年度重点目標"
        block = index.get(key)
        if block is None:
            block = {"title": title, "goals": [], "_goals": {}, "_sites": {}}
            index[key] = block
            blocks.append(block)
        # a report of a hub and its satellite may number each site's goals from 1: a goal is
        # its site's (records.Passage.site; None in a report of one site, as before)
        site = p.get("site")
        gkey = (site, p.get("goal_no"))
        goal = block["_goals"].get(gkey)
        if goal is None:
            goal = {"goal_no": gkey[1], "site": site, "goal": p.get("goal"), "passages": [], "grades": None}
            block["_goals"][gkey] = goal
            block["goals"].append(goal)
            block["_sites"].setdefault(site, len(block["_sites"]))
        if not goal["goal"] and p.get("goal"):
            goal["goal"] = p["goal"]
        if p.get("grades") and not goal["grades"]:
            goal["grades"] = p["grades"]
        goal["passages"].append(p)
    blocks.sort(key=lambda b: b["title"] != "実施概要")   # stable: the rest keep their order
    for block in blocks:
        block.pop("_goals", None)
        sites = block.pop("_sites")
        for goal in block["goals"]:
            goal["has_goal_passage"] = any(
                p.get("section") in (records.GOAL, records.NEXT_GOAL) for p in goal["passages"])
        # goal-less passages (programme-wide reasons, results) after the numbered goals;
        # each site's goals together, the sites in the report's order
        block["goals"].sort(key=lambda g: (sites[g["site"]], g["goal_no"] is None, g["goal_no"] or 0))
    return blocks


@bp.get("/passages/<passage_id>")
def passage(passage_id: str):
    found = get_service().passage(passage_id)
    if found is None:
        abort(404, description="指定された取組は見つかりません。")
    return redirect(passage_url(found))


@bp.get("/passages/<passage_id>/similar")
def similar(passage_id: str):
    found = get_service().similar(passage_id, k=20)
    if found is None:
        abort(404, description="指定された取組は見つかりません。")
    source = found.get("passage") or {}
    groups: dict[str, dict] = {}
    for p in found.get("results") or []:
        if p.get("passage_id") == source.get("passage_id"):
            continue
        ward = p.get("ward") or "区不明"
        same = ward == source.get("ward")
        group = groups.setdefault(ward, {"ward": ward, "same_ward": same, "passages": [], "best": p.get("score")})
        group["passages"].append(p)
    ordered = sorted(groups.values(), key=lambda g: (g["same_ward"], -(g["best"] or 0)))
    return render_template("similar.html", source=source, groups=ordered, copies=found.get("copies") or [])


# --------------------------------------------------------------------------- CSV export

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# 施設: the site of a hub the passage is of (拠点（本体）, サテライト（日吉）), empty in a report of one site;
# 拠点: the hub (拠点名) its report states, empty where it states none (last, so no earlier column moves)
CSV_HEADER = ["区", "年度", "区分", "目標", "本文", "出典", "同様の記載", "事業", "施設", "拠点"]


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would be executed by spreadsheet software.
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _programme_cell(p: dict) -> str:
    """A five-year summary's programme as the report page titles it (事業3 情報収集・提供事業)."""
    n = p.get("programme")
    if not n:
        return ""
    return f"事業{n} {programme_name(p)}".strip()


def programme_name(p: dict) -> str:
    """A programme passage's programme as its report names it, else the standard name."""
    return p.get("programme_name") or records.PROGRAMMES.get(p["programme"], "")


@bp.get("/export.csv")
def export_csv():
    try:
        params = _page_search_params(request.args)
    except ParamError as exc:
        abort(400, description=exc.message)
    max_rows = current_app.config["EXPORT_MAX_ROWS"]
    step = current_app.config["MAX_K"]
    try:
        order = _order(request.args)
    except ParamError as exc:
        abort(400, description=exc.message)
    rows: list[dict] = []
    if params["query"] or _has_filters(request.args):
        offset = params["offset"]
        while len(rows) < max_rows:
            try:
                result = run_search(dict(params, k=step, offset=offset))
            except ParamError as exc:
                abort(400, description=exc.message)
            batch = result.get("results") or []
            rows.extend(batch)
            offset += len(batch)
            if not batch or len(batch) < step or offset >= (result.get("total") or 0):
                break
    rows = rows[:max_rows]
    if order == "year":   # as the list shows them
        rows.sort(key=_year_key)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in rows:
        src = p.get("source") or {}
        start, end = src.get("line_start"), src.get("line_end")
        lines = f"{start}" if end in (None, start) else f"{start}-{end}"
        place = f"{src.get('file', '')} {source_place(p)}" if src.get("page_start") is not None else \
            f"{src.get('file', '')}:{lines}" + (f"（{src['part']}）" if src.get("part") else "")
        # a collapsed near-duplicate is one row, as on the page: its copies are named
        # (each with the hub its report states, as the page's list names it)
        copies = "、".join(f"{d.get('ward') or '区不明'}{' ' + shown_hub(d) if shown_hub(d) else ''}・{year_label(d)}"
                          for d in p.get("duplicates") or [])
        writer.writerow([_csv_cell(v) for v in (
            p.get("ward") or "区不明", year_label(p), section_label(p.get("section")), p.get("goal"), p.get("text"),
            place, copies, _programme_cell(p), p.get("site"), p.get("hub"),
        )])
    body = "\ufeff" + buf.getvalue()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    resp = Response(body.encode("utf-8"), mimetype="text/csv")
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    resp.headers["Content-Disposition"] = f'attachment; filename="kyoten-search-{stamp}.csv"'
    resp.headers["Cache-Control"] = "no-store"
    return resp
