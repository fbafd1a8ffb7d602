"""A passage record as the API and pages show it: year labels, snippet, score, source, and the
hub its report is of."""

from __future__ import annotations

from functools import lru_cache

from indexer import wareki
from indexer.metadata import ward_rank

from .snippets import snippet_html

# the label of a (from, to) fiscal-year pair: a few dozen distinct pairs in any index
year_label = lru_cache(maxsize=4096)(wareki.year_label)


def passage_dict(data, i: int, score: float | None = None, terms=frozenset(), surfaces=frozenset()) -> dict:
    p = dict(data.passages[i])
    p["year_display"] = year_label(p["fiscal_year_from"], p["fiscal_year_to"])
    # the index's stored token spans say where the query's terms are; without them
    # (an older index) its postings say which the passage holds: one holding none
    # is not analysed
    p["snippet_html"] = snippet_html(p["text"], terms, surfaces,
                                     present=lambda words: data.words_in(i, words),
                                     stored=lambda words: data.token_spans(i, words))
    p["score"] = round(float(score), 4) if score is not None else None
    if "source" not in p:   # (records written before they held their source)
        p["source"] = {"file": p.get("source_file"), "line_start": p.get("line_start"),
                       "line_end": p.get("line_end")}
    hub = report_hub(data, p["doc_id"])
    if hub:
        p["hub"] = hub
    return p


def report_hub(data, doc_id: str) -> str | None:
    """The hub (拠点名) a report states, from the generation's document table (records.Document.hub:
    one per report, so not copied into each passage's record or the index's stored fields, and an
    index built before this shows it without a reindex); None where the report states none. A
    passage (`passage_dict`) and a copy of a result's text (`copy_dict`) carry it as `hub`."""
    return data.documents.get(doc_id, {}).get("hub") or None


def shown_hub(p: dict) -> str | None:
    """The hub to name beside a passage (before its site, if any): its report's hub, unless the
    site already names it (どろっぷ分室（日吉）); None where the report states no hub. The pages'
    tags, their 同様の記載 lists (a copy, `copy_dict`, has no site: its hub whole), the CSV's 同様の記載
    column and `kyoten search` name a passage's hub by this rule; the API and the CSV's 拠点 carry `hub` whole."""
    hub, site = p.get("hub"), p.get("site")
    if not hub or (site and hub in site):
        return None
    return hub


def copy_dict(data, j: int) -> dict:
    """A copy of a result's text elsewhere, as its copy list shows it: where (ward, and the hub
    its report states: `hub`, absent where none, as on a result) and when."""
    p = data.passages[j]
    out = {"passage_id": p["passage_id"], "doc_id": p["doc_id"], "ward": p["ward"],
           "fiscal_year_from": p["fiscal_year_from"], "fiscal_year_to": p["fiscal_year_to"],
           "year_display": year_label(p["fiscal_year_from"], p["fiscal_year_to"])}
    hub = report_hub(data, p["doc_id"])
    if hub:
        out["hub"] = hub
    return out


def copy_places(copies: list[dict]) -> list[dict]:
    """A result's copies (「同様の記載」) by ward in the city's order, each ward's years ascending
    (one copy a year): [{"ward", "hub", "years": [{"year", "copy", "hub", "own_hub"}]}]. The hub
    each copy's report states (`shown_hub`): after the ward (`hub`) where every listed copy of that
    ward states the same one, else before each year that states one (`own_hub`). The search page's
    list, with a link per year, and `kyoten search` show them so."""
    by_ward: dict[str, dict] = {}
    for d in copies:
        years = by_ward.setdefault(d.get("ward") or "区不明", {})
        years.setdefault(d.get("fiscal_year_from") or 0, d)
    places = []
    for ward in sorted(by_ward, key=lambda w: ward_rank(None if w == "区不明" else w)):
        years = [(y, by_ward[ward][y], shown_hub(by_ward[ward][y])) for y in sorted(by_ward[ward])]
        hubs = {hub for _y, _d, hub in years}
        one = hubs.pop() if len(hubs) == 1 else None
        places.append({"ward": ward, "hub": one,
                       "years": [{"year": y, "copy": d, "hub": hub, "own_hub": hub if one is None else None}
                                 for y, d, hub in years]})
    return places


def copy_places_text(copies: list[dict]) -> str:
    """The copies as one line of text (`kyoten search`): 西区 スマイル・ポート（令和2年度・令和5年度）、中区（年度不明）."""
    out = []
    for w in copy_places(copies):
        years = "・".join((f"{y['own_hub']} " if y["own_hub"] else "")
                         + (wareki.western_to_label(y["year"]) if y["year"] else "年度不明") for y in w["years"])
        out.append(f"{w['ward']}{' ' + w['hub'] if w['hub'] else ''}（{years}）")
    return "、".join(out)


def source_place(p: dict) -> str:
    """Where a passage is in its file, as a reader of that file finds it: the pages
    of a PDF (「3ページ」, 「3–4ページ」), else the lines of the text (「12–15行」); in a
    file of several wards' reports, after the part (シート「鶴見区」, the ward's heading)."""
    src = p.get("source") or {}
    part = src.get("part")
    page, last_page = src.get("page_start", p.get("page_start")), src.get("page_end", p.get("page_end"))
    if page is not None:
        place = f"{page}ページ" if last_page in (None, page) else f"{page}–{last_page}ページ"
    elif src.get("line_start") is None:
        place = ""
    else:
        start, end = src.get("line_start"), src.get("line_end")
        place = f"{start}行" if end in (None, start) else f"{start}–{end}行"
    return f"{part} {place}".strip() if part else place
