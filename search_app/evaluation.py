"""Retrieval quality on judged queries, for every mode and three naive baselines.

Metrics follow shared/eval/README.md:
- evidence recall@10: grade-weighted share of judged evidence strings found in
  the text of the top 10 passages (compared with whitespace removed, NFKC; see
  ``compact``);
- ward-set F1 of the engine's `wards` answer against the relevant wards;
- ward-level nDCG@10 (gain = a ward's best grade, order = first appearance of
  each ward in the top 10) and ward Recall@10;
- MRR of the first passage holding any evidence.
Baselines are measured in the same run over the same passages: plain
substring matching, Whoosh's default analyzer, and character bigrams alone.

Several judged files can be given; every figure is also broken down by query
kind (a = words in the text, b = paraphrases, c = questions, d = year/ward
intents). Leave-one-out (``leave_one_out``) guards against fitting the engine's
parameters to the judged queries: for each query of the tuning set (the first
file), the best parameter setting is chosen on the *other* queries (by the mean
of evidence recall@10 and ward-set F1) and the held-out query is scored with
it. A parameter that only helps the query it was chosen for shows up as a gap
between the plain and the leave-one-out figure. Parameters are module
attributes named by their dotted path (``search_app.wardanswer.WARD_SHARE``),
set with ``setattr`` for the run and restored afterwards; the engine is only
used through ``service.search(...)``.
"""

from __future__ import annotations

import importlib
import itertools
import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import OrGroup, QueryParser

from indexer import oserrors
from indexer.analysis import bigram_analyzer

log = logging.getLogger(__name__)

TOP = 10


# Characters that Shift_JIS / cp932 round trips swap (〜 and ～, − and －, ‖ and ∥, ...):
# the same character to a reader, whichever code the file was saved in.
_CODE_PAGE_TWINS = str.maketrans({"\u301c": "~", "\u2212": "-", "\u2016": "\u2225", "\u2014": "\u2015",
                                  "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2"})


def compact(text: str) -> str:
    """Text as evidence is matched: markup, whitespace and table bars removed, NFKC
    (full-width and half-width forms alike), code-page twins unified."""
    text = re.sub(r"<[^>]+>", "", text or "")
    return re.sub(r"[\s|]+", "", unicodedata.normalize("NFKC", text.translate(_CODE_PAGE_TWINS)))


@dataclass
class Judged:
    qid: str
    query: str
    kind: str
    relevant: dict[str, list[dict]]
    filter: dict = field(default_factory=dict)
    set: str = ""


class JudgementError(ValueError):
    """A judged query file that cannot be read (message for the user: the file and line, never
    the line's text — a blind set's queries are not shown)."""


_REQUIRED = {"id": str, "query": str, "relevant": dict}


def load_judgements(path: Path) -> list[Judged]:
    """Judged queries of one file; ``set`` is the file's stem (dev, extra, ...). A file that is
    not UTF-8 JSON Lines of judged queries (`id`, `query`, `relevant`) raises JudgementError
    naming the file and line."""
    out = []
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JudgementError(f"{path}: 文字コードが UTF-8 ではありません（{exc.start + 1} バイト目）") from None
    except OSError as exc:
        raise JudgementError(f"{path}: 読み込めません（{exc.strerror or exc}）") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            raise JudgementError(f"{path}:{n}: JSON として読み取れない行です（1行に1つの JSON オブジェクトを書きます）") from None
        if not isinstance(d, dict):
            raise JudgementError(f"{path}:{n}: JSON オブジェクト（{{\"id\": …}}）ではありません")
        for key, kind in _REQUIRED.items():
            if not isinstance(d.get(key), kind):
                what = "文字列" if kind is str else "オブジェクト（文書名 → 根拠の一覧）"
                raise JudgementError(f"{path}:{n}: 「{key}」がないか、{what}ではありません")
        out.append(Judged(d["id"], d["query"], d.get("type", ""), d["relevant"],
                          d.get("filter") or {}, path.stem))
    if not out:
        raise JudgementError(f"{path}: 判定付きの検索語が1つもありません")
    return out


