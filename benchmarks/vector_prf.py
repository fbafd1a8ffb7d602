"""Vector pseudo-relevance feedback (search_app/vectorfeedback.py): variants side by side.

    python -m benchmarks.vector_prf GOLD.jsonl ... --index DIR [--variants FILE.json]
                                    [--modes hybrid,semantic] [--archive OUT] [--json]
    python -m benchmarks.vector_prf --cost --index DIR [--rounds 3]

Every variant is a mapping of `search_app.vectorfeedback` attributes (and any other
dotted module attribute) set for its run and restored afterwards; the queries go through
the public `SearchService.search`. Per variant and mode: evidence recall@10 / ward-set F1
per judged file, for the held-out files pooled, per kind of those; then leave-one-out
over all queries pooled (for each query the variant best on the others scores it, by the
mean of recall and F1, as `search_app.evaluation.leave_one_out`), and the queries each
variant moves against the first variant ("off").

With ``--archive OUT`` (an archive built by `python -m benchmarks.quality --archive --out
OUT`), the same variants are measured on it instead: ward-set F1, strict F1,
distinct-evidence recall@10 and duplicates per top 10 (benchmarks/archive.py).

With ``--diagnose``: for every judged evidence string of the kind b and c queries, its
rank in the semantic half before and after the feedback (hybrid searches), split by
whether the keyword half ranks it in its top 20 ("literal") or not ("semantic only":
the evidence only the semantic half can bring into the hybrid top 10).

With ``--cost``: the semantic half's time per query, off and on (the default "on"
variant, or the first one of ``--variants`` that is not off), alternating round by
round, the query vectors encoded once first (the feedback's own cost: one fusion of
the first pass, a mean of k vectors, one more product over the passages).

Query encodings are memoised per text for the run (the refinement does not encode
anything; only the first query vector is the model's). Never give it a blind set.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from pathlib import Path

from search_app import evaluation
from search_app.service import SearchService

OFF = {"FEEDBACK_DOCS": 0}
DEFAULT_VARIANTS: dict[str, dict] = {
    "off": OFF,
    "fused k3 b0.5": {"FEEDBACK_DOCS": 3, "BETA": 0.5, "SOURCE": "fused"},
    "fused k5 b0.5": {"FEEDBACK_DOCS": 5, "BETA": 0.5, "SOURCE": "fused"},
    "semantic k5 b0.5": {"FEEDBACK_DOCS": 5, "BETA": 0.5, "SOURCE": "semantic"},
}
PREFIX = "search_app.vectorfeedback."


def _target(name: str):
    path = name if "." in name else PREFIX + name
    module_name, _, attr = path.rpartition(".")
    return importlib.import_module(module_name), attr


class Setting:
    """Module attributes set for a block, restored after."""

    def __init__(self, values: dict):
        self.values = values
        self.saved: list = []

    def __enter__(self):
        for name, value in self.values.items():
            module, attr = _target(name)
            self.saved.append((module, attr, getattr(module, attr)))
            setattr(module, attr, value)

    def __exit__(self, *exc):
        for module, attr, value in reversed(self.saved):
            setattr(module, attr, value)
        self.saved.clear()


def memoise_queries(service) -> None:
    """Encode each query text once for the whole run."""
    embedder = service.embedder()
    if embedder is None:
        return
    plain, memo = embedder.encode_query, {}

    def encode_query(text: str):
        if text not in memo:
            memo[text] = plain(text)
        return memo[text]
    embedder.encode_query = encode_query


def _summ(rows: list[dict]) -> dict:
    return evaluation.summarise(rows) | {"n": len(rows)}


def seed_report(service, judged, variants: dict, modes: list[str]) -> dict:
    rows: dict[str, dict[str, list[dict]]] = {}
    for name, values in variants.items():
        rows[name] = {}
        with Setting(values):
            for mode in modes:
                rows[name][mode] = [evaluation.score_query(j, service.search(j.query, mode=mode, k=10))
                                    | {"set": j.set} for j in judged]
        print(f"  measured {name}", file=sys.stderr)
    out = {"variants": {}, "loo": {}, "moved": {}}
    first = next(iter(variants))
    for name in variants:
        out["variants"][name] = {}
        for mode in modes:
            r = rows[name][mode]
            held = [x for x in r if x["set"] != "dev"]
            sets: dict[str, list] = {}
            for x in r:
                sets.setdefault(x["set"], []).append(x)
            out["variants"][name][mode] = {
                "all": _summ(r), "held_out": _summ(held),
                "by_set": {s: _summ(v) for s, v in sets.items()},
                "held_out_by_kind": evaluation.by_kind(held), "by_kind": evaluation.by_kind(r)}
            if name != first:
                moved = []
                for a, b in zip(rows[first][mode], r):
                    if (round(a["evidence_recall"], 3), round(a["ward_f1"], 3)) != \
                            (round(b["evidence_recall"], 3), round(b["ward_f1"], 3)):
                        moved.append(f"{a['id']} {a['evidence_recall']:.2f}/{a['ward_f1']:.2f}"
                                     f"→{b['evidence_recall']:.2f}/{b['ward_f1']:.2f}")
                out["moved"].setdefault(name, {})[mode] = moved
    names = list(variants)
    for mode in modes:
        n = len(judged)
        loo_rows, chosen = [], {}
        for qi in range(n):
            def mean(v: str) -> float:
                return sum(evaluation.objective(rows[v][mode][k]) for k in range(n) if k != qi) / (n - 1)
            # ties go to the first variant ("off"), then to the earlier one
            best = max(range(len(names)), key=lambda vi: (round(mean(names[vi]), 9), vi == 0, -vi))
            chosen[names[best]] = chosen.get(names[best], 0) + 1
            loo_rows.append(rows[names[best]][mode][qi])
        held = [x for x in loo_rows if x["set"] != "dev"]
        dev = [x for x in loo_rows if x["set"] == "dev"]
        out["loo"][mode] = {"all": _summ(loo_rows), "held_out": _summ(held), "dev": _summ(dev),
                            "held_out_by_kind": evaluation.by_kind(held), "chosen": chosen}
    return out


def format_seed(report: dict) -> str:
    lines = []
    for mode in next(iter(report["variants"].values())):
        lines += [f"\n{mode} (evidence recall@10 / ward-set F1)",
                  "| variant | dev | held-out | extra | extra2 | extra3 | extra4 | held-out a | b | c | d |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for name, v in report["variants"].items():
            e = v[mode]
            fig = lambda s: f"{s['evidence_recall']:.3f} / {s['ward_f1']:.3f}"   # noqa: E731
            sets = [fig(e["by_set"][s]) if s in e["by_set"] else "" for s in ("dev", "extra", "extra2", "extra3", "extra4")]
            kinds = [fig(e["held_out_by_kind"][k]) if k in e["held_out_by_kind"] else "" for k in "abcd"]
            lines.append(f"| {name} | {sets[0]} | {fig(e['held_out'])} | {' | '.join(sets[1:])} | {' | '.join(kinds)} |")
        lo = report["loo"][mode]
        lines.append(f"{mode} LOO over all queries pooled: all {lo['all']['evidence_recall']:.3f} / "
                     f"{lo['all']['ward_f1']:.3f}, dev {lo['dev']['evidence_recall']:.3f} / {lo['dev']['ward_f1']:.3f}, "
                     f"held-out {lo['held_out']['evidence_recall']:.3f} / {lo['held_out']['ward_f1']:.3f}; "
                     f"chosen {lo['chosen']}")
        for name, moved in report["moved"].items():
            if moved.get(mode):
                lines.append(f"  {name}: {', '.join(moved[mode])}")
    return "\n".join(lines)


def archive_report(out_dir: Path, gold: list[Path], variants: dict, modes: list[str]) -> dict:
    from . import archive, quality
    copies = archive.build(out_dir)
    service = SearchService.open(out_dir / "index")
    memoise_queries(service)
    queries = [dict(json.loads(line), _set=g.stem) for g in gold
               for line in g.read_text(encoding="utf-8").splitlines() if line.strip()]
    report, first = {}, {}
    for name, values in variants.items():
        with Setting(values):
            r = quality.measure(service, queries, copies, modes)
        report[name] = {m: {"overall": r["modes"][m]["overall"], "by_kind": r["modes"][m]["by_kind"]}
                        for m in modes}
        for m in modes:
            rows = r["modes"][m]["per_query"]
            if m not in first:
                first[m] = rows
                continue
            report[name][m]["moved"] = [
                f"{a['id']} {a['distinct_evidence_recall']:.2f}/{a['ward_f1']:.2f}"
                f"→{b['distinct_evidence_recall']:.2f}/{b['ward_f1']:.2f}"
                for a, b in zip(first[m], rows)
                if (a["distinct_evidence_recall"], a["ward_f1"]) != (b["distinct_evidence_recall"], b["ward_f1"])]
        print(f"  measured {name}", file=sys.stderr)
    return report


def format_archive(report: dict) -> str:
    lines = ["| variant | mode | ward-set F1 | strict F1 | distinct recall@10 | duplicates | recall b | recall c |",
             "|---|---|---|---|---|---|---|---|"]
    for name, modes in report.items():
        for mode, r in modes.items():
            o, k = r["overall"], r["by_kind"]
            lines.append(f"| {name} | {mode} | {o['ward_f1']:.3f} | {o['ward_f1_strict']:.3f} | "
                         f"{o['distinct_evidence_recall']:.3f} | {o['duplicates']:.2f} | "
                         f"{k['b']['distinct_evidence_recall']:.3f} | {k['c']['distinct_evidence_recall']:.3f} |")
            if r.get("moved"):
                lines.append(f"|  | moved against {next(iter(report))}: {', '.join(r['moved'])} |||||||")
    return "\n".join(lines)


def cost(index: Path, variant: dict, rounds: int, base: dict | None = None) -> str:
    service = SearchService.open(index)
    memoise_queries(service)
    queries = ["子育て 相談", "父親の育児参加", "多胎児", "地域との連携", "利用者の声をどうやって集めているか",
               "ボランティア 育成", "一時預かり", "転勤してきた家族への支援", "情報発信 SNS", "障害のある子ども"]
    off = OFF | (base or {})
    with Setting(off):
        for q in queries:   # encode once, warm every cache
            service.search(q, mode="hybrid", k=10)
    times = {"off": [], "on": []}
    for _r in range(rounds):
        for label, values in (("off", off), ("on", variant)):
            with Setting(values):
                for q in queries:
                    t = time.perf_counter()
                    service.search(q, mode="hybrid", k=10)
                    times[label].append((time.perf_counter() - t) * 1000)
    data = service.data
    lines = [f"index {index}: {data.n} passages; hybrid search, {len(queries)} queries × {rounds} rounds; "
             f"on = {variant}"]
    for label, ts in times.items():
        ts.sort()
        lines.append(f"  {label}: p50 {statistics.median(ts):.1f} ms, p95 {ts[int(0.95 * (len(ts) - 1))]:.1f} ms")
    return "\n".join(lines)


def diagnose(index: Path, judged, variants: dict) -> str:
    from search_app import retrieval_bm25, retrieval_semantic
    service = SearchService.open(index)
    memoise_queries(service)
    texts = [evaluation.compact(p["text"]) for p in service.data.passages]
    semantic_plain, keyword_plain = retrieval_semantic.search, retrieval_bm25.search
    passes: list = []
    keyword: list = []

    def semantic_spy(*args, **kwargs):
        out = semantic_plain(*args, **kwargs)
        passes.append(out)
        return out

    def keyword_spy(*args, **kwargs):
        out = keyword_plain(*args, **kwargs)
        keyword.append(sorted(out, key=lambda x: -x[1]))
        return out

    def rank(ranking, needle):
        return next((r for r, (i, _s) in enumerate(ranking) if needle in texts[i]), 10_000)

    lines = ["| variant | evidence (kind, keyword top 20?) | strings | semantic rank up / down / same "
             "| in the semantic top 10 before → after |", "|---|---|---|---|---|"]
    retrieval_semantic.search, retrieval_bm25.search = semantic_spy, keyword_spy
    try:
        for name, values in variants.items():
            if values.get("FEEDBACK_DOCS", 0) <= 0:
                continue
            stats: dict[str, list[int]] = {}
            with Setting(values):
                for j in judged:
                    if j.kind not in ("b", "c"):
                        continue
                    passes.clear()
                    keyword.clear()
                    service.search(j.query, mode="hybrid", k=10)
                    if len(passes) < 2:
                        continue
                    before, after = passes[0], passes[-1]
                    for evidence in j.relevant.values():
                        for e in evidence:
                            needle = evaluation.compact(e["evidence"])
                            a, b = rank(before, needle), rank(after, needle)
                            literal = bool(keyword) and rank(keyword[0], needle) < 20
                            st = stats.setdefault(f"{j.kind}, {'literal' if literal else 'semantic only'}",
                                                  [0, 0, 0, 0, 0, 0])
                            st[0] += 1
                            st[1 if b < a else 2 if b > a else 3] += 1
                            st[4] += a < 10
                            st[5] += b < 10
            for key in sorted(stats):
                n, up, down, same, was, now = stats[key]
                lines.append(f"| {name} | {key} | {n} | {up} / {down} / {same} | {was} → {now} |")
    finally:
        retrieval_semantic.search, retrieval_bm25.search = semantic_plain, keyword_plain
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--index", required=False)
    ap.add_argument("--variants", help="JSON file {name: {attribute: value}}")
    ap.add_argument("--modes", default="hybrid,semantic")
    ap.add_argument("--archive", help="archive folder (benchmarks.quality --archive --out)")
    ap.add_argument("--cost", action="store_true")
    ap.add_argument("--diagnose", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-floor", action="store_true",
                    help="with --cost: no semantic floor (a synthetic index's random vectors never reach it)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    variants = json.loads(Path(a.variants).read_text(encoding="utf-8")) if a.variants else DEFAULT_VARIANTS
    modes = a.modes.split(",")
    if a.cost:
        on = next((v for v in variants.values() if v.get("FEEDBACK_DOCS", 0) > 0), DEFAULT_VARIANTS["fused k5 b0.5"])
        if a.no_floor:
            on = on | {"search_app.retrieval_semantic.FLOOR": -1.0}
            print(cost(Path(a.index), on, a.rounds, {"search_app.retrieval_semantic.FLOOR": -1.0}))
        else:
            print(cost(Path(a.index), on, a.rounds))
        return 0
    gold = [Path(g) for g in a.gold]
    if a.archive:
        report = archive_report(Path(a.archive), gold, variants, modes)
        print(json.dumps(report, ensure_ascii=False, indent=1) if a.json else format_archive(report))
        return 0
    judged = [j for g in gold for j in evaluation.load_judgements(g)]
    if a.diagnose:
        print(diagnose(Path(a.index), judged, variants))
        return 0
    service = SearchService.open(Path(a.index))
    memoise_queries(service)
    report = seed_report(service, judged, variants, modes)
    print(json.dumps(report, ensure_ascii=False, indent=1) if a.json else format_seed(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
