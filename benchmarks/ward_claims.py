"""Why each ward is claimed: the rule and the evidence behind every ward of the answer.

    python -m benchmarks.ward_claims INDEX_DIR GOLD.jsonl [GOLD.jsonl ...] [--mode hybrid] [--json]

Runs every judged query through `SearchService.search`, capturing what the ward
answer (`search_app.wardanswer.claims`) was given: the ranking, the query's
concepts with their unit coverage, the cosines. For every claimed ward (true or
false against the judgement) it prints the passage that claimed it and why:

- `sem`: its cosine is the query's best and its passage long enough (the semantic
  claim: SEMANTIC_CLAIM, SEMANTIC_CLAIM_MIN_CHARS), else coverage;
- its rank and score share in the ranking, its cosine gap to the best cosine;
- its unit's coverage, the unit's covered concepts (`*` specific, `~` stand-in,
  `=` covered through a synonym only, not the literal word), and the concepts
  one single passage of the unit covers;
- the same figures for the best-claimed ward, to compare relative strength.

With `--missed`, for every relevant ward the answer left out: each of its judged
evidence strings, the passages holding it, their rank in the bm25, semantic and
hybrid rankings (the full rankings the ward answer reads; `-` = not ranked), their
share of the top score and distinct-text rank in the hybrid ranking (the head ends
at WARD_SHARE and WARD_DEPTH), their cosine gap to the best cosine, and their unit's
coverage with the concepts it covers — so why no unit of that ward qualified.

With `--bars` (optionally `--min-wards 2`: queries several wards answer), for every
relevant ward the answer left out: which one bar of `wardanswer.claims`, lifted alone,
would let it answer — `depth` (WARD_DEPTH), `share` (WARD_SHARE), `coverage` (UNIT_COVERAGE
with its gates), `support` (WARD_SUPPORT) — or `none` (its evidence is not in the ranking's
head, or more than one bar stands in the way); for `coverage`, the gate that zeroes its
best-covering unit in the head (`specific` word, `stand_in`, `own` word, compound `head`)
or `below` (no gate: the unit names too little of the query), and a count per bar.

Blind judged sets are refused (benchmarks/blind_sets.py): this prints queries one by one.
Nothing here changes the engine; it reads the same objects the engine builds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def _unit_hits(data, units: np.ndarray, code: int) -> bool:
    k = int(np.searchsorted(units, code))
    return k < len(units) and units[k] == code


class _Capture:
    """Wraps wardanswer.claims and UnitCoverage to keep their inputs per search."""

    def __init__(self, wardanswer):
        self.wa = wardanswer
        self.last: dict = {}
        self._claims = wardanswer.claims
        self._coverage = wardanswer.UnitCoverage
        capture = self

        class Recording(self._coverage):
            def __init__(self, data, builder, concepts, *args, **kw):
                super().__init__(data, builder, concepts, *args, **kw)
                # per concept, the units its literal word alone matches (not a synonym)
                self.literal = []
                for c in self.concepts:
                    literal = builder.term_clause(type("T", (), {"term": c.term, "surface": c.surface,
                                                                    "parts": ()})(), 1.0, bigram=False)
                    self.literal.append((c, data.matching_units(literal)))
                capture.last["coverage"] = self

        def claims(data, ranked, coverage, cosines, **kw):
            out = capture._claims(data, ranked, coverage, cosines, **kw)
            # every candidate of the ranking's head, whatever its coverage
            head = capture._claims(data, ranked, coverage, cosines, **(kw | {"unit_coverage": -1.0, "support": 0.0}))
            capture.last.update(data=data, ranked=list(ranked), cosines=dict(cosines), claimed=out,
                                head=head, listing=kw.get("listing", False))
            return out

        wardanswer.claims = claims
        wardanswer.UnitCoverage = Recording

    def restore(self):
        self.wa.claims = self._claims
        self.wa.UnitCoverage = self._coverage


def passage_concepts(data, coverage, i: int) -> list[str]:
    """Concepts the passage i itself (not its unit) matches."""
    out = []
    for c, _lit in coverage.literal:
        if i in set(data.matching_passages(c.query).tolist()):
            out.append(c.surface)
    return out


def explain(data, coverage, ranked, cosines, claimed, wa) -> dict[str, dict]:
    """Per claimed ward: the facts about its best claiming passage."""
    rank = {i: r for r, (i, _s) in enumerate(ranked)}
    score = dict(ranked)
    top = ranked[0][1] if ranked else 1.0
    best_cos = wa.best_claimable_cosine(data, cosines) if cosines else None
    out = {}
    for ward, evidence in claimed.items():
        i = evidence[0]
        code = int(data.unit_code[i])
        cov = coverage.of(i) if coverage is not None else None
        covered = []
        if coverage is not None:
            for (c, literal), units, rare in zip(coverage.literal, coverage.units, coverage.specific):
                if _unit_hits(data, units, code):
                    mark = ("*" if rare else "") + ("~" if c.feedback else "") + \
                        ("" if _unit_hits(data, literal, code) else "=")
                    covered.append(c.surface + mark)
        cos = cosines.get(i)
        out[ward] = {
            "passage": data.passages[i]["passage_id"], "section": data.passages[i]["section"],
            "text": data.passages[i]["text"][:60].replace("\n", " "),
            "rank": rank.get(i), "share": round(score.get(i, 0.0) / top, 3) if top else None,
            "cosine": round(cos, 4) if cos is not None else None,
            "cos_gap": round(best_cos - cos, 4) if cos is not None and best_cos is not None else None,
            "semantic": cos is not None and best_cos is not None and cos >= best_cos - wa.SEMANTIC_CLAIM
            and len(data.passages[i]["text"]) >= wa.SEMANTIC_CLAIM_MIN_CHARS,
            "coverage": round(cov, 3) if cov is not None else None,
            "covered": covered,
            "in_passage": passage_concepts(data, coverage, i) if coverage is not None else [],
        }
    return out


def diagnose(service, judged, mode: str = "hybrid") -> list[dict]:
    from search_app import wardanswer

    cap = _Capture(wardanswer)
    rows = []
    try:
        for j in judged:
            cap.last = {}
            service.search(j.query, mode=mode, k=10)
            last = cap.last
            data = last["data"]
            coverage = last.get("coverage")
            concepts = []
            if coverage is not None:
                n = max(1, data.doc_count)
                for (c, _lit), w, rare in zip(coverage.literal, coverage.weights, coverage.specific):
                    concepts.append({"surface": c.surface, "weight": round(w / coverage.total, 3),
                                     "specific": rare, "feedback": c.feedback,
                                     "share": round(len(data.matching_passages(c.query)) / n, 3)})
            wards = explain(data, coverage, last["ranked"], last["cosines"], last["claimed"], wardanswer) \
                if not last.get("listing") else {w: {} for w in last["claimed"]}
            for w, d in wards.items():
                d["relevant"] = w in j.relevant
            rows.append({"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query, "concepts": concepts,
                         "relevant": sorted(j.relevant), "wards": wards,
                         "missed": sorted(set(j.relevant) - set(wards))})
    finally:
        cap.restore()
    return rows


def format_rows(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        concepts = " ".join(f"{c['surface']}({c['weight']}{',S' if c['specific'] else ''}"
                            f"{',F' if c['feedback'] else ''},{c['share']})" for c in r["concepts"])
        lines.append(f"\n{r['set']} {r['id']} [{r['kind']}] {r['query']}  | {concepts}")
        for w, d in sorted(r["wards"].items(), key=lambda x: (x[1].get("rank") is None, x[1].get("rank") or 0)):
            if not d.get("passage"):
                lines.append(f"  {'OK ' if d['relevant'] else 'BAD'} {w} (listing)")
                continue
            lines.append(f"  {'OK ' if d['relevant'] else 'BAD'} {w:4} rank {d['rank']} share {d['share']} "
                         f"cos {d['cosine']} gap {d['cos_gap']} {'SEM ' if d['semantic'] else ''}"
                         f"cov {d['coverage']} unit[{' '.join(d['covered'])}] passage[{' '.join(d['in_passage'])}] "
                         f"{d['section']} {d['text'][:40]}")
        if r["missed"]:
            lines.append(f"  MISSED {' '.join(r['missed'])}")
    return "\n".join(lines)


def features(service, judged, mode: str = "hybrid") -> list[dict]:
    """Per query, every claim candidate the ward answer accepted, with the facts a
    precision rule could read (for simulating rules that veto claims)."""
    from search_app import expansion, wardanswer

    cap = _Capture(wardanswer)
    terms, stand_in = expansion.terms, expansion.stand_in

    def recording_terms(data, builder, parsed, fused):
        top = sorted(fused.items(), key=lambda x: -x[1])[:expansion.FEEDBACK_DOCS]
        cap.last["feedback"] = [i for i, _s in top]
        return terms(data, builder, parsed, fused)

    def recording_stand_in(parsed, builder, expanded):
        c = stand_in(parsed, builder, expanded)
        cap.last["stand_in"] = c
        return c

    expansion.terms, expansion.stand_in = recording_terms, recording_stand_in
    out = []
    try:
        for j in judged:
            cap.last = {}
            service.search(j.query, mode=mode, k=10)
            last = cap.last
            data, cov = last["data"], last.get("coverage")
            row = {"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query,
                   "relevant": sorted(j.relevant), "listing": bool(last.get("listing")), "concepts": [],
                   "candidates": []}
            if row["listing"] or cov is None:
                row["candidates"] = [{"ward": w, "relevant": w in j.relevant} for w in last["claimed"]]
                out.append(row)
                continue
            n = max(1, data.doc_count)
            rm3 = last.get("stand_in")
            for (c, _lit), w, rare in zip(cov.literal, cov.weights, cov.specific):
                row["concepts"].append({"surface": c.surface, "term": c.term, "w": w / cov.total,
                                        "pos": c.weight, "specific": rare, "feedback": c.feedback,
                                        "rm3": c is rm3,
                                        "share": len(data.matching_passages(c.query)) / n})
            fb_units = {int(data.unit_code[i]) for i in last.get("feedback", [])}
            ranked = last["ranked"]
            rank = {i: r for r, (i, _s) in enumerate(ranked)}
            score = dict(ranked)
            top = ranked[0][1] if ranked else 1.0
            cosines = last["cosines"]
            best_cos = wardanswer.best_claimable_cosine(data, cosines) if cosines else None
            accepted = {i for evidence in last["claimed"].values() for i in evidence}
            for ward, evidence in last["head"].items():
                for i in evidence:
                    code = int(data.unit_code[i])
                    unit_hits = [k for k, units in enumerate(cov.units) if _unit_hits(data, units, code)]
                    passage_hits = [k for k, (c, _l) in enumerate(cov.literal)
                                    if i in set(data.matching_passages(c.query).tolist())]
                    cos = cosines.get(i)
                    row["candidates"].append({
                        "ward": ward, "relevant": ward in j.relevant, "i": i, "unit": code,
                        "accepted": i in accepted,
                        "section": data.passages[i]["section"],
                        "rank": rank.get(i), "share": score.get(i, 0.0) / top if top else 0.0,
                        "cos": cos, "gap": (best_cos - cos) if cos is not None and best_cos is not None else None,
                        "sem": cos is not None and best_cos is not None
                        and cos >= best_cos - wardanswer.SEMANTIC_CLAIM
                        and len(data.passages[i]["text"]) >= wardanswer.SEMANTIC_CLAIM_MIN_CHARS,
                        "chars": len(data.passages[i]["text"]),
                        "cov": cov.of(i), "unit_hits": unit_hits, "passage_hits": passage_hits,
                        "feedback_unit": code in fb_units})
            out.append(row)
    finally:
        cap.restore()
        expansion.terms, expansion.stand_in = terms, stand_in
    return out


BARS = {"depth": {"depth": 10 ** 6}, "share": {"share": 0.0},
        "coverage": {"unit_coverage": -1.0}, "support": {"support": 0.0}}


def _gates(data, cov, i: int, wardanswer) -> tuple[float, list[str]]:
    """Passage i's unit: its coverage before the gates, and the gates that zero it."""
    code = data.unit_code[np.array([i])]
    raw, specific, own = 0.0, False, False
    for w, units, rare, mine in zip(cov.weights, cov.units, cov.specific, cov.own):
        hit = bool(wardanswer._in_units(units, code)[0])
        raw += w * hit
        specific |= rare and hit
        own |= mine and hit
    gates = []
    if any(cov.specific) and not specific:
        gates.append("specific")
    if cov.stand_in is not None and not wardanswer._in_units(cov.stand_in, code)[0]:
        gates.append("stand_in")
    if wardanswer.OWN_WORD and any(cov.own) and not own:
        gates.append("own")
    if any(needed and not wardanswer._in_units(units, code)[0] for units, needed in zip(cov.units, cov.required)):
        gates.append("head")
    return (raw / cov.total if cov.total else 1.0), gates