def unmatched_evidence(judged: list[Judged], passages) -> list[dict]:
    """Judged evidence strings that no indexed passage contains (after the same
    cleaning as scoring): a typo, a string spanning two passages, or a file that
    was not indexed. Such a string can never be found, so it is reported rather
    than silently lowering recall."""
    texts = [compact(p["text"]) for p in passages]
    out = []
    for j in judged:
        for ward, evidence in j.relevant.items():
            for e in evidence:
                needle = compact(e["evidence"])
                if not needle or not any(needle in t for t in texts):
                    out.append({"set": j.set, "id": j.qid, "ward": ward, "evidence": e["evidence"]})
    return out


def score_query(j: Judged, result: dict) -> dict:
    """Metrics of one engine answer (the search JSON) against one judged query."""
    top = result["results"][:TOP]
    texts = [compact(p["text"]) for p in top]
    total = found = 0.0
    first_hit = None
    for ward, evidence in j.relevant.items():
        for e in evidence:
            needle = compact(e["evidence"])
            total += e["grade"]
            hit_ranks = [r for r, t in enumerate(texts) if needle and needle in t]
            if hit_ranks:
                found += e["grade"]
                first_hit = min(hit_ranks) if first_hit is None else min(first_hit, *hit_ranks)
    recall = found / total if total else 0.0
    relevant = set(j.relevant)
    predicted = {w["ward"] for w in result.get("wards", [])}
    tp = len(relevant & predicted)
    precision = tp / len(predicted) if predicted else (1.0 if not relevant else 0.0)
    rec = tp / len(relevant) if relevant else 1.0
    f1 = 2 * precision * rec / (precision + rec) if precision + rec else 0.0
    gains = {w: max(e["grade"] for e in ev) for w, ev in j.relevant.items()}
    order: list[str] = []
    for p in top:
        if p.get("ward") and p["ward"] not in order:
            order.append(p["ward"])
    dcg = sum(gains.get(w, 0) / math.log2(r + 2) for r, w in enumerate(order))
    ideal = sorted(gains.values(), reverse=True)
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal[:TOP]))
    ndcg = dcg / idcg if idcg else 0.0
    ward_recall = len(relevant & set(order)) / len(relevant) if relevant else 1.0
    mrr = 1.0 / (first_hit + 1) if first_hit is not None else 0.0
    return {"id": j.qid, "query": j.query, "type": j.kind, "evidence_recall": recall,
            "ward_f1": f1, "ndcg": ndcg, "ward_recall": ward_recall, "mrr": mrr,
            "answer_precision": precision, "answer_recall": rec,
            "answer_empty": float(bool(relevant) and not predicted),
            "wards": sorted(predicted)}


# answer_precision / answer_recall: the two halves of ward_f1 (the `wards` list against
# the relevant wards), so a set's totals say whether its answers claim too many wards
# or too few without reading its queries one by one; answer_empty: the share of queries
# answered with no ward at all (precision and recall 0 there).
METRICS = ("evidence_recall", "ward_f1", "ndcg", "ward_recall", "mrr", "answer_precision", "answer_recall",
           "answer_empty")


def summarise(rows: list[dict]) -> dict:
    return {m: round(sum(r[m] for r in rows) / len(rows), 4) if rows else 0.0 for m in METRICS}


