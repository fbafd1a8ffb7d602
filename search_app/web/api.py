"""The JSON API (documented in docs/openapi.yaml).

    GET /api/search?q=…&k=…&offset=…&mode=…&ward=…&year=…&section=…&programme=…&doc_type=…
        &result_ward=…&result_year=…   (list only the results of one ward / fiscal year: the
        set that ward's card counts in "passage_count" and its "year_counts");
        &result_section=…&result_programme=…&result_doc_type=…   (one facet value's share:
        the number "facets" gives it)
    GET /api/passages/<passage_id>
    GET /api/passages/<passage_id>/similar?k=…
    GET /api/documents/<doc_id>
    GET /api/facets
    GET /healthz
(GET /api/documents, the list of reports, is search_app/web/documents.py's.)

Bad parameters answer 400 `{"error": "..."}`, unknown ids 404, never a 500 for
user input. Limits: `q` longer than MAX_QUERY_CHARS (1000) is refused with 400
(not silently truncated, so the caller knows the query was not run as sent);
`k` above MAX_K (100) is capped to 100, `k` < 1 or non-integer is a 400.
"""

from __future__ import annotations

import unicodedata
import urllib.parse
from collections.abc import Mapping

from flask import Blueprint, current_app, has_request_context, jsonify, request

from indexer import store

from . import get_service

bp = Blueprint("api", __name__)

MODES = ("hybrid", "bm25", "semantic")
MAX_FILTER_CHARS = 100
# What a parameter is called in a message: its Japanese name, the URL's name after it
# (a hand-edited URL, or an API caller, finds the parameter).
PARAM_LABELS = {"q": "検索語（q）", "mode": "検索方法（mode）", "k": "件数（k）", "offset": "開始位置（offset）",
                "programme": "事業（programme）", "ward": "区（ward）", "year": "年度（year）",
                "section": "区分（section）", "doc_type": "種別（doc_type）",
                "result_ward": "一覧の区（result_ward）", "result_year": "一覧の年度（result_year）",
                "result_section": "一覧の区分（result_section）",
                "result_programme": "一覧の事業（result_programme）",
                "result_doc_type": "一覧の種別（result_doc_type）"}


def param_label(name: str) -> str:
    return PARAM_LABELS.get(name, name)


class ParamError(ValueError):
    """A bad request parameter; `message` is shown to the user (Japanese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def undecodable_params(query_string: bytes | None = None) -> list[str]:
    """The names of the URL's parameters whose value (or name) is not UTF-8 once its
    percent-escapes are read (?q=%FF%FE, a Shift_JIS URL, a cut multi-byte character).
    Werkzeug keeps such a value as its percent-escapes ("%FF%FE"), which would then be
    searched as the words FF and FE; a value typed with % in it arrives as %25 and is
    fine. Default: the current request's query string."""
    if query_string is None:
        query_string = request.query_string if has_request_context() else b""
    if not query_string or b"%" not in query_string and query_string.isascii():
        return []
    bad: list[str] = []
    for name, value in urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True,
                                              encoding="latin-1"):
        try:
            name.encode("latin-1").decode("utf-8")
            value.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            shown = name.encode("latin-1").decode("utf-8", errors="replace")
            if shown not in bad:
                bad.append(shown)
    return bad


def undecodable_message(names: list[str]) -> str:
    said = "・".join(param_label(n) for n in names[:5])
    return (f"{said}の値を文字として読み取れませんでした（UTF-8 ではないバイト列が含まれています。"
            "文字化けしたリンクや、ほかの文字コードで作られた URL の可能性があります）。"
            "何も検索していません。検索画面から入力し直してください。")


def _query_error_class() -> type[Exception]:
    from ..service import QueryError  # imported lazily, like the service itself

    return QueryError


def _text(args: Mapping, name: str, *, limit: int = MAX_FILTER_CHARS) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    if len(value) > limit:
        raise ParamError(f"{param_label(name)}が長すぎます（最大 {limit} 文字）。")
    return value


def _ward(args: Mapping, name: str) -> str | None:
    """A ward parameter; a ward's name without 区 (鶴見; 保土ｹ谷 and other full-width / half-width forms alike)
    is read as the query box reads it (query.ward_of_short_name): 鶴見 -> 鶴見区. Any
    other value goes on as given, to be checked against the known wards."""
    value = _text(args, name)
    if value is None:
        return None
    from ..query import ward_of_short_name  # imported lazily, like the service itself

    return ward_of_short_name(value) or value


def _int(args: Mapping, name: str, default: int | None) -> int | None:
    raw = args.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    value = unicodedata.normalize("NFKC", str(raw)).strip()
    try:
        return int(value, 10)
    except ValueError:
        raise ParamError(f"{param_label(name)}は整数で指定してください（受け取った値: {value[:20]}）。") from None