def bars(service, judged, mode: str = "hybrid", min_wards: int = 1) -> list[dict]:
    """Per relevant ward the answer misses: the one bar that, lifted alone, lets it answer."""
    from search_app import wardanswer

    original = wardanswer.claims
    last: dict = {}

    def recording(data, ranked, coverage, cosines, **kw):
        last.update(args=(data, ranked, coverage, cosines), kw=kw)
        return original(data, ranked, coverage, cosines, **kw)

    wardanswer.claims = recording
    out = []
    try:
        for j in judged:
            if len(j.relevant) < min_wards:
                continue
            last.clear()
            result = service.search(j.query, mode=mode, k=10)
            answered = {w["ward"] for w in result.get("wards", [])}
            for ward in sorted(set(j.relevant) - answered):
                row = {"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query, "ward": ward,
                       "bar": "none", "gates": [], "raw": None, "rank": None, "share": None}
                out.append(row)
                if "args" not in last or not last["args"][1] or last["kw"].get("listing"):
                    continue
                data, ranked, cov, _cos = last["args"]
                lifted = [name for name, kw in BARS.items()
                          if ward in original(*last["args"], **(last["kw"] | kw))]
                row["bar"] = "+".join(lifted) if lifted else "none"
                top = ranked[0][1] or 1.0
                mine = [(r, i, s) for r, (i, s) in enumerate(ranked)
                        if data.ward[i] == ward and wardanswer.can_claim(data, i)]
                if mine:
                    row["rank"], row["share"] = mine[0][0], round(mine[0][2] / top, 3)
                if cov is not None and mine:
                    # the best-covering unit among the ward's first ten ranked texts
                    best = max((_gates(data, cov, i, wardanswer) for _r, i, _s in mine[:10]),
                               key=lambda g: (not g[1], g[0]))
                    row["raw"], row["gates"] = round(best[0], 3), best[1] or (
                        ["below"] if best[0] < wardanswer.UNIT_COVERAGE else [])
    finally:
        wardanswer.claims = original
    return out


