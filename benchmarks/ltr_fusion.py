"""Learned fusion: does a ranking fitted on general features beat the hand-set one?

    python -m benchmarks.ltr_fusion GOLD.jsonl ... [--index DIR] [--cache FILE] [--json]

For every judged query of the given files (dev + eval/extra..extra4; never give it a
blind set), the hybrid search runs once through `SearchService.search`; the public
functions of `search_app.fusion` and `search_app.retrieval_semantic` that the service
calls are wrapped for the run (`Tap`) to read what the hand-set fusion saw: the two
halves' normalised scores, the query vector, the concepts and their coverage, the
look-alikes excluded, the section and year intent, and the ranking it returned.

Candidates: every passage either half found (the keys of the fused scores), less the
semantic look-alikes the service excludes from results (`fusion.look_alikes`). Each
gets general features (`FEATURES`), and a label: the grades of the judged evidence
strings its text holds (the metric's own match, `evaluation.compact`).

Models (numpy only, standardised features, L2):
- ``pointwise``: logistic regression, label = holds any judged evidence;
- ``pairwise``: a linear RankNet (logistic loss on the score difference of every
  pair of one query's candidates with different gains, weighted by the gain
  difference, each query weighing the same).
Each is scored on queries it was not fitted on: by set (fitted on four of dev /
extra / extra2 / extra3 / extra4, scoring the fifth) and leave-one-query-out. The
held-out query's candidates are re-ranked by the learned score, duplicates collapsed
as the service does (`DuplicateFinder.group_ids`, `dedupe.collapse`), and evidence
recall@10 of that top 10 is compared with the service's own top 10 on the same query
(`hand-set`), per set and per kind. Queries the fusion does not rank (listings of a
year / ward / section, ungrounded queries) keep the service's answer on both sides.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import pickle
import sys
import threading
from pathlib import Path

import numpy as np

from benchmarks import blind_sets
from indexer import records
from search_app import config, dedupe, evaluation, fusion, retrieval_semantic, yearintent
from search_app.service import SearchService

TOP = evaluation.TOP
SETS = ("dev", "extra", "extra2", "extra3", "extra4")
# L2 strength on standardised features, fixed before any figure was seen (not tuned).
L2 = 1.0

FEATURES = (
    "bm25",            # keyword half, normalised to its top hit (0: not scored)
    "coverage",        # share of the query's concepts named, relative to the best-covered passage
    "share",           # share of the query's concepts named (absolute, fusion.named_share)
    "bm25_x_coverage",  # bm25 * coverage
    "sem_band",        # semantic half over the band (fusion.normalise_semantic; 0: outside)
    "cos_gap",         # passage cosine minus the best passage cosine of the query
    "lift",            # the best sentence's lift of the cosine (retrieval_semantic)
    "rarest_literal",  # names the query's rarest concept (fewest passages)
    "bm25_rank",       # 1 / log2(1 + rank) in the keyword half (0: not scored)
    "sem_rank",        # 1 / log2(1 + rank) in the semantic half (0: not a candidate)
    "in_both",         # both halves found it
    "table",           # a number table
    "table_unnamed",   # a number table naming no query word
    "intent_section",  # a goal, next-year goal or self-evaluation row
    "overview",        # the overview or the 振り返りの視点 checklist
    "section_asked",   # the query names this passage's section
    "section_other",   # the query names a section, not this one
    "year_other",      # the query asks for a year this passage is not about
    "log_length",      # log of the text length
    "unit_candidates",  # log(1 + other candidates in its evidence unit)
    "unit_coverage",   # best coverage among its evidence unit's passages
    "in_unit",         # lies in a goal or programme block (records.Passage.unit)
)


# -- reading what the fusion saw -----------------------------------------------------

class Tap:
    """Wraps the public functions the service calls, for one search at a time, in the
    thread that installed it (a generation's warm-up search runs in another thread)."""

    def __init__(self):
        self.thread = threading.get_ident()
        self.reset()

    def mine(self) -> bool:
        return threading.get_ident() == self.thread

    def reset(self):
        self.qvec = None
        self.sem_hits = None
        self.concepts = None
        self.share = None
        self.fused = None        # (bm25 normalised, semantic normalised, literal, coverage)
        self.rank_args = None    # (scores, section_intent, years, exclude)
        self.ranked = None
        self.uncut = None

    @contextlib.contextmanager
    def installed(self):
        saved = {(m, n): getattr(m, n) for m, n in ((retrieval_semantic, "search"), (fusion, "coverage"),
                                                     (fusion, "fuse"), (fusion, "rank"))}
        orig_search, orig_cov = saved[(retrieval_semantic, "search")], saved[(fusion, "coverage")]
        orig_fuse, orig_rank = saved[(fusion, "fuse")], saved[(fusion, "rank")]

        def search(data, qvec, mask, *a, **kw):
            out = orig_search(data, qvec, mask, *a, **kw)
            if self.mine():
                self.qvec, self.sem_hits = np.array(qvec, copy=True), list(out)
            return out

        def coverage(data, concepts, share=None):
            if self.mine():
                self.concepts, self.share = list(concepts), None if share is None else share.copy()
            return orig_cov(data, concepts, share)

        def fuse(bm25, sem, data, weight=None, literal=None, tables=False, coverage=None):
            if coverage is not None and self.mine():
                self.fused = (dict(bm25), dict(sem), None if literal is None else literal.copy(), coverage.copy())
            return orig_fuse(bm25, sem, data, weight, literal, tables, coverage)

        def rank(scores, data, section_intent=None, coverage=None, years=None, exclude=frozenset(), intent=True):
            out = orig_rank(scores, data, section_intent, coverage=coverage, years=years, exclude=exclude,
                            intent=intent)
            if self.ranked is None and self.mine():
                self.rank_args = (dict(scores), section_intent, years, set(exclude))
                self.ranked = list(out)
                cut, fusion.RESULT_SHARE = fusion.RESULT_SHARE, 0.0
                try:   # the same priors, every candidate kept (ties and zeros in passage order)
                    self.uncut = orig_rank(scores, data, section_intent, coverage=coverage,
                                           years=years, exclude=exclude, intent=intent)
                finally:
                    fusion.RESULT_SHARE = cut
            return out

        try:
            retrieval_semantic.search, fusion.coverage, fusion.fuse, fusion.rank = search, coverage, fuse, rank
            yield self
        finally:
            for (m, n), f in saved.items():
                setattr(m, n, f)


def _inv_log_rank(order: list[int]) -> dict[int, float]:
    return {i: 1.0 / math.log2(2 + r) for r, i in enumerate(order)}


def _relative(scores: dict[int, float], cands: list[int]) -> np.ndarray:
    top = max(scores.values(), default=0.0) or 1.0
    return np.array([scores.get(i, 0.0) / top for i in cands])


def gains(data, j: evaluation.Judged, indices) -> np.ndarray:
    """Per candidate, the grades of the judged evidence strings its text holds."""
    needles = [(evaluation.compact(e["evidence"]), e["grade"]) for ev in j.relevant.values() for e in ev]
    out = np.zeros(len(indices))
    for k, i in enumerate(indices):
        text = evaluation.compact(data.passages[i]["text"])
        out[k] = sum(g for n, g in needles if n and n in text)
    return out


def features(data, tap: Tap) -> tuple[list[int], np.ndarray]:
    bm25, sem, literal, cov = tap.fused
    scores, section_intent, years, exclude = tap.rank_args
    cands = [i for i in scores if i not in exclude]
    share = tap.share if tap.share is not None else fusion.named_share(data, tap.concepts)
    raw = data.vectors @ tap.qvec if (data.vectors is not None and tap.qvec is not None) else None
    lifted = dict(tap.sem_hits or [])
    best_cos = max(raw[list(lifted)]) if raw is not None and lifted else (raw.max() if raw is not None else 0.0)
    bm25_rank = _inv_log_rank(sorted(bm25, key=lambda i: (-bm25[i], i)))
    sem_rank = _inv_log_rank(sorted(lifted, key=lambda i: (-lifted[i], i)))
    # the rarest concept the reports use (not a feedback stand-in)
    rarest = None
    counts = [(len(data.matching_passages(c.query)), k) for k, c in enumerate(tap.concepts or [])
              if not c.feedback]
    counts = [x for x in counts if x[0] > 0]
    if counts:
        rarest = np.zeros(data.n, dtype=bool)
        rarest[data.matching_passages(tap.concepts[min(counts)[1]].query)] = True
    unit_best = np.zeros(int(data.unit_code.max()) + 1)
    np.maximum.at(unit_best, data.unit_code, cov)
    unit_count: dict[int, int] = {}
    for i in cands:
        unit_count[int(data.unit_code[i])] = unit_count.get(int(data.unit_code[i]), 0) + 1
    about = None
    if years is not None and cands:
        about = yearintent.about(data, *years, cands)
    named = literal if literal is not None else cov > 0
    rows = []
    for k, i in enumerate(cands):
        section = data.section[i]
        asked = bool(section_intent) and (data.group[i] == section_intent or section == section_intent)
        b = bm25.get(i, 0.0)
        rows.append([
            b, float(cov[i]), float(share[i]), b * float(cov[i]), sem.get(i, 0.0),
            float(raw[i] - best_cos) if raw is not None else 0.0,
            float(lifted[i] - raw[i]) if (raw is not None and i in lifted) else 0.0,
            float(rarest[i]) if rarest is not None else 0.0,
            bm25_rank.get(i, 0.0), sem_rank.get(i, 0.0), float(i in bm25 and i in lifted),
            float(data.is_table[i]), float(data.is_table[i] and not named[i]),
            float(section in fusion.INTENT_SECTIONS), float(section in (records.VIEWPOINT, records.OVERVIEW)),
            float(asked), float(bool(section_intent) and not asked),
            float(about is not None and not about[k]),
            math.log(max(1, len(data.passages[i]["text"]))),
            math.log1p(unit_count[int(data.unit_code[i])] - 1),
            float(unit_best[data.unit_code[i]]),
            float(data.unit[i] != data.passages[i]["passage_id"]),
        ])
    return cands, np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def collect(service: SearchService, judged: list[evaluation.Judged]) -> list[dict]:
    """Per judged query: the service's own figures and, when the fusion ranked it, the
    candidates with their features, gains and the hand-set order."""
    items = [({"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query},
              lambda result, j=j: evaluation.score_query(j, result)["evidence_recall"],
              lambda data, cands, j=j: gains(data, j, cands)) for j in judged]
    return _collect(service, items)


def _collect(service: SearchService, items) -> list[dict]:
    """`items`: (row head, score of a search answer, gains of candidates) per query."""
    service.data.preloaded.wait()   # (the generation's warm-up search done)
    tap = Tap()
    out = []
    with tap.installed():
        for head, score, gain in items:
            tap.reset()
            result = service.search(head["query"], mode="hybrid", k=TOP)
            row = head | {"service": score(result)}
            data = service.data
            if tap.fused is not None and tap.rank_args is not None:
                cands, x = features(data, tap)
                row.update(cands=cands, x=x, gain=gain(data, cands),
                           hand=[i for i, _s in tap.ranked], hand_uncut=[i for i, _s in tap.uncut],
                           hand_score=_relative(dict(tap.uncut), cands))
            out.append(row)
    return out


# -- scoring a ranking as the service would show it ------------------------------------

def shown(data, order: list[int]) -> list[dict]:
    """The first TOP distinct passages of a ranking, duplicates collapsed as the service does."""
    ranked = [(i, 0.0) for i in order]
    ids = np.fromiter(order, dtype=np.int64, count=len(order))
    distinct, _copies = dedupe.collapse(ranked, data.duplicates.group_ids(ids), None)
    return [data.passages[i] for i, _s in distinct[:TOP]]


def recall_of(service: SearchService, j: evaluation.Judged, order: list[int]) -> float:
    top = shown(service.data, order)
    return evaluation.score_query(j, {"results": top, "wards": []})["evidence_recall"]


# -- models ------------------------------------------------------------------------------

def _standardise(x: np.ndarray):
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    return mu, sd


def fit_pointwise(rows: list[dict], l2: float = L2) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    x = np.vstack([r["x"] for r in rows])
    y = np.concatenate([(r["gain"] > 0).astype(float) for r in rows])
    # each query weighs the same
    w = np.concatenate([np.full(len(r["gain"]), 1.0 / len(r["gain"])) for r in rows])
    mu, sd = _standardise(x)
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):   # Newton (IRLS)
        p = 1 / (1 + np.exp(-z @ beta))
        g = z.T @ (w * (p - y)) + reg * beta / len(rows)
        h = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg) / len(rows) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], beta[-1], mu, sd


