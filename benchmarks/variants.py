"""Layout variants of a report, and how faithfully a parser reads them.

Real archives hold the same kind of report in many shapes: written with 西暦
instead of 和暦, printed to PDF with letter-spaced or bracketed labels,
numbered (1) / 1. / １． instead of ①, saved in EUC-JP, exported one table
cell per line, with " | " or spaces between cells, wrapped like a PDF text
layer, and mixes of these. `text_variants` re-lays a whole
seed report in each of these shapes. The transforms work on every line of the
text by its form (a short label cell, a circled number, an era year), never on
particular strings, so any report of the genre can be re-laid.

`section_recovery` and `metadata_equal` compare the records parsed from a
variant with those parsed from the seed. They take any object with
`.document` and `.passages` (an `indexer.parse.ParsedDocument`), so loaders
of other formats (DOCX, HTML tables, PDF, XLSX) can reuse them:

    seed = parse_text(seed_text, "seed.txt", "seed")
    for kind, text in text_variants(seed_text).items():
        variant = parse_text(text, f"{kind}.txt", "seed")
        assert metadata_equal(seed, variant)
        assert section_recovery(seed, variant) >= 0.95
"""

from __future__ import annotations

import re
import unicodedata

from indexer import wareki
from indexer.clean import CIRCLED
from indexer.load import load_bytes

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# Metadata a variant must keep exactly.
METADATA_FIELDS = ("ward", "fiscal_year_from", "fiscal_year_to", "doc_type")

# A section counts as recovered when this share of its character bigrams is
# found in the variant's passages of the same section.
RECOVERED_CONTAINMENT = 0.8


# --- label cells -----------------------------------------------------------------

_MARKUP_EDGES = re.compile(r"^((?:\s|<[^<>]+>)*)(.*?)((?:\s|<[^<>]+>)*)$", re.S)
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_LABEL_MAX = 12


def _is_label(text: str) -> bool:
    """A short heading-like cell: a few characters, some Japanese, no sentence."""
    s = text.strip()
    return (2 <= len(s.replace(" ", "")) <= _LABEL_MAX and bool(_CJK.search(s))
            and not re.search(r"[。、，,「」<>]", s) and not s.startswith(("・", "●", "○", "-")))


def _map_label_cells(text: str, transform, *, first_cell_only: bool) -> str:
    """Apply `transform` to every label cell of every line.

    A label cell is a tab-separated cell (or a whole line) whose text, inside
    any inline markup, is short and heading-like; a line without tabs that
    starts with such a label followed by a space and running text ("取組内容
    ①…", "事業実施期間 令和5年…") has its leading label transformed.
    """
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        for i, cell in enumerate(cells):
            if first_cell_only and any(c.strip() for c in cells[:i]):
                break
            m = _MARKUP_EDGES.match(cell)
            lead, body, tail = m.groups()
            if _is_label(body):
                cells[i] = lead + transform(body.strip()) + tail
            elif len(cells) == 1:
                head = re.match(r"^(\S{2,12})([ \u3000]+)(\S.{8,})$", body, re.S)
                if head and _is_label(head.group(1)):
                    cells[i] = lead + transform(head.group(1)) + head.group(2) + head.group(3) + tail
            if first_cell_only and cells[i].strip():
                break
        out.append("\t".join(cells))
    return "\n".join(out)


def letter_spaced(text: str) -> str:
    """PDF layouts that spread short label cells over the cell width: 取 組 内 容."""
    return _map_label_cells(text, lambda s: " ".join(ch for ch in s if not ch.isspace()),
                            first_cell_only=False)




def bracketed(text: str) -> str:
    """Headings in lenticular brackets: 【取組内容】, 【評価の理由(法人)】."""
    def wrap(s: str) -> str:
        inner = s.strip()
        if inner[:1] in "(（【[〔" and inner[-1:] in ")）】]〕" and len(inner) > 2:
            inner = inner[1:-1]
        return f"【{inner}】"
    return _map_label_cells(text, wrap, first_cell_only=True)


# --- numbering ---------------------------------------------------------------------

NUMBERING_STYLES = {
    # kind: (goal heading number, item number)
    "numbered_paren": (lambda n: f"（{n}）", lambda n: f"({n})"),
    "numbered_dot": (lambda n: f"{n}", lambda n: f"{n}."),
    "numbered_fullwidth": (lambda n: str(n).translate(FULLWIDTH_DIGITS),
                           lambda n: f"{str(n).translate(FULLWIDTH_DIGITS)}．"),
}


def renumbered(text: str, style: str) -> str:
    """Goals and items numbered (1) / 1. / １． (重点目標（1）/ 重点目標1 / 重点目標１) instead of ①."""
    goal_fmt, item_fmt = NUMBERING_STYLES[style]
    text = re.sub(rf"(重点目標[ \u3000]*)([{CIRCLED}])",
                  lambda m: m.group(1) + goal_fmt(CIRCLED.index(m.group(2)) + 1), text)
    return re.sub(f"[{CIRCLED}]", lambda m: item_fmt(CIRCLED.index(m.group(0)) + 1), text)


