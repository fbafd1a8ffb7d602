"""A compact Unigram tokenizer for query texts: the ids of a ``tokenizer.json``, in a few MB.

The fast (Rust) tokenizer that ``transformers`` loads for e5's 250k-piece
SentencePiece vocabulary holds about 280 MB (its piece trie keeps a hash map per
byte node), and importing ``transformers`` for it brings torch into the process
(another ~220 MB). A search server only tokenises short queries, so
:class:`UnigramTokenizer` reads the same ``tokenizer.json`` and keeps the
vocabulary as three sorted numpy arrays (hashes of the pieces, their ids, their
scores) plus the pieces' UTF-8 bytes to confirm every hit — about 10 MB.

The ids are those of the fast tokenizer, by construction:

* special tokens (``<s>``, ``<mask>``…) are split out of the raw text first, as
  ``tokenizers``' added vocabulary does (leftmost-longest, ``lstrip``/``rstrip``);
* each remaining segment goes through the file's own normalizer and
  pre-tokenizer, run by ``tokenizers`` itself (a copy of the file's pipeline
  with a one-piece model, so nothing is re-implemented there);
* each word is segmented by the Viterbi search of ``tokenizers``' Unigram model
  (``encode_optimized``: same scores summed in the same order, same tie rule,
  the same unknown-character penalty and fusing of unknown runs);
* the post-processor's template adds the special tokens; truncation keeps the
  first ``max_length`` ids, specials included.

The search is in Python, so it is meant for short texts (a query: well under a
millisecond); passages are tokenised by the fast tokenizer. A file this class
does not cover (another model type, byte fallback, added tokens that are
normalised or single-word) raises :class:`UnsupportedTokenizerError`, and the
caller uses the fast tokenizer instead.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

#: ``tokenizers``' penalty for an unknown character, below the lowest piece score.
UNK_PENALTY = 10.0

#: Unicode White_Space, which Rust's ``char::is_whitespace`` tests (Python's
#: ``str.isspace`` also accepts U+001C–U+001F).
_WHITESPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                        "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


class UnsupportedTokenizerError(ValueError):
    """The tokenizer file is not one this compact tokenizer reproduces exactly."""


def _special_affixes(post: dict | None, token_id) -> tuple[list[int], list[int]]:
    """The ids the post-processor puts before and after a single sequence."""
    if not post:
        return [], []
    kind = post.get("type")
    if kind in ("RobertaProcessing", "BertProcessing"):
        return [int(post["cls"][1])], [int(post["sep"][1])]
    if kind != "TemplateProcessing":
        raise UnsupportedTokenizerError(f"post-processor {kind!r}")
    specials = post.get("special_tokens") or {}
    before: list[int] = []
    after: list[int] = []
    seen_sequence = False
    for item in post.get("single") or []:
        if "Sequence" in item:
            if seen_sequence:
                raise UnsupportedTokenizerError("a template with the sequence twice")
            seen_sequence = True
        elif "SpecialToken" in item:
            name = item["SpecialToken"]["id"]
            ids = (specials.get(name) or {}).get("ids")
            if ids is None:
                ids = [token_id(name)]
            (after if seen_sequence else before).extend(int(i) for i in ids)
        else:
            raise UnsupportedTokenizerError(f"template item {item!r}")
    if not seen_sequence:
        raise UnsupportedTokenizerError("a template without the sequence")
    return before, after


class UnigramTokenizer:
    """Token ids of a SentencePiece-Unigram ``tokenizer.json``, equal to the fast tokenizer's."""

    def __init__(self, path: Path | str, model_max_length: int | None = None, pad_token: str | None = None):
        path = Path(path)
        try:
            spec = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise UnsupportedTokenizerError(f"cannot read {path}: {exc}") from exc
        model = spec.get("model") or {}
        if model.get("type") != "Unigram":
            raise UnsupportedTokenizerError(f"model type {model.get('type')!r}, not Unigram")
        if model.get("byte_fallback"):
            raise UnsupportedTokenizerError("byte fallback")
        if model.get("fuse_unk") is False:  # absent means fused, as in tokenizers
            raise UnsupportedTokenizerError("unfused unknown tokens")
        if model.get("unk_id") is None:
            raise UnsupportedTokenizerError("no unknown-token id")
        vocab = model.get("vocab") or []
        self._unk_id = int(model["unk_id"])
        texts = [piece for piece, _score in vocab]
        self._scores = np.array([score for _piece, score in vocab], dtype=np.float64)
        self._unk_score = float(self._scores.min()) - UNK_PENALTY
        encoded = [piece.encode("utf-8") for piece in texts]
        self._blob = b"".join(encoded)
        self._offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=self._offsets[1:])
        if len(set(texts)) == len(texts):
            kept = np.arange(len(texts), dtype=np.int64)
        else:  # a repeated piece: its last id wins, as in tokenizers' map
            last = {piece: i for i, piece in enumerate(texts)}
            kept = np.fromiter(last.values(), dtype=np.int64, count=len(last))
            texts = list(last)
        hashes = np.fromiter(map(hash, texts), dtype=np.int64, count=len(texts))
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._ids = kept[order].astype(np.int32)
        self._max_chars = max(map(len, texts), default=1)
        del texts, encoded
        added = spec.get("added_tokens") or []
        for token in added:
            if token.get("normalized") or token.get("single_word"):
                raise UnsupportedTokenizerError(f"added token {token.get('content')!r} is normalised or single-word")
        self._added = {t["content"]: (int(t["id"]), bool(t.get("lstrip")), bool(t.get("rstrip"))) for t in added}
        contents = sorted(self._added, key=len, reverse=True)  # leftmost-longest
        self._added_re = re.compile("|".join(map(re.escape, contents))) if contents else None
        self._before, self._after = _special_affixes(spec.get("post_processor"), self.token_to_id)
        # The file's own normalizer and pre-tokenizer, run by tokenizers.
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - a dependency of transformers
            raise UnsupportedTokenizerError(f"the tokenizers package is missing ({exc})") from exc

        pipeline = {k: spec.get(k) for k in ("version", "truncation", "padding", "normalizer", "pre_tokenizer",
                                             "post_processor", "decoder")}
        pipeline.update(added_tokens=[], model={"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]],
                                                "byte_fallback": False})
        del spec, vocab, model
        light = Tokenizer.from_str(json.dumps(pipeline))
        self._normalizer = light.normalizer
        self._pre_tokenizer = light.pre_tokenizer
        self.model_max_length = int(model_max_length) if model_max_length else int(1e30)
        self.pad_token_id = self.token_to_id(pad_token) if pad_token else None

    # ------------------------------------------------------------------ vocabulary

    def _piece(self, token_id: int) -> str:
        return self._blob[self._offsets[token_id]:self._offsets[token_id + 1]].decode("utf-8")

    def _lookup(self, keys: list[int], texts: list[str]) -> list[int]:
        """The id of each text (-1 when it is not a piece), found by its hash and
        confirmed by its bytes."""
        if not keys:
            return []
        wanted = np.array(keys, dtype=np.int64)
        pos = np.searchsorted(self._hashes, wanted)
        n = len(self._hashes)
        hit = np.flatnonzero(self._hashes[np.minimum(pos, n - 1)] == wanted)
        found = [-1] * len(keys)
        if not len(hit):
            return found
        first = self._ids[pos[hit]]
        starts, ends = self._offsets[first].tolist(), self._offsets[first + 1].tolist()
        blob = self._blob
        for k, token_id, a, b, p in zip(hit.tolist(), first.tolist(), starts, ends, pos[hit].tolist()):
            if blob[a:b] == texts[k].encode("utf-8"):
                found[k] = token_id
                continue
            p += 1  # another piece with the same hash (never seen, but possible)
            while p < n and self._hashes[p] == wanted[k]:
                if self._piece(int(self._ids[p])) == texts[k]:
                    found[k] = int(self._ids[p])
                    break
                p += 1
        return found

    def token_to_id(self, text: str) -> int | None:
        if text in self._added:
            return self._added[text][0]
        token_id = self._lookup([hash(text)], [text])[0]
        return None if token_id < 0 else token_id

    # ------------------------------------------------------------------ tokenising

    def _word_ids(self, word: str) -> list[int]:
        """tokenizers' ``Unigram::encode_optimized`` over characters (pieces are
        valid UTF-8, so their byte ends fall on character boundaries)."""
        n = len(word)
        if not n:
            return []
        spans: list[tuple[int, int]] = []
        keys: list[int] = []
        texts: list[str] = []
        for start in range(n):
            for end in range(start + 1, min(n, start + self._max_chars) + 1):
                text = word[start:end]
                spans.append((start, end))
                keys.append(hash(text))
                texts.append(text)
        found = self._lookup(keys, texts)
        matches: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for (start, end), token_id in zip(spans, found):
            if token_id >= 0:
                matches[start].append((end, token_id))  # by increasing length, as the trie yields them
        scores = self._scores
        best = [0.0] * (n + 1)
        starts = [-1] * (n + 1)
        ids = [0] * (n + 1)
        for start in range(n):
            base = best[start]
            single = False
            for end, token_id in matches[start]:
                candidate = float(scores[token_id]) + base
                if starts[end] < 0 or candidate > best[end]:
                    best[end], starts[end], ids[end] = candidate, start, token_id
                if end == start + 1:
                    single = True
            if not single:
                end = start + 1
                candidate = self._unk_score + base
                if starts[end] < 0 or candidate > best[end]:
                    best[end], starts[end], ids[end] = candidate, start, self._unk_id
        out: list[int] = []
        unknown_run: list[str] = []  # fused into one token, as tokenizers does
        end = n
        while end > 0:
            start = starts[end]
            if ids[end] == self._unk_id:
                unknown_run.append(word[start:end])
            else:
                if unknown_run:
                    out.append(self._fused_id(unknown_run))
                    unknown_run = []
                out.append(ids[end])
            end = start
        if unknown_run:
            out.append(self._fused_id(unknown_run))
        out.reverse()
        return out

    def _fused_id(self, reversed_parts: list[str]) -> int:
        text = "".join(reversed(reversed_parts))
        token_id = self._lookup([hash(text)], [text])[0]
        return self._unk_id if token_id < 0 else token_id

    def _segments(self, text: str):
        """``(text, None)`` for ordinary text and ``(None, id)`` for each special
        token, as tokenizers' added vocabulary splits the raw text."""
        if self._added_re is None or not text:
            yield text, None
            return
        done = 0
        for match in self._added_re.finditer(text):
            token_id, lstrip, rstrip = self._added[match.group()]
            start, stop = match.start(), match.end()
            if lstrip:
                while start > done and text[start - 1] in _WHITESPACE:
                    start -= 1
            if rstrip:
                while stop < len(text) and text[stop] in _WHITESPACE:
                    stop += 1
            if done < start:
                yield text[done:start], None
            yield None, token_id
            done = stop
        if done < len(text):
            yield text[done:], None

    def encode(self, text: str, add_special_tokens: bool = True, max_length: int | None = None) -> list[int]:
        ids: list[int] = []
        for segment, special in self._segments(text):
            if special is not None:
                ids.append(special)
                continue
            normalized = self._normalizer.normalize_str(segment) if self._normalizer is not None else segment
            words = ([w for w, _span in self._pre_tokenizer.pre_tokenize_str(normalized)]
                     if self._pre_tokenizer is not None else [normalized])
            for word in words:
                ids.extend(self._word_ids(word))
        if not add_special_tokens:
            return ids[:max_length] if max_length is not None else ids
        if max_length is not None:
            ids = ids[: max(0, max_length - len(self._before) - len(self._after))]
        return self._before + ids + self._after

    def __call__(self, texts, add_special_tokens: bool = True, truncation: bool = False,
                 max_length: int | None = None, **_ignored) -> dict:
        """``{"input_ids": ...}`` for a text or a list of texts, like a transformers tokenizer."""
        limit = max_length if truncation and max_length else None
        if isinstance(texts, str):
            return {"input_ids": self.encode(texts, add_special_tokens, limit)}
        return {"input_ids": [self.encode(t, add_special_tokens, limit) for t in texts]}