def _pairs(r: dict):
    g = r["gain"]
    pos = np.nonzero(g > 0)[0]
    if not len(pos):
        return None
    a, b = np.meshgrid(np.arange(len(g)), np.arange(len(g)), indexing="ij")
    keep = g[a] > g[b]
    if "head" in r:   # a re-ranker of the hand-set head: pairs within it only
        inside = np.zeros(len(g), dtype=bool)
        inside[r["head"]] = True
        keep &= inside[a] & inside[b]
    if not keep.any():
        return None
    a, b = a[keep], b[keep]
    d = (g[a] - g[b])
    return a, b, d / d.sum()


def fit_pairwise(rows: list[dict], l2: float = L2) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    x = np.vstack([r["x"] for r in rows])
    mu, sd = _standardise(x)
    diffs, weights = [], []
    for r in rows:
        p = _pairs(r)
        if p is None:
            continue
        a, b, w = p
        z = (r["x"] - mu) / sd
        diffs.append(z[a] - z[b])
        weights.append(w)
    d = np.vstack(diffs)
    w = np.concatenate(weights)
    beta = np.zeros(d.shape[1])
    nq = len(diffs)
    for _ in range(50):
        p = 1 / (1 + np.exp(-d @ beta))
        g = -d.T @ (w * (1 - p)) + l2 * beta / nq * 1.0
        h = (d * (w * p * (1 - p))[:, None]).T @ d + l2 / nq * np.eye(len(beta))
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta, 0.0, mu, sd


