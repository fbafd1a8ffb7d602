"""Archive test corpus: the seed reports copied to all 18 wards and shifted back in time.

What users have is an archive: ~20 reports per ward over many years, with the same
boilerplate, checklists and goals recurring. This builder makes one from the seed
reports so that ward answers, duplicates and evidence recall can be measured at that
shape (issue 11, "How to measure without fooling yourselves"):

- each of Yokohama's 18 wards gets copies of three of the five seed reports (a different
  trio per ward), each copy twice, shifted back by ``a`` and ``a + 3`` fiscal years
  (``a`` = 0, 1 or 2 by ward) -> 18 x 3 x 2 = 108 documents;
- a copy is relabelled to its ward: the source ward's name is replaced everywhere
  (title, signature 〇〇区こども家庭支援課, 区民まつり, LINEwith港南 …) and, should the
  source name the target ward, that name becomes the source ward's (a swap, so a copy
  never names its own ward as a neighbour); hub names stay;
- years shift consistently: 和暦 (令和5年度 → 令和2年度, crossing into 平成 where needed:
  令和2年 → 平成29年), letter forms (R6年度 → R3年度, R2 → H29), 西暦 (2023 → 2020)
  and the open end of a period (令和3年度～7年度 → 平成30年度～4年度); full-width digits
  stay full-width.

Judgements are derived from the seed judgements (``dev.jsonl`` format): a ward is
relevant to a query exactly when one of its copies' source files holds judged evidence
and the copy satisfies the query's filter (ward filter: the copy's ward; year filter:
an unshifted copy, or a five-year summary whose period covers the year before and after
the shift). A ward whose only copies in the filtered year got there by the shift (a
2023–2024 report shifted by one year puts its 2024 goals into 2023) is *unjudged*: that
content really is of the year, but no judge looked at it there, so ward-set F1 leaves
such a ward out on both sides (and a strict F1 counts claiming it as false).
Evidence strings are transformed the way each copy was, and counted once per original
string however many copies show it (distinct-evidence recall).

    python -m benchmarks.archive --out DIR     # writes DIR/corpus/*.txt and DIR/manifest.json

The archive at the size users have (``--per-ward 20``: 18 x 20 = 360 documents): the
ward's copy k (k = 0 … N-1) is seed ``k mod 3`` of its trio shifted back by ``a + k``
years, so a ward's reports cover N consecutive fiscal years (back into 平成) and each
seed's copies in a ward stay ``SHIFT_STEP`` years apart, as in the default plan.
``--formats docx,pdf,…`` renders copy k in format ``k mod len`` of the list (``txt``:
left as text) through ``benchmarks.format_variants.RENDERERS``; judgements stay those
of the copy's text (a renderer changes the layout, not the words).

    python -m benchmarks.archive --out DIR --per-ward 20 --formats txt,docx,pdf,xlsx,html_table
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.metadata import YOKOHAMA_WARDS

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "corpus"
SEEDS_PER_WARD = 3
SHIFT_STEP = 3          # the two copies of a seed in one ward are this many years apart

_FW = str.maketrans("0123456789", "０１２３４５６７８９")
_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_LETTER = {"R": "令和", "H": "平成", "S": "昭和"}
_LETTER_OF = {v: k for k, v in _LETTER.items()}

_NUM = r"(元|[0-9０-９]{1,2})"
_RANGE_SEP = r"[～〜~\-－]"
# 令和3年度～7年度 (the second year without its era), 令和5年4月, 令和５年度, 平成31年度
_ERA_RE = re.compile(rf"(令和|平成|昭和)\s*{_NUM}(\s*年度?)(?:(\s*{_RANGE_SEP}\s*){_NUM}(\s*年度?))?"
                     rf"(\s*(?:[0-9０-９]{{1,2}})月)?")
# R6年度, R7(2025), R3年度末(2021), H30
_LETTER_RE = re.compile(rf"(?<![A-Za-z])([RHS]){_NUM}(?![0-9０-９])")
# 2023, 2025年2月 (not 1,476 nor 12500)
_WESTERN_RE = re.compile(r"(?<![0-9,，.])((?:19[89]|20[0-4])[0-9])(?![0-9])")


def _digits(text: str) -> int:
    return 1 if text == "元" else int(unicodedata.normalize("NFKC", text))


def _write_like(value: int, like: str) -> str:
    s = str(value)
    return s.translate(_FW) if like and like[0] in "０１２３４５６７８９" else s


def era_of(year: int, prefer_heisei: bool = False) -> tuple[str, int]:
    """Western year -> (era, number). 2019 is 令和元 unless the source wrote 平成31."""
    if year >= 2020 or (year == 2019 and not prefer_heisei):
        return "令和", year - _ERA_BASE["令和"]
    if year >= 1989:
        return "平成", year - _ERA_BASE["平成"]
    return "昭和", year - _ERA_BASE["昭和"]


def _era_number(era: str, n: int, like: str) -> str:
    return "元" if n == 1 and like == "元" else _write_like(n, like)


@dataclass(frozen=True)
class Relabel:
    """How one copy differs from its seed: another ward, fiscal years shifted back."""

    source_ward: str
    target_ward: str
    shift: int

    def __call__(self, text: str) -> str:
        return self.years(self.ward(text))

    # -- wards ------------------------------------------------------------------------

    def ward(self, text: str) -> str:
        if self.source_ward == self.target_ward:
            return text
        swap = {self.source_ward: self.target_ward, self.target_ward: self.source_ward}
        # A ward name written without 区 (LINEwith港南) when it cannot be part of another
        # word: only stems of two characters or more (西, 中 and 泉 are too common).
        stems = {}
        for a, b in swap.items():
            sa, sb = a[:-1], b[:-1]
            if len(sa) >= 2 and len(sb) >= 1:
                stems[sa] = sb
        names = sorted(set(swap) | set(stems), key=len, reverse=True)
        pattern = re.compile("|".join(
            re.escape(n) if n in swap else re.escape(n) + "(?!区)" for n in names))
        return pattern.sub(lambda m: swap.get(m.group(0)) or stems[m.group(0)], text)

    # -- years ------------------------------------------------------------------------

    def years(self, text: str) -> str:
        if not self.shift:
            return text
        text = _ERA_RE.sub(self._era, text)
        text = _LETTER_RE.sub(self._letter, text)
        return _WESTERN_RE.sub(lambda m: str(int(m.group(1)) - self.shift), text)

    def _era(self, m: re.Match) -> str:
        era, num, unit, sep, num2, unit2, month = m.groups()
        year = _ERA_BASE[era] + _digits(num) - self.shift
        # a calendar date in January-April 2019 was still 平成31年
        month_no = _digits(re.sub(r"\D", "", unicodedata.normalize("NFKC", month))) if month else None
        calendar_early = unit.strip() == "年" and month_no is not None and month_no <= 4
        new_era, n = era_of(year, prefer_heisei=(era == "平成" or calendar_early))
        out = f"{new_era}{_era_number(new_era, n, num)}{unit}"
        if sep is not None:
            year2 = _ERA_BASE[era] + _digits(num2) - self.shift
            era2, n2 = era_of(year2)
            # the open end keeps no era when it stays in the first year's era
            out += sep + ("" if era2 == new_era else era2) + _era_number(era2, n2, num2) + unit2
        return out + (month or "")

    def _letter(self, m: re.Match) -> str:
        letter, num = m.groups()
        year = _ERA_BASE[_LETTER[letter]] + _digits(num) - self.shift
        era, n = era_of(year, prefer_heisei=(letter == "H"))
        return f"{_LETTER_OF[era]}{_write_like(n, num)}"


@dataclass
class Copy:
    file: str          # path relative to the corpus folder
    source: str        # seed file name
    source_ward: str
    ward: str
    shift: int
    doc_type: str
    year_from: int | None   # the copy's fiscal years (the seed's, shifted)
    year_to: int | None
    format: str = "txt"     # "txt" or the format_variants renderer the copy was written with

    @property
    def relabel(self) -> Relabel:
        return Relabel(self.source_ward, self.ward, self.shift)


def seed_documents(seeds_dir: Path = SEEDS_DIR) -> dict[str, dict]:
    """Seed file name -> {ward, doc_type, year_from, year_to, text} from the real parser."""
    from indexer.corpus import parse_corpus

    parsed = parse_corpus(seeds_dir)
    out = {}
    for doc in parsed.documents:
        name = Path(doc.source).name
        out[name] = {"ward": doc.ward, "doc_type": doc.doc_type, "year_from": doc.fiscal_year_from,
                     "year_to": doc.fiscal_year_to,
                     "text": (seeds_dir / name).read_text(encoding="utf-8")}
    return out


def _copy(i: int, name: str, s: dict, ward: str, shift: int, suffix: str = ".txt") -> Copy:
    fy = (lambda y: None if y is None else y - shift)
    return Copy(f"w{i + 1:02d}_{Path(name).stem}_minus{shift}{suffix}", name, s["ward"], ward,
                shift, s["doc_type"], fy(s["year_from"]), fy(s["year_to"]))


def plan(seeds: dict[str, dict], wards=YOKOHAMA_WARDS, per_ward: int | None = None,
         formats: list[str] | None = None) -> list[Copy]:
    """Which seeds each ward gets, at which shifts (deterministic).

    ``per_ward`` None: the 108-document plan (each seed of the trio twice); a number:
    that many reports per ward over as many consecutive fiscal years (see the module
    docstring), in ``formats`` by turns (``txt`` or a `format_variants.RENDERERS` name).
    """
    names = sorted(n for n, s in seeds.items() if s["ward"] in YOKOHAMA_WARDS)
    copies = []
    if per_ward is not None:
        from .format_variants import RENDERERS

        formats = formats or ["txt"]
        for f in formats:
            if f != "txt" and f not in RENDERERS:
                raise ValueError(f"unknown format {f!r} (txt or one of {', '.join(RENDERERS)})")
        for i, ward in enumerate(wards):
            picks = [names[(i + k) % len(names)] for k in (0, 1, 3)][:SEEDS_PER_WARD]
            base = i % 3
            for k in range(per_ward):
                name = picks[k % len(picks)]
                fmt = formats[k % len(formats)]
                suffix = ".txt" if fmt == "txt" else RENDERERS[fmt][1]
                c = _copy(i, name, seeds[name], ward, base + k, suffix)
                c.format = fmt
                copies.append(c)
        return copies
    for i, ward in enumerate(wards):
        picks = [names[(i + k) % len(names)] for k in (0, 1, 3)][:SEEDS_PER_WARD]
        base = i % 3
        for name in dict.fromkeys(picks):
            s = seeds[name]
            for shift in (base, base + SHIFT_STEP):
                stem = Path(name).stem
                fy = (lambda y: None if y is None else y - shift)
                copies.append(Copy(f"w{i + 1:02d}_{stem}_minus{shift}.txt", name, s["ward"], ward,
                                   shift, s["doc_type"], fy(s["year_from"]), fy(s["year_to"])))
    return copies


def build(out_dir: Path, seeds_dir: Path = SEEDS_DIR, per_ward: int | None = None,
          formats: list[str] | None = None) -> list[Copy]:
    """Write the archive corpus to ``out_dir/corpus`` and ``out_dir/manifest.json``."""
    seeds = seed_documents(seeds_dir)
    copies = plan(seeds, per_ward=per_ward, formats=formats)
    corpus = Path(out_dir) / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    manifest = Path(out_dir) / "manifest.json"
    # a renderer's bytes differ run to run (PDF dates and ids): a rendered copy is rewritten
    # only when its text changed, so a second build leaves the index nothing to redo
    try:
        rendered_before = json.loads(manifest.read_text(encoding="utf-8")).get("rendered", {})
    except (OSError, ValueError):
        rendered_before = {}
    rendered = {}
    wanted = {c.file for c in copies}
    for old in corpus.iterdir():
        if old.is_file() and old.name not in wanted:
            old.unlink()
    for c in copies:
        text = c.relabel(seeds[c.source]["text"])
        path = corpus / c.file
        if c.format == "txt":
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            continue
        from .format_variants import RENDERERS

        rendered[c.file] = hashlib.sha1(f"{c.format}\n{text}".encode()).hexdigest()
        if not path.exists() or rendered_before.get(c.file) != rendered[c.file]:
            path.write_bytes(RENDERERS[c.format][0](text))
    manifest.write_text(
        json.dumps({"copies": [asdict(c) for c in copies], "rendered": rendered}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    return copies


def load_manifest(out_dir: Path) -> list[Copy]:
    data = json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
    return [Copy(**c) for c in data["copies"]]


# ------------------------------------------------------------------------------ judgements

IN, OUT, UNJUDGED = "in", "out", "unjudged"


def _status(copy: Copy, flt: dict | None) -> str:
    """Whether the seed judgement speaks for this copy under the query's filter.

    IN: the judge saw this content under the filter (no filter; an unshifted copy; a
    five-year summary whose period covers the year both before and after the shift —
    its passages span the period). OUT: the filter excludes the copy (another ward; a
    period that does not cover the year). UNJUDGED: the shift moved other content into
    the filtered year (令和6年度's goals of a 2023–2024 report become 2023's in a copy
    shifted by one year): genuinely of that year, but no judge ever looked at it there.
    """
    flt = flt or {}
    if flt.get("ward") and copy.ward != flt["ward"]:
        return OUT
    year = flt.get("fiscal_year")
    if year is None or not copy.shift:
        return IN
    if copy.year_from is None:
        return OUT
    covers = copy.year_from <= year <= (copy.year_to or copy.year_from)
    if not covers:
        return OUT
    source_from = copy.year_from + copy.shift
    source_to = (copy.year_to or copy.year_from) + copy.shift
    if "5か年" in (copy.doc_type or "") and source_from <= year <= source_to:
        return IN
    return UNJUDGED


def derive(query: dict, copies: list[Copy]) -> dict:
    """Archive judgements of one seed-judged query.

    Returns ``{"wards": {ward: best grade}, "evidence": [{"key", "grade", "variants"}],
    "unjudged": [ward, ...]}``: each original evidence string once, with every form the
    copies that satisfy the filter give it; ``unjudged`` lists the wards that are not
    relevant by the seed judgement but hold a copy the shift moved into the filtered
    year (see `_status`) — their relevance is unknown, so ward-set F1 leaves them out
    on both sides (``ward_f1_strict`` counts a claim of them as false).
    """
    by_file: dict[str, list[dict]] = {}
    for evs in query["relevant"].values():
        for e in evs:
            by_file.setdefault(e["file"], []).append(e)
    wards: dict[str, int] = {}
    unjudged: set[str] = set()
    evidence: dict[tuple[str, str], dict] = {}
    for c in copies:
        status = _status(c, query.get("filter"))
        if status == UNJUDGED:
            unjudged.add(c.ward)
        evs = by_file.get(c.source)
        if not evs or status != IN:
            continue
        for e in evs:
            wards[c.ward] = max(wards.get(c.ward, 0), e["grade"])
            item = evidence.setdefault((e["file"], e["evidence"]),
                                       {"key": e["evidence"], "grade": e["grade"], "variants": set()})
            item["variants"].add(c.relabel(e["evidence"]))
    return {"wards": wards, "evidence": list(evidence.values()),
            "unjudged": sorted(unjudged - set(wards))}


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", "", text or "")))


def score(judged: dict, result: dict, top: int = 10) -> dict:
    """Ward-set F1 (over the judged wards; ``ward_f1_strict``: unjudged claims counted as
    false), distinct-evidence recall@top and duplicate texts in the top of one answer."""
    texts = [_compact(p.get("text", "")) for p in result.get("results", [])[:top]]
    total = found = 0.0
    for e in judged["evidence"]:
        total += e["grade"]
        needles = {re.sub(r"\s+", "", v) for v in e["variants"]}
        if any(n and n in _compact(t) for n in needles for t in texts):
            found += e["grade"]
    relevant = set(judged["wards"])
    claimed = {w["ward"] for w in result.get("wards", [])}
    unjudged = set(judged.get("unjudged", ())) & claimed
    seen: set[str] = set()
    duplicates = 0
    for t in texts:
        if t in seen:
            duplicates += 1
        seen.add(t)
    return {"distinct_evidence_recall": found / total if total else 0.0,
            "ward_f1": _f1(relevant, claimed - unjudged), "ward_f1_strict": _f1(relevant, claimed),
            "duplicates": duplicates, "relevant_wards": len(relevant), "claimed_wards": len(claimed),
            "unjudged_claims": len(unjudged)}


def _f1(relevant: set[str], predicted: set[str]) -> float:
    tp = len(relevant & predicted)
    precision = tp / len(predicted) if predicted else (1.0 if not relevant else 0.0)
    rec = tp / len(relevant) if relevant else 1.0
    return 2 * precision * rec / (precision + rec) if precision + rec else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Build the 18-ward archive test corpus from the seed reports.")
    ap.add_argument("--out", required=True, help="output folder (corpus/ and manifest.json are written there)")
    ap.add_argument("--seeds", default=str(SEEDS_DIR), help="folder of seed reports (default: corpus/)")
    ap.add_argument("--per-ward", type=int, default=None,
                    help="reports per ward over as many fiscal years (default: the 108-document plan)")
    ap.add_argument("--formats", default=None,
                    help="with --per-ward: comma-separated formats taken by turns (txt, docx, pdf, xlsx, …)")
    args = ap.parse_args(argv)
    formats = args.formats.split(",") if args.formats else None
    copies = build(Path(args.out), Path(args.seeds), per_ward=args.per_ward, formats=formats)
    wards = len({c.ward for c in copies})
    print(f"{len(copies)} documents for {wards} wards written to {Path(args.out) / 'corpus'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
