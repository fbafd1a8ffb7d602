"""Files holding several wards' reports -> one document per ward's part.

Archives hold files with the reports of several wards: a workbook with a sheet per
ward (sheets named 鶴見区, 神奈川区 … or with the ward or hub in each sheet's title
cell), or a city-wide compilation (令和5年度 地域子育て支援拠点事業 評価報告書（全区）)
with a section per ward, each headed by the ward or its hub (鶴見区地域子育て支援拠点
「わっくんひろば」). Read as one document, such a file is credited to one ward (or
none) and the other wards' goals are lost to a ward answer. `split` finds the parts:

* candidate boundaries: a workbook's sheets (`LoadedText.sheet_lines`), else the
  file's ward headings — short lines (no sentence, one or two cells) naming exactly
  one Yokohama ward or hub, not as a partner or an example (連携先, 他区の事例, 参考);
  headings count only in *parallel*: lines of the same shape (the same words once the
  ward, the hub, bracketed names and numbers are set aside: 「W地域子育て支援拠点「Q」」,
  「【W】」, 「N W」) naming at least two different wards; failing that, *opening*
  headings of any shape (a compilation whose editor headed each ward differently:
  「第１章　泉区の報告」, 「【港南区】…評価結果」, 「中区　のんびりんこ」): a ward heading
  right above the opening of a report of its own — its evaluation heading, its period
  or 実施者 row, or a title of a yearly or five-year evaluation — within the next
  `OPENING_ROWS` rows (a ward named between two goals of one report opens nothing);
* each candidate part is parsed on its own (`parse.parse_text`); it is a ward's
  report when it has report structure of its own (goal or programme blocks, i.e.
  evidence units) and states its ward (its sheet's name, its heading, else its own
  title rows);
* the file is split only when at least two parts are reports of different wards.
  Everything else — a report naming other wards in its text, a ward's workbook with
  a sheet per year, a list of wards — stays one document, exactly as before.

When split, every line of the file belongs to one part: the text before the first
ward's heading (cover, contents, foreword) is a part of no ward; a workbook's other
sheets are parts of their own. Each part is a Document with its own id (the file's
hash and the part's key), ward, years (a part that states none takes the years its
file's cover states), type, passages with the file's line numbers, and `part`
({key, label, index, count, file_id, lines, pages}) for citations: シート「鶴見区」,
or the ward's heading (with its pages in a paged file).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from . import headings, metadata, sidecar
from .clean import Row, compact, norm, to_rows
from .load import LoadedText
from .metadata import HUB_WARDS, WARD_ALIASES, YOKOHAMA_WARDS, ward_of, wards_in_text
from .parse import ParsedDocument, parse_text

log = logging.getLogger(__name__)

# Bump when a change here may read an unchanged file into other parts: the index
# manifest records it per file, and a plain reindex parses files of another version again.
VERSION = "2"

# A heading naming a ward is short and no sentence.
MAX_HEADING_CHARS = 60
# Words that make a line about another ward rather than a ward's own heading:
# a partner (連携先：鶴見区, 鶴見区との合同研修), an example (他区の事例), a reference.
_RELATION = re.compile(r"連携|事例|参考|他区|合同|協働|視察|交流|比較|との|以外|紹介")
# A table row ending in a figure (鶴見区（…） 12.3人) is data, not a heading.
_QUANTITY = re.compile(r"(?<!\d)(?<!\d[,.])\d[\d,.]*\s*(?:人|件|組|回|%|％|円|名|世帯|か所|箇所|日|時間)$")
_MARKUP = re.compile(r"<[^>]*>")


def unmarked(line: str) -> str:
    """The line without its markup tags (`_MARKUP`): the same as `_MARKUP.sub("", line)`, but only
    the part up to the last ">" is searched — a tag cannot start after it, and a long run of "<"
    with no ">" after it (each "<" tried to the end) took seconds (regex20)."""
    cut = line.rfind(">") + 1
    return _MARKUP.sub("", line[:cut]) + line[cut:] if cut else line
_WARD_WORD = re.compile("|".join(sorted(map(re.escape, YOKOHAMA_WARDS + tuple(WARD_ALIASES)), key=len, reverse=True)))
# (a hub however spelled: わっくん広場, ＰＯＰＯＬＡ, スマイルポート — as a single report reads it, parser33)
_HUB_WORD = metadata.HUB_WORD
_BRACKETED = re.compile(r"([「『【\[(（〔])[^」』】\])）〕]*([」』】\])）〕])")
_NUMBER = re.compile(r"\d+|[①-⑳]")
# Candidate headings' shapes tried (most wards first): bounds the parsing on odd files.
MAX_SHAPES = 4
# The rows at the top of a sheet where its title (naming the ward or hub) is looked for.
TITLE_ROWS = 5
# How near below a ward heading of no common shape its report must open.
OPENING_ROWS = 4
PREAMBLE_KEY = "冒頭"
PREAMBLE_LABEL = "冒頭（各区の報告より前）"


@dataclass
class Part:
    """One part of a file: lines first..last (1-based, inclusive) of its text."""

    key: str                # stable within the file: the sheet's name, the heading, 冒頭
    label: str              # how a citation names it
    first: int
    last: int
    ward: str | None        # the ward it states (its sheet, its heading, its title rows)
    parsed: ParsedDocument | None = None
    mentioned: str | None = None  # a report stating no ward: the ward its text names most
    sheet: bool = False     # a workbook's sheet (else a section of a text)

    @property
    def is_report(self) -> bool:
        """Report structure of its own: goal or programme blocks (evidence units)."""
        return self.parsed is not None and any(p.unit for p in self.parsed.passages)


def part_id(file_sha256: str, key: str) -> str:
    """A part's document id: stable while the file and the part's key are."""
    return hashlib.sha256(f"{file_sha256}\0{key}".encode("utf-8")).hexdigest()[:16]


def named_ward(text: str) -> str | None:
    """The one Yokohama ward a short line names as its own (its name or its hub's), not
    as a partner or an example; None when it names none, several or says 連携 / 事例."""
    text = compact(norm(text))
    if not text or len(text) > MAX_HEADING_CHARS or "。" in text:
        return None
    wards = {w for w in wards_in_text(text) if w in YOKOHAMA_WARDS}
    wards |= _hub_wards(text)
    if len(wards) != 1:
        return None
    ward = wards.pop()
    if _RELATION.search(_BRACKETED.sub("", text)) or _QUANTITY.search(text):
        return None
    if _WARD_WORD.search(text) and ward_of([Row([[text]], 1, 1, text)]) != ward:
        return None   # 相模原市緑区: another city's ward
    return ward


def stated_ward(rows: list[Row]) -> str | None:
    """The Yokohama ward a part's own rows state: its title cell (the ward or only its hub:
    わっくんひろば 令和5年度 重点目標評価), else its title, 実施者 or office rows — never a ward
    its text merely mentions most, nor the file's name."""
    top = [r for r in rows if r.cells][:TITLE_ROWS]
    ward = next((w for r in top if (w := named_ward(r.text))), None)
    if ward is None:
        ward = ward_of(metadata.title_rows(rows) + metadata.actor_rows(rows) + metadata.office_rows(rows))
    return ward if ward in YOKOHAMA_WARDS else None