def _subset(rows: list[dict], used: tuple[str, ...]) -> list[dict]:
    if used == FEATURES:
        return rows
    cols = [FEATURES.index(f) for f in used]
    return [r | {"x": r["x"][:, cols]} if "cands" in r else r for r in rows]


def _with_hand(rows: list[dict]) -> list[dict]:
    return [r | {"x": np.hstack([r["x"], r["hand_score"][:, None]])} if "cands" in r else r for r in rows]


MODELS = {"pointwise": fit_pointwise, "pairwise": fit_pairwise}
# "+hand": the same model with the hand-set fused score (priors applied, relative to the
# best) as one more feature: does learning correct the hand-set rules?
# "small": the hand-set fusion's own ingredients only (the keyword half scaled by
# coverage, the semantic half over the band with its lift, the priors' conditions), each
# weighed by the fit instead of by hand: a legible rule set if it wins.
SMALL = ("bm25_x_coverage", "sem_band", "lift", "table_unnamed", "intent_section", "overview",
         "section_other", "year_other")
VARIANTS = {"pointwise": ("pointwise", False, FEATURES), "pairwise": ("pairwise", False, FEATURES),
            "pairwise+hand": ("pairwise", True, FEATURES), "pairwise small": ("pairwise", False, SMALL),
            "pairwise head30": ("pairwise", False, FEATURES, 30),
            "pairwise+hand head30": ("pairwise", True, FEATURES, 30)}


