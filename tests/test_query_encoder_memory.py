"""A search server's query encoder holds the ONNX weights and a compact tokenizer,
not transformers' 280 MB fast tokenizer (nor torch): same ids, same query vectors."""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from indexer.unigram_tokenizer import UnigramTokenizer, UnsupportedTokenizerError

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "multilingual-e5-small"

pytestmark = pytest.mark.skipif(not (MODEL / "onnx" / "model_fp32.onnx").is_file(),
                                reason="the model is built by `kyoten build-model`")

TRICKY = ["", " ", "　", "query: ", "query: 多胎児", "query: 双子を育てる親への支援",
          "query: 令和５年度　西区の ひろば（親子の居場所）", "query: ｶﾞｲﾄﾞﾌﾞｯｸ①②Ⅱ", "passage: 😀👶🏻🇯🇵 𠮷野家",
          "<mask>", " <mask> ", "a<mask>b", "\u3000<mask>", "<s>子育て</s>", "<unk><pad>", "x" * 2000,
          "query: " + "地域子育て支援拠点" * 120, "tab\there\nnew line\u200bzero width", "ｱｲｳ ＡＢＣ abc"]


@pytest.fixture(scope="module")
def fast_tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(MODEL), local_files_only=True)


@pytest.fixture(scope="module")
def compact_tokenizer():
    return UnigramTokenizer(MODEL / "tokenizer.json", model_max_length=512, pad_token="<pad>")


def _texts() -> list[str]:
    lines = [line for f in sorted((ROOT / "corpus").glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    alphabet = list("あア亜ｱＡa 　\t<>/s。、（）①😀𠮷é\u200b") + ["<mask>", "</s>", "子育て", "  "]
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(300)]
    return TRICKY + ["passage: " + line for line in lines[::3]] + noise


def test_compact_tokenizer_gives_the_fast_tokenizers_ids(fast_tokenizer, compact_tokenizer):
    # report lines, special tokens typed by a user, unknown characters (fused), long texts
    for text in _texts():
        for specials in (True, False):
            expected = fast_tokenizer(text, add_special_tokens=specials, truncation=True, max_length=512,
                                      verbose=False)["input_ids"]
            got = compact_tokenizer(text, add_special_tokens=specials, truncation=True, max_length=512)["input_ids"]
            assert got == expected, (text[:60], specials)


def test_a_long_query_is_truncated_to_the_model_window_with_its_special_tokens(compact_tokenizer):
    ids = compact_tokenizer("query: " + "子育て支援" * 400, truncation=True, max_length=512)["input_ids"]
    assert len(ids) == 512 and ids[0] == 0 and ids[-1] == 2


def test_a_tokenizer_file_it_does_not_cover_is_refused(tmp_path):
    spec = json.loads((MODEL / "tokenizer.json").read_text(encoding="utf-8"))
    spec["model"] = {"type": "WordPiece", "vocab": {"[UNK]": 0}, "unk_token": "[UNK]"}
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(UnsupportedTokenizerError):
        UnigramTokenizer(tmp_path / "tokenizer.json")


def test_query_vectors_are_those_of_the_fast_tokenizer_path():
    from indexer.onnx_encoder import OnnxSentenceEncoder

    compact = OnnxSentenceEncoder(MODEL, precision="fp32")
    fast = OnnxSentenceEncoder(MODEL, precision="fp32")
    fast.compact_tokenizer = None
    queries = ["双子を育てる親への支援", "一時預かり", "令和4年度 西区 ひろば事業の利用者数", "<mask> 父親"]
    for q in queries:
        a = compact.encode([q], prompt="query: ", normalize_embeddings=True)[0]
        b = fast.encode([q], prompt="query: ", normalize_embeddings=True)[0]
        assert np.array_equal(a, b), q


def test_a_search_server_encodes_queries_without_transformers_or_torch():
    # A fresh process, as a server: load the query embedder, encode a query.
    code = (
        "import sys, json\n"
        "from indexer.embeddings import Embedder\n"
        f"e = Embedder.load({str(MODEL)!r}, encoder='fp32')\n"
        "v = e.encode_query('双子を育てる親への支援')\n"
        "print(json.dumps({'runtime': e.runtime, 'window': e.window_tokens, 'max': e.max_seq_length,\n"
        "                  'loaded': sorted(m for m in ('torch', 'transformers') if m in sys.modules),\n"
        "                  'norm': float((v * v).sum())}))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["runtime"] == "onnxruntime"
    assert report["loaded"] == []
    assert (report["window"], report["max"]) == (499, 512)  # as the fast tokenizer counts them
    assert abs(report["norm"] - 1.0) < 1e-5


def test_a_model_whose_tokenizer_is_not_covered_still_answers_queries_with_a_warning(tmp_path, caplog):
    from indexer.embeddings import Embedder

    copy = tmp_path / "model"
    for f in MODEL.rglob("*"):
        if f.is_file():
            (copy / f.relative_to(MODEL)).parent.mkdir(parents=True, exist_ok=True)
            (copy / f.relative_to(MODEL)).symlink_to(f)
    spec = json.loads((MODEL / "tokenizer.json").read_text(encoding="utf-8"))
    spec["added_tokens"].append({"id": len(spec["model"]["vocab"]), "content": "拠点事業", "single_word": False,
                                 "lstrip": False, "rstrip": False, "normalized": True, "special": False})
    (copy / "tokenizer.json").unlink()
    (copy / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="indexer.onnx_encoder"):
        e = Embedder.load(copy, encoder="fp32")
    assert e.runtime == "onnxruntime"
    assert any("full tokenizer" in r.getMessage() for r in caplog.records)
    v = e.encode_query("双子を育てる親への支援")
    assert v.shape == (e.dim,) and abs(float(v @ v) - 1.0) < 1e-5