def _hub_wards(text: str) -> set[str]:
    """The wards of the known hubs a (normalised) text names, however it spells them."""
    return {HUB_WARDS[h] for m in _HUB_WORD.finditer(text) if (h := metadata.listed_hub(m.group())) in HUB_WARDS}


def heading_shape(text: str) -> str:
    """A heading with its ward, hub, bracketed names and numbers set aside: the headings
    of one compilation's sections share it (鶴見区地域子育て支援拠点「わっくんひろば」 and
    西区地域子育て支援拠点「スマイル・ポート」 are both W地域子育て支援拠点「Q」)."""
    text = compact(norm(text))
    text = _BRACKETED.sub(lambda m: m.group(1) + "Q" + m.group(2), text)
    text = _HUB_WORD.sub("H", _WARD_WORD.sub("W", text))
    return _NUMBER.sub("N", text)


def _named_wards(text: str) -> set[str]:
    """The Yokohama wards a text names, by name or by hub (a quick look, no normalising)."""
    found = {WARD_ALIASES.get(w, w) for w in _WARD_WORD.findall(text)}
    return found | _hub_wards(norm(text))


def _may_hold_several(loaded: LoadedText) -> bool:
    """A quick look for files that cannot hold two wards' reports: a workbook whose text
    names fewer than two wards; a text without two parallel headings (the same shape,
    `heading_shape`) naming different wards, looked for in its raw lines."""
    if loaded.sheet_lines:
        return len(_named_wards(loaded.text)) >= 2
    shapes: dict[str, set[str]] = {}
    lines = loaded.text.split("\n")
    opening: set[str] = set()
    for i, line in enumerate(lines):
        if len(line) > 4 * MAX_HEADING_CHARS or not (_WARD_WORD.search(line) or _HUB_WORD.search(norm(line))):
            continue
        cells = [c for c in unmarked(line).split("\t") if c.strip()]
        if len(cells) > 2:
            continue
        text = " ".join(cells)
        ward = named_ward(text)
        if ward is not None:
            wards = shapes.setdefault(heading_shape(text), set())
            wards.add(ward)
            if len(wards) >= 2:
                return True
            if ward not in opening and any(_opens_report(nxt) for nxt in _next_texts(lines, i)):
                opening.add(ward)
    return len(opening) >= 2


