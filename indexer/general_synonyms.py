"""Sudachi's synonym dictionary: general synonym groups, the fallback after the glossary.

The glossary (:mod:`indexer.synonyms`) is the domain vocabulary staff edit: the
hub programmes, Yokohama's programme names and their abbreviations. Everyday
words, abbreviations and loan words a user may type where the reports use
another word (送り迎え for 送迎, お年寄り for 高齢者, ビデオ for 動画) are the
business of a general dictionary: Sudachi's own synonym dictionary
(``data/sudachi-synonyms.csv.gz``, copied unchanged from WorksApplications/
SudachiDict, Apache-2.0; ``data/NOTICE-sudachi-synonyms.txt`` says which
release). It is read here, once per process, without chikkarpy (whose build
downloads data and cannot be installed offline).

The source format (SudachiDict ``docs/synonyms.md``): one CSV line per entry,
``group, 体言/用言, 展開制御, 語彙素番号, 語形種別, 略語, 表記ゆれ, 分野, 見出し, , ``.
Entries of one group are synonyms; entries with the same lexeme number within a
group are one lexeme written another way (a variant spelling, an abbreviation,
a translation, an alias). The expansion control flag (展開制御) is respected:

* 0 -- the entry expands and is expanded to;
* 1 -- the entry does not trigger an expansion itself, but is an expansion of
  the group's other entries (便り is a member of 手紙's group, but 便り alone is
  not expanded to 手紙);
* 2 -- never used (kept by Sudachi as a record of harmful entries): it neither
  triggers nor is expanded to.

A query word is looked up by its Sudachi morpheme: the synonym group ids the
system dictionary gives the morpheme (the lexeme Sudachi chose in context, as
chikkarpy and the Elasticsearch Sudachi plugin do), else by its surface, its
normalised form and its dictionary form (NFKC, lower-cased) among the
headwords; a run of up to :data:`MAX_RUN` morphemes is also looked up as one
headword (a compound the analyzer splits). Which relations a caller uses, and
how strongly, is the query builder's decision (``search_app/querybuild.py``).
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import threading
import time
import unicodedata
from pathlib import Path
from typing import Iterable, NamedTuple

from .analysis import thread_tokenizer

__all__ = [
    "DATA_PATH",
    "Entry",
    "GeneralSynonyms",
    "Match",
    "general_synonyms",
]

log = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parent / "data" / "sudachi-synonyms.csv.gz"
#: Longest run of morphemes looked up as one headword.
MAX_RUN = 4

EXPAND, NOT_A_TRIGGER, NEVER = 0, 1, 2


class Entry(NamedTuple):
    """One headword of a synonym group (the columns of the source, typed)."""

    group: int
    headword: str
    lexeme: int        # lexeme number within the group (same number = same lexeme)
    form: int          # 語形種別: 0 representative, 1 translation, 2 alias, 3 old name, 4 misuse
    abbreviation: int  # 0 full form, 1 alphabetic abbreviation, 2 other abbreviation
    variant: int       # 表記ゆれ: 0 standard, 1 alphabetic spelling, 2 variant, 3 misspelling
    control: int       # 展開制御: 0 expand, 1 not a trigger, 2 never
    predicate: bool    # 用言 (verbs, adjectives) rather than 体言
    field: str         # 分野 ("" when none): 医療, IT, 人名 ...


class Match(NamedTuple):
    """A span of a query text that triggers synonym groups."""

    start: int
    end: int
    surface: str
    lexemes: frozenset  # (group, lexeme) pairs of the span itself (empty: lexeme unknown)
    synonyms: tuple     # Entry targets: the same lexeme first, then the group's other lexemes


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


def _int(value: str, default: int = 0) -> int:
    value = value.strip()
    return int(value) if value.isdigit() else default


def _entry(row: list[str]) -> Entry:
    return Entry(
        group=int(row[0]),
        headword=unicodedata.normalize("NFC", row[8].strip()),
        lexeme=_int(row[3], 1),
        form=_int(row[4]),
        abbreviation=_int(row[5]),
        variant=_int(row[6]),
        control=_int(row[2]),
        predicate=row[1].strip() == "2",
        field=row[7].strip().strip("()"),
    )


class GeneralSynonyms:
    """Synonym groups with look-ups by headword and by query text.

    Built from the source text in one pass that only indexes headwords by group
    (a headword's key -> its group id, or a tuple of ids for the few in several
    groups); a group's lines are kept as UTF-8 bytes and parsed into entries the
    first time a query needs them. Loading the whole dictionary as entry objects took
    1.3 s and 37 MB; this takes about 0.3 s and 13 MB (docs/quality.md)."""

    def __init__(self, lines: Iterable[str], source: str = "<string>"):
        """``lines``: the source's lines (a file read line by line keeps the load's
        transient memory small)."""
        self.source = source
        raw: dict[int, list[str]] = {}
        by_key: dict[str, int | tuple[int, ...]] = {}
        bad = 0
        group = -1
        for line in lines:
            line = line.rstrip("\r\n")
            if not line or line[0] == "#":
                continue
            row = line.split(",", 9)
            if len(row) < 9 or not row[0].isdigit() or not row[8].strip():
                if line.strip(", \t"):
                    bad += 1
                continue
            if int(row[0]) != group:
                group = int(row[0])  # one int object per group, shared by its keys
            lines = raw.get(group)
            if lines is None:
                lines = raw[group] = []
            lines.append(line)
            key = _key(row[8])
            known = by_key.get(key)
            if known is None:
                by_key[key] = group
            elif isinstance(known, int):
                if known != group:
                    by_key[key] = (known, group)
            elif group not in known:
                by_key[key] = known + (group,)
        if bad:
            log.warning("%s: %d lines are not synonym entries and were ignored", source, bad)
        self._raw = {g: "\n".join(lines).encode("utf-8") for g, lines in raw.items()}
        self._by_key = by_key
        self._parsed: dict[int, tuple[Entry, ...]] = {}

    def _groups_of_key(self, key: str) -> tuple[int, ...]:
        found = self._by_key.get(key, ())
        return (found,) if isinstance(found, int) else found

    @classmethod
    def parse(cls, text: str, source: str = "<string>") -> "GeneralSynonyms":
        return cls(text.lstrip("\ufeff").splitlines(), source=source)

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "GeneralSynonyms":
        """Read the dictionary (gzip or plain UTF-8 CSV); the packaged one by default."""
        path = Path(path) if path is not None else DATA_PATH
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        stream = gzip.open(path, "rb") if gzipped else open(path, "rb")
        with io.TextIOWrapper(stream, encoding="utf-8-sig") as lines:
            return cls(lines, source=str(path))

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"GeneralSynonyms({len(self._raw)} groups from {self.source!r})"

    def group(self, group_id: int) -> tuple[Entry, ...]:
        """The entries of one group, in source order (``()`` for an unknown id)."""
        entries = self._parsed.get(group_id)
        if entries is None:
            raw = self._raw.get(group_id)
            if raw is None:
                return ()
            entries = self._parsed[group_id] = tuple(
                _entry(line.split(",", 9)) for line in raw.decode("utf-8").split("\n"))
        return entries

    def lexeme_count(self, group_id: int) -> int:
        """How many lexemes a group holds (its entries marked never-expand left out)."""
        return len({e.lexeme for e in self.group(group_id) if e.control != NEVER})

    def entries(self, word: str) -> tuple[Entry, ...]:
        """Every entry whose headword is ``word`` (NFKC, case-insensitive), in any group."""
        key = _key(word)
        return tuple(e for g in self._groups_of_key(key) for e in self.group(g) if _key(e.headword) == key)

    # -- expansion ---------------------------------------------------------------------

    def expand(self, words: Iterable[str], group_ids: Iterable[int] = ()) -> tuple[frozenset, tuple]:
        """What one query word expands to.

        ``words``: its written forms (surface, normalised form, dictionary form);
        ``group_ids``: the synonym groups Sudachi's system dictionary gives its
        morpheme (empty: look the forms up among the headwords). A group is used
        when the word's own entry in it may trigger (展開制御 0), or, for a group the
        morpheme names, when the word is not listed in it under another form.

        Returns ``(lexemes, targets)``: the word's own (group, lexeme) pairs and
        the other entries it expands to (never an entry marked 2, never one of
        the word's own forms), the word's own lexeme first."""
        keys = {_key(w) for w in words if w and w.strip()}
        linked = [g for g in dict.fromkeys(group_ids) if g in self._raw]
        candidates = linked or list(dict.fromkeys(g for k in keys for g in self._groups_of_key(k)))
        own = [e for g in candidates for e in self.group(g) if _key(e.headword) in keys]
        lexemes: set[tuple[int, int]] = set()
        targets: list[Entry] = []
        for g in candidates:
            mine = [e for e in own if e.group == g]
            if mine and not any(e.control == EXPAND for e in mine):
                continue  # listed here only as "not a trigger" or "never"
            mine_lex = {e.lexeme for e in mine if e.control == EXPAND}
            lexemes.update((g, x) for x in mine_lex)
            members = [e for e in self.group(g) if e.control != NEVER and _key(e.headword) not in keys]
            members.sort(key=lambda e: e.lexeme not in mine_lex)  # stable: source order within
            targets.extend(members)
        return frozenset(lexemes), tuple(targets)

    def matches(self, text: str) -> list[Match]:
        """Spans of ``text`` (a query, NFKC-normalised) that trigger synonym groups.

        One span per Sudachi morpheme (split mode C) with synonyms, and runs of
        up to :data:`MAX_RUN` morphemes whose joined surface is a headword (longest
        run first; its morphemes are not looked up again)."""
        morphs = _morphemes(text)
        out: list[Match] = []
        i = 0
        while i < len(morphs):
            for n in range(min(MAX_RUN, len(morphs) - i), 1, -1):
                b, e = morphs[i][0], morphs[i + n - 1][1]
                lexemes, targets = self.expand([text[b:e]])
                if targets:
                    out.append(Match(b, e, text[b:e], lexemes, targets))
                    i += n
                    break
            else:
                b, e, forms, ids = morphs[i]
                lexemes, targets = self.expand(forms, ids)
                if targets:
                    out.append(Match(b, e, text[b:e], lexemes, targets))
                i += 1
        return out


# ---------------------------------------------------------------------------
# Morphemes of a query with their synonym group ids

def _reset_after_fork() -> None:
    global _LOAD_LOCK
    _LOAD_LOCK = threading.Lock()


def _morphemes(text: str) -> list[tuple[int, int, tuple[str, ...], tuple[int, ...]]]:
    """(start, end, (surface, normalised form, dictionary form), synonym group ids) per morpheme."""
    if not text.strip():
        return []
    out = []
    for m in thread_tokenizer().tokenize(text):
        b, e = m.begin(), m.end()
        if e <= b or not m.surface().strip():
            continue
        out.append((b, e, (m.surface(), m.normalized_form(), m.dictionary_form()),
                    tuple(m.synonym_group_ids())))
    return out


# ---------------------------------------------------------------------------
# The process-wide dictionary

_LOADED: GeneralSynonyms | None = None
_LOAD_LOCK = threading.Lock()

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def general_synonyms() -> GeneralSynonyms:
    """The packaged dictionary, read on first use and kept for the process.

    A dictionary that cannot be read (a broken install) is logged as an error and
    replaced by an empty one: searches keep working with the glossary alone."""
    global _LOADED
    if _LOADED is None:
        with _LOAD_LOCK:
            if _LOADED is None:
                started = time.perf_counter()
                try:
                    _LOADED = GeneralSynonyms.load(DATA_PATH)
                except (OSError, UnicodeDecodeError, EOFError):
                    log.error("Sudachi synonym dictionary %s cannot be read; general synonyms are off",
                              DATA_PATH, exc_info=True)
                    _LOADED = GeneralSynonyms((), source=f"{DATA_PATH} (unreadable)")
                else:
                    log.info("Sudachi synonym dictionary loaded: %d groups in %.2f s",
                             len(_LOADED), time.perf_counter() - started)
    return _LOADED
