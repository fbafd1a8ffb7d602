"""Can the semantic half tell a topic the reports never mention from a paraphrase?

For the judged paraphrases and questions (kinds b and c of the given files) and a
fixed list of everyday topics no child-rearing hub report is about, prints the
distribution of the query's cosines to every passage: the best cosine, its margin
over the 10th and over the median, its z-score, the mean of the top 20, and the
cosine to the corpus centroid — judged min / 10th percentile / median against
off-topic median / 90th percentile / max — and how each off-topic query is answered
(wards and what they rest on, `basis`).

    python -m benchmarks.offtopic INDEX_DIR ../shared/eval/dev.jsonl eval/extra.jsonl ...
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import numpy as np

from search_app.service import SearchService

# Everyday topics that are not about child-rearing support (written 2026-11-30,
# before looking at any answer to them).
OFF_TOPIC = ["天気予報", "株価", "サッカー", "ラーメン", "確定申告", "自転車", "釣り", "温泉旅行",
             "住宅ローン", "車検", "野球", "携帯料金", "年金", "投資信託", "選挙", "ゴルフ", "登山",
             "カラオケ", "宝くじ", "天体観測", "焼肉", "ダイエット", "株式投資", "プロ野球の結果",
             "今日の天気", "新幹線の時刻表", "ラーメンのおいしい店", "車の修理", "パソコンの故障"]


def features(service: SearchService, query: str) -> dict[str, float]:
    data = service.data
    vectors = data.vectors[data.embedded]
    sims = np.sort(vectors @ service.embedder().encode_query(query))[::-1]
    centroid = vectors.mean(0)
    centroid /= np.linalg.norm(centroid)
    return {"best": sims[0], "best-10th": sims[0] - sims[9], "best-median": sims[0] - np.median(sims),
            "z": (sims[0] - sims.mean()) / sims.std(), "top20 mean": sims[:20].mean(),
            "centroid": float(centroid @ service.embedder().encode_query(query))}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("judged", nargs="+", type=Path)
    args = ap.parse_args(argv)
    service = SearchService(args.index)
    judged = [json.loads(line)["query"] for path in args.judged
              for line in path.read_text(encoding="utf-8").splitlines()
              if line.strip() and json.loads(line)["type"] in ("b", "c")]
    j = [features(service, q) for q in judged]
    o = [features(service, q) for q in OFF_TOPIC]
    print(f"| feature | judged b/c ({len(j)}): min / p10 / median | off-topic ({len(o)}): median / p90 / max |")
    print("|---|---|---|")
    for k in j[0]:
        a, b = sorted(x[k] for x in j), sorted(x[k] for x in o)
        print(f"| {k} | {a[0]:.3f} / {a[len(a) // 10]:.3f} / {statistics.median(a):.3f} "
              f"| {statistics.median(b):.3f} / {b[int(len(b) * 0.9)]:.3f} / {b[-1]:.3f} |")
    print()
    for q in OFF_TOPIC:
        r = service.search(q)
        print(q, [(w["ward"], w["basis"]) for w in r["wards"]])


if __name__ == "__main__":
    main()