def parse_k(args: Mapping, default: int) -> int:
    k = _int(args, "k", default)
    if k < 1:
        raise ParamError(f"{param_label('k')}は 1 以上の整数で指定してください。")
    return min(k, current_app.config["MAX_K"])


def parse_search_args(args: Mapping, *, default_k: int = 10) -> dict:
    """Validate search parameters -> keyword arguments for SearchService.search
    (plus "query"). Raises ParamError with a Japanese message."""
    max_q = current_app.config["MAX_QUERY_CHARS"]
    q = args.get("q") or ""
    q = str(q).strip()
    if len(q) > max_q:
        raise ParamError(f"検索語が長すぎます（{len(q)} 文字）。{max_q} 文字以内で指定してください。")

    mode = (args.get("mode") or "hybrid").strip().lower() or "hybrid"
    if mode == "keyword":
        mode = "bm25"
    if mode not in MODES:
        raise ParamError(f"{param_label('mode')}は hybrid（ハイブリッド）・bm25（キーワード）・"
                         "semantic（意味検索）のいずれかを指定してください。")

    k = parse_k(args, default_k)
    offset = _int(args, "offset", 0)
    if offset < 0:
        raise ParamError(f"{param_label('offset')}は 0 以上の整数で指定してください。")
    if offset > current_app.config["MAX_OFFSET"]:
        raise ParamError(f"{param_label('offset')}が大きすぎます（最大 {current_app.config['MAX_OFFSET']}）。")

    programme = _int(args, "programme", None)
    if programme is not None and not 1 <= programme <= 7:
        raise ParamError(f"{param_label('programme')}は 1〜7 の整数で指定してください。")

    # spell=0: search the words exactly as typed, no correction of a word that matches
    # nothing (the link a corrected search offers back to the words as typed)
    spell = str(args.get("spell") or "").strip().lower() not in ("0", "false", "no", "off")
    return {
        "query": q,
        "spell": spell,
        "mode": mode,
        "k": k,
        "offset": offset,
        "ward": _ward(args, "ward"),
        "year": _text(args, "year"),
        "section": _text(args, "section"),
        "programme": programme,
        "doc_type": _text(args, "doc_type"),
        # which of the search's results to list: a ward card's / a grid cell's share
        "result_ward": _ward(args, "result_ward"),
        "result_year": _text(args, "result_year"),
        # … or a facet value's share (the set its number in "facets" counts)
        "result_section": _text(args, "result_section"),
        "result_programme": _text(args, "result_programme"),
        "result_doc_type": _text(args, "result_doc_type"),
    }


def run_search(params: dict) -> dict:
    """Call the backend; its QueryError becomes ParamError."""
    service = get_service()
    kwargs = dict(params)
    query = kwargs.pop("query")
    try:
        return service.search(query, **kwargs)
    except _query_error_class() as exc:
        raise ParamError(getattr(exc, "message", None) or str(exc)) from None


def _error(message: str, status: int):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


@bp.errorhandler(ParamError)
def _param_error(exc: ParamError):
    return _error(exc.message, 400)


@bp.get("/api/search")
def search():
    params = parse_search_args(request.args)
    result = run_search(params)
    result = dict(result)
    result.setdefault("k", params["k"])
    result.setdefault("offset", params["offset"])
    return jsonify(result)


@bp.get("/api/passages/<passage_id>")
def passage(passage_id: str):
    found = get_service().passage(passage_id)
    if found is None:
        return _error(f"パッセージ {passage_id[:100]} は見つかりません。", 404)
    return jsonify({"passage": found})


@bp.get("/api/passages/<passage_id>/similar")
def similar(passage_id: str):
    k = parse_k(request.args, 10)
    found = get_service().similar(passage_id, k=k)
    if found is None:
        return _error(f"パッセージ {passage_id[:100]} は見つかりません。", 404)
    return jsonify(found)


@bp.get("/api/documents/<doc_id>")
def document(doc_id: str):
    service = get_service()
    found = service.document(doc_id)
    if found is None:
        return _error(f"文書 {doc_id[:100]} は見つかりません。", 404)
    # when the report's file was first indexed and last changed (None: not recorded)
    dates = store.document_dates(service.data.manifest).get(doc_id) or {}
    return jsonify({**found, "first_indexed": dates.get(store.FIRST_INDEXED),
                    "last_changed": dates.get(store.LAST_CHANGED)})


@bp.get("/api/facets")
def facets():
    return jsonify(get_service().facets())


@bp.get("/healthz")
def healthz():
    try:
        service = get_service()
    except Exception:  # the index is not there yet: unhealthy, but an answer
        return jsonify({"status": "unavailable", "error": "検索インデックスを開けません。"}), 503
    return jsonify(service.health())