def learned_order(r: dict, model) -> list[int]:
    beta, b0, mu, sd = model
    s = ((r["x"] - mu) / sd) @ beta + b0
    if "head" in r:   # the head re-ranked, the rest in the hand-set order after it
        head = sorted(r["head"], key=lambda k: (-s[k], r["cands"][k]))
        chosen = [r["cands"][k] for k in head]
        return chosen + [i for i in r["hand_uncut"] if i not in set(chosen)]
    order = sorted(range(len(r["cands"])), key=lambda k: (-s[k], r["cands"][k]))
    return [r["cands"][k] for k in order]


def _with_head(rows: list[dict], head: int) -> list[dict]:
    out = []
    for r in rows:
        if "cands" in r:
            pos = {i: k for k, i in enumerate(r["cands"])}
            r = r | {"head": np.array([pos[i] for i in r["hand_uncut"][:head] if i in pos], dtype=np.int64)}
        out.append(r)
    return out


def prepare(rows: list[dict], name: str):
    """(fit function, rows with the variant's features, feature names) of one variant."""
    base, hand_feature, used, *head = VARIANTS[name]
    rows = _subset(rows, used)
    rows = _with_head(rows, head[0]) if head else rows
    rows = _with_hand(rows) if hand_feature else rows
    return MODELS[base], rows, used + (("hand_score",) if hand_feature else ())