# --- western years -----------------------------------------------------------------

_ERA_NUM = r"(元|\d{1,2})"
_ERA_RANGE = re.compile(rf"(令和|平成|昭和)\s*{_ERA_NUM}\s*(年度|年)\s*([～〜~\-－])\s*{_ERA_NUM}\s*(年度|年)")
_ERA_YEAR = re.compile(rf"(令和|平成|昭和)\s*{_ERA_NUM}\s*(年度|年)")
_LETTER_YEAR = re.compile(r"(?<![A-Za-z])([RH])\s*(\d{1,2})(?=\s*(?:年|\(|（|[.．]\d))")
_DOUBLED = re.compile(r"((?:19|20)\d{2})\s*[(（]\1[)）]")


def western_years(text: str) -> str:
    """Every 和暦 year (令和5年度, 令和5年4月1日, 令和3年度～7年度, R5年度) written as 西暦."""
    digits = str.maketrans("０１２３４５６７８９", "0123456789")

    def year(era: str, num: str) -> int:
        return wareki.era_to_western(era, num.translate(digits) if num != "元" else num)

    text = _ERA_RANGE.sub(lambda m: f"{year(m[1], m[2])}{m[3]}{m[4]}{year(m[1], m[5])}{m[6]}",
                          _fullwidth_era_digits(text))
    text = _ERA_YEAR.sub(lambda m: f"{year(m[1], m[2])}{m[3]}", text)
    text = _LETTER_YEAR.sub(lambda m: str(wareki.era_to_western(wareki.ERA_LETTERS[m[1]], m[2])), text)
    return _DOUBLED.sub(r"\1", text)


def _fullwidth_era_digits(text: str) -> str:
    """令和５年 -> 令和5年 (only the era numbers, so the regexes above see ASCII)."""
    return re.sub(r"(令和|平成|昭和)\s*([０-９]{1,2})",
                  lambda m: m[1] + unicodedata.normalize("NFKC", m[2]), text)


# --- tables ------------------------------------------------------------------------


def cell_per_line(text: str) -> str:
    """Table exports that put each non-empty cell on its own line."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            out.extend(c for c in line.split("\t") if c.strip())
        else:
            out.append(line)
    return "\n".join(out)


def pipe_cells(text: str) -> str:
    """Tables written with " | " between cells instead of tabs."""
    return "\n".join(" | ".join(line.split("\t")) if "\t" in line else line
                     for line in text.split("\n"))


def space_cells(text: str) -> str:
    """PDF text extraction that separates table cells by spaces instead of tabs."""
    return text.replace("\t", "  ")


def pdf_wrapped(text: str, width: int = 40, cell_width: int = 32) -> str:
    """What a PDF text layer gives: markup gone, long lines wrapped at the column
    width, and a table row as its label cell on one line and the other cells run
    together (separated by spaces) and wrapped in the narrower second column."""
    def wrap(s: str, n: int) -> list[str]:
        return [s[i:i + n] for i in range(0, len(s), n)] or [""]

    out: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"<[^<>]+>", " ", line)
        cells = line.split("\t")
        if len(cells) > 1:
            out.append(cells[0].strip())
            rest = " ".join(c.strip() for c in cells[1:] if c.strip())
            if rest:
                out.extend(wrap(rest, cell_width))
        else:
            out.extend(wrap(line.strip(), width))
    return "\n".join(out)


# --- encodings ---------------------------------------------------------------------


def euc_jp_bytes(text: str) -> bytes:
    return text.encode("euc_jis_2004")


def via_euc_jp(text: str) -> str:
    """The report saved as EUC-JP and read back by the project's loader."""
    return load_bytes(euc_jp_bytes(text), "variant-eucjp.txt").text


# --- the generator -----------------------------------------------------------------


def text_variants(seed_text: str) -> dict[str, str]:
    """kind -> the whole seed report re-laid in that shape (decoded text)."""
    variants = {
        "western_years": western_years(seed_text),
        "letter_spaced": letter_spaced(seed_text),
        "bracketed": bracketed(seed_text),
        "cell_per_line": cell_per_line(seed_text),
        "pipe_cells": pipe_cells(seed_text),
        "space_cells": space_cells(seed_text),
        "pdf_wrapped": pdf_wrapped(seed_text),
        "euc_jp": via_euc_jp(seed_text),
    }
    for style in NUMBERING_STYLES:
        variants[style] = renumbered(seed_text, style)
    # Several shapes at once, as an archive's oldest scans and exports mix them.
    variants["combined"] = cell_per_line(bracketed(renumbered(western_years(seed_text), "numbered_paren")))
    variants["combined_spaced"] = pipe_cells(letter_spaced(renumbered(western_years(seed_text), "numbered_dot")))
    return variants


