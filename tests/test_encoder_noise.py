"""benchmarks/encoder_noise: how far the query–passage cosines move between the fp32 and the
int8 encoder of the same model — the width below which "the best cosine" is a tie (the ward
answer's semantic-only claim, wardanswer.SEMANTIC_CLAIM; docs/quality.md, multiward30)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import encoder_noise


def test_two_encodings_that_order_two_passages_differently_are_counted_with_their_gap():
    passages = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    first = np.array([[0.8, 0.6]])     # cosines 0.80, 0.60, 0.96: passage 2, then 0, then 1
    second = np.array([[0.6, 0.8]])    # cosines 0.60, 0.80, 1.00: passage 2, then 1, then 0
    report = encoder_noise.measure(passages, first, second, top=3)
    assert report["queries"] == 1
    # by the first encoding the order is 2, 0, 1; by the second 2, 1, 0: one pair (0, 1) flips,
    # 0.2 apart by the first
    assert report["flipped_pair_gap"]["n"] == 1
    assert report["flipped_pair_gap"]["max"] == pytest.approx(0.2)
    assert report["nearest_differs"] == 0
    assert report["cosine_move"]["max"] == pytest.approx(0.2)


def test_the_encoders_of_the_seed_index_disagree_only_within_a_small_cosine(hybrid_index, tmp_path, capsys):
    from indexer.embeddings import Embedder, resolve_model_path

    model = resolve_model_path("models")
    if not (model / "onnx" / "model_qint8.onnx").exists():
        pytest.skip("no int8 export of the model (kyoten build-model)")
    assert Embedder.load(model, encoder="int8").cache_key != Embedder.load(model, encoder="fp32").cache_key
    gold = tmp_path / "mine.jsonl"
    gold.write_text("\n".join(json.dumps({"id": f"q{n}", "query": q, "type": "b", "relevant": {}}, ensure_ascii=False)
                              for n, q in enumerate(["多胎児の家庭への支援", "父親の育児参加", "子育てサポートシステムの周知"])),
                    encoding="utf-8")
    assert encoder_noise.main([str(hybrid_index), str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["queries"] == 3
    assert 0 < report["cosine_move"]["max"] < 0.02

