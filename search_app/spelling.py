"""Spelling corrections for query words that match nothing ("もしかして").

A word the reports never use may be a slip of the keyboard or of the IME: a large kana
for a small one (ボランテイア for ボランティア, シヤッター for シャッター), a dash that is not
the long-vowel mark (サポ－ト, サポ‐ト for サポート), one character wrong, missing, extra or
swapped (ボランテア, ボランティヤ), or a kanji word left in hiragana where Sudachi cuts the
kana into fragments (子育てしえん: し + え + ん, for 支援). The corrections come from the
index's own vocabulary (the Whoosh lexicon of the word field, `Vocabulary`), never from a
list of typos:

- a word whose spelling, with kana folded (hiragana -> katakana, small -> large) and
  dashes read as ー, is a word of the reports: that word;
- else, between words of at least EDIT_MIN_CHARS characters, the report word one edit away
  (Damerau: a character replaced, missing, extra or two swapped), the commonest when
  several are;
- a run of hiragana fragments (two or more morphemes, at least READING_MIN_CHARS kana)
  whose katakana is the reading of a report word written in kanji: that word; a run
  that reads as two or three report words one after the other (ていきょうかいいん:
  テイキョウ + カイイン) and holds a word that matches nothing: those words (提供会員),
  rather than the one word the run's end happens to read as (いいん: 委員); and where
  Sudachi cut a kana word across its end (しえんしている: し + え + んし), the longest
  stretch of kana around a word that matches nothing that reads as a report word;
- a space typed inside a word (ボラン ティア, 子育て支 援, パート ナー: a paste, a line
  break or the IME's conversion boundary) where a word next to the space matches
  nothing and the two sides written together are words of the reports: the words
  written together. Words that match as spaced (妊娠期 支援) are never joined.

Only the words that match nothing are looked at (`QueryBuilder.unmatched_terms`, or every
word of a query nothing grounds); a query whose words all match is never corrected. The
service decides what to do with a correction (search_app.service): with no results it
searches the corrected words and says so, with a link back to the words as typed; with
results it suggests the correction as a link.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from indexer.analysis import SudachiTokenizer, analyze_query_terms, thread_tokenizer

EDIT_MIN_CHARS = 5      # one edit in a shorter word (ツインズ / ツイン) is another word as often as a typo
READING_MIN_CHARS = 3   # shorter kana runs are particles and endings
READING_MAX_MORPHEMES = 8
READING_SPAN_MAX_CHARS = 8   # the longest kana stretch read as one word when the cut falls inside it
READING_MAX_WORDS = 3   # a hiragana run read as at most this many report words in a row
PARTICLES = frozenset("のをにがとへでやはも")   # may stand between them, kept as typed
_SPACE = re.compile(r"\s+")
SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ", "アイウエオツヤユヨワカケあいうえおつやゆよわかけ")
DASHES = "-－‐‑‒–—―−ｰ"
_DASH_RE = re.compile(f"[{re.escape(DASHES)}]")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]")
_DASHED_KATAKANA = re.compile(f"[\u30a1-\u30faー]+(?:[{re.escape(DASHES)}][\u30a1-\u30faー]*)+")
_HIRAGANA = re.compile(r"[\u3041-\u3096ー]+")
_KANJI = re.compile(r"[\u3400-\u9fff々]")
_HAS_WORD = re.compile(r"\w")
_WORDLIKE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u3400-\u9fff々ー]")
_TOKENIZER = SudachiTokenizer()


def is_kana_fragment(surface: str) -> bool:
    """A query word of hiragana shorter than any reading looked up (え, えん): a piece of
    a kana word rather than a word."""
    return bool(surface) and len(surface) < READING_MIN_CHARS and bool(_HIRAGANA.fullmatch(surface))


def hira_to_kata(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def fold(text: str) -> str:
    """The spelling key: katakana, large kana, ー for every dash, no middle dot."""
    return _DASH_RE.sub("ー", hira_to_kata(text).translate(SMALL_KANA)).replace("・", "")


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau distance <= 1 (replace, insert, delete, swap two neighbours)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


class Vocabulary:
    """The words of one index generation, keyed for correction: by spelling key, by
    one-deletion neighbourhood (SymSpell: two keys one edit apart share a deletion or
    one is a deletion of the other) and by the reading of words written in kanji."""

    def __init__(self, reader, field: str = "text"):
        self.df: dict[str, int] = {}
        self.by_key: dict[str, str] = {}
        self.by_deletion: dict[str, set[str]] = {}
        self.by_reading: dict[str, str] = {}
        tok = thread_tokenizer()
        for raw, info in reader.iter_field(field):
            word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if len(word) < 2 or not _WORDLIKE.search(word):
                continue
            df = info.doc_frequency()
            self.df[word] = df
            key = fold(word)
            if df > self.df.get(self.by_key.get(key, ""), 0):
                self.by_key[key] = word
            if len(key) >= EDIT_MIN_CHARS:
                for d in _deletions(key) | {key}:
                    self.by_deletion.setdefault(d, set()).add(key)
            if _KANJI.search(word):
                reading = "".join(m.reading_form() for m in tok.tokenize(word))
                if len(reading) >= READING_MIN_CHARS and df > self.df.get(self.by_reading.get(reading, ""), 0):
                    self.by_reading[reading] = word

    def spelled(self, typed: str) -> str | None:
        """The report word `typed` is a variant spelling or a one-edit slip of."""
        key = fold(typed)
        found = self.by_key.get(key)
        if found is not None:
            return found if found != typed else None
        if len(key) < EDIT_MIN_CHARS:
            return None
        near = set()
        for d in _deletions(key) | {key}:
            near |= self.by_deletion.get(d, set())
        words = [self.by_key[k] for k in near if within_one_edit(key, k) and k in self.by_key]
        words = [w for w in words if w != typed]
        return max(words, key=lambda w: (self.df[w], w)) if words else None

    def read_as(self, kana: str) -> str | None:
        """The report word written in kanji whose reading hiragana `kana` is."""
        return self.by_reading.get(hira_to_kata(kana))

    def read_as_words(self, kana: str) -> str | None:
        """Hiragana `kana` written as the fewest report words in kanji (at most
        READING_MAX_WORDS) whose readings follow one another, a particle (の, を …)
        allowed between two of them and kept as typed (ていきょうかいいんのかくほ:
        提供会員の確保); None when the run cannot be read so."""
        key = hira_to_kata(kana)
        n = len(key)
        best: list[tuple[int, str] | None] = [None] * (n + 1)   # (words, text) for key[:i]
        best[0] = (0, "")
        for end in range(1, n + 1):
            options = []
            if end >= 2 and kana[end - 1] in PARTICLES and best[end - 1] and best[end - 1][0] \
                    and not best[end - 1][1].endswith(tuple(PARTICLES)):
                options.append((best[end - 1][0], best[end - 1][1] + kana[end - 1]))
            for start in range(0, end - READING_MIN_CHARS + 1):
                before = best[start]
                word = self.by_reading.get(key[start:end]) if before is not None else None
                if word and before[0] < READING_MAX_WORDS:
                    options.append((before[0] + 1, before[1] + word))
            if options:
                best[end] = min(options, key=lambda o: o[0])
        found = best[n]
        if found is None or found[1].endswith(tuple(PARTICLES)):
            return None
        return found[1] if found[0] >= 2 else None


_VOCABULARIES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def vocabulary(data) -> Vocabulary:
    """The generation's vocabulary, built on first use (once per generation)."""
    with _LOCK:
        found = _VOCABULARIES.get(data)
        if found is None:
            with data.ix.searcher() as searcher:
                found = _VOCABULARIES[data] = Vocabulary(searcher.reader())
    return found


