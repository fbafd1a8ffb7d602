"""Japanese text analysis for the Whoosh index, as composable Whoosh parts.

Two analyzers are built here, in the style of Whoosh's own tokenizers and
filters (a ``Tokenizer`` subclass yielding one reused ``Token``; filters
chained with ``|``):

``japanese_analyzer()``
    ``SudachiTokenizer() | JapaneseStopFilter()``: morphological analysis with
    SudachiPy, for the main text and goal fields.

``bigram_analyzer()``
    ``BigramTokenizer()``: character 2-grams, for a secondary field that
    finds words hidden inside longer compounds that Sudachi keeps whole
    (``パパ`` inside ``プレパパママクラス``).

Dictionary choice
-----------------
We use **SudachiDict core** (the ``sudachidict-core`` package). The ``full``
dictionary (more proper nouns) and chikkarpy (the reader of Sudachi's synonym
dictionary) cannot be installed in this project's environments: their package
builds download files from the internet at install time, and only package
registries are reachable. Domain synonyms come from our own editable glossary
(``indexer/synonyms.py``, ``indexer/data/glossary.txt``); general ones from
Sudachi's synonym dictionary itself, vendored and read by
``indexer/general_synonyms.py``.

What the Sudachi tokenizer emits
--------------------------------
* Input is NFKC-normalised before analysis (full-width digits and Latin,
  half-width katakana, ``㈱`` ...) but every token's ``startchar``/``endchar``
  point into the *original* string, so highlighting works on stored text.
  Normalisation is done per character cluster (a character plus following
  combining marks, so ``ﾊﾟ`` becomes ``パ``) and an offset map is kept.
* One token per split-mode **C** morpheme (the longest units), at
  consecutive positions. Morphemes whose part of speech is dropped (see
  below) take no position.
* "Search mode", like the Elasticsearch Sudachi plugin: when a C morpheme is
  a compound, its split-mode **A** parts are emitted too, at the *same*
  position as the compound (``多胎児`` -> ``多胎児`` + ``胎児``; ``交流会`` ->
  ``交流会`` + ``交流`` + ``会``). Parts are emitted at index time only; with
  ``mode="query"`` (what Whoosh's query parser passes) only C morphemes are
  emitted, so a query for ``多胎児`` is the single term ``多胎児`` and phrase
  queries stay sequential. Use :func:`analyze_query_terms` to get the parts
  of a query's compounds for "compound OR (part AND part)" queries.
* Token text is Sudachi's ``normalized_form()``, lower-cased, then rewritten
  with :data:`TERM_REWRITES` (``子ども``/``こども`` -> ``子供`` inside compound
  forms that Sudachi leaves alone, e.g. ``認定こども園``). So ``子ども``,
  ``子供`` and ``こども`` all index as ``子供``; verbs index as their
  normalised base form (``つながっ`` -> ``繋がる``); ``ＰＡＰＡ``/``ﾊﾟﾊﾟ`` ->
  ``パパ``; ``LINE`` -> ``line``.

Parts of speech
---------------
Kept: nouns (名詞, incl. proper nouns and numerals), verbs (動詞), adjectives
(形容詞), adjectival nouns (形状詞), adverbs (副詞; the function-like ones are
stopwords), and suffixes (接尾辞, e.g. 区, 者, 同士) when they stand as their
own C morpheme -- the query is analysed the same way, so keeping them keeps
queries like ``利用者`` precise.

Dropped (:data:`DROP_POS`): particles (助詞), auxiliary verbs (助動詞),
symbols and punctuation (補助記号, 記号), whitespace (空白), conjunctions
(接続詞), adnominals (連体詞: その, この, 大きな), interjections (感動詞),
pronouns (代名詞: これ, それ, 何), prefixes (接頭辞: お/御, 各, 新, 第 ... as
stand-alone morphemes), and auxiliary-verb stems (``よう`` in ``ように``).

A-parts additionally drop (:data:`DROP_PART_POS`) prefixes and suffixes:
``多胎児`` gives ``胎児`` (not ``多``), ``利用者`` gives ``利用`` (not
``者``), ``今年度`` gives ``年度``.

Stopwords (:data:`JAPANESE_STOPWORDS`) are removed by
:class:`JapaneseStopFilter`; the list holds both the surface and Sudachi's
normalised form (``する``/``為る``, ``いる``/``居る``, ``こと``, ``もの``/``物``
...), since token texts are normalised forms.

Threads and pickling
--------------------
SudachiPy tokenizers are not thread-safe (since 0.6.9 concurrent use of one
raises ``RuntimeError: Already borrowed``; 0.7 raises ``SudachiError``). This
module keeps ONE shared ``Dictionary`` per dictionary name (module level,
created lazily under a lock) and ONE Sudachi tokenizer per thread
(``threading.local``). Analyzer objects hold only plain configuration, so they
pickle into the Whoosh schema, compare with ``==``, and find their Sudachi
objects again after unpickling. Each call materialises a chunk's morphemes
into Python tuples before yielding, so interleaved generators in one thread
are safe too.
"""