def by_kind(rows: list[dict]) -> dict:
    """``summarise`` per query kind, plus the number of queries of each kind."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r.get("type") or "?", []).append(r)
    return {k: summarise(v) | {"n": len(v)} for k, v in sorted(groups.items())}


def objective(row: dict) -> float:
    """What leave-one-out tuning maximises: mean of evidence recall@10 and ward-set F1."""
    return (row["evidence_recall"] + row["ward_f1"]) / 2


class _Baseline:
    """A naive engine over the same passages, for comparison in the same run."""

    def __init__(self, name: str, passages: list[dict]):
        self.name = name
        self.passages = passages

    def _answer(self, ranked: list[int]) -> dict:
        results = [self.passages[i] for i in ranked[:TOP]]
        wards = []
        for p in results:  # naive: every ward with any top-10 hit is claimed
            if p["ward"] and p["ward"] not in [w["ward"] for w in wards]:
                wards.append({"ward": p["ward"]})
        return {"results": results, "wards": wards}


class SubstringBaseline(_Baseline):
    def search(self, query: str) -> dict:
        words = [w for w in re.split(r"\s+", query.strip()) if w]
        scored = []
        for i, p in enumerate(self.passages):
            hits = sum(p["text"].count(w) for w in words)
            if hits:
                scored.append((-hits, i))
        return self._answer([i for _s, i in sorted(scored)])


class WhooshBaseline(_Baseline):
    def __init__(self, name: str, passages: list[dict], analyzer):
        super().__init__(name, passages)
        schema = Schema(i=ID(stored=True), text=TEXT(analyzer=analyzer))
        self.ix = RamStorage().create_index(schema)
        with self.ix.writer() as w:
            for i, p in enumerate(passages):
                w.add_document(i=str(i), text=p["text"])
        self.parser = QueryParser("text", schema, group=OrGroup)

    def search(self, query: str) -> dict:
        q = self.parser.parse(re.sub(r'["()*?:^~\[\]{}]', " ", query))
        with self.ix.searcher(weighting=scoring.BM25F()) as s:
            hits = s.search(q, limit=50)
            return self._answer([int(h["i"]) for h in hits])


def baselines(passages: list[dict]) -> dict:
    return {
        "substring": SubstringBaseline("substring", passages),
        "whoosh-default": WhooshBaseline("whoosh-default", passages, StandardAnalyzer()),
        "char-bigram": WhooshBaseline("char-bigram", passages, bigram_analyzer()),
    }


def evaluate(service, judged: list[Judged], modes=("hybrid", "bm25", "semantic"),
             with_baselines: bool = True) -> dict:
    engines = {}
    for mode in available_modes(service, modes):
        engines[mode] = (lambda q, m=mode: service.search(q, mode=m, k=TOP))
    if with_baselines:
        for name, b in baselines(service.data.passages).items():
            engines[name] = b.search
    report = {"queries": len(judged), "engines": {}}
    for name, run in engines.items():
        rows = [score_query(j, run(j.query)) | {"set": j.set} for j in judged]
        sets = {}
        for r in rows:
            sets.setdefault(r["set"], []).append(r)
        report["engines"][name] = {"overall": summarise(rows), "by_kind": by_kind(rows),
                                   "by_set": {k: summarise(v) | {"n": len(v)} for k, v in sets.items()},
                                   "per_query": rows}
    return report


def format_table(report: dict, judged_set: str | None = None) -> str:
    """One row per engine: all queries, or those of one judged file (``judged_set``)."""
    lines = ["| engine | evidence recall@10 | ward-set F1 | ward nDCG@10 | ward Recall@10 | MRR |",
             "|---|---|---|---|---|---|"]
    for name, r in report["engines"].items():
        o = r["overall"] if judged_set is None else r["by_set"][judged_set]
        lines.append(f"| {name} | {o['evidence_recall']:.3f} | {o['ward_f1']:.3f} | {o['ndcg']:.3f} | "
                     f"{o['ward_recall']:.3f} | {o['mrr']:.3f} |")
    return "\n".join(lines)


def available_modes(service, modes=("hybrid", "bm25", "semantic")) -> list[str]:
    """The modes the service can answer (no semantic mode on a keyword-only index)."""
    data = getattr(service, "data", None)
    has_vectors = getattr(data, "vectors", True) is not None
    return [m for m in modes if m != "semantic" or has_vectors]


# ------------------------------------------------------------------------ leave-one-out

# Parameters leave-one-out chooses among: dotted module attribute -> candidate values.
# Keep the product small (each setting is one pass over the judged queries per mode).
# Attributes the code no longer has are skipped and reported, so the grid can outlive
# a refactoring; `kyoten eval --loo-grid FILE.json` replaces it.
DEFAULT_LOO_GRID: dict[str, list] = {
    "search_app.fusion.HYBRID_BM25_WEIGHT": [0.3, 0.5, 0.7],
    "search_app.querybuild.INNER_WEIGHT": [0.0, 1.0],
    "search_app.wardanswer.UNIT_COVERAGE": [0.34, 0.5],
    "search_app.retrieval_semantic.SENTENCE_WEIGHT": [0.0, 0.5],
}
# FEEDBACK_RESCORES_ONLY (False / True) made room for INNER_WEIGHT (the glossary groups of
# the words inside a longer glossary term the reports do not use; 0 = not searched):
# FEEDBACK_RESCORES_ONLY was True in every fold of every mode of the runs of 2026-11-30 23:00
# and 2026-12-01 04:23 (docs/quality.md, recall15 and recall17). INNER_WEIGHT changes no
# judged query with the packaged glossary (its folds tie); it acts on a staff-edited one,
# where this grid then chooses it (recall17 measured it on a glossary grown by phrases).
# COORDINATION (0 / 0.5) made room for FEEDBACK_RESCORES_ONLY (feedback terms only re-score
# the query's own keyword hits): COORDINATION was 0.5 in every fold of every mode of the
# 2026-11-30 22:11 run over dev + extra … extra11 (docs/quality.md, recall15).
# INTENT_PRIOR (0.6 / 1.0) made room for SENTENCE_WEIGHT (a passage's best sentence in
# the semantic half, 0 = off): 0.6 was chosen in all 80 folds of the pooled
# leave-one-out that set it (docs/quality.md, "Questions and paraphrases").
# COORDINATION 1.0 was never chosen in a fold (2026-11-29/30); it made room for
# INTENT_PRIOR (1.0 = goals rank as any other passage).
# search_app.wardanswer.WARD_SHARE (0.2 / 0.3 / 0.4) changed no dev query's answer
# (measured 2026-11-29), so it is not in the grid; search_app.fusion.SEMANTIC_BAND
# (0.05 / 0.08 / 0.12) was chosen as 0.08 in every fold of the earlier grid and left
# it for the keyword half's coordination exponent.
MAX_SETTINGS = 30


class GridError(ValueError):
    """The parameter grid cannot be used (message for the user)."""


def _resolve(path: str):
    """'pkg.module.ATTR' -> (module, 'ATTR'), or None when either does not exist."""
    module_name, _, attr = path.rpartition(".")
    if not module_name:
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return (module, attr) if hasattr(module, attr) else None


def load_grid(path: Path) -> dict[str, list]:
    try:
        grid = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GridError(f"パラメータ表を読めません（{oserrors.reason_at(exc, writing=False)}）") from None
    except json.JSONDecodeError as exc:
        raise GridError(f"パラメータ表を JSON として読めません: {path}（{exc.lineno} 行 {exc.colno} 文字目）") from None
    except ValueError:   # not UTF-8
        raise GridError(f"パラメータ表の文字コードが UTF-8 ではありません: {path}") from None
    if not isinstance(grid, dict) or not all(isinstance(v, list) and v for v in grid.values()):
        raise GridError(f"パラメータ表は {{\"モジュール.属性\": [値, ...]}} の形の JSON にしてください: {path}")
    return grid


@dataclass
class Grid:
    """The settings of a parameter grid that exist in the code."""

    params: list[str]
    settings: list[tuple]
    default: tuple
    skipped: list[str]

    @classmethod
    def of(cls, grid: dict[str, list]) -> "Grid":
        params, values, default, skipped = [], [], [], []
        for path, candidates in grid.items():
            target = _resolve(path)
            if target is None:
                skipped.append(path)
                continue
            current = getattr(*target)
            params.append(path)
            # the current value is always a candidate: "no change" must be choosable
            values.append(list(dict.fromkeys([current, *candidates])))
            default.append(current)
        settings = list(itertools.product(*values)) if params else [()]
        if len(settings) > MAX_SETTINGS:
            raise GridError(f"パラメータの組み合わせが多すぎます（{len(settings)} 通り、上限 {MAX_SETTINGS}）")
        return cls(params, settings, tuple(default), skipped)

    def label(self, setting: tuple) -> dict:
        return {p.rpartition(".")[2]: v for p, v in zip(self.params, setting)}

    def apply(self, setting: tuple) -> None:
        for path, value in zip(self.params, setting):
            module, attr = _resolve(path)
            setattr(module, attr, value)


def run_grid(service, judged: list[Judged], grid: Grid, modes) -> dict:
    """rows[mode][setting index] = per-query metric rows, one search per query and setting."""
    rows: dict[str, list[list[dict]]] = {m: [] for m in modes}
    # No cache between searches depends on a grid parameter (the caches hold analysed text,
    # query vectors and snippets), so settings apply by assignment alone.
    try:
        for setting in grid.settings:
            grid.apply(setting)
            for mode in modes:
                rows[mode].append([score_query(j, service.search(j.query, mode=mode, k=TOP))
                                   | {"set": j.set} for j in judged])
    finally:
        grid.apply(grid.default)
    return rows


def _best(grid: Grid, per_setting: list[list[dict]], use: list[int]) -> int:
    """Index of the setting with the best mean objective on queries ``use``; ties go to
    the current values, then to the earlier setting."""
    default = grid.settings.index(grid.default)
    def mean(si: int) -> float:
        return sum(objective(per_setting[si][i]) for i in use) / len(use) if use else 0.0
    best = max(range(len(grid.settings)), key=lambda si: (round(mean(si), 9), si == default, -si))
    return best


def leave_one_out(service, judged: list[Judged], grid: dict[str, list] | None = None,
                  modes=("hybrid", "bm25", "semantic"), held_out: list[Judged] | None = None) -> dict:
    """Leave-one-out figures on ``judged`` (the tuning set) for every mode.

    For each query, the setting that is best on the other queries scores it. Also:
    the setting best on all tuning queries, and -- when ``held_out`` queries are
    given (a second judged set, never tuned on) -- their figures with the current
    values ("plain") and with the setting chosen on the whole tuning set ("tuned").
    """
    g = Grid.of(DEFAULT_LOO_GRID if grid is None else grid)
    modes = available_modes(service, modes)
    held_out = held_out or []
    rows = run_grid(service, judged + held_out, g, modes)
    n = len(judged)
    default = g.settings.index(g.default)
    report = {"params": g.params, "skipped_params": g.skipped, "settings": len(g.settings),
              "default": g.label(g.default), "modes": {}}
    for mode in modes:
        per_setting = [r[:n] for r in rows[mode]]
        plain = per_setting[default]
        loo_rows, chosen = [], {}
        for i, j in enumerate(judged):
            si = _best(g, per_setting, [k for k in range(n) if k != i])
            chosen[j.qid] = g.label(g.settings[si])
            loo_rows.append(per_setting[si][i])
        best_all = _best(g, per_setting, list(range(n)))
        # which parameters change anything at all (a parameter the code no longer
        # reads at search time shows up here as "no effect")
        effect = {}
        for pi, path in enumerate(g.params):
            effect[path] = any(
                rows[mode][si] != rows[mode][default] for si, s in enumerate(g.settings)
                if all(s[k] == g.default[k] for k in range(len(s)) if k != pi))
        entry = {
            "plain": summarise(plain), "loo": summarise(loo_rows),
            "plain_by_kind": by_kind(plain), "loo_by_kind": by_kind(loo_rows),
            "best_on_all": g.label(g.settings[best_all]), "best_on_all_scores": summarise(per_setting[best_all]),
            "chosen": chosen, "parameter_has_effect": effect,
            "loo_per_query": loo_rows,
        }
        if held_out:
            ho_default = rows[mode][default][n:]
            ho_tuned = rows[mode][best_all][n:]
            entry["held_out"] = {"plain": summarise(ho_default), "tuned": summarise(ho_tuned),
                                 "plain_by_kind": by_kind(ho_default), "tuned_by_kind": by_kind(ho_tuned)}
        report["modes"][mode] = entry
    return report


def format_kinds(report: dict) -> str:
    """Per-set and per-kind figures of every engine (evidence recall@10 / ward-set F1)."""
    lines = ["| engine | set / kind | queries | evidence recall@10 | ward-set F1 |", "|---|---|---|---|---|"]
    for name, r in report["engines"].items():
        if "by_kind" not in r:
            continue
        for label, o in [(f"set {k}", v) for k, v in r.get("by_set", {}).items()] + \
                [(f"kind {k}", v) for k, v in r["by_kind"].items()]:
            lines.append(f"| {name} | {label} | {o['n']} | {o['evidence_recall']:.3f} | {o['ward_f1']:.3f} |")
    return "\n".join(lines)


def format_loo(loo: dict) -> str:
    """Plain and leave-one-out figures side by side, per mode and per kind."""
    out = []
    params = ", ".join(f"{p.rpartition('.')[2]}" for p in loo["params"]) or "(none)"
    out.append(f"Leave-one-out over {loo['settings']} settings of {params}; current values {loo['default']}")
    if loo["skipped_params"]:
        out.append("not found in the code, skipped: " + ", ".join(loo["skipped_params"]))
    out.append("")
    out.append("| mode | kind | evidence recall@10 (plain / LOO) | ward-set F1 (plain / LOO) |")
    out.append("|---|---|---|---|")
    for mode, e in loo["modes"].items():
        rows = [("all", e["plain"], e["loo"])] + [
            (k, e["plain_by_kind"][k], e["loo_by_kind"][k]) for k in e["plain_by_kind"]]
        for kind, p, l in rows:
            out.append(f"| {mode} | {kind} | {p['evidence_recall']:.3f} / {l['evidence_recall']:.3f} | "
                       f"{p['ward_f1']:.3f} / {l['ward_f1']:.3f} |")
    for mode, e in loo["modes"].items():
        noeffect = [p.rpartition(".")[2] for p, has in e["parameter_has_effect"].items() if not has]
        b = e["best_on_all_scores"]
        out.append(f"\n{mode}: best on all tuning queries {e['best_on_all']} (recall {b['evidence_recall']:.3f}, "
                   f"F1 {b['ward_f1']:.3f}: fitted, compare with LOO)"
                   + (f"; no effect on any query: {', '.join(noeffect)}" if noeffect else ""))
        if "held_out" in e:
            h = e["held_out"]
            out.append(f"{mode}: held-out set, current values: recall {h['plain']['evidence_recall']:.3f}, "
                       f"F1 {h['plain']['ward_f1']:.3f}; with the setting best on the tuning set: "
                       f"recall {h['tuned']['evidence_recall']:.3f}, F1 {h['tuned']['ward_f1']:.3f}")
    return "\n".join(out)


def run(service, gold_paths: list[Path], *, with_baselines: bool = True, loo: bool = False,
        grid: dict[str, list] | None = None) -> dict:
    """What ``kyoten eval`` reports: every engine on all judged files together (with
    per-file and per-kind figures) and, with ``loo``, leave-one-out on the first file
    with the other files as held-out sets."""
    sets = [load_judgements(p) for p in gold_paths]
    judged = [j for s in sets for j in s]
    report = evaluate(service, judged, with_baselines=with_baselines)
    report["files"] = [str(p) for p in gold_paths]
    report["unmatched_evidence"] = unmatched_evidence(judged, service.data.passages)
    if loo:
        held = [j for s in sets[1:] for j in s]
        report["leave_one_out"] = leave_one_out(service, sets[0], grid, held_out=held)
    return report


def totals_only(report: dict) -> dict:
    """The report with nothing said of any one query: the figures overall, by file and by
    kind, and leave-one-out's summaries -- what a judged set read blind may show. The
    per-query rows, each query's chosen setting and the evidence strings no passage holds
    (which quote the judgements) become counts."""
    out = {k: v for k, v in report.items() if k not in ("engines", "unmatched_evidence", "leave_one_out")}
    out["engines"] = {name: {k: v for k, v in e.items() if k != "per_query"}
                      for name, e in report["engines"].items()}
    out["unmatched_evidence"] = len(report.get("unmatched_evidence") or [])
    if "leave_one_out" in report:
        loo = dict(report["leave_one_out"])
        loo["modes"] = {mode: {k: v for k, v in e.items() if k not in ("chosen", "loo_per_query")}
                        for mode, e in loo["modes"].items()}
        out["leave_one_out"] = loo
    return out


def format_report(report: dict) -> str:
    sets = list(next(iter(report["engines"].values()), {}).get("by_set", {}))
    if len(sets) > 1:
        parts = []
        for name in sets:
            parts += [f"{name}:", format_table(report, name), ""]
        parts.append(format_kinds(report))
    else:
        parts = [format_table(report), "", format_kinds(report)]
    if "leave_one_out" in report:
        parts += ["", format_loo(report["leave_one_out"])]
    missing = report.get("unmatched_evidence") or []
    if isinstance(missing, int):   # totals_only: the count alone
        if missing:
            parts += ["", f"{missing} judged evidence string(s) found in no indexed passage"]
    elif missing:
        parts += ["", f"{len(missing)} judged evidence string(s) found in no indexed passage "
                      "(they can never be hit):"]
        parts += [f"- {m['set']} {m['id']} {m['ward']}: {m['evidence']}" for m in missing]
    return "\n".join(parts)
