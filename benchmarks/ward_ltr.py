"""Learned ward claims: does a fitted decision over the rules' own facts beat the hand-set rules?

    python -m benchmarks.ward_ltr INDEX_DIR GOLD.jsonl [GOLD.jsonl ...] [--mode hybrid]
        [--cache FILE] [--json]

For every judged query of the given files (dev + the opened sets; never give it a blind
set: benchmarks/blind_sets.py refuses them) the search runs once through
`SearchService.search`; `wardanswer.claims` is wrapped for the run to read what the ward
answer was given (the ranking, the unit coverage, the cosines, its keyword arguments) and
what it answered (the hand rules' wards).

Candidates: every ward with a claimable passage (`wardanswer.claimable`) in that ranking,
and every ward the rules reach through an exact copy of a ranked text (the rules' own
head with the coverage and support bars lifted). Each candidate gets general features
(`FEATURES`: what the rules compute — its best unit coverage after and before the gates,
whether its unit names a specific word, the distinct rank and score share of its first
text, its texts in the first 10 / 30, the cosine gap of its best passage, the support its
covering texts add up to, whether the rules claim it — and query-level facts: how many
concepts, specific words, candidates, claimed wards) and a label: the ward is one of the
judged `relevant`.

Models (numpy only): L2 logistic regression on standardised features (default), or boosted
depth-2 trees on quantile-binned features (`--model gbdt`; the number of rounds takes the L2
strength's place in the nested choice). `--derived` adds features relative to the rules' own
answer (DERIVED); `--subpopulation` fits add on the unclaimed candidates only and drop on the
claimed ones only. The decision for a
query: the candidates whose probability reaches a threshold; none reaching it, the most
probable one (the rules' NEVER_EMPTY), except where the search is restricted to wards the
user named. Listings (a year / ward / section named alone) and searches with no coverage
keep the rules' answer. Decision variants: ``free`` (the model decides every candidate),
``add`` (the rules' wards plus candidates over the threshold), ``drop`` (the rules' wards
that reach the threshold, the most probable kept).

Evaluation, all on queries the model was not fitted on:
- by set: each judged file held out in turn, fitted on the others; the L2 strength and the
  threshold chosen by nested leave-one-set-out inside the training files only;
- dev leave-one-query-out: each dev query scored by a model fitted on every other query
  (the rest of dev included), L2 and threshold nested the same way;
- ward-set F1 (the metric of `evaluation.score_query`) pooled over all held-out queries,
  per kind, single- and multi-ward, and per fold against the hand rules on the same queries.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from pathlib import Path

import numpy as np

from benchmarks import blind_sets

FEATURES = (
    "hand",            # the hand rules claim it
    "cov_head",        # best unit coverage (after the gates) of its texts in the rules' head
    "raw_head",        # the same before the gates (specific, own word, stand-in, compound head)
    "gated",           # raw_head reaches UNIT_COVERAGE while cov_head does not
    "cov_any",         # best unit coverage (after the gates) of its first 30 ranked texts
    "raw_any",         # the same before the gates
    "specific_named",  # its best raw-covering head unit names a specific word of the query
    "rank",            # 1 / log2(2 + distinct rank of its first claimable text)
    "share",           # score of its first text / the best score
    "top1",            # it holds the first claimable text
    "in_head",         # its first text is in the rules' head (share and depth)
    "n10",             # log(1 + its distinct texts among the first 10)
    "n30",             # log(1 + its distinct texts among the first 30)
    "support",         # summed share of its head texts whose unit covers (after the gates)
    "support_raw",     # summed share of its head texts, any coverage
    "cos_gap",         # best cosine of the query minus its best passage cosine (capped at 0.1)
    "cos_best",        # it holds the best claimable cosine (the semantic claim)
    "cov_rel",         # cov_head / the best cov_head among the query's candidates
    "q_concepts",      # log(1 + the query's concepts)
    "q_specific",      # the query has a specific word
    "q_candidates",    # log(1 + candidate wards)
    "q_hand",          # wards the rules claim for the query
    "q_hand_multi",    # the rules claim two or more
)
# relative to the rules' own answer and the other candidates (computed from FEATURES, `derive`)
DERIVED = (
    "above_last",      # its first text ranks above the last-ranked first text of a claimed ward
    "share_rel",       # its share / the lowest share among claimed wards' first texts
    "n_raw_cover",     # log(1 + candidates whose head unit covers before the gates)
    "n_cover",         # log(1 + candidates whose head unit covers after the gates)
)
HEAD_TEXTS = 30
GAP_CAP = 0.1
LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.71, 0.05))
DECISIONS = ("free", "add", "drop")


# -- reading what the ward answer saw ------------------------------------------------------

class Tap:
    """Wraps `wardanswer.claims` for a run: keeps the last call's inputs and output."""

    def __init__(self):
        from search_app import wardanswer
        self.wa = wardanswer
        self.original = wardanswer.claims
        self.last: dict = {}
        tap = self

        def claims(data, ranked, coverage, cosines, **kw):
            out = tap.original(data, ranked, coverage, cosines, **kw)
            tap.last = {"args": (data, ranked, coverage, cosines), "kw": kw, "out": out}
            return out

        wardanswer.claims = claims

    def restore(self):
        self.wa.claims = self.original