def format_bars(rows: list[dict]) -> str:
    lines, count = [], {}
    for r in rows:
        why = r["bar"] + (f" ({'+'.join(r['gates'])})" if r["bar"] == "coverage" and r["gates"] else "")
        count[why] = count.get(why, 0) + 1
        lines.append(f"{r['set']} {r['id']} [{r['kind']}] {r['query']} — missed {r['ward']}: {why} "
                     f"| first rank {r['rank']} share {r['share']} | coverage before gates {r['raw']}")
    lines.append("")
    lines.append(f"{len(rows)} missed wards: " + ", ".join(f"{k} {v}" for k, v in sorted(count.items(), key=lambda t: -t[1])))
    return "\n".join(lines)


def missed(service, judged, kinds: str = "bc") -> list[dict]:
    """Per relevant ward the hybrid answer misses: where its evidence sits (see --missed)."""
    from search_app import wardanswer
    from search_app.evaluation import compact

    cap = _Capture(wardanswer)
    out = []
    try:
        for j in judged:
            if kinds and j.kind not in kinds:
                continue
            runs = {}
            for mode in ("bm25", "semantic", "hybrid"):
                cap.last = {}
                service.search(j.query, mode=mode, k=10)
                runs[mode] = dict(cap.last)
            h = runs["hybrid"]
            left = sorted(set(j.relevant) - set(h["claimed"]))
            if not left or h.get("listing"):
                continue
            data, cov = h["data"], h.get("coverage")
            texts = [compact(p["text"]) for p in data.passages]
            rank = {m: {i: r for r, (i, _s) in enumerate(runs[m]["ranked"])} for m in runs}
            ranked = h["ranked"]
            top = ranked[0][1] if ranked else 1.0
            score = dict(ranked)
            groups = data.duplicates.group_ids(np.fromiter((i for i, _s in ranked), dtype=np.int64,
                                                           count=len(ranked)))
            distinct, seen = {}, set()
            for (i, _s), g in zip(ranked, groups.tolist()):
                if g not in seen:
                    seen.add(g)
                distinct[i] = len(seen) - 1
            best_cos = wardanswer.best_claimable_cosine(data, h["cosines"]) if h["cosines"] else None
            for ward in left:
                for ev in j.relevant[ward]:
                    needle = compact(ev["evidence"])
                    holders = [i for i, t in enumerate(texts) if needle in t and data.ward[i] == ward]
                    for i in holders:
                        code = int(data.unit_code[i])
                        covered = [c.surface + ("*" if rare else "") + ("~" if c.feedback else "")
                                   for (c, _l), units, rare in zip(cov.literal, cov.units, cov.specific)
                                   if _unit_hits(data, units, code)] if cov is not None else []
                        cos = h["cosines"].get(i)
                        out.append({
                            "set": j.set, "id": j.qid, "kind": j.kind, "query": j.query, "ward": ward,
                            "evidence": ev["evidence"][:40], "grade": ev.get("grade"),
                            "passage": data.passages[i]["passage_id"], "section": data.passages[i]["section"],
                            "unit": data.unit[i],
                            "rank": {m: rank[m].get(i) for m in rank},
                            "distinct": distinct.get(i), "share": round(score.get(i, 0.0) / top, 3) if top else None,
                            "cos_gap": round(best_cos - cos, 4) if cos is not None and best_cos else None,
                            "coverage": round(cov.of(i), 3) if cov is not None else None,
                            "covered": covered,
                            "in_passage": passage_concepts(data, cov, i) if cov is not None else []})
                    if not holders:
                        out.append({"set": j.set, "id": j.qid, "kind": j.kind, "query": j.query, "ward": ward,
                                    "evidence": ev["evidence"][:40], "grade": ev.get("grade"), "passage": None})
    finally:
        cap.restore()
    return out