from __future__ import annotations

import abc
import functools
import os
import re
import threading
import unicodedata
from collections import OrderedDict
from typing import Iterator, NamedTuple

from whoosh.analysis import CompositeAnalyzer, Filter, Token, Tokenizer

__all__ = [
    "BigramTokenizer",
    "DROP_PART_POS",
    "DROP_POS",
    "JAPANESE_STOPWORDS",
    "JapaneseStopFilter",
    "QueryTerm",
    "SudachiTokenizer",
    "TERM_REWRITES",
    "analyze_query_terms",
    "analyze_terms",
    "bigram_analyzer",
    "get_dictionary",
    "index_term_spans",
    "index_terms",
    "japanese_analyzer",
    "nfkc_offsets",
    "nfkc_text",
    "normalize_with_offsets",
    "thread_tokenizer",
    "word_boundaries",
]

# --------------------------------------------------------------------------
# Configuration

#: Partial POS tuples (prefix match on Sudachi's 6-field POS) never indexed.
DROP_POS: tuple[tuple[str, ...], ...] = (
    ("助詞",),
    ("助動詞",),
    ("補助記号",),
    ("記号",),
    ("空白",),
    ("接続詞",),
    ("連体詞",),
    ("感動詞",),
    ("代名詞",),
    ("接頭辞",),
    ("形状詞", "助動詞語幹"),
    ("名詞", "普通名詞", "助動詞語幹"),
)

#: Extra POS dropped for split-mode A sub-parts of compounds only.
DROP_PART_POS: tuple[tuple[str, ...], ...] = (
    ("接尾辞",),
)

#: Substring rewrites applied to (lower-cased) normalised forms, for
#: spellings SudachiDict core does not unify inside compound entries.
TERM_REWRITES: tuple[tuple[str, str], ...] = (
    ("子ども", "子供"),
    ("こども", "子供"),
)

#: Stopwords, as token texts (normalised, lower-cased). Surfaces are listed
#: next to Sudachi's normalised forms; a test checks that every surface here
#: analyses to something in this set.
JAPANESE_STOPWORDS: frozenset[str] = frozenset(
    """
    する 為る ある 有る いる 居る なる 成る できる 出来る
    れる られる せる させる ない 無い もらう 貰う くれる 呉れる
    こと 事 もの 物 ため 為 よう 様 ところ 所
    それ 其れ これ 此れ あれ 彼れ どれ 何れ
    等 など 及び および 並びに ならびに 又 また
    いう 言う つく よる 因る 関する 対する おく 於く
    更に さらに 特に 既に すでに 未だ まだ 最も もっとも 余り あまり
    """.split()
)

#: Sudachi refuses input above 49149 bytes; chunks are kept far below that.
MAX_CHUNK_CHARS = 4000

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")
_SOFT_BREAK_RE = re.compile(r"[。．！？!?\s、，,]")

# --------------------------------------------------------------------------
# Shared dictionary, per-thread Sudachi tokenizers

_DICT_LOCK = threading.Lock()
_DICTIONARIES: dict = {}
_LOCAL = threading.local()


def get_dictionary(dict_name: str = "core"):
    """The process-wide ``sudachipy.Dictionary`` for ``dict_name``.

    Created on first use (about 0.1 s for core) under a lock; a Dictionary
    may be shared by threads, a Sudachi Tokenizer may not.
    """
    d = _DICTIONARIES.get(dict_name)
    if d is None:
        with _DICT_LOCK:
            d = _DICTIONARIES.get(dict_name)
            if d is None:
                from sudachipy import Dictionary

                d = Dictionary(dict=dict_name)
                _DICTIONARIES[dict_name] = d
    return d


def thread_tokenizer(dict_name: str = "core"):
    """This thread's own Sudachi tokenizer (split mode C) for ``dict_name``."""
    cache = getattr(_LOCAL, "tokenizers", None)
    if cache is None:
        cache = _LOCAL.tokenizers = {}
    tok = cache.get(dict_name)
    if tok is None:
        from sudachipy import SplitMode

        tok = get_dictionary(dict_name).tokenizer(mode=SplitMode.C)
        cache[dict_name] = tok
    return tok


def _reset_after_fork() -> None:
    global _DICT_LOCK, _LOCAL, _MORPH_CACHE_LOCK
    _DICT_LOCK = threading.Lock()
    _LOCAL = threading.local()
    _MORPH_CACHE_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)

# POS id -> (keep as C token, keep as A part, POS tuple), per configuration.
_POS_CACHE: dict = {}