def _next_texts(lines: list[str], i: int) -> list[str]:
    """The first cells of the next OPENING_ROWS non-blank lines after line i."""
    out = []
    for j in range(i + 1, len(lines)):  # (not a slice: a copy of the rest per line is quadratic)
        line = lines[j]
        cells = [c for c in unmarked(line).split("\t") if c.strip()]
        if cells:
            out.append(cells[0])
            if len(out) >= OPENING_ROWS:
                break
    return out


def _opens_report(text: str) -> bool:
    """A line that opens an evaluation report: its evaluation heading (令和5年度重点目標の評価),
    its period or 実施者 row, or a title of a yearly or five-year evaluation."""
    if len(text) > 4 * MAX_HEADING_CHARS:
        return False
    h = headings.heading_key(text)
    if h is not None and h.key in (headings.EVAL, headings.PREAMBLE):
        return True
    compact_text = compact(norm(text))
    return len(compact_text) <= 80 and "。" not in compact_text and bool(
        headings.EVAL_PHRASE.search(compact_text) or metadata.FIVE_YEAR_TITLE.search(compact_text))


def split(loaded: LoadedText, source: str) -> list[Part] | None:
    """The parts of a file holding several wards' reports, each parsed (`Part.parsed`,
    its line numbers those of the file); None for a file that is one report (or none),
    which is parsed as a whole as before."""
    if not _may_hold_several(loaded):
        return None
    lines = loaded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cache: dict[tuple[int, int, str], ParsedDocument] = {}

    def parse(first: int, last: int, key: str) -> ParsedDocument:
        at = (first, last, key)
        if at not in cache:
            cache[at] = _parse_lines(lines, first, last, source, part_id(loaded.sha256, key), loaded)
        return cache[at]

    best = None
    if loaded.sheet_lines:
        sheets = _sheet_parts(loaded)
        best = sheets if _qualifies(sheets, parse, lines) else None
    if best is None:
        for parts in _heading_parts(to_rows(loaded.text)[1], len(lines)):
            if _qualifies(parts, parse, lines) and (best is None or _reports(best) < _reports(parts)):
                best = parts
    if best is None:
        return None
    best = _settled(best, parse)
    _finish(best, loaded)
    log.info("%s: read as %d parts (%s)", source, len(best),
             "、".join(f"{p.label}: {p.ward or '区なし'}" for p in best))
    return best


def _parse_lines(lines: list[str], first: int, last: int, source: str, doc_id: str,
                 loaded: LoadedText) -> ParsedDocument:
    """Lines first..last parsed as a report of their own, numbered as in the file."""
    parsed = parse_text("\n".join(lines[first - 1:last]), source, doc_id, loaded.encoding,
                        context=loaded.context)
    for p in parsed.passages:
        p.line_start += first - 1
        p.line_end += first - 1
    return parsed


def _sheet_parts(loaded: LoadedText) -> list[Part]:
    """A workbook's sheets as candidate parts (the ward their names state, if any)."""
    parts = []
    keys: set[str] = set()
    for title, first, last in loaded.sheet_lines:
        key = _unique(title or f"シート{len(parts) + 1}", keys)
        parts.append(Part(key, f"シート「{title}」", first, last, named_ward(title) if title else None, sheet=True))
    return parts


def _heading_parts(rows: list[Row], n_lines: int) -> list[list[Part]]:
    """Candidate partitions of a text: for each shape of heading naming at least two
    different wards, the file cut at those headings (the text before the first one a
    preamble part)."""
    by_shape: dict[str, list[tuple[Row, str]]] = {}
    for row in rows:
        if not row.cells or len(row.filled_cells) > 2:
            continue
        ward = named_ward(row.text)
        if ward is not None:
            by_shape.setdefault(heading_shape(row.text), []).append((row, ward))
    shapes = [heads for heads in by_shape.values() if len({w for _r, w in heads}) >= 2]
    shapes.sort(key=lambda heads: -len({w for _r, w in heads}))
    if not shapes:
        opening = _opening_heads(rows)
        if len({w for _r, w in opening}) >= 2:
            shapes = [opening]
    out = []
    for heads in shapes[:MAX_SHAPES]:
        parts: list[Part] = []
        keys: set[str] = set()
        if heads[0][0].start > 1:
            parts.append(Part(PREAMBLE_KEY, PREAMBLE_LABEL, 1, heads[0][0].start - 1, None))
            keys.add(PREAMBLE_KEY)
        for k, (row, ward) in enumerate(heads):
            last = heads[k + 1][0].start - 1 if k + 1 < len(heads) else n_lines
            heading = row.text.strip()
            shown = heading if len(heading) <= 40 else heading[:39] + "…"
            parts.append(Part(_unique(compact(norm(heading)), keys), f"「{shown}」", row.start, last, ward))
        out.append(parts)
    return out