def format_missed(rows: list[dict]) -> str:
    lines, last = [], None
    for r in rows:
        if (r["id"], r["ward"]) != last:
            last = (r["id"], r["ward"])
            lines.append(f"\n{r['set']} {r['id']} [{r['kind']}] {r['query']} — missed {r['ward']}")
        if r["passage"] is None:
            lines.append(f"  (no passage holds) {r['evidence']}")
            continue
        rk = " ".join(f"{m[:3]} {'-' if v is None else v + 1}" for m, v in r["rank"].items())
        lines.append(f"  g{r['grade']} {r['evidence'][:30]} | {r['section']} {r['unit']} | {rk} | distinct "
                     f"{'-' if r['distinct'] is None else r['distinct'] + 1} share {r['share']} gap {r['cos_gap']} "
                     f"| cov {r['coverage']} unit[{' '.join(r['covered'])}] passage[{' '.join(r['in_passage'])}]")
    return "\n".join(lines)


CAUSES = (
    "own words, one of them rare (specific)",
    "own words, none rare",
    "own words, only common ones (each in >= 10% of passages)",
    "needs a glossary / dictionary stand-in",
    "needs the feedback guess (learned from this unit)",
    "needs the feedback guess (learned elsewhere)",
    "stand-ins only, none of the user's words",
    "semantic only (the best cosine)",
)
COMMON = 0.1


