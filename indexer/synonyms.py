"""Domain glossary of synonym groups, editable by staff.

File format (``indexer/data/glossary.txt``, UTF-8, a BOM is tolerated):

* one synonym group per line; terms separated by whitespace (incl. the
  full-width space), ``/``, ``,`` or ``、`` (full-width ``／``/``，`` too);
* ``#`` starts a comment (whole line or the rest of a line);
* blank lines are ignored;
* a line with a single term is not a group: it is ignored with a logged
  warning;
* a line with ``>`` (or ``＞``) is a *narrower-term* line, ``broader > narrower ...``
  (ISO 25964's BT/NT, Lucene's one-way synonyms): a query for a term on the left
  (or for any synonym of it) also looks for the terms on the right, at a lower
  weight, but not the reverse; several terms on the left each get every term on
  the right. A narrower term also brings its own synonym group (one level, not
  transitively). Narrower terms are related words, not the same thing: the
  query builder never lets them claim a ward by themselves
  (``search_app.querybuild``).

Which file: ``Glossary.load(path)``, else the ``KYOTEN_GLOSSARY`` environment
variable, else the staff-edited copy ``config/glossary.txt`` at the repository
root when it exists, else the packaged default ``indexer/data/glossary.txt``
(:func:`active_glossary_path`). Staff edits (the admin page) never touch the
packaged file: the first edit creates ``config/glossary.txt`` (or writes the
``KYOTEN_GLOSSARY`` file), and every save keeps the previous text in
``glossary-versions/`` beside it (:func:`save`, :func:`list_versions`,
:func:`restore_version`). :class:`LiveGlossary` reloads the file when it changes,
so an edit takes effect on the next search without a restart;
:func:`validate` gives each bad line's number and a Japanese message.

Matching is done on NFKC-normalised, lower-cased text (so ``ＳＮＳ``,
``sns`` and ``SNS`` are one term) and also on the Japanese analyzer's
normalised form (the query terms of :func:`indexer.analysis.analyze_terms`,
joined by a space), so a spelling Sudachi unifies -- ``おとうさん`` and
``お父さん``, ``ふたご`` and ``双子``, ``障がい`` and ``障害`` -- finds the
group as well.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, NamedTuple

from . import oserrors
from .files import write_text_atomically
from .analysis import (
    JAPANESE_STOPWORDS,
    analyze_query_terms,
    normalize_with_offsets,
    word_boundaries,
)

__all__ = [
    "DEFAULT_GLOSSARY_PATH",
    "EDITABLE_GLOSSARY_PATH",
    "ENV_VAR",
    "Expansion",
    "Glossary",
    "GlossaryError",
    "GlossaryInvalidError",
    "GlossaryNotFoundError",
    "LiveGlossary",
    "active_glossary_path",
    "editable_glossary_path",
    "list_versions",
    "live_glossary",
    "read_text",
    "restore_version",
    "save",
    "validate",
]

log = logging.getLogger(__name__)

ENV_VAR = "KYOTEN_GLOSSARY"
DEFAULT_GLOSSARY_PATH = Path(__file__).resolve().parent / "data" / "glossary.txt"
#: Where staff edits go when KYOTEN_GLOSSARY is not set (created on first edit).
EDITABLE_GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "config" / "glossary.txt"
VERSIONS_DIR_NAME = "glossary-versions"

# Term separators: whitespace (incl. U+3000), / , 、 and full-width ／ ，
_SEPARATORS_RE = re.compile(r"[\s/,、／，]+")
_COMMENT_RE = re.compile(r"[#＃]")
# Narrower-term lines: "broader > narrower narrower ..."
_NARROWER_RE = re.compile(r"[>＞]")


class GlossaryError(ValueError):
    """The glossary file cannot be read (e.g. it is not UTF-8)."""


class GlossaryNotFoundError(GlossaryError, FileNotFoundError):
    """The glossary file does not exist."""


def _key(term: str) -> str:
    return unicodedata.normalize("NFKC", term).lower().strip()


def _split_terms(text: str) -> list[str]:
    return [t for t in _SEPARATORS_RE.split(text) if t]


def _analyzed_key(term: str) -> str:
    """The analyzer's normalised form of ``term``: its query terms joined by
    a space. '' when it analyses to nothing, or when the analyzer dropped
    something at its edges (``多文化`` -> ``文化``: the prefix carries the
    meaning, so ``文化`` alone must not find the group)."""
    term = term.strip()
    qterms = analyze_query_terms(term)
    if not qterms or qterms[0].startchar != 0 or qterms[-1].endchar != len(term):
        return ""
    return " ".join(q.term for q in qterms)


_EXPANDED_CACHE = 4096   # query texts whose expansions a Glossary keeps


class Expansion(NamedTuple):
    """A glossary term found in a query and one term it expands to."""

    surface: str          # the query text matched (as typed)
    term: str             # the term to search for, as written in the glossary
    narrower: bool = False  # a narrower term (``broader > narrower`` line), not a synonym


class Glossary:
    """Synonym groups and narrower terms, with look-ups by term and by query text.

    ``groups``: tuple of groups, each a tuple of terms as written in the
    file (duplicates within a line removed), in file order.
    ``narrower``: tuple of ``(broader, narrower terms)`` pairs, one per broader
    term of each ``>`` line, in file order.
    """

    def __init__(
        self,
        groups: Iterable[Iterable[str]],
        source: str | None = None,
        use_analyzer: bool = True,
        narrower: Iterable[tuple[str, Iterable[str]]] = (),
    ):
        """
        :param groups: synonym groups; groups with fewer than two distinct
            terms are dropped.
        :param source: where the groups came from (for messages).
        :param use_analyzer: also match on the Japanese analyzer's
            normalised form (loads the Sudachi dictionary).
        :param narrower: ``(broader term, narrower terms)`` pairs; a pair whose
            narrower terms are all the broader term itself is dropped.
        """
        self.source = source
        self.use_analyzer = use_analyzer
        cleaned: list[tuple[str, ...]] = []
        for group in groups:
            seen: dict[str, str] = {}
            for term in group:
                term = unicodedata.normalize("NFC", term).strip()
                if term and _key(term) not in seen:
                    seen[_key(term)] = term
            if len(seen) >= 2:
                cleaned.append(tuple(seen.values()))
        self._groups = tuple(cleaned)

        # Concepts: every group, then every broader term no group holds (a
        # concept of one term, found in queries but with no synonyms). Look-ups
        # go term -> concepts -> (members, narrower terms).
        self._members: list[tuple[str, ...]] = list(self._groups)
        self._by_key: dict[str, set[int]] = {}
        for ci, members in enumerate(self._members):
            for term in members:
                self._by_key.setdefault(_key(term), set()).add(ci)
        self._narrower: dict[int, list[str]] = {}
        pairs: list[tuple[str, tuple[str, ...]]] = []
        for broader, narrower_terms in narrower:
            broader = unicodedata.normalize("NFC", broader).strip()
            below = list(dict.fromkeys(
                t for t in (unicodedata.normalize("NFC", n).strip() for n in narrower_terms)
                if t and _key(t) != _key(broader)))
            if not broader or not below:
                continue
            pairs.append((broader, tuple(below)))
            concepts = self._by_key.get(_key(broader))
            if not concepts:
                self._members.append((broader,))
                concepts = self._by_key[_key(broader)] = {len(self._members) - 1}
            for ci in concepts:
                known = self._narrower.setdefault(ci, [])
                known.extend(t for t in below if _key(t) not in {_key(k) for k in known})
        self._narrower_pairs = tuple(pairs)

        self._by_analyzed: dict[str, set[int]] = {}
        if use_analyzer:
            for ci, members in enumerate(self._members):
                for term in members:
                    akey = _analyzed_key(term)
                    if akey:
                        self._by_analyzed.setdefault(akey, set()).add(ci)

        # Longest-first alternation of every term key, for substring search.
        keys = sorted(self._by_key, key=lambda k: (-len(k), k))
        self._surface_re = (
            re.compile("|".join(re.escape(k) for k in keys)) if keys else None
        )
        self._max_terms = max(
            (len(k.split(" ")) for k in self._by_analyzed), default=0
        )
        # expand_query per query text: a glossary never changes after construction
        # (an edit loads a new one), and one search asks several times
        self._expanded: dict[str, tuple[Expansion, ...]] = {}

    # -- construction -------------------------------------------------------

    @classmethod
    def parse(cls, text: str, source: str = "<string>", **kwargs) -> "Glossary":
        """Build a glossary from the text of a glossary file."""
        groups = []
        narrower: list[tuple[str, list[str]]] = []
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = _COMMENT_RE.split(raw, 1)[0].strip()
            if not line:
                continue
            if _NARROWER_RE.search(line):
                sides = _NARROWER_RE.split(line)
                left, right = (_split_terms(sides[0]), _split_terms(sides[1])) if len(sides) == 2 else ([], [])
                if not left or not right:
                    log.warning(
                        "%s:%d: ignored, a narrower-term line is 'broader > narrower ...': %r",
                        source, lineno, raw.strip(),
                    )
                    continue
                narrower.extend((b, right) for b in left)
                continue
            terms = _split_terms(line)
            if len({_key(t) for t in terms}) < 2:
                log.warning(
                    "%s:%d: ignored, a synonym group needs at least two terms: %r",
                    source, lineno, raw.strip(),
                )
                continue
            groups.append(terms)
        return cls(groups, source=source, narrower=narrower, **kwargs)


    @classmethod
    def load(cls, path: str | os.PathLike | None = None, **kwargs) -> "Glossary":
        """Load the glossary from ``path``, else ``$KYOTEN_GLOSSARY``, else
        the packaged ``indexer/data/glossary.txt``.

        :raises GlossaryNotFoundError: (a ``FileNotFoundError``) when the
            file does not exist.
        :raises GlossaryError: when it is not valid UTF-8.
        """
        if path is None:
            env = os.environ.get(ENV_VAR)
            path = active_glossary_path()
            origin = f"${ENV_VAR}" if env else ("staff-edited copy" if path != DEFAULT_GLOSSARY_PATH
                                                  else "packaged default")
        else:
            origin = "argument"
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise GlossaryNotFoundError(
                f"glossary file not found: {path} (from {origin}); pass "
                f"Glossary.load(path=...) or set {ENV_VAR} to an existing "
                f"UTF-8 file"
            ) from None
        except IsADirectoryError:
            raise GlossaryNotFoundError(
                f"glossary path is a directory, not a file: {path}"
            ) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise GlossaryError(
                f"glossary file {path} is not valid UTF-8: {e}"
            ) from None
        return cls.parse(text, source=str(path), **kwargs)

    # -- look-ups -----------------------------------------------------------

    @property
    def groups(self) -> tuple[tuple[str, ...], ...]:
        return self._groups

    @property
    def narrower(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return self._narrower_pairs

    def __len__(self) -> int:
        return len(self._groups)

    def __repr__(self) -> str:
        return (f"Glossary({len(self._groups)} groups, {len(self._narrower_pairs)} narrower-term "
                f"pairs from {self.source!r})")

    def _concepts_of(self, term: str) -> set[int]:
        found = set(self._by_key.get(_key(term), ()))
        if self.use_analyzer:
            akey = _analyzed_key(term)
            if akey:
                found |= self._by_analyzed.get(akey, set())
        return found

    def synonyms_of(self, term: str) -> list[str]:
        """The other members of every group containing ``term``.

        ``term`` is matched on its NFKC-lower-cased form and on the
        analyzer's normalised form. Returns terms as written in the
        glossary, in group order, without duplicates and without ``term``
        itself (nor members whose NFKC-lower-cased form equals its own); ``[]``
        when the term is in no group. Members that merely analyse to the
        same term (``ふたご`` for ``双子``) are still returned: they are other
        spellings, useful for the bigram field. Narrower terms are not
        synonyms (:meth:`narrower_of`).
        """
        return [e.term for e in self._expansions(term, self._concepts_of(term)) if not e.narrower]

    def narrower_of(self, term: str) -> list[str]:
        """The narrower terms of ``term`` (of its ``>`` lines and its synonyms'), each
        with its own synonyms; ``[]`` when there are none."""
        return [e.term for e in self._expansions(term, self._concepts_of(term)) if e.narrower]

    def _expansions(self, surface: str, concepts: set[int]) -> list[Expansion]:
        """Synonyms, then narrower terms (each with its own group), of the concepts
        ``surface`` matched: one Expansion per term, none equal to ``surface``."""
        out: list[Expansion] = []
        seen: set[str] = {_key(surface)}
        for ci in sorted(concepts):
            for member in self._members[ci]:
                if _key(member) not in seen:
                    seen.add(_key(member))
                    out.append(Expansion(surface, member))
        for ci in sorted(concepts):
            for below in self._narrower.get(ci, ()):
                # the narrower term, then its own synonyms (one level: not its narrower terms)
                for member in [below, *(m for cj in sorted(self._by_key.get(_key(below), ()))
                                        for m in self._members[cj])]:
                    if _key(member) not in seen:
                        seen.add(_key(member))
                        out.append(Expansion(surface, member, narrower=True))
        return out

    def expand_query_text(self, text: str) -> list[tuple[str, str]]:
        """Synonyms for the glossary terms found in a query string:
        ``[(matched surface in text, synonym), ...]`` in order of occurrence, one
        pair per synonym (narrower terms left out: :meth:`expand_query`)."""
        return [(e.surface, e.term) for e in self.expand_query(text) if not e.narrower]

    def expand_query(self, text: str) -> list[Expansion]:
        """Synonyms and narrower terms for the glossary terms found in a query string.

        Returns one :class:`Expansion` per (matched surface, term) in order of
        occurrence, a surface's synonyms before its narrower terms. Matches are found

        1. as substrings of the NFKC-lower-cased query, leftmost and longest
           first, non-overlapping (``プレパパ`` wins over ``パパ``); a match
           must also start and end where a word does (so ``父`` is not found
           inside ``祖父``, nor ``インスタ`` inside ``ツインスターズ``);
        2. then, in the parts of the query not yet matched, by the
           analyzer's normalised forms over runs of query terms (so
           ``おとうさん`` finds ``お父さん``'s group).

        The surface is the original query text of the match. A broader term of a
        ``>`` line is found like a group member.
        """
        cached = self._expanded.get(text)
        if cached is None:
            if len(self._expanded) >= _EXPANDED_CACHE:
                self._expanded.clear()
            cached = self._expanded[text] = tuple(self._expand(text))
        return list(cached)

    def _expand(self, text: str) -> list[Expansion]:

        # (start, end, concepts) of every match, in original-text offsets.
        matches: list[tuple[int, int, set[int]]] = []

        def free(b: int, e: int) -> bool:
            return not any(b < me and mb < e for mb, me, _ in matches)

        norm, starts, ends = normalize_with_offsets(text, lower=True)
        boundaries = None
        if self._surface_re is not None:
            for m in self._surface_re.finditer(norm):
                b, e = m.start(), m.end()
                ob = b if starts is None else starts[b]
                oe = e if ends is None else ends[e - 1]
                if self.use_analyzer:
                    if boundaries is None:
                        boundaries = word_boundaries(text)
                    if ob not in boundaries or oe not in boundaries:
                        continue
                matches.append((ob, oe, self._by_key[m.group()]))

        if self.use_analyzer and self._by_analyzed:
            qterms = analyze_query_terms(text)
            i = 0
            while i < len(qterms):
                for n in range(min(self._max_terms, len(qterms) - i), 0, -1):
                    run = qterms[i : i + n]
                    b, e = run[0].startchar, run[-1].endchar
                    if not free(b, e):
                        continue
                    groups = self._by_analyzed.get(" ".join(q.term for q in run))
                    if groups:
                        matches.append((b, e, groups))
                        i += n
                        break
                else:
                    i += 1

        out: list[Expansion] = []
        seen: set[tuple[str, str]] = set()
        for b, e, concepts in sorted(matches, key=lambda m: (m[0], m[1])):
            for expansion in self._expansions(text[b:e], concepts):
                pair = (expansion.surface, _key(expansion.term))
                if pair not in seen:
                    seen.add(pair)
                    out.append(expansion)
        return out





# ---------------------------------------------------------------------------
# Where the glossary lives


def editable_glossary_path() -> Path:
    """The file staff edits are written to: ``$KYOTEN_GLOSSARY``, else ``config/glossary.txt``."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else EDITABLE_GLOSSARY_PATH


def active_glossary_path() -> Path:
    """The file searches read: ``$KYOTEN_GLOSSARY``, else the edited copy when it
    exists, else the packaged default."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return EDITABLE_GLOSSARY_PATH if EDITABLE_GLOSSARY_PATH.is_file() else DEFAULT_GLOSSARY_PATH


def read_text(path: str | os.PathLike | None = None) -> str:
    """The text of the glossary at ``path`` (default: the active one).

    For the editable file not created yet, the packaged default (what the first
    edit starts from).

    :raises GlossaryError: with a Japanese reason for staff that names no path (the
        admin page shows it to visitors who may not see the server's folders; the
        caller adds the path where its reader may see it).
    """
    path = Path(path) if path is not None else active_glossary_path()
    if not path.exists() and path == editable_glossary_path():
        path = DEFAULT_GLOSSARY_PATH
    return _decoded(_read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    """The bytes of the glossary file; a GlossaryError with a Japanese reason (naming no
    path) when they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GlossaryNotFoundError("用語集のファイルがありません") from None
    except IsADirectoryError:
        raise GlossaryNotFoundError("用語集のファイルの場所がフォルダーになっています") from None
    except PermissionError:
        raise GlossaryError("用語集のファイルを読む権限がありません") from None
    except OSError as exc:   # a disk error, too many open files, …: said in Japanese too
        log.warning("cannot read the glossary %s: %s", path, exc)
        raise GlossaryError(f"用語集のファイルを読めません（{oserrors.reason(exc, writing=False)}）") from None


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GlossaryError(f"ファイルの文字コードが UTF-8 ではありません（{e.start + 1} バイト目）") from None


# ---------------------------------------------------------------------------
# Validation

#: Longest term accepted (characters); longer "terms" are sentences or pasted text.
MAX_TERM_CHARS = 30
#: Most terms in one group.
MAX_GROUP_TERMS = 20
#: Largest glossary accepted (characters).
MAX_GLOSSARY_CHARS = 200_000
#: Words found in nearly every report: as a synonym they would match everything.
TOO_COMMON = frozenset(_key(w) for w in """
    支援 子育て 子育て支援 地域 事業 拠点 家庭 子育て家庭 親子 子ども 子供 こども 乳幼児 担い手
    養育者 保護者 取組 取り組み 取組み 利用 利用者 活動 実施 関係機関 連携 区 市 年度 目標 重点目標
    成果 課題 事業評価 評価
""".split())

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class GlossaryInvalidError(GlossaryError):
    """The glossary text has bad lines; ``errors`` lists (line number, message)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{n}行目: {m}" for n, m in errors[:5]))


def _is_stopword(term: str) -> bool:
    if _key(term) in TOO_COMMON or _key(term) in JAPANESE_STOPWORDS:
        return True
    qterms = analyze_query_terms(term)
    return bool(term.strip()) and not qterms


def _term_error(term: str) -> str | None:
    """Why ``term`` cannot be in the glossary, or None."""
    if len(term) > MAX_TERM_CHARS:
        return (f"語が長すぎます（「{term[:12]}…」{len(term)} 文字、上限 {MAX_TERM_CHARS} 文字）。"
                "文ではなく語を書いてください。")
    if _is_stopword(term):
        return (f"「{term}」はほとんどの報告書に出てくる語のため、同義語・下位語にできません"
                "（すべての文書に一致してしまいます）。")
    return None


def validate(text: str) -> list[tuple[int, str]]:
    """Bad lines of a glossary text: ``[(line number, Japanese message), ...]``.

    Rejected: control characters; a line with a single term (not a group); a term
    longer than :data:`MAX_TERM_CHARS`; a group of more than :data:`MAX_GROUP_TERMS`
    terms; a term that is a stopword or found in nearly every report (支援 alone);
    a term already in another group (one word cannot mean two things -- merge the
    lines or drop one). Narrower-term lines (``broader > narrower ...``) need terms
    on both sides of one ``>``, and a narrower term must not be the broader term, a
    synonym of it, nor have it as its own narrower term (two-way means synonyms: one
    group). Line 0 means the whole text.
    """
    errors: list[tuple[int, str]] = []
    if len(text) > MAX_GLOSSARY_CHARS:
        return [(0, f"用語集が大きすぎます（{len(text):,} 文字、上限 {MAX_GLOSSARY_CHARS:,} 文字）。")]
    first_line: dict[str, int] = {}          # group member -> line of its group
    relations: list[tuple[int, str, str]] = []   # (line, broader, narrower) of valid '>' lines
    for lineno, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if _CONTROL_RE.search(raw.replace("\t", " ")):
            errors.append((lineno, "制御文字（見えない文字）が含まれています。その文字を削除してください。"))
            continue
        line = _COMMENT_RE.split(raw, 1)[0].strip()
        if not line:
            continue
        if _NARROWER_RE.search(line):
            sides = _NARROWER_RE.split(line)
            left, right = (_split_terms(sides[0]), _split_terms(sides[-1]))
            if len(sides) != 2 or not left or not right:
                errors.append((lineno, "下位語の行は「上位語 > 下位語 下位語 …」の形で書いてください"
                                       "（「>」は1行に1つ、左右に1語以上が必要です）。"))
                continue
            terms = list(dict.fromkeys(left + right))
            if len(terms) > MAX_GROUP_TERMS:
                errors.append((lineno, f"1つの行の語が多すぎます（{len(terms)} 語、上限 {MAX_GROUP_TERMS} 語）。"))
                continue
            bad = [(t, m) for t, m in ((t, _term_error(t)) for t in terms) if m]
            if bad:
                errors.extend((lineno, m) for _t, m in bad)
                continue
            same = [t for t in right if _key(t) in {_key(b) for b in left}]
            if same:
                errors.append((lineno, f"「{same[0]}」が「>」の両側にあります。語は上位語か下位語のどちらかに書いてください。"))
                continue
            relations.extend((lineno, b, n) for b in left for n in right)
            continue
        terms = list(dict.fromkeys(_split_terms(line)))
        keys = list(dict.fromkeys(_key(t) for t in terms))
        if len(keys) < 2:
            errors.append((lineno, f"同義語のグループには2語以上が必要です（「{terms[0][:MAX_TERM_CHARS]}」だけの行です）。"
                                   "区切りはスペース・「/」・「,」・「、」です。"
                                   "上位語と下位語の関係なら「上位語 > 下位語」と書きます。"))
            continue
        if len(keys) > MAX_GROUP_TERMS:
            errors.append((lineno, f"1つのグループの語が多すぎます（{len(keys)} 語、上限 {MAX_GROUP_TERMS} 語）。"))
            continue
        for term in terms:
            k = _key(term)
            message = _term_error(term)
            if message:
                errors.append((lineno, message))
            elif k in first_line and first_line[k] != lineno:
                errors.append((lineno, f"「{term}」は {first_line[k]} 行目のグループにもあります。"
                                       "1つの語は1つのグループにだけ書いてください（行をまとめるか、どちらかから外してください）。"))
            else:
                first_line.setdefault(k, lineno)
    # Narrower-term lines against the groups and each other (in any order in the file).
    pairs = {(_key(b), _key(n)): line for line, b, n in relations}
    reported: set[int] = set()
    for line, broader, narrower in relations:
        if line in reported:
            continue
        group = first_line.get(_key(broader))
        if group is not None and first_line.get(_key(narrower)) == group:
            errors.append((line, f"「{broader}」と「{narrower}」は {group} 行目で同義語になっています。"
                                 "同じ意味の語なら下位語の行はいりません（どちらかの行から外してください）。"))
            reported.add(line)
        elif (_key(narrower), _key(broader)) in pairs:
            other = pairs[(_key(narrower), _key(broader))]
            errors.append((line, f"「{broader}」と「{narrower}」が互いの下位語になっています（{other} 行目も）。"
                                 "同じ意味の語なら1行の同義語グループにまとめてください。"))
            reported.add(line)
    return sorted(errors, key=lambda e: e[0])


# ---------------------------------------------------------------------------
# Saving, versions


_VERSION_RE = re.compile(r"^glossary-\d{8}-\d{6}-\d{6}\.txt$")


def versions_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or editable_glossary_path()).parent / VERSIONS_DIR_NAME


def _keep_version(path: Path, text: str) -> str:
    folder = versions_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        name = f"glossary-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.txt"
        if not (folder / name).exists():
            break
    write_text_atomically(folder / name, text)
    return name


def save(path: str | os.PathLike | None, text: str) -> dict:
    """Validate ``text`` and write it to ``path`` (default: the editable file) atomically,
    keeping the previous text (or, on the first edit, the packaged default) as a version.

    :raises GlossaryInvalidError: with every bad line; nothing is written then.
    :returns: ``{"path", "groups", "previous_version"}``.
    """
    path = Path(path) if path is not None else editable_glossary_path()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    errors = validate(text)
    if errors:
        raise GlossaryInvalidError(errors)
    with _SAVE_LOCK:
        try:
            previous = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            previous = DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # keep the broken bytes' text as well as we can
            previous = path.read_bytes().decode("utf-8", errors="replace")
        version = _keep_version(path, previous) if previous != text else None
        write_text_atomically(path, text)
    groups = len(Glossary.parse(text, source=str(path), use_analyzer=False))
    log.info("glossary saved to %s (%d groups; previous kept as %s)", path, groups, version)
    return {"path": str(path), "groups": groups, "previous_version": version}


_SAVE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Version:
    name: str
    saved_at: datetime
    size: int

    def to_dict(self) -> dict:
        return {"name": self.name, "saved_at": self.saved_at.isoformat(timespec="seconds"), "size": self.size}


def list_versions(path: str | os.PathLike | None = None) -> list[Version]:
    """Earlier texts of the glossary at ``path``, newest first."""
    folder = versions_dir(path)
    out = []
    if folder.is_dir():
        for f in folder.iterdir():
            if _VERSION_RE.match(f.name):
                stamp = datetime.strptime(f.name[len("glossary-"):-len(".txt")], "%Y%m%d-%H%M%S-%f")
                out.append(Version(f.name, stamp, f.stat().st_size))
    return sorted(out, key=lambda v: v.name, reverse=True)


def read_version(path: str | os.PathLike | None, name: str) -> str:
    """The text of one kept version (only names :func:`list_versions` gives: no paths)."""
    if not _VERSION_RE.match(name or ""):
        raise GlossaryNotFoundError(f"版「{str(name)[:40]}」はありません。")
    file = versions_dir(path) / name
    if not file.is_file():
        raise GlossaryNotFoundError(f"版「{name}」はありません。")
    return file.read_text(encoding="utf-8")


def restore_version(path: str | os.PathLike | None, name: str) -> dict:
    """Make a kept version the glossary again (the current text is kept as a version)."""
    return save(path, read_version(path, name))


# ---------------------------------------------------------------------------
# Hot reload


# (naming no path: the admin pages show the path only to a logged-in admin)
MSG_FALLBACK = "設定された用語集のファイルを読み込めないため、同梱の既定の用語集で検索しています（{reason}）。"
MSG_KEPT = "用語集のファイルを読み直せないため、前に読み込んだ内容で検索しています（{reason}）。"


class LiveGlossary:
    """The glossary of a file, reloaded when the file changes (thread-safe).

    ``get()`` costs one ``stat`` when nothing changed; when size or mtime differ the
    file is read and, if its hash differs too, parsed again. A file that cannot be
    read or parsed keeps the last good glossary (logged). With ``path=None`` the
    active file is looked up on each call (:func:`active_glossary_path`), so the
    first staff edit, which creates ``config/glossary.txt``, is picked up as well.
    """

    def __init__(self, path: str | os.PathLike | None = None, **glossary_kwargs):
        self._path = Path(path) if path is not None else None
        self._kwargs = glossary_kwargs
        self._lock = threading.Lock()
        self._glossary: Glossary | None = None
        self._stat: tuple | None = None
        self._digest: str | None = None
        # For the admin pages, in Japanese: why searches do not read the file as it is
        # (unreadable: the packaged glossary or the last good one is read instead; None
        # when they do), and the lines of the file read that `validate` rejects (a line
        # of one term is left out of the search; the others are searched as written).
        self.problem: str | None = None
        self.bad_lines: list[tuple[int, str]] = []

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else active_glossary_path()

    def _signature(self, path: Path) -> tuple | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (str(path), st.st_mtime_ns, st.st_size, st.st_ino)

    def get(self) -> Glossary:
        path = self.path
        sig = self._signature(path)
        if self._glossary is not None and sig == self._stat:
            return self._glossary
        with self._lock:
            sig = self._signature(path)
            if self._glossary is not None and sig == self._stat:
                return self._glossary
            try:
                data = _read_bytes(path)
                digest = hashlib.sha256(str(path).encode() + b"\0" + data).hexdigest()
                if digest != self._digest or self._glossary is None or self.problem:
                    text = _decoded(data)
                    self._glossary = Glossary.parse(text, source=str(path), **self._kwargs)
                    self._digest = digest
                    self.problem = None
                    self.bad_lines = validate(text)
                    log.info("glossary loaded from %s: %d groups", path, len(self._glossary))
                self._stat = sig
            except GlossaryError as exc:
                if self._glossary is None:
                    if path.resolve() == DEFAULT_GLOSSARY_PATH.resolve():
                        raise GlossaryError(f"glossary file {path}: {exc}") from None
                    # the configured file cannot be read at start: the packaged glossary,
                    # and the admin pages say why (the server starts all the same)
                    self._glossary = Glossary.parse(_decoded(_read_bytes(DEFAULT_GLOSSARY_PATH)),
                                                    source=str(DEFAULT_GLOSSARY_PATH), **self._kwargs)
                    self.problem = MSG_FALLBACK.format(reason=exc)
                    self.bad_lines = []
                    log.warning("glossary %s cannot be read (%s); searching with the packaged %s",
                                path, exc, DEFAULT_GLOSSARY_PATH)
                else:
                    self.problem = MSG_KEPT.format(reason=exc)
                    log.warning("glossary %s could not be reloaded (%s); keeping the previous one", path, exc)
                self._digest = None
                self._stat = sig
            return self._glossary


_LIVE: dict[str, LiveGlossary] = {}
_LIVE_LOCK = threading.Lock()


def live_glossary(path: str | os.PathLike | None = None) -> LiveGlossary:
    """The process-wide :class:`LiveGlossary` of ``path`` (``None``: the active file)."""
    key = str(Path(path).resolve()) if path is not None else ""
    with _LIVE_LOCK:
        live = _LIVE.get(key)
        if live is None:
            live = _LIVE[key] = LiveGlossary(path)
        return live