def _pos_info(dict_name, drop_pos, drop_part_pos, pos_id):
    key = (dict_name, drop_pos, drop_part_pos)
    table = _POS_CACHE.get(key)
    if table is None:
        table = _POS_CACHE.setdefault(key, {})
    info = table.get(pos_id)
    if info is None:
        pos = tuple(get_dictionary(dict_name).pos_of(pos_id))
        keep = not any(pos[: len(p)] == p for p in drop_pos)
        keep_part = keep and not any(pos[: len(p)] == p for p in drop_part_pos)
        info = table[pos_id] = (keep, keep_part, pos)
    return info


# --------------------------------------------------------------------------
# NFKC with an offset map

_NFKC_CACHE: dict = {}


def _nfkc_char(c: str) -> str:
    n = _NFKC_CACHE.get(c)
    if n is None:
        n = _NFKC_CACHE[c] = unicodedata.normalize("NFKC", c)
    return n


def normalize_with_offsets(text: str, lower: bool = False):
    """NFKC-normalise ``text`` (optionally lower-case it) keeping an offset map.

    Returns ``(norm, starts, ends)``: for each index ``j`` of ``norm``,
    ``text[starts[j]:ends[j]]`` is the piece of the original that produced
    ``norm[j]``. A token spanning ``norm[b:e]`` therefore covers
    ``text[starts[b]:ends[e - 1]]``. When nothing changes, ``starts`` and
    ``ends`` are ``None`` (identity map).

    The last few results are cached (the Sudachi field and the bigram field
    of a passage normalise the same text one after the other, the bigram
    field lower-cased); callers must not modify the returned lists.

    Normalisation is per cluster (a character plus any following characters
    whose NFKC form starts with a combining mark, so half-width ``ﾊﾟ`` -> ``パ``).
    """
    norm, starts, ends = _normalized(text)
    if not lower:
        return norm, starts, ends
    low = norm.lower()
    if len(low) == len(norm):
        return low, starts, ends
    return _normalize_uncached(text, lower=True)  # lower-casing changed a length (rare)


@functools.lru_cache(maxsize=8)
def _normalized(text: str):
    return _normalize_uncached(text, lower=False)


def _normalize_uncached(text: str, lower: bool):
    if text.isascii():
        norm = text.lower() if lower else text
        if len(norm) == len(text):
            return norm, None, None
    elif unicodedata.is_normalized("NFKC", text):
        if not lower:
            return text, None, None
        norm = text.lower()
        if len(norm) == len(text):
            return norm, None, None

    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    combining = unicodedata.combining
    for i, c in enumerate(text):
        n = c if c.isascii() else _nfkc_char(c)
        if n and spans and combining(n[0]):
            s = spans[-1][0]
            spans[-1] = (s, i + 1)
            pieces[-1] = unicodedata.normalize("NFKC", text[s : i + 1])
        else:
            spans.append((i, i + 1))
            pieces.append(n)
    starts: list[int] = []
    ends: list[int] = []
    out: list[str] = []
    for piece, (s, e) in zip(pieces, spans):
        if lower:
            piece = piece.lower()
        out.append(piece)
        k = len(piece)
        if k == 1:
            starts.append(s)
            ends.append(e)
        else:
            starts.extend([s] * k)
            ends.extend([e] * k)
    return "".join(out), starts, ends


# Characters seen by nfkc_text: their NFKC forms where they differ (a
# str.translate table), and those whose form starts with a combining mark
# (normalised together with the character before them).
_NFKC_TABLE: dict[int, str] = {}
_NFKC_KNOWN: set[str] = set()
_NFKC_JOINING: set[str] = set()
# ... and those whose NFKC form is not exactly one character (㈱ -> (株)): with
# none of these nor a joining one, NFKC keeps every offset (see nfkc_offsets)
_NFKC_RESIZING: set[str] = set()


def nfkc_text(text: str, lower: bool = False) -> str:
    """``normalize_with_offsets(text, lower)[0]`` without the offset map: the
    same string, computed with ``str.translate`` unless a character joins the
    one before it (then by :func:`normalize_with_offsets` itself)."""
    if text.isascii():
        norm = text
    elif unicodedata.is_normalized("NFKC", text):
        norm = text
    else:
        chars = set(text)
        new = chars.difference(_NFKC_KNOWN)
        if new:
            combining = unicodedata.combining
            for c in new:
                n = _nfkc_char(c)
                if n and combining(n[0]):
                    _NFKC_JOINING.add(c)
                elif n != c:
                    _NFKC_TABLE[ord(c)] = n
                if len(n) != 1:
                    _NFKC_RESIZING.add(c)
                _NFKC_KNOWN.add(c)
        if not chars.isdisjoint(_NFKC_JOINING):
            return normalize_with_offsets(text, lower)[0]
        norm = text.translate(_NFKC_TABLE)
    if not lower:
        return norm
    low = norm.lower()
    return low if len(low) == len(norm) else normalize_with_offsets(text, lower=True)[0]