def _raw_coverage(cov, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's coverage before the gates, and whether it names a specific word."""
    raw = np.zeros(len(codes))
    specific = np.zeros(len(codes), dtype=bool)
    for w, units, rare in zip(cov.weights, cov.units, cov.specific):
        hit = _in(units, codes)
        raw += w * hit
        specific |= rare & hit
    return (raw / cov.total if cov.total else np.ones(len(codes))), specific


def _in(units: np.ndarray, codes: np.ndarray) -> np.ndarray:
    if not len(units):
        return np.zeros(len(codes), dtype=bool)
    k = np.minimum(np.searchsorted(units, codes), len(units) - 1)
    return units[k] == codes


def candidates(wa, data, ranked, coverage, cosines, kw, out) -> list[dict]:
    """Per candidate ward of one search: its features (FEATURES) and the rules' claim."""
    if not ranked or kw.get("listing") or coverage is None:
        return []
    idx = np.fromiter((i for i, _s in ranked), dtype=np.int64, count=len(ranked))
    scores = np.fromiter((s for _i, s in ranked), dtype=np.float64, count=len(ranked))
    top = scores[0] if scores[0] > 0 else 1.0
    ok = wa.claimable(data, idx)
    idx, scores = idx[ok], scores[ok]
    if not len(idx):
        return []
    g = data.duplicates.group_ids(idx)
    # distinct rank of each ranked passage (near-duplicates are one text)
    seen: dict[int, int] = {}
    distinct = np.empty(len(idx), dtype=np.int64)
    for k, gid in enumerate(g.tolist()):
        distinct[k] = seen.setdefault(gid, len(seen))
    below = np.flatnonzero(scores < wa.WARD_SHARE * top)
    head_end = int(below[0]) if len(below) else len(idx)
    in_head = (np.arange(len(idx)) < head_end) & (distinct < wa.WARD_DEPTH)
    # where each exact text ranks first: a copy outside the ranking takes its text's place
    first_of_exact: dict[int, int] = {}
    for k, e in enumerate(data.duplicates.exact[idx].tolist()):
        first_of_exact.setdefault(e, k)
    # the rules' head with the coverage and support bars lifted: wards reached through copies
    relaxed = wa.claims(data, ranked, coverage, cosines, **(kw | {"unit_coverage": -1.0, "support": 0.0}))
    positions: dict[str, list[tuple[int, int]]] = {}   # ward -> [(passage, position in the ranking)]
    wards = data.ward[idx].tolist()
    for k, (i, w) in enumerate(zip(idx.tolist(), wards)):
        positions.setdefault(w or wa.NO_WARD, []).append((i, k))
    placed = {i for i in idx.tolist()}
    for w, evidence in relaxed.items():
        for i in evidence:
            if i not in placed:
                k = first_of_exact.get(int(data.duplicates.exact[i]))
                if k is not None:
                    positions.setdefault(w, []).append((i, k))
    for w in out:
        positions.setdefault(w, [])
    best_cos = wa.best_claimable_cosine(data, cosines) if cosines else None
    rows = []
    for w, pos in positions.items():
        pos = sorted(pos, key=lambda t: t[1])
        if not pos:
            # claimed with no placed passage (should not happen): the rules' word only
            rows.append({"ward": w, "f": None, "hand": w in out})
            continue
        ps = np.array([p for p, _k in pos], dtype=np.int64)
        ks = np.array([k for _p, k in pos], dtype=np.int64)
        cov = coverage.of_many(ps)
        raw, spec = _raw_coverage(coverage, data.unit_code[ps])
        head = in_head[ks]
        near = distinct[ks] < HEAD_TEXTS
        d = distinct[ks]
        first = int(d.min())
        share_k = scores[ks] / top
        # each distinct text once, at its best-ranked copy
        def texts(mask):
            return len(set(g[ks[mask]].tolist()))

        def summed(mask):
            best: dict[int, float] = {}
            for gid, s in zip(g[ks[mask]].tolist(), share_k[mask].tolist()):
                best[gid] = max(best.get(gid, 0.0), s)
            return sum(best.values())
        cos_vals = [cosines[p] for p in ps.tolist() if p in cosines] if cosines else []
        gap = min(GAP_CAP, best_cos - max(cos_vals)) if cos_vals and best_cos is not None else GAP_CAP
        f = {
            "hand": float(w in out),
            "cov_head": float(cov[head].max()) if head.any() else 0.0,
            "raw_head": float(raw[head].max()) if head.any() else 0.0,
            "cov_any": float(cov[near].max()) if near.any() else 0.0,
            "raw_any": float(raw[near].max()) if near.any() else 0.0,
            "specific_named": float(spec[head][np.argmax(raw[head])]) if head.any() else 0.0,
            "rank": 1.0 / math.log2(2 + first),
            "share": float(share_k.max()),
            "top1": float(first == 0),
            "in_head": float(head.any()),
            "n10": math.log1p(texts(d < 10)),
            "n30": math.log1p(texts(d < 30)),
            "support": summed(head & (cov >= wa.UNIT_COVERAGE)),
            "support_raw": summed(head),
            "cos_gap": max(0.0, gap),
            "cos_best": float(bool(cos_vals) and best_cos is not None and max(cos_vals) >= best_cos),
        }
        f["gated"] = float(f["raw_head"] >= wa.UNIT_COVERAGE > f["cov_head"])
        rows.append({"ward": w, "f": f, "hand": w in out})
    best_cov = max((r["f"]["cov_head"] for r in rows if r["f"]), default=0.0)
    q = {"q_concepts": math.log1p(len(coverage.weights)), "q_specific": float(any(coverage.specific)),
         "q_candidates": math.log1p(len(rows)), "q_hand": float(len(out)), "q_hand_multi": float(len(out) >= 2)}
    for r in rows:
        if r["f"] is None:
            r["f"] = {name: 0.0 for name in FEATURES} | {"hand": 1.0}
        r["f"]["cov_rel"] = r["f"]["cov_head"] / best_cov if best_cov > 0 else 0.0
        r["f"].update(q)
    return rows


def collect(service, judged, mode: str = "hybrid") -> list[dict]:
    """Per judged query: the rules' answer, its F1, and the candidate wards with features."""
    from search_app import evaluation, wardanswer

    tap = Tap()
    out = []
    try:
        for j in judged:
            tap.last = {}
            result = service.search(j.query, mode=mode, k=10)
            scored = evaluation.score_query(j, result)
            last = tap.last
            row = {"set": j.set, "id": j.qid, "kind": j.kind, "relevant": sorted(j.relevant),
                   "hand": sorted(scored["wards"]), "hand_f1": scored["ward_f1"], "cands": [],
                   "within": False, "fixed": True}
            if last:
                data, ranked, coverage, cosines = last["args"]
                kw = last["kw"]
                row["within"] = bool(kw.get("within_wards"))
                cands = candidates(wardanswer, data, ranked, coverage, cosines, kw, last["out"])
                if cands and set(last["out"]) == set(scored["wards"]):
                    row["fixed"] = False
                    row["cands"] = [{"ward": c["ward"], "x": [c["f"][n] for n in FEATURES],
                                     "label": c["ward"] in j.relevant} for c in cands]
            out.append(row)
    finally:
        tap.restore()
    return out


# -- model ---------------------------------------------------------------------------------

def f1(predicted: set, relevant: set) -> float:
    """Ward-set F1 as `evaluation.score_query` computes it."""
    tp = len(predicted & relevant)
    p = tp / len(predicted) if predicted else (1.0 if not relevant else 0.0)
    r = tp / len(relevant) if relevant else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fit(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2 logistic regression on standardised features (Newton) -> (mean, scale, weights with bias)."""
    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    sd[sd < 1e-9] = 1.0
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], lam)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -30, 30)))
        grad = Z.T @ (p - y) + reg * w
        H = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return mu, sd, w


def fit_gbdt(X: np.ndarray, y: np.ndarray, rounds: int, rate: float = 0.1, depth: int = 2,
             min_leaf: int = 10, bins: int = 16, l2: float = 1.0) -> tuple:
    """Gradient-boosted trees of `depth` on quantile-binned features (logistic loss, Newton
    leaves) -> ("gbdt", edges, prior, trees, rate)."""
    edges = [np.unique(np.quantile(X[:, k], np.linspace(0, 1, bins + 1)[1:-1])) for k in range(X.shape[1])]
    B = np.stack([np.searchsorted(e, X[:, k], side="right") for k, e in enumerate(edges)], axis=1)
    d = X.shape[1]
    p0 = min(max(y.mean(), 1e-3), 1 - 1e-3) if len(y) else 0.5
    prior = math.log(p0 / (1 - p0))
    F = np.full(len(y), prior)
    trees = []
    offsets = np.arange(d) * (bins + 1)

    def grow(rows, g, h, level):
        G, H = g[rows].sum(), h[rows].sum()
        if level == depth or len(rows) < 2 * min_leaf:
            return ("leaf", G / (H + l2))
        flat = (B[rows] + offsets).ravel()
        gs = np.bincount(flat, np.repeat(g[rows], d), d * (bins + 1)).reshape(d, bins + 1).cumsum(axis=1)
        hs = np.bincount(flat, np.repeat(h[rows], d), d * (bins + 1)).reshape(d, bins + 1).cumsum(axis=1)
        ns = np.bincount(flat, None, d * (bins + 1)).reshape(d, bins + 1).cumsum(axis=1)
        gain = gs ** 2 / (hs + l2) + (G - gs) ** 2 / (H - hs + l2) - G ** 2 / (H + l2)
        gain[(ns < min_leaf) | (len(rows) - ns < min_leaf)] = -np.inf
        k, b = np.unravel_index(int(np.argmax(gain)), gain.shape)
        if not np.isfinite(gain[k, b]) or gain[k, b] <= 1e-9:
            return ("leaf", G / (H + l2))
        left = rows[B[rows, k] <= b]
        right = rows[B[rows, k] > b]
        return ("split", k, b, grow(left, g, h, level + 1), grow(right, g, h, level + 1))

    everyone = np.arange(len(y))
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-F))
        tree = grow(everyone, y - p, p * (1 - p), 0)
        trees.append(tree)
        F += rate * _tree_values(tree, B)
    return ("gbdt", edges, prior, trees, rate)


def _tree_values(tree, B: np.ndarray) -> np.ndarray:
    if tree[0] == "leaf":
        return np.full(len(B), tree[1])
    _s, k, b, left, right = tree
    go_left = B[:, k] <= b
    out = np.empty(len(B))
    out[go_left] = _tree_values(left, B[go_left])
    out[~go_left] = _tree_values(right, B[~go_left])
    return out


MODEL = "logistic"   # or "gbdt" (--model): then the L2 grid is read as numbers of rounds
ROUNDS = (20, 50, 100)


def _fit(X: np.ndarray, y: np.ndarray, hyper: float):
    return fit_gbdt(X, y, int(hyper)) if MODEL == "gbdt" else fit(X, y, hyper)


def predict(model, X: np.ndarray) -> np.ndarray:
    if isinstance(model[0], str):   # ("gbdt", ...)
        _g, edges, prior, trees, rate = model
        B = np.stack([np.searchsorted(e, X[:, k], side="right") for k, e in enumerate(edges)], axis=1)
        F = np.full(len(X), prior)
        for tree in trees:
            F += rate * _tree_values(tree, B)
        return 1 / (1 + np.exp(-F))
    mu, sd, w = model
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    return 1 / (1 + np.exp(-np.clip(Z @ w, -30, 30)))


def decide(row: dict, probs: np.ndarray, t: float, decision: str) -> set:
    """The wards answered for one query from its candidates' probabilities."""
    if row["fixed"]:
        return set(row["hand"])
    wards = [c["ward"] for c in row["cands"]]
    hand = set(row["hand"])
    if decision == "free":
        chosen = {w for w, p in zip(wards, probs) if p >= t}
    elif decision == "add":
        chosen = hand | {w for w, p in zip(wards, probs) if p >= t}
    else:
        chosen = {w for w, p in zip(wards, probs) if w in hand and p >= t}
        kept = [(p, w) for p, w in zip(probs.tolist(), wards) if w in hand]
        if not chosen and kept:
            chosen = {max(kept)[1]}
    if not chosen and not row["within"]:
        chosen = {wards[int(np.argmax(probs))]}
    return chosen


def derive(rows: list[dict]) -> None:
    """Add DERIVED to each candidate's features (in place; idempotent)."""
    at = {name: k for k, name in enumerate(FEATURES)}
    for r in rows:
        cands = r["cands"]
        if not cands or len(cands[0]["x"]) > len(FEATURES):
            continue
        hand = [c for c in cands if c["x"][at["hand"]]]
        last_rank = min((c["x"][at["rank"]] for c in hand), default=1.0)   # rank is 1/log2(2+d)
        low_share = min((c["x"][at["share"]] for c in hand), default=1.0) or 1.0
        n_raw = sum(c["x"][at["raw_head"]] >= 0.5 for c in cands)
        n_cov = sum(c["x"][at["cov_head"]] >= 0.5 for c in cands)
        for c in cands:
            x = c["x"]
            c["x"] = x + [float(x[at["rank"]] > last_rank), x[at["share"]] / low_share,
                          math.log1p(n_raw), math.log1p(n_cov)]


def _matrix(rows: list[dict], population: str = "all") -> tuple[np.ndarray, np.ndarray]:
    hand = FEATURES.index("hand")
    keep = (lambda c: True) if population == "all" else (lambda c: bool(c["x"][hand]) == (population == "hand"))
    xs = [c["x"] for r in rows for c in r["cands"] if keep(c)]
    ys = [float(c["label"]) for r in rows for c in r["cands"] if keep(c)]
    if not xs:
        return np.zeros((0, len(FEATURES) + len(DERIVED))), np.zeros(0)
    return np.array(xs, dtype=np.float64), np.array(ys)


def _probs(model, rows: list[dict]) -> list[np.ndarray]:
    return [predict(model, np.array([c["x"] for c in r["cands"]])) if r["cands"] else np.zeros(0) for r in rows]


POPULATION = {"free": "all", "add": "other", "drop": "hand"}
SUBPOPULATION = False   # True: add / drop fitted only on the candidates they decide (--subpopulation)


def _population(decision: str) -> str:
    return POPULATION[decision] if SUBPOPULATION else "all"


def choose(rows: list[dict], decisions=("free",)) -> tuple[float, float, str]:
    """(L2, threshold, decision) best by leave-one-set-out inside `rows` (mean ward F1)."""
    sets = sorted({r["set"] for r in rows})
    best = None
    for lam in (ROUNDS if MODEL == "gbdt" else LAMBDAS):
        for decision in decisions:
            held: list[tuple[dict, np.ndarray]] = []
            for s in sets:
                train = [r for r in rows if r["set"] != s]
                test = [r for r in rows if r["set"] == s]
                model = _fit(*_matrix(train, _population(decision)), lam)
                held.extend(zip(test, _probs(model, test)))
            for t in THRESHOLDS:
                score = sum(f1(decide(r, p, t, decision), set(r["relevant"])) for r, p in held) / len(held)
                # ties: the stronger L2 (the fewer rounds), then the threshold nearest 0.5
                key = (round(score, 9), -lam if MODEL == "gbdt" else lam, -abs(t - 0.5))
                if best is None or key > best[0]:
                    best = (key, lam, t, decision)
    return best[1], best[2], best[3]


def held_out(rows: list[dict], test: list[dict], decisions=("free",)) -> tuple[list[set], dict]:
    """Fit on `rows` (L2, threshold and decision nested by set) and answer `test`."""
    lam, t, decision = choose(rows, decisions)
    model = _fit(*_matrix(rows, _population(decision)), lam)
    answers = [decide(r, p, t, decision) for r, p in zip(test, _probs(model, test))]
    return answers, {"lambda": lam, "threshold": t, "decision": decision}


def evaluate(rows: list[dict], decisions=("free",)) -> dict:
    """By-set and dev leave-one-query-out figures of the learned decision against the rules."""
    sets = sorted({r["set"] for r in rows})
    learned: dict[int, float] = {}
    answers: dict[int, list] = {}
    chosen = {}
    for s in sets:
        test_k = [k for k, r in enumerate(rows) if r["set"] == s]
        train = [r for r in rows if r["set"] != s]
        got, info = held_out(train, [rows[k] for k in test_k], decisions)
        chosen[s] = {k: v for k, v in info.items() if k != "weights"}
        for k, a in zip(test_k, got):
            learned[k] = f1(a, set(rows[k]["relevant"]))
            answers[k] = sorted(a)
    dev_loo = {}
    for k, r in enumerate(rows):
        if r["set"] != "dev":
            continue
        train = [x for m, x in enumerate(rows) if m != k]
        got, _info = held_out(train, [r], decisions)
        dev_loo[k] = f1(got[0], set(r["relevant"]))
    return {"by_set": learned, "answers": answers, "chosen": chosen, "dev_loo": dev_loo}


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def summary(rows: list[dict], result: dict) -> dict:
    learned = result["by_set"]
    groups: dict[str, list[int]] = {"all": list(range(len(rows)))}
    for k, r in enumerate(rows):
        groups.setdefault(f"set {r['set']}", []).append(k)
        groups.setdefault(f"kind {r['kind']}", []).append(k)
        groups.setdefault("multi-ward" if len(r["relevant"]) >= 2 else "single-ward", []).append(k)
        if r["set"] != "dev":
            groups.setdefault("opened (no dev)", []).append(k)
    table = {name: {"n": len(ks), "hand": _mean(rows[k]["hand_f1"] for k in ks),
                    "learned": _mean(learned[k] for k in ks),
                    "moved": sum(1 for k in ks if sorted(rows[k]["hand"]) != result["answers"][k]),
                    "up": sum(1 for k in ks if learned[k] > rows[k]["hand_f1"] + 1e-9),
                    "down": sum(1 for k in ks if learned[k] < rows[k]["hand_f1"] - 1e-9)}
             for name, ks in groups.items()}
    folds = [(name, v) for name, v in table.items() if name.startswith("set ")]
    wins = sum(1 for _n, v in folds if v["learned"] > v["hand"] + 1e-9)
    losses = sum(1 for _n, v in folds if v["learned"] < v["hand"] - 1e-9)
    dev = result["dev_loo"]
    return {"table": table, "folds": {"wins": wins, "ties": len(folds) - wins - losses, "losses": losses},
            "dev_loo": {"hand": _mean(rows[k]["hand_f1"] for k in dev), "learned": _mean(dev.values())},
            "chosen": result["chosen"],
            "moved": [{"set": rows[k]["set"], "id": rows[k]["id"], "kind": rows[k]["kind"],
                       "relevant": rows[k]["relevant"], "hand": rows[k]["hand"], "learned": result["answers"][k],
                       "hand_f1": round(rows[k]["hand_f1"], 4), "learned_f1": round(learned[k], 4)}
                      for k in range(len(rows)) if sorted(rows[k]["hand"]) != result["answers"][k]]}


def format_summary(s: dict, label: str) -> str:
    lines = [f"### {label}", "", "| queries | n | hand rules | learned (held out by set) | queries moved (F1 up / down) |",
             "|---|---|---|---|---|"]
    order = sorted(s["table"], key=lambda n: (not n == "all", not n.startswith("opened"),
                                               not n.startswith("kind"), not n.endswith("ward"), n))
    for name in order:
        v = s["table"][name]
        lines.append(f"| {name} | {v['n']} | {v['hand']:.4f} | {v['learned']:.4f} | {v['moved']} ({v['up']} / {v['down']}) |")
    f = s["folds"]
    lines.append("")
    lines.append(f"folds (sets) won / tied / lost: {f['wins']} / {f['ties']} / {f['losses']}; "
                 f"dev leave-one-query-out: hand {s['dev_loo']['hand']:.4f}, learned {s['dev_loo']['learned']:.4f}")
    picks: dict[str, int] = {}
    for c in s["chosen"].values():
        key = f"{'rounds' if MODEL == 'gbdt' else 'L2'} {c['lambda']}, t {c['threshold']}, {c['decision']}"
        picks[key] = picks.get(key, 0) + 1
    lines.append("chosen by nested CV (folds): " + "; ".join(f"{k} ×{v}" for k, v in sorted(picks.items(),
                                                                                          key=lambda t: -t[1])))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--cache", help="pickle of the collected candidates (read if it exists, else written)")
    ap.add_argument("--decisions", default="free,add,drop,nested",
                    help="decision variants to score; 'nested' chooses among free/add/drop by nested CV")
    ap.add_argument("--model", choices=("logistic", "gbdt"), default="logistic",
                    help="gbdt: boosted depth-2 trees, the number of rounds (ROUNDS) chosen by nested CV")
    ap.add_argument("--derived", action="store_true", help="add the DERIVED features (relative to the rules' answer)")
    ap.add_argument("--subpopulation", action="store_true",
                    help="fit add on the unclaimed candidates only, drop on the claimed ones only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    global SUBPOPULATION, MODEL
    SUBPOPULATION = args.subpopulation
    MODEL = args.model
    blind_sets.refuse(ap, args.gold)
    if len({Path(g).stem for g in args.gold}) < 3:
        ap.error("give at least three judged files: each is held out in turn and the nesting needs two more")
    rows = None
    if args.cache and Path(args.cache).exists():
        with open(args.cache, "rb") as fh:
            cached = pickle.load(fh)
        if cached.get("gold") == args.gold and cached.get("mode") == args.mode and cached.get("features") == FEATURES:
            rows = cached["rows"]
    if rows is None:
        from search_app.evaluation import load_judgements
        from search_app.service import SearchService
        service = SearchService.open(Path(args.index))
        judged = [j for g in args.gold for j in load_judgements(Path(g))]
        rows = collect(service, judged, args.mode)
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump({"gold": args.gold, "mode": args.mode, "features": FEATURES, "rows": rows}, fh)
    if args.derived:
        derive(rows)
    report = {}
    for variant in args.decisions.split(","):
        decisions = DECISIONS if variant == "nested" else (variant,)
        report[variant] = summary(rows, evaluate(rows, decisions))
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    else:
        n_c = sum(len(r["cands"]) for r in rows)
        print(f"{len(rows)} queries, {sum(not r['fixed'] for r in rows)} decided by candidates "
              f"({n_c} candidate wards, {sum(c['label'] for r in rows for c in r['cands'])} relevant)\n")
        for variant, s in report.items():
            print(format_summary(s, f"{args.mode}, {args.model}, decision {variant}"
                                    f"{', derived features' if args.derived else ''}"
                                    f"{', fitted on the decided candidates only' if args.subpopulation else ''}"))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
