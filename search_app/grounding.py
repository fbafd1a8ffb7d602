"""Whether a query means anything: the floor below which a search finds nothing.

The semantic half cannot judge this itself. Measured on the seed corpus with
e5-small (docs/quality.md), a junk query's cosines look like a real one's: the
best cosine (qwertyuiop 0.824, あかさたな… 0.856 against 転勤 0.843, 一時預かり
0.840), its margin over the median (junk 0.025–0.047, real 0.024–0.070) and
its z-score (junk 2.0–3.5, real 1.8–3.7) all overlap, so no cosine threshold
or distribution test keeps every real query and drops the junk. A floor in
words does: a query is *grounded* when at least one of its words is

- a word the reports use (indexed, document frequency > 0) — except a one- or
  two-character hiragana fragment (うえ, さ: what kana gibberish splits into);
- a word the glossary knows (it has synonyms or narrower terms);
- a word of the Japanese dictionary (SudachiDict, not out-of-vocabulary)
  written with kanji or katakana (転勤, 虐待, ワンオペ), or a kana spelling of
  such a word (おむつ = 御襁褓): a real word the reports happen not to use
  still gets its semantic neighbours;

or the query holds a quoted phrase. Numbers alone, Latin strings and katakana
the dictionary does not know (qwertyuiop, 12345, ルナモテクシ), and hiragana
strings that are neither (ふがふが, あいうえお) are not grounded: the search
returns nothing and says so, instead of the passages nearest to noise.
The price, stated: an out-of-dictionary coinage the reports and the glossary
do not know (イクメン) is not searched either — a glossary line fixes that.
"""

from __future__ import annotations

import re

from indexer.analysis import thread_tokenizer

_HIRAGANA = re.compile(r"^[\u3041-\u309fー]+$")
_KANJI_KATAKANA = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々\u30a1-\u30fa]")
_NUMBER = re.compile(r"^[0-9０-９.,]+$")
SHORT_KANA = 2   # hiragana fragments this short count only when the glossary knows them
# A pasted text (service.LONG_QUERY_CHARS or more) holds dozens of words, and hiragana gibberish
# of that length always holds a few a dictionary knows (かき, うえ, すし): the query-level
# floor (`grounded`: one grounded word) lets it through and both halves answer
# it. Such a text is searched only when its grounded words of two or more characters
# (`grounded_term`) make up at least PASTE_WORD_FLOOR of its words' characters,
# numbers left out (a pasted table's figures mean neither way). Measured on the seed
# index (docs/quality.md, userfix28): 24 report pastes and 4 written paragraphs 0.55–1.00
# (0.88 and more without the figures of table pastes), hiragana / katakana / Latin
# gibberish 0.00–0.13, random kanji and a paste's characters shuffled 0.12–0.18. The
# semantic half's cosines do not separate them (best cosine: gibberish up to 0.900,
# written paragraphs from 0.905).
PASTE_WORD_FLOOR = 0.3
_NUMBER_WORD = re.compile(r"^[0-9０-９.,，．%％]+$")


def dictionary_word(surface: str) -> bool:
    """`surface` is one word of the Japanese dictionary written with kanji or
    katakana, or a kana spelling of such a word (おむつ = 御襁褓, だっこ = 抱っこ)."""
    if _NUMBER.match(surface):
        return False
    morphemes = list(thread_tokenizer().tokenize(surface))
    if len(morphemes) != 1 or morphemes[0].is_oov():
        return False
    if _KANJI_KATAKANA.search(surface):
        return True
    return bool(_HIRAGANA.match(surface)) and len(surface) > SHORT_KANA and bool(_KANJI_KATAKANA.search(morphemes[0].normalized_form()))


def grounded_term(term, builder) -> bool:
    surface = term.surface
    if builder.glossary.synonyms_of(surface) or builder.glossary.narrower_of(surface):
        return True
    if _NUMBER.match(surface):
        return False
    if builder.doc_frequency(term.term) > 0:
        return not (_HIRAGANA.match(surface) and len(surface) <= SHORT_KANA)
    return dictionary_word(surface)


def grounded(parsed, builder) -> bool:
    """The query has something to mean (see the module docstring)."""
    if parsed.phrases:
        return True
    return any(grounded_term(t, builder) for t in parsed.terms)


def word_share(parsed, builder) -> float | None:
    """The share of the query's words' characters (numbers left out) in grounded words
    of two or more characters (`grounded_term`); None when it has no words but numbers.
    A paste under PASTE_WORD_FLOOR is not searched (service)."""
    words = [t for t in parsed.terms if not _NUMBER_WORD.match(t.surface)]
    chars = sum(len(t.surface) for t in words)
    if not chars:
        return None
    return sum(len(t.surface) for t in words if len(t.surface) >= 2 and grounded_term(t, builder)) / chars
