"""Domain glossary of synonym groups, editable by staff.

File format (``indexer/data/glossary.txt``, UTF-8, a BOM is tolerated):

* one synonym group per line; terms separated by whitespace (incl. the
  full-width space), ``/``, ``,`` or ``、`` (full-width ``／``/``，`` too);
* ``#`` starts a comment (whole line or the rest of a line);
* blank lines are ignored;
* a line with a single term is not a group: it is ignored with a logged
  warning.

The file is chosen by ``Glossary.load(path)``, else the ``KYOTEN_GLOSSARY``
environment variable, else the packaged file.

Matching is done on NFKC-normalised, lower-cased text (so ``ＳＮＳ``,
``sns`` and ``SNS`` are one term) and also on the Japanese analyzer's
normalised form (the query terms of :func:`indexer.analysis.analyze_terms`,
joined by a space), so a spelling Sudachi unifies -- ``おとうさん`` and
``お父さん``, ``ふたご`` and ``双子``, ``障がい`` and ``障害`` -- finds the
group as well.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from .analysis import (
    analyze_query_terms,
    normalize_with_offsets,
    word_boundaries,
)

__all__ = [
    "DEFAULT_GLOSSARY_PATH",
    "ENV_VAR",
    "Glossary",
    "GlossaryError",
    "GlossaryNotFoundError",
]

log = logging.getLogger(__name__)

ENV_VAR = "KYOTEN_GLOSSARY"
DEFAULT_GLOSSARY_PATH = Path(__file__).resolve().parent / "data" / "glossary.txt"

# Term separators: whitespace (incl. U+3000), / , 、 and full-width ／ ，
_SEPARATORS_RE = re.compile(r"[\s/,、／，]+")
_COMMENT_RE = re.compile(r"[#＃]")


class GlossaryError(ValueError):
    """The glossary file cannot be read (e.g. it is not UTF-8)."""


class GlossaryNotFoundError(GlossaryError, FileNotFoundError):
    """The glossary file does not exist."""


def _key(term: str) -> str:
    return unicodedata.normalize("NFKC", term).lower().strip()


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


class Glossary:
    """Synonym groups with look-ups by term and by query text.

    ``groups``: tuple of groups, each a tuple of terms as written in the
    file (duplicates within a line removed), in file order.
    """

    def __init__(
        self,
        groups: Iterable[Iterable[str]],
        source: str | None = None,
        use_analyzer: bool = True,
    ):
        """
        :param groups: synonym groups; groups with fewer than two distinct
            terms are dropped.
        :param source: where the groups came from (for messages).
        :param use_analyzer: also match on the Japanese analyzer's
            normalised form (loads the Sudachi dictionary).
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

        # key -> set of group indexes; both surface and analyzed keys.
        self._by_key: dict[str, set[int]] = {}
        self._by_analyzed: dict[str, set[int]] = {}
        for gi, group in enumerate(self._groups):
            for term in group:
                self._by_key.setdefault(_key(term), set()).add(gi)
                if use_analyzer:
                    akey = _analyzed_key(term)
                    if akey:
                        self._by_analyzed.setdefault(akey, set()).add(gi)

        # Longest-first alternation of every term key, for substring search.
        keys = sorted(self._by_key, key=lambda k: (-len(k), k))
        self._surface_re = (
            re.compile("|".join(re.escape(k) for k in keys)) if keys else None
        )
        self._max_terms = max(
            (len(k.split(" ")) for k in self._by_analyzed), default=0
        )

    # -- construction -------------------------------------------------------

    @classmethod
    def parse(cls, text: str, source: str = "<string>", **kwargs) -> "Glossary":
        """Build a glossary from the text of a glossary file."""
        groups = []
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = _COMMENT_RE.split(raw, 1)[0].strip()
            if not line:
                continue
            terms = [t for t in _SEPARATORS_RE.split(line) if t]
            if len({_key(t) for t in terms}) < 2:
                log.warning(
                    "%s:%d: ignored, a synonym group needs at least two terms: %r",
                    source, lineno, raw.strip(),
                )
                continue
            groups.append(terms)
        return cls(groups, source=source, **kwargs)

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
            path = Path(env) if env else DEFAULT_GLOSSARY_PATH
            origin = f"${ENV_VAR}" if env else "packaged default"
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

    def __len__(self) -> int:
        return len(self._groups)

    def __repr__(self) -> str:
        return f"Glossary({len(self._groups)} groups from {self.source!r})"

    def _groups_of(self, term: str) -> set[int]:
        found = set(self._by_key.get(_key(term), ()))
        if self.use_analyzer:
            akey = _analyzed_key(term)
            if akey:
                found |= self._by_analyzed.get(akey, set())
        return found

    @staticmethod
    def _same_term(a: str, b: str) -> bool:
        return _key(a) == _key(b)

    def synonyms_of(self, term: str) -> list[str]:
        """The other members of every group containing ``term``.

        ``term`` is matched on its NFKC-lower-cased form and on the
        analyzer's normalised form. Returns terms as written in the
        glossary, in group order, without duplicates and without ``term``
        itself (nor members whose NFKC-lower-cased form equals its own); ``[]``
        when the term is in no group. Members that merely analyse to the
        same term (``ふたご`` for ``双子``) are still returned: they are other
        spellings, useful for the bigram field.
        """
        out: list[str] = []
        seen: set[str] = set()
        for gi in sorted(self._groups_of(term)):
            for member in self._groups[gi]:
                k = _key(member)
                if k in seen or self._same_term(member, term):
                    continue
                seen.add(k)
                out.append(member)
        return out

    def expand_query_text(self, text: str) -> list[tuple[str, str]]:
        """Synonyms for the glossary terms found in a query string.

        Returns ``[(matched surface in text, synonym), ...]`` in order of
        occurrence, one pair per synonym. Matches are found

        1. as substrings of the NFKC-lower-cased query, leftmost and longest
           first, non-overlapping (``プレパパ`` wins over ``パパ``); a
           one-character term (``父``) must also be a whole word in the
           query (so not inside ``祖父``);
        2. then, in the parts of the query not yet matched, by the
           analyzer's normalised forms over runs of query terms (so
           ``おとうさん`` finds ``お父さん``'s group).

        The surface is the original query text of the match.
        """
        # (start, end, groups) of every match, in original-text offsets.
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
                if e - b == 1 and self.use_analyzer:
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

        pairs: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for b, e, groups in sorted(matches, key=lambda m: (m[0], m[1])):
            surface = text[b:e]
            for gi in sorted(groups):
                for member in self._groups[gi]:
                    pair = (surface, member)
                    if pair in seen or self._same_term(member, surface):
                        continue
                    seen.add(pair)
                    pairs.append(pair)
        return pairs