def _coverage(row, hits, exclude) -> float:
    cs = row["concepts"]
    total = sum(c["w"] for c in cs)
    kept = [k for k in hits if not exclude(cs[k])]
    if any(c["specific"] for c in cs) and not any(cs[k]["specific"] for k in kept):
        return 0.0
    return sum(cs[k]["w"] for k in kept) / total if total else 1.0


def cause(row, cand, unit_coverage: float) -> str:
    """The strongest reason a claim candidate answers (CAUSES, strongest first)."""
    cs, hits = row["concepts"], cand["unit_hits"]
    if _coverage(row, hits, lambda c: c["feedback"] or c["rm3"]) >= unit_coverage:
        own = [cs[k] for k in hits if not (cs[k]["feedback"] or cs[k]["rm3"])]
        if any(c["specific"] for c in own):
            return CAUSES[0]
        return CAUSES[2] if all(c["share"] >= COMMON for c in own) else CAUSES[1]
    if _coverage(row, hits, lambda c: c["rm3"]) >= unit_coverage:
        return CAUSES[3]
    if cand["cov"] >= unit_coverage:
        if not any(not (cs[k]["feedback"] or cs[k]["rm3"]) for k in hits) and \
                any(not (c["feedback"] or c["rm3"]) for c in cs):
            return CAUSES[6]
        return CAUSES[4] if cand["feedback_unit"] else CAUSES[5]
    return CAUSES[7]