# --- fidelity ----------------------------------------------------------------------


def bigrams(text: str) -> set[str]:
    """Character bigrams of the text's letters and digits (NFKC, no spaces or marks)."""
    s = re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text))
    return {s[i:i + 2] for i in range(len(s) - 1)}


def containment(part: str, whole: str) -> float:
    """Share of `part`'s bigrams found in `whole` (1.0 for an empty part)."""
    a = bigrams(part)
    return len(a & bigrams(whole)) / len(a) if a else 1.0


def section_key(passage) -> tuple:
    """Which section a passage belongs to, independent of how it was split.

    Goal blocks: (section kind, fiscal year, goal number); programme blocks of
    a five-year summary: (section kind, programme).
    """
    if passage.programme is not None:
        return (passage.section, "p", passage.programme)
    return (passage.section, passage.fiscal_year_from, passage.goal_no)


def sections_of(parsed) -> dict[tuple, str]:
    """Text of every goal or programme section (passages that belong to a unit)."""
    found: dict[tuple, list[str]] = {}
    for p in parsed.passages:
        if p.unit is None:
            continue
        found.setdefault(section_key(p), []).append(p.text)
    return {k: "\n".join(v) for k, v in found.items()}


def section_containments(seed_parsed, variant_parsed) -> dict[tuple, float]:
    """For each seed section: how much of its text the variant's same section holds."""
    variant = sections_of(variant_parsed)
    return {key: containment(text, variant.get(key, ""))
            for key, text in sections_of(seed_parsed).items()}


def section_recovery(seed_parsed, variant_parsed) -> float:
    """Share of the seed's goal / programme sections recovered by the variant.

    A section is recovered when at least RECOVERED_CONTAINMENT of its
    character bigrams are in the variant's passages of the same section kind
    and goal number (goal blocks) or programme (five-year summaries).
    """
    scores = section_containments(seed_parsed, variant_parsed)
    if not scores:
        return 1.0
    return sum(1 for s in scores.values() if s >= RECOVERED_CONTAINMENT) / len(scores)


def metadata_diff(seed_parsed, variant_parsed) -> dict[str, tuple]:
    """Metadata fields that differ: field -> (seed value, variant value)."""
    a, b = seed_parsed.document, variant_parsed.document
    return {f: (getattr(a, f), getattr(b, f)) for f in METADATA_FIELDS if getattr(a, f) != getattr(b, f)}


def metadata_equal(seed_parsed, variant_parsed) -> bool:
    """Ward, fiscal years and document type are the same as the seed's."""
    return not metadata_diff(seed_parsed, variant_parsed)


def grades_of(parsed) -> dict[tuple, dict]:
    """自己評価 grades per (programme, aim number) of a five-year summary."""
    return {(p.programme, p.goal_no): p.grades for p in parsed.passages
            if p.section == "自己評価" and p.grades}


def fidelity_table(corpus_dir, parse=None) -> dict[str, dict]:
    """kind -> {"recovered": share of all seed sections recovered, "metadata": reports with
    exact metadata / reports, "min_report": worst report's recovery} over a folder of seeds."""
    from pathlib import Path

    from indexer.parse import parse_text

    parse = parse or (lambda text, name: parse_text(text, name, "doc"))
    table: dict[str, dict] = {}
    for path in sorted(Path(corpus_dir).glob("*.txt")):
        seed_text = path.read_text(encoding="utf-8")
        seed = parse(seed_text, path.name)
        for kind, text in text_variants(seed_text).items():
            variant = parse(text, path.name)
            scores = section_containments(seed, variant)
            row = table.setdefault(kind, {"sections": 0, "recovered": 0, "reports": 0, "metadata": 0,
                                          "min_report": 1.0, "lost": []})
            ok = sum(1 for s in scores.values() if s >= RECOVERED_CONTAINMENT)
            row["sections"] += len(scores)
            row["recovered"] += ok
            row["reports"] += 1
            row["metadata"] += metadata_equal(seed, variant)
            row["min_report"] = min(row["min_report"], ok / len(scores) if scores else 1.0)
            row["lost"] += [(path.name[:3], k) for k, s in scores.items() if s < RECOVERED_CONTAINMENT]
            if not metadata_equal(seed, variant):
                row["lost"].append((path.name[:3], metadata_diff(seed, variant)))
    return table


if __name__ == "__main__":  # print the fidelity table of the seed corpus (docs/parsing.md)
    import sys
    from pathlib import Path

    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "corpus")
    verbose = "-v" in sys.argv
    print("| variant | sections recovered | worst report | metadata exact |")
    print("|---|---|---|---|")
    for kind, row in fidelity_table(corpus).items():
        print(f"| {kind} | {row['recovered'] / row['sections']:.2f} ({row['recovered']}/{row['sections']}) "
              f"| {row['min_report']:.2f} | {row['metadata']}/{row['reports']} |")
        if verbose:
            for lost in row["lost"]:
                print("   ", lost)