# -- the experiment --------------------------------------------------------------------

def experiment(service, judged, all_rows, models=tuple(VARIANTS), l2: float = L2) -> dict:
    by_id = {(j.set, j.qid): j for j in judged}
    out: dict = {"queries": len(all_rows), "fused": sum("cands" in r for r in all_rows), "l2": l2, "models": {}}
    for name in models:
        fit, rows, names = prepare(all_rows, name)
        fused = [r for r in rows if "cands" in r]
        per_query: dict[str, dict] = {}
        weights = {}
        for scheme in ("by_set", "loqo"):
            held = {}
            if scheme == "by_set":
                folds = [(s, [r for r in fused if r["set"] != s], [r for r in rows if r["set"] == s]) for s in SETS]
            else:
                folds = [(r["set"] + "/" + r["id"], [t for t in fused if t is not r], [r]) for r in rows]
            for label, train, test in folds:
                model = fit(train, l2) if train else None
                if scheme == "by_set":
                    weights[label] = model[0]   # standardised units, comparable across folds
                for r in test:
                    j = by_id[(r["set"], r["id"])]
                    if "cands" in r:
                        got = recall_of(service, j, learned_order(r, model))
                    else:
                        got = r["service"]
                    held[(r["set"], r["id"])] = got
            per_query[scheme] = held
        full = fit(fused, l2)
        out["models"][name] = {
            "per_query": {s: {f"{k[0]}/{k[1]}": v for k, v in q.items()} for s, q in per_query.items()},
            "weights_all": dict(zip(names, (full[0]).round(3).tolist())),   # standardised units
            "weights_by_fold": {k: dict(zip(names, v.round(3).tolist())) for k, v in weights.items()},
        }
    hand = {}
    uncut = {}
    for r in all_rows:
        key = f"{r['set']}/{r['id']}"
        j = by_id[(r["set"], r["id"])]
        hand[key] = recall_of(service, j, r["hand"]) if "cands" in r else r["service"]
        uncut[key] = recall_of(service, j, r["hand_uncut"]) if "cands" in r else r["service"]
    out["hand"] = hand
    out["hand_uncut"] = uncut
    out["service"] = {f"{r['set']}/{r['id']}": r["service"] for r in all_rows}
    out["kind"] = {f"{r['set']}/{r['id']}": r["kind"] for r in all_rows}
    return out


# -- the archive: models fitted on the seed corpus, scored on 108 relabelled reports ----