def cause_table(rows, unit_coverage: float) -> dict[str, list[int]]:
    """cause -> [true claims, false claims]: each claimed ward counted once, under
    the strongest reason among its accepted candidates."""
    table = {c: [0, 0] for c in CAUSES}
    for row in rows:
        if row["listing"]:
            continue
        by_ward: dict[str, list] = {}
        for cand in row["candidates"]:
            if cand.get("accepted"):
                by_ward.setdefault(cand["ward"], []).append(cand)
        for ward, cands in by_ward.items():
            best = min(CAUSES.index(cause(row, c, unit_coverage)) for c in cands)
            table[CAUSES[best]][0 if ward in row["relevant"] else 1] += 1
    return table


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--features", action="store_true", help="per-candidate facts as JSON (for rule simulation)")
    ap.add_argument("--causes", action="store_true",
                    help="table: claimed wards (true / false) by the rule that admitted them, with the "
                         "precision rules (wardanswer.OWN_WORD, GUESS_WHERE_LEARNED) off and on")
    ap.add_argument("--missed", action="store_true",
                    help="where the evidence of each relevant ward the hybrid answer misses sits")
    ap.add_argument("--kinds", default="bc", help="with --missed: the query kinds looked at ('' = all)")
    ap.add_argument("--bars", action="store_true",
                    help="which one bar, lifted alone, lets each missed relevant ward answer")
    ap.add_argument("--min-wards", type=int, default=1, help="with --bars: queries with at least this many relevant wards")
    args = ap.parse_args(argv)
    from benchmarks import blind_sets
    blind_sets.refuse(ap, args.gold)
    from search_app.evaluation import load_judgements
    from search_app.service import SearchService

    service = SearchService.open(Path(args.index))
    judged = [j for g in args.gold for j in load_judgements(Path(g))]
    if args.causes:
        from search_app import wardanswer
        tables = {}
        for label, on in (("rules off", False), ("rules on", True)):
            saved = wardanswer.OWN_WORD, wardanswer.GUESS_WHERE_LEARNED
            wardanswer.OWN_WORD = wardanswer.GUESS_WHERE_LEARNED = on
            try:
                tables[label] = cause_table(features(service, judged, args.mode), wardanswer.UNIT_COVERAGE)
            finally:
                wardanswer.OWN_WORD, wardanswer.GUESS_WHERE_LEARNED = saved
        print(f"| what admitted the ward ({args.mode}) | rules off: true / false | rules on: true / false |")
        print("|---|---|---|")
        for c in CAUSES:
            off, on = tables["rules off"][c], tables["rules on"][c]
            print(f"| {c} | {off[0]} / {off[1]} | {on[0]} / {on[1]} |")
        return 0
    if args.missed:
        rows = missed(service, judged, args.kinds)
        if args.json:
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        else:
            print(format_missed(rows))
        return 0
    if args.bars:
        rows = bars(service, judged, args.mode, args.min_wards)
        if args.json:
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        else:
            print(format_bars(rows))
        return 0
    if args.features:
        json.dump(features(service, judged, args.mode), sys.stdout, ensure_ascii=False)
        return 0
    rows = diagnose(service, judged, args.mode)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
    else:
        print(format_rows(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