def nfkc_offsets(text: str):
    """``normalize_with_offsets(text)`` with ``None`` maps (the identity) whenever
    every character normalises to exactly one character on its own - e.g. text
    whose only changes are full-width digits and Latin - which the offset map
    would only spell out: the same offsets, without building two lists per
    character."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None, None
    norm = nfkc_text(text)  # (records every character's kind)
    chars = set(text)
    if len(norm) == len(text) and chars.isdisjoint(_NFKC_JOINING) and chars.isdisjoint(_NFKC_RESIZING):
        return norm, None, None
    return normalize_with_offsets(text)


def _chunks(norm: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines of ``norm`` (with their offsets), cut below Sudachi's
    input limit, preferably after sentence punctuation or whitespace."""
    for m in _LINE_RE.finditer(norm):
        line = m.group()
        if line.isspace():
            continue
        base = m.start()
        while len(line) > MAX_CHUNK_CHARS:
            cut = MAX_CHUNK_CHARS
            window = line[MAX_CHUNK_CHARS // 2 : MAX_CHUNK_CHARS]
            soft = [b.end() for b in _SOFT_BREAK_RE.finditer(window)]
            if soft:
                cut = MAX_CHUNK_CHARS // 2 + soft[-1]
            yield base, line[:cut]
            base += cut
            line = line[cut:]
        if line and not line.isspace():
            yield base, line


def _rewrite(term: str, rewrites) -> str:
    for old, new in rewrites:
        if old in term:
            term = term.replace(old, new)
    return term


# What each distinct Sudachi word contributes (SudachiTokenizer._word), per
# tokenizer configuration; cleared when it grows past the bound.
_WORD_TABLES: dict = {}
_WORD_TABLE_MAX = 200_000

# The kept morphemes of each line analysed at index time (SudachiTokenizer.term_spans), per
# tokenizer configuration: a line repeated across passages (a standard sentence, boilerplate)
# is tokenised once. Bounded like the word tables (cleared when full).
_LINE_TABLES: dict = {}
_LINE_TABLE_MAX = 50_000


def _table_of(tables: dict, config_key: tuple) -> dict:
    """The table of one tokenizer configuration in `tables` (_WORD_TABLES, _LINE_TABLES)."""
    table = tables.get(config_key)
    if table is None:
        table = tables.setdefault(config_key, {})
    return table


# Morphemes of short texts, keyed by (tokenizer configuration, with_parts, text).
_CACHE_MAX_CHARS = 300
_CACHE_MAX_ENTRIES = 20_000
_MORPH_CACHE: OrderedDict = OrderedDict()
_MORPH_CACHE_LOCK = threading.Lock()


class _Morph(NamedTuple):
    text: str  # normalised, lower-cased, rewritten
    surface: str  # surface in the NFKC text
    start: int  # offsets into the ORIGINAL text
    end: int
    keep: bool
    pos: tuple
    parts: tuple  # ((text, surface, start, end, pos), ...) of kept A parts


# --------------------------------------------------------------------------
# Tokenizers


class _TokenStream(Tokenizer, abc.ABC):
    """Whoosh's tokenizer call, once for this module's tokenizers: the token
    object reused for every token, and ``tokenize=False`` (the whole value as
    one token: its normalised, lower-cased text at ``start_pos``, spanning the
    value). A subclass yields its tokens in :meth:`_tokens` and may describe
    the whole-value token further in :meth:`_whole_value`."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs
    ):
        assert isinstance(value, str), "%r is not unicode" % value
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = value
            t.text = normalize_with_offsets(value, lower=True)[0]
            t.boost = 1.0
            self._whole_value(t, value)
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        yield from self._tokens(t, value, positions, chars, keeporiginal, start_pos, start_char, mode)

    def _whole_value(self, t: Token, value: str) -> None:
        """Attributes of the ``tokenize=False`` token besides Whoosh's own."""

    @abc.abstractmethod
    def _tokens(self, t: Token, value: str, positions: bool, chars: bool, keeporiginal: bool,
                start_pos: int, start_char: int, mode: str) -> Iterator[Token]:
        """The tokens of ``value`` (``t`` reused, its fields set for each)."""


class SudachiTokenizer(_TokenStream):
    """Whoosh tokenizer over SudachiPy (split mode C + mode-A parts).

    Holds only plain configuration (picklable, comparable); the Sudachi
    objects live in module-level, per-thread caches. See the module
    docstring for what is emitted.

    Tokens carry, besides Whoosh's ``text``/``pos``/``startchar``/
    ``endchar``/``boost``/``stopped`` (and ``original`` = the original
    surface with ``keeporiginal=True``): ``surface`` (NFKC surface),
    ``postag`` (Sudachi's POS tuple) and ``part`` (True for a mode-A
    sub-part stacked on its compound).
    """

    def __init__(
        self,
        dict_name: str = "core",
        search_mode: bool = True,
        query_parts: bool = False,
        drop_pos=DROP_POS,
        drop_part_pos=DROP_PART_POS,
        rewrites=TERM_REWRITES,
    ):
        """
        :param dict_name: SudachiDict package suffix ("core").
        :param search_mode: emit mode-A parts of compounds at the compound's
            position (at index time).
        :param query_parts: also emit the parts when ``mode="query"``.
        :param drop_pos: partial POS tuples never emitted.
        :param drop_part_pos: partial POS tuples not emitted as A parts.
        :param rewrites: ``(old, new)`` substring rewrites on token texts.
        """
        self.dict_name = dict_name
        self.search_mode = bool(search_mode)
        self.query_parts = bool(query_parts)
        self.drop_pos = tuple(tuple(p) for p in drop_pos)
        self.drop_part_pos = tuple(tuple(p) for p in drop_part_pos)
        self.rewrites = tuple(tuple(r) for r in rewrites)

    _DEFAULTS = dict(
        dict_name="core",
        search_mode=True,
        query_parts=False,
        drop_pos=DROP_POS,
        drop_part_pos=DROP_PART_POS,
        rewrites=TERM_REWRITES,
    )

    def __getstate__(self):
        # Only configuration is ever stored (never live Sudachi objects).
        return {k: getattr(self, k) for k in self._DEFAULTS}

    def __setstate__(self, state):
        # Tolerates schemas pickled by older versions of this class.
        for k, v in self._DEFAULTS.items():
            setattr(self, k, state.get(k, v))

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and self.__getstate__() == other.__getstate__()
        )

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    # -- analysis core -----------------------------------------------------

    def morphemes(self, value: str, with_parts: bool = True) -> list[_Morph]:
        """All C morphemes of ``value`` (kept or not) with original offsets
        and, when ``with_parts``, their kept A parts. Materialised as a list
        so no Sudachi object outlives the call.

        Short texts are answered from a bounded per-process cache: repeated
        boilerplate passages ("特になし", standard sentences) and repeated
        query words are analysed once."""
        if len(value) > _CACHE_MAX_CHARS:
            return self._analyse(value, with_parts)
        key = (self._config_key(), with_parts, value)
        with _MORPH_CACHE_LOCK:
            hit = _MORPH_CACHE.get(key)
            if hit is not None:
                _MORPH_CACHE.move_to_end(key)
        if hit is not None:
            return list(hit)
        out = self._analyse(value, with_parts)
        with _MORPH_CACHE_LOCK:
            _MORPH_CACHE[key] = tuple(out)
            while len(_MORPH_CACHE) > _CACHE_MAX_ENTRIES:
                _MORPH_CACHE.popitem(last=False)
        return out

    def term_counts(self, value: str, stops=frozenset()) -> dict[str, int]:
        """``{term: count}`` of what :meth:`__call__` yields for ``value`` at
        index time (compounds and their parts), less ``stops``: the token
        texts a Whoosh frequency field records, without a token stream
        (:meth:`term_spans`, each term's spans counted)."""
        return {term: len(flat) >> 1 for term, flat in self.term_spans(value, stops).items()}

    def term_spans(self, value: str, stops=frozenset()) -> dict[str, list[int]]:
        """``{term: [start, end, start, end, ...]}``: every token :meth:`__call__`
        yields for ``value`` at index time with ``chars=True`` (compounds and
        their parts, in order), less ``stops``, with its offsets into ``value``.
        The same terms and counts as :meth:`term_counts` (a term's count is
        half its list's length), from the same single pass of Sudachi."""
        norm, starts, ends = nfkc_offsets(value)
        lines = _table_of(_LINE_TABLES, self._config_key())
        with_parts = self.search_mode
        out: dict[str, list[int]] = {}
        get = out.get
        for base, chunk in _chunks(norm):
            kept = lines.get(chunk)
            if kept is None:
                kept = self._kept_morphemes(chunk, lines)
            for b, e, text, parts in kept:
                b += base
                e += base
                if text not in stops:
                    found = get(text)
                    if found is None:
                        found = out[text] = []
                    if starts is None:
                        found += (b, e)
                    else:
                        found += (starts[b], ends[e - 1])
                if with_parts:
                    for ptext, _psurface, rb, re_, _ppos in parts:
                        if ptext in stops:
                            continue
                        found = get(ptext)
                        if found is None:
                            found = out[ptext] = []
                        if starts is None:
                            found += (b + rb, b + re_)
                        else:
                            found += (starts[b + rb], ends[b + re_ - 1])
        return out

    def _kept_morphemes(self, chunk: str, lines: dict) -> tuple:
        """The kept C morphemes of one chunk as (start, end, term text, kept A parts)
        with offsets into the chunk (what `term_spans` reads), kept in the bounded
        line table `lines`."""
        tok = thread_tokenizer(self.dict_name)
        words = _table_of(_WORD_TABLES, self._config_key())
        kept = []
        for m in tok.tokenize(chunk):
            surface = m.surface()
            if not surface:
                continue
            keep, text, _pos, parts = words.get((m.word_id(), m.part_of_speech_id(), surface)) \
                or self._remember_word(words, m, surface)
            if keep:
                kept.append((m.begin(), m.end(), text, parts))
        kept = tuple(kept)
        if len(lines) >= _LINE_TABLE_MAX:
            lines.clear()
        lines[chunk] = kept
        return kept

    def _remember_word(self, words: dict, m, surface: str) -> tuple:
        """What a morpheme contributes, computed once per (word, POS, surface) and kept
        in the bounded word table (cleared when full)."""
        word = self._word(m)
        if len(words) >= _WORD_TABLE_MAX:
            words.clear()
        words[(m.word_id(), m.part_of_speech_id(), surface)] = word
        return word

    def _config_key(self) -> tuple:
        return (self.dict_name, self.drop_pos, self.drop_part_pos, self.rewrites)

    def _analyse(self, value: str, with_parts: bool) -> list[_Morph]:
        norm, starts, ends = normalize_with_offsets(value)
        tok = thread_tokenizer(self.dict_name)
        words = _table_of(_WORD_TABLES, self._config_key())
        out: list[_Morph] = []
        append = out.append
        for base, chunk in _chunks(norm):
            for m in tok.tokenize(chunk):
                b = m.begin()
                e = m.end()
                if e <= b:
                    continue
                surface = m.surface()
                keep, text, pos, rel_parts = words.get((m.word_id(), m.part_of_speech_id(), surface)) \
                    or self._remember_word(words, m, surface)
                b += base
                e += base
                if starts is None:
                    ob, oe = b, e
                else:
                    ob, oe = starts[b], ends[e - 1]
                if not keep:
                    append(_Morph("", surface, ob, oe, False, pos, ()))
                    continue
                parts = ()
                if with_parts and rel_parts:
                    if starts is None:
                        parts = tuple((ptext, psurface, b + rb, b + re_, spos)
                                      for ptext, psurface, rb, re_, spos in rel_parts)
                    else:
                        parts = tuple((ptext, psurface, starts[b + rb], ends[b + re_ - 1], spos)
                                      for ptext, psurface, rb, re_, spos in rel_parts)
                append(_Morph(text, surface, ob, oe, True, pos, parts))
        return out

    def _word(self, m) -> tuple:
        """What one Sudachi C morpheme contributes, independent of where it
        stands: (kept, term text, POS tuple, kept A parts as (text, surface,
        start, end, POS) with offsets relative to the morpheme's start).
        Determined by the dictionary word, its POS and its surface, so it is
        computed once per distinct (word id, POS id, surface)."""
        from sudachipy import SplitMode

        dict_name, drop_pos, drop_part_pos = self.dict_name, self.drop_pos, self.drop_part_pos
        keep, _, pos = _pos_info(dict_name, drop_pos, drop_part_pos, m.part_of_speech_id())
        if not keep:
            return False, "", pos, ()
        text = _rewrite(m.normalized_form().lower(), self.rewrites)
        parts = []
        if len(m.surface()) > 1:
            subs = m.split(SplitMode.A)
            if len(subs) > 1:
                origin = m.begin()
                for s in subs:
                    _, keep_part, spos = _pos_info(dict_name, drop_pos, drop_part_pos, s.part_of_speech_id())
                    if not keep_part:
                        continue
                    ptext = _rewrite(s.normalized_form().lower(), self.rewrites)
                    if ptext == text:
                        continue
                    parts.append((ptext, s.surface(), s.begin() - origin, s.end() - origin, spos))
        return True, text, pos, tuple(parts)

    def _whole_value(self, t: Token, value: str) -> None:
        t.surface = value
        t.postag = ()
        t.part = False

    def _tokens(self, t, value, positions, chars, keeporiginal, start_pos, start_char, mode):
        with_parts = self.search_mode and (mode != "query" or self.query_parts)
        pos = start_pos
        for morph in self.morphemes(value, with_parts=with_parts):
            if not morph.keep:
                continue
            t.text = morph.text
            t.boost = 1.0
            t.stopped = False
            t.surface = morph.surface
            t.postag = morph.pos
            t.part = False
            if keeporiginal:
                t.original = value[morph.start : morph.end]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + morph.start
                t.endchar = start_char + morph.end
            yield t
            for ptext, psurface, pb, pe, ppos in morph.parts:
                t.text = ptext
                t.boost = 1.0
                t.stopped = False
                t.surface = psurface
                t.postag = ppos
                t.part = True
                if keeporiginal:
                    t.original = value[pb:pe]
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + pb
                    t.endchar = start_char + pe
                yield t
            pos += 1