def _opening_heads(rows: list[Row]) -> list[tuple[Row, str]]:
    """Ward headings of any shape right above the opening of a report (`_opens_report`), a
    ward's heading followed by its report's own title naming the ward again kept once."""
    heads: list[tuple[Row, str]] = []
    filled = [r for r in rows if r.cells]
    for i, row in enumerate(filled):
        if len(row.filled_cells) > 2:
            continue
        ward = named_ward(row.text)
        if ward is None or (heads and heads[-1][1] == ward):
            continue
        if any(_opens_report(r.first) for r in filled[i + 1:i + 1 + OPENING_ROWS]):
            heads.append((row, ward))
    return heads


def _unique(key: str, keys: set[str]) -> str:
    key = key[:sidecar.MAX_PART_KEY - 8]
    base, n = key, 2
    while key in keys:
        key, n = f"{base}（{n}）", n + 1
    keys.add(key)
    return key


def _parse_part(part: Part, parse, lines: list[str]) -> None:
    if part.parsed is not None:
        return
    part.parsed = parse(part.first, part.last, part.key)
    if part.ward is None and part.key != PREAMBLE_KEY and part.is_report:
        # a sheet whose name states no ward: the ward its own rows state (its title
        # cell, its 実施者 row), never the file name's
        rows = to_rows("\n".join(lines[part.first - 1:part.last]))[1]
        part.ward = stated_ward(rows)
        if part.ward is None:
            # counts for no split; once the file is split, its report is the ward its own
            # text names (most), as a file of its own would be
            named = ward_of(rows)
            part.mentioned = named if named in YOKOHAMA_WARDS else None


def _reports(parts: list[Part]) -> int:
    return sum(p.is_report for p in parts)


def _qualifies(parts: list[Part], parse, lines: list[str]) -> bool:
    """At least two parts that are reports of different wards."""
    for part in parts:
        _parse_part(part, parse, lines)
    wards = {p.ward for p in parts if p.is_report and p.ward is not None}
    return len(wards) >= 2


def _settled(parts: list[Part], parse) -> list[Part]:
    """The partition as indexed: in a text, what comes before the first ward's report
    (cover, contents naming every ward, foreword) is one preamble part of no ward; a
    workbook's sheets stay parts of their own."""
    first_report = next(i for i, p in enumerate(parts) if p.is_report)
    if first_report == 0 or parts[0].sheet:
        return parts
    lead = parts[:first_report]
    if len(lead) == 1 and lead[0].key == PREAMBLE_KEY:
        return parts
    merged = Part(PREAMBLE_KEY, PREAMBLE_LABEL, 1, lead[-1].last, None)
    merged.parsed = parse(merged.first, merged.last, merged.key)
    return [merged] + parts[first_report:]


def _finish(parts: list[Part], loaded: LoadedText) -> None:
    """Each part's ward (the one it states; none for a preamble or a sheet naming none),
    years (its cover's when it states none) and `part` record (label, lines, pages)."""
    shared = next(((p.parsed.document.fiscal_year_from, p.parsed.document.fiscal_year_to)
                   for p in parts if not p.is_report and p.parsed.document.fiscal_year_from is not None), None)
    for index, part in enumerate(parts, 1):
        doc, passages = part.parsed.document, part.parsed.passages
        sidecar.set_ward(doc, passages, part.ward or (part.mentioned if part.is_report else None))
        if doc.fiscal_year_from is None and shared is not None and part.is_report:
            sidecar.set_years(doc, passages, shared[0], shared[1] if shared[1] != shared[0] else None)
        pages = loaded.page_span(part.first, part.last)
        doc.part = {"key": part.key, "label": part.label, "index": index, "count": len(parts),
                    "file_id": loaded.sha256[:16], "lines": [part.first, part.last],
                    "pages": list(pages) if pages else None}
        for p in passages:
            p.part_label = part.label