def archive_transfer(seed_rows: list[dict], gold: list[Path], archive_dir: Path, l2: float = L2) -> dict:
    """Each variant fitted on the seed corpus, scored on the archive test corpus
    (benchmarks/archive.py; its index built by ``python -m benchmarks.quality --archive
    --out DIR``): distinct-evidence recall@10 of the re-ranked top 10 against the
    service's, per kind. The archive's queries are the seed's: ``by_set`` scores each
    query with the model fitted on the other four sets (held out in query and corpus),
    ``seed_all`` with the one fitted on all seed queries (in-sample queries, new corpus)."""
    from . import archive
    index = archive_dir / "index"
    if not (index / "CURRENT").exists():
        raise SystemExit(f"no archive index in {index}: "
                         f"run python -m benchmarks.quality --archive --out {archive_dir}")
    copies = archive.build(archive_dir)
    service = SearchService.open(index)
    items = []
    for path in gold:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            j = archive.derive(q, copies)
            if not j["wards"]:
                continue
            needles = [({evaluation.compact(v) for v in e["variants"]}, e["grade"]) for e in j["evidence"]]

            def gain(data, cands, needles=needles):
                texts = [evaluation.compact(data.passages[i]["text"]) for i in cands]
                return np.array([sum(g for vs, g in needles if any(v and v in t for v in vs)) for t in texts])

            items.append(({"set": path.stem, "id": q["id"], "kind": q.get("type", ""), "query": q["query"]},
                          lambda result, j=j: archive.score(j, result)["distinct_evidence_recall"], gain, j))
    rows = _collect(service, [i[:3] for i in items])
    judged = {(h["set"], h["id"]): j for h, _s, _g, j in items}
    data = service.data

    def recall(r: dict, order: list[int]) -> float:
        return archive.score(judged[(r["set"], r["id"])], {"results": shown(data, order)})["distinct_evidence_recall"]

    out = {"queries": len(rows), "fused": sum("cands" in r for r in rows),
           "kind": {f"{r['set']}/{r['id']}": r["kind"] for r in rows},
           "service": {f"{r['set']}/{r['id']}": r["service"] for r in rows},
           "hand": {f"{r['set']}/{r['id']}": recall(r, r["hand"]) if "cands" in r else r["service"] for r in rows},
           "models": {}}
    for name in VARIANTS:
        fit, seed, _names = prepare(seed_rows, name)
        _fit, arch, _names = prepare(rows, name)
        for scheme in ("by_set", "seed_all"):
            per = {}
            for s in SETS:
                # by set: fitted on the other four sets' seed queries (held out in query and corpus)
                train = [r for r in seed if "cands" in r and (scheme == "seed_all" or r["set"] != s)]
                model = fit(train, l2)
                for r in arch:
                    if r["set"] == s:
                        per[f"{r['set']}/{r['id']}"] = recall(r, learned_order(r, model)) if "cands" in r \
                            else r["service"]
            out["models"][f"{name} {scheme}"] = per
    return out


def archive_table(report: dict) -> str:
    kind = report["kind"]
    columns = [("service", report["service"]), ("hand-set", report["hand"])] + list(report["models"].items())
    lines = ["| | n | " + " | ".join(c for c, _ in columns) + " |", "|" + "---|" * (len(columns) + 2)]
    picks = [("all", lambda k: True)] + [(s, lambda k, s=s: k.split("/")[0] == s) for s in SETS]
    picks += [(f"kind {c}", lambda k, c=c: kind[k] == c) for c in sorted(set(kind.values()))]
    for label, pick in picks:
        n = sum(1 for k in kind if pick(k))
        lines.append(f"| {label} | {n} | " + " | ".join(
            f"{_mean(v for k, v in per.items() if pick(k)):.3f}" for _, per in columns) + " |")
    return "\n".join(lines)


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def table(report: dict) -> str:
    kind = report["kind"]
    sets = [s for s in SETS if any(k.startswith(s + "/") for k in kind)]

    def group(per: dict, pick) -> float:
        return _mean(v for k, v in per.items() if pick(k))

    columns = [("service", report["service"]), ("hand-set", report["hand"]),
               ("hand-set, no cut", report["hand_uncut"])]
    for name, m in report["models"].items():
        for scheme, per in m["per_query"].items():
            columns.append((f"{name} {scheme}", per))
    head = "| | n | " + " | ".join(c for c, _ in columns) + " |"
    lines = [head, "|" + "---|" * (len(columns) + 2)]
    picks = [(s, lambda k, s=s: k.split("/")[0] == s) for s in sets]
    picks += [("all", lambda k: True), ("held-out sets (extra..extra4)", lambda k: k.split("/")[0] != "dev")]
    picks += [(f"kind {c}", lambda k, c=c: kind[k] == c) for c in sorted(set(kind.values()))]
    for label, pick in picks:
        n = sum(1 for k in kind if pick(k))
        lines.append(f"| {label} | {n} | " + " | ".join(f"{group(per, pick):.3f}" for _, per in columns) + " |")
    return "\n".join(lines)