_WORD_RUN_RE = re.compile(r"[^\W_]+")


class BigramTokenizer(_TokenStream):
    """Character bigrams over runs of letters/digits/kana/kanji.

    The text is NFKC-normalised and lower-cased (offsets still point into the
    original). Runs are maximal sequences of word characters (``[^\\W_]``:
    letters, digits, kana, kanji, ``ー``, ``々``); bigrams never cross
    punctuation or whitespace. A one-character run is emitted as a unigram.
    Positions are consecutive over the whole text. The same tokens are
    produced for queries, so ``パパ`` matches inside ``プレパパママクラス``.

    Whoosh's ``NgramTokenizer`` is not used: it runs across whitespace and
    punctuation and has no unigram fallback or NFKC offset mapping.
    """

    def __init__(self, size: int = 2):
        self.size = int(size)

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and self.size == other.size
        )

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """``{gram: [positions]}`` of ``value``, first occurrence first: the
        texts and positions :meth:`__call__` yields (from position 0), without
        a token stream (what the index writer needs)."""
        norm = nfkc_text(value, lower=True)
        size = self.size
        out: dict[str, list[int]] = {}
        get = out.get
        pos = 0
        for run in _WORD_RUN_RE.findall(norm):
            n = len(run)
            if n <= size:
                grams = (run,)
            elif size == 2:
                grams = map(str.__add__, run[:-1], run[1:])
            else:
                grams = (run[i:i + size] for i in range(n - size + 1))
            for gram in grams:
                found = get(gram)
                if found is None:
                    out[gram] = [pos]
                else:
                    found.append(pos)
                pos += 1
        return out

    def gram_codes(self, value: str):
        """The grams of ``value`` in position order (what :meth:`term_positions`
        indexes: the gram at position p is item p) as
        ``indexer.positions.gram_codes`` numbers them - one uint64 per gram, the
        first character's code point in the high half, the second's (or 0) in the
        low half, so the numbers sort as the grams' UTF-8 bytes - computed with
        numpy from the text's runs, without a string per gram. ``None`` unless
        the grams are at most two characters (``size`` 1 or 2)."""
        import numpy as np

        if self.size not in (1, 2):
            return None
        runs = _WORD_RUN_RE.findall(nfkc_text(value, lower=True))
        if not runs:
            return np.zeros(0, dtype=np.uint64)
        chars = np.frombuffer("".join(runs).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        high = chars.astype(np.uint64) << np.uint64(32)
        if self.size == 1:
            return high
        lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
        last = np.zeros(len(chars), dtype=bool)   # the last character of its run
        last[np.cumsum(lengths) - 1] = True
        # a gram starts at every character but a run's last, and at a one-character run
        starts = np.flatnonzero(~last | np.repeat(lengths == 1, lengths))
        second = np.zeros(len(starts), dtype=np.uint64)
        pair = ~last[starts]
        second[pair] = chars[starts[pair] + 1]
        return high[starts] | second

    def _tokens(self, t, value, positions, chars, keeporiginal, start_pos, start_char, mode):
        norm, starts, ends = normalize_with_offsets(value, lower=True)
        size = self.size
        pos = start_pos
        for m in _WORD_RUN_RE.finditer(norm):
            run = m.group()
            rs = m.start()
            n = len(run)
            if n <= size:
                grams = ((0, n),)
            else:
                grams = ((i, i + size) for i in range(n - size + 1))
            for gs, ge in grams:
                b, e = rs + gs, rs + ge
                t.text = norm[b:e]
                t.boost = 1.0
                t.stopped = False
                if starts is None:
                    ob, oe = b, e
                else:
                    ob, oe = starts[b], ends[e - 1]
                if keeporiginal:
                    t.original = value[ob:oe]
                if positions:
                    t.pos = pos
                    pos += 1
                if chars:
                    t.startchar = start_char + ob
                    t.endchar = start_char + oe
                yield t


# --------------------------------------------------------------------------
# Filters


class JapaneseStopFilter(Filter):
    """Removes (or, with ``removestops=False``, marks) stopwords.

    Like Whoosh's ``StopFilter`` but without its minimum length (one-kanji
    words such as ``父`` matter in Japanese) and with renumbering that keeps
    stacked tokens (a compound and its mode-A parts) at one shared position.
    """

    def __init__(self, stoplist=JAPANESE_STOPWORDS, renumber: bool = True):
        self.stops = frozenset(stoplist)
        self.renumber = bool(renumber)

    def __eq__(self, other):
        return (
            other is not None
            and self.__class__ is other.__class__
            and self.stops == other.stops
            and self.renumber == other.renumber
        )

    def __call__(self, tokens):
        stops = self.stops
        renumber = self.renumber
        newpos = None
        lastorig = None
        for t in tokens:
            if t.text not in stops:
                if renumber and t.positions:
                    orig = t.pos
                    if newpos is None:
                        newpos = orig
                    elif orig != lastorig:
                        newpos += 1
                    lastorig = orig
                    t.pos = newpos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


# --------------------------------------------------------------------------
# Analyzers and helpers


def japanese_analyzer(**tokenizer_options):
    """The analyzer for the main text and goal fields:
    ``SudachiTokenizer(**tokenizer_options) | JapaneseStopFilter()``."""
    return SudachiTokenizer(**tokenizer_options) | JapaneseStopFilter()


def bigram_analyzer():
    """The character-bigram analyzer for the secondary field:
    ``BigramTokenizer(2)``."""
    return BigramTokenizer(2)


def index_terms(analyzer, value: str, positions: bool):
    """What ``analyzer`` indexes for ``value`` (mode "index"), computed without
    Whoosh's token stream when it is one of this module's analyzers:
    ``{term: [positions]}`` when ``positions``, else ``{term: count}``.
    ``None`` for any other analyzer, or positions it does not provide (the
    caller then runs the analyzer itself)."""
    if type(analyzer) is BigramTokenizer:
        found = analyzer.term_positions(value)
        return found if positions else {t: len(p) for t, p in found.items()}
    if positions or not isinstance(analyzer, CompositeAnalyzer):
        return None
    parts = analyzer.items
    if len(parts) == 2 and type(parts[0]) is SudachiTokenizer and type(parts[1]) is JapaneseStopFilter:
        return parts[0].term_counts(value, parts[1].stops)
    return None


def index_term_spans(analyzer, value: str) -> dict[str, list[int]] | None:
    """``{term: [start, end, ...]}`` of what ``analyzer`` indexes for ``value``
    (mode "index", offsets into ``value``) when it is :func:`japanese_analyzer`'s
    kind (:meth:`SudachiTokenizer.term_spans`); ``None`` for any other analyzer."""
    if not isinstance(analyzer, CompositeAnalyzer):
        return None
    parts = analyzer.items
    if len(parts) == 2 and type(parts[0]) is SudachiTokenizer and type(parts[1]) is JapaneseStopFilter:
        return parts[0].term_spans(value, parts[1].stops)
    return None


_DEFAULT_TOKENIZER = SudachiTokenizer()
_DEFAULT_ANALYZER = _DEFAULT_TOKENIZER | JapaneseStopFilter()


def analyze_terms(text: str, mode: str = "query") -> list[str]:
    """The term texts :func:`japanese_analyzer` yields for ``text``.

    ``mode="query"`` (default): one term per kept C morpheme, in order.
    ``mode="index"``: as indexed, i.e. each compound followed by its
    mode-A parts.
    """
    return [t.text for t in _DEFAULT_ANALYZER(text, mode=mode)]


class QueryTerm(NamedTuple):
    """One C-mode term of a query.

    ``term``: the normalised term (as indexed).
    ``parts``: the normalised mode-A parts emitted for it at index time
    (empty tuple when it is not a compound) -- a query builder can use
    ``term OR (part1 AND part2 ...)``.
    ``surface``: the query text it came from; ``startchar``/``endchar`` its
    offsets in the query string.
    """

    term: str
    parts: tuple
    surface: str
    startchar: int
    endchar: int


def analyze_query_terms(text: str) -> list[QueryTerm]:
    """Terms of a query string, with compound parts grouped.

    Returns ``[QueryTerm(term, parts, surface, startchar, endchar), ...]``
    in query order; stopwords and dropped parts of speech are left out
    (stopword parts are removed from ``parts``). Example::

        analyze_query_terms("多胎児の交流会")
        -> [QueryTerm('多胎児', ('胎児',), '多胎児', 0, 3),
            QueryTerm('交流会', ('交流', '会'), '交流会', 4, 7)]
    """
    stops = JAPANESE_STOPWORDS
    out = []
    for m in _DEFAULT_TOKENIZER.morphemes(text, with_parts=True):
        if not m.keep or m.text in stops:
            continue
        parts = tuple(p[0] for p in m.parts if p[0] not in stops)
        out.append(QueryTerm(m.text, parts, text[m.start : m.end], m.start, m.end))
    return out


def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a Sudachi morpheme (mode C or a mode-A
    part, kept or not) starts or ends. Used e.g. to check that a one-kanji
    glossary term (``父``) is a word in the query, not part of ``祖父``."""
    from sudachipy import SplitMode

    edges = {0, len(text)}
    norm, starts, ends = normalize_with_offsets(text)
    tok = thread_tokenizer(_DEFAULT_TOKENIZER.dict_name)
    mode_a = SplitMode.A
    for base, chunk in _chunks(norm):
        for m in tok.tokenize(chunk):
            spans = [(m.begin(), m.end())]
            if m.end() - m.begin() > 1:
                spans.extend((s.begin(), s.end()) for s in m.split(mode_a))
            for b, e in spans:
                b += base
                e += base
                if e <= b:
                    continue
                if starts is None:
                    edges.add(b)
                    edges.add(e)
                else:
                    edges.add(starts[b])
                    edges.add(ends[e - 1])
    return frozenset(edges)