@dataclass(frozen=True)
class Correction:
    typed: str       # as in the query text
    corrected: str   # the report word


def _katakana_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A katakana word's span widened over the katakana and dashes around it (サポ－ト is
    cut at the dash: the word is the whole run)."""
    if not _KATAKANA.search(text[start:end]):
        return start, end
    while start > 0 and (_KATAKANA.match(text[start - 1]) or text[start - 1] in DASHES):
        start -= 1
    while end < len(text) and (_KATAKANA.match(text[end]) or text[end] in DASHES):
        end += 1
    while start < end and text[start] in DASHES:
        start += 1
    while end > start and text[end - 1] in DASHES:
        end -= 1
    return start, end


def corrections(parsed, builder, unmatched: list) -> list[Correction]:
    """The corrections of the query words `unmatched` (QueryTerms that match nothing)
    and of the hiragana fragments of the query text (see the module's docstring)."""
    text = parsed.text
    if not text:
        return []
    vocab = vocabulary(builder.data)
    out: list[Correction] = []
    done: list[tuple[int, int]] = []
    ms = _TOKENIZER.morphemes(text, with_parts=False)
    unmatched_spans = [(t.startchar, t.endchar) for t in unmatched]
    # a space inside a word: the two sides written together (before the words' own checks,
    # which would look at each half alone)
    for fix, span in _joined_across_spaces(text, builder, unmatched_spans, ms):
        out.append(fix)
        done.append(span)
    for t in unmatched:
        start, end = _katakana_span(text, t.startchar, t.endchar)
        if any(a < end and start < b for a, b in done):
            continue
        typed = text[start:end]
        dashed = _DASH_RE.sub("ー", typed) if _KATAKANA.search(typed) else typed
        fixed = dashed if dashed != typed and builder.in_corpus(dashed) else vocab.spelled(typed)
        if fixed and fixed != typed:
            out.append(Correction(typed, fixed))
            done.append((start, end))
    # a dash typed for the long-vowel mark inside a katakana word (サポ－ト): Sudachi cuts the
    # word at it, and its pieces may each match something; the word with ー is one report word
    for m in _DASHED_KATAKANA.finditer(text):
        start, end = m.span()
        if any(a < end and start < b for a, b in done):
            continue
        fixed = vocab.by_key.get(fold(m.group()))
        if fixed and fixed != m.group() and [t.term for t in analyze_query_terms(m.group())] != [fixed]:
            out.append(Correction(m.group(), fixed))
            done.append((start, end))
    # hiragana fragments (しえん: し + え + ん) read as the kanji word they sound like
    kana = [bool(_HIRAGANA.fullmatch(m.surface)) for m in ms]
    n = 0
    while n < len(ms):
        last = n   # the run of adjacent hiragana morphemes from n: ms[n:last]
        while last < len(ms) and kana[last] and (last == n or ms[last].start == ms[last - 1].end):
            last += 1
        run_start = n == 0 or not kana[n - 1] or ms[n].start != ms[n - 1].end
        if run_start and last - n >= 2:
            # the whole run as report words in a row (ていきょうかいいん: 提供 + 会員), when it
            # holds a word that matches nothing; one word is left to the search below
            start, end = ms[n].start, ms[last - 1].end
            words = vocab.read_as_words(text[start:end]) \
                if end - start >= 2 * READING_MIN_CHARS and any(a < end and start < b for a, b in unmatched_spans) \
                and not any(a < end and start < b for a, b in done) else None
            if words:
                out.append(Correction(text[start:end], words))
                done.append((start, end))
                n = last
                continue
        found = None
        for m_end in range(min(last, n + READING_MAX_MORPHEMES), n + 1, -1):   # longest first, two or more
            start, end = ms[n].start, ms[m_end - 1].end
            if end - start < READING_MIN_CHARS or any(a < end and start < b for a, b in done):
                continue
            word = vocab.read_as(text[start:end])
            if word:
                found = m_end
                out.append(Correction(text[start:end], word))
                done.append((start, end))
                break
        n = found or n + 1
    # a kana word Sudachi cut across its end (どのようにしえんしているか: し + え + んし): the
    # longest stretch of the hiragana around a word that matches nothing that reads as a
    # report word, wherever the morphemes were cut
    for t in unmatched:
        if not _HIRAGANA.fullmatch(text[t.startchar:t.endchar] or "-") \
                or any(a < t.endchar and t.startchar < b for a, b in done):
            continue
        run_start, run_end = t.startchar, t.endchar
        while run_start > 0 and _HIRAGANA.fullmatch(text[run_start - 1]):
            run_start -= 1
        while run_end < len(text) and _HIRAGANA.fullmatch(text[run_end]):
            run_end += 1
        spans = [(a, b) for a in range(max(run_start, t.endchar - READING_SPAN_MAX_CHARS), t.startchar + 1)
                 for b in range(t.endchar, min(run_end, a + READING_SPAN_MAX_CHARS) + 1)
                 if b - a >= READING_MIN_CHARS]
        for a, b in sorted(spans, key=lambda ab: (ab[0] - ab[1], ab[0])):   # longest, then leftmost
            word = None if any(x < b and a < y for x, y in done) else vocab.read_as(text[a:b])
            if word:
                out.append(Correction(text[a:b], word))
                done.append((a, b))
                break
    return out


def _joined_across_spaces(text: str, builder, unmatched_spans, ms):
    """(Correction, span) for each space inside a word: a word next to the space matches
    nothing, and the morphemes on either side written together (else the two
    space-separated chunks written together) are words the reports use."""
    for gap in _SPACE.finditer(text):
        gap_start, gap_end = gap.span()
        if gap_start == 0 or gap_end == len(text):
            continue
        if not any(a <= gap_start <= b or a <= gap_end <= b for a, b in unmatched_spans
                   if b == gap_start or a == gap_end):
            continue   # the words next to the space match as they are
        left = next((m for m in ms if m.end == gap_start), None)
        right = next((m for m in ms if m.start == gap_end), None)
        if left is None or right is None:
            continue
        chunk_start = max((m.end() for m in _SPACE.finditer(text, 0, gap_start)), default=0)
        after = _SPACE.search(text, gap_end)
        chunk_end = after.start() if after else len(text)
        for start, end in dict.fromkeys(((left.start, right.end), (chunk_start, chunk_end))):
            joined = text[start:gap_start] + text[gap_end:end]
            if _HAS_WORD.search(joined) and builder.in_corpus(joined):
                yield Correction(text[start:end], joined), (start, end)
                break


def corrected_query(query: str, fixes: list[Correction]) -> str:
    """`query` with each typed word replaced by its correction (first occurrence)."""
    for c in fixes:
        query = query.replace(c.typed, c.corrected, 1)
    return query