def verdict(report: dict) -> list[str]:
    """Per model: the by-set folds whose held-out figure beats the hand-set one, and the
    pooled figures (the adoption rule: at least 4 of 5 folds and pooled)."""
    lines = []
    hand = report["hand"]
    for name, m in report["models"].items():
        per = m["per_query"]["by_set"]
        wins = []
        for s in SETS:
            keys = [k for k in per if k.split("/")[0] == s]
            if keys:
                wins.append(f"{s} {_mean(per[k] for k in keys) - _mean(hand[k] for k in keys):+.3f}")
        better = sum(1 for w in wins if float(w.split()[1]) > 1e-9)
        lines.append(f"{name}: folds better {better}/{len(wins)} ({', '.join(wins)}); pooled by-set "
                     f"{_mean(per.values()):.3f}, leave-one-query-out {_mean(m['per_query']['loqo'].values()):.3f}, "
                     f"hand-set {_mean(hand.values()):.3f}")
    return lines


def moved(report: dict, model: str, scheme: str) -> list[str]:
    per = report["models"][model]["per_query"][scheme]
    return [f"{k} ({report['kind'][k]}): {report['hand'][k]:.2f} -> {v:.2f}"
            for k, v in per.items() if abs(v - report["hand"][k]) > 1e-9]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--index", default=None)
    ap.add_argument("--cache", default=None, help="pickle of the collected candidates (reused when present)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--l2-grid", default=None, help="comma-separated L2 strengths: the verdict line of each")
    ap.add_argument("--archive", default=None, metavar="DIR",
                    help="also score the seed-fitted models on the archive built in DIR "
                         "(python -m benchmarks.quality --archive --out DIR)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    blind_sets.refuse(ap, a.gold)
    judged = [j for g in a.gold for j in evaluation.load_judgements(Path(g))]
    service = SearchService.open(Path(a.index) if a.index else config.index_dir())
    cache = Path(a.cache) if a.cache else None
    if cache and cache.exists():
        rows = pickle.loads(cache.read_bytes())
    else:
        rows = collect(service, judged)
        if cache:
            cache.write_bytes(pickle.dumps(rows))
    if a.l2_grid:
        for l2 in (float(v) for v in a.l2_grid.split(",")):
            print(f"L2 {l2}:")
            print("\n".join("  " + line for line in verdict(experiment(service, judged, rows, l2=l2))))
        return 0
    report = experiment(service, judged, rows, l2=a.l2)
    if a.archive:
        report["archive"] = archive_transfer(rows, [Path(g) for g in a.gold], Path(a.archive), a.l2)
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"{report['queries']} queries, {report['fused']} ranked by the fusion; evidence recall@10:")
    print(table(report))
    print()
    print("\n".join(verdict(report)))
    for name, m in report["models"].items():
        print(f"\n{name}: weights fitted on all (standardised features):")
        for f, w in sorted(m["weights_all"].items(), key=lambda x: -abs(x[1])):
            print(f"  {f:18s} {w:+.3f}")
        for scheme in m["per_query"]:
            print(f"  {scheme}: queries moved against the hand-set top 10:")
            for line in moved(report, name, scheme):
                print("    " + line)
    if a.archive:
        r = report["archive"]
        print(f"\narchive ({r['queries']} queries, {r['fused']} fused): distinct-evidence recall@10, "
              "models fitted on the seed corpus (by set: without the query's set):")
        print(archive_table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
