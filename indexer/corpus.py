"""A corpus folder -> parsed records, with one clear error per bad file.

A bad file never stops the batch: it is reported (file name and reason) and
the other files are still parsed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import records, sidecar, wardparts
from .load import DEFAULT_MAX_BYTES, LoadError, LoadedText, load_file
from .parse import ParsedDocument, parse_text

log = logging.getLogger(__name__)


@dataclass
class FileError:
    file: str
    reason: str

    def to_dict(self) -> dict:
        return {"file": self.file, "reason": self.reason}


@dataclass
class CorpusParse:
    documents: list[records.Document] = field(default_factory=list)
    passages: list[records.Passage] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "documents": [d.to_dict() for d in self.documents],
            "passages": [p.to_dict() for p in self.passages],
            "errors": [e.to_dict() for e in self.errors],
        }


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every regular file under the corpus folder (hidden files and folders skipped)."""
    corpus_dir = Path(corpus_dir)
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.lower() in ("readme.md", "readme.txt") or sidecar.is_sidecar(path):
            continue
        files.append(path)
    return files


def orphan_sidecars(corpus_dir: Path) -> list[str]:
    """Sidecars whose document is not in the corpus (it was removed or renamed
    without them): their metadata applies to nothing, which the person who
    reindexes is told rather than left to discover."""
    corpus_dir = Path(corpus_dir)
    orphans = []
    for path in sorted(corpus_dir.rglob("*" + sidecar.SUFFIX)):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if not sidecar.document_path(path).is_file():
            orphans.append(rel.as_posix())
    return orphans


def source_name(path: Path, corpus_dir: Path) -> str:
    """The citation name of a file: its path relative to the corpus folder."""
    return path.relative_to(corpus_dir).as_posix()


def parse_parts(path: Path, corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ParsedDocument]:
    """Load, parse and apply the person-set metadata of one corpus file: its one
    document, or one per ward's part when it holds several wards' reports
    (`wardparts.split`: a workbook with a sheet per ward, a city-wide compilation).

    Raises LoadError for an unreadable file and sidecar.SidecarError for a
    sidecar that cannot be used (the file is then not indexed with wrong data)."""
    loaded = load_file(path, max_bytes)
    meta = sidecar.read(path)
    name = source_name(path, corpus_dir)
    parts = wardparts.split(loaded, name)
    if parts is None:
        parsed = parse_text(loaded.text, name, loaded.sha256[:16], loaded.encoding, context=loaded.context)
        sidecar.apply(parsed.document, parsed.passages, meta)
        return [_with_file_facts(parsed, loaded)]
    out = []
    for part in parts:
        sidecar.apply(part.parsed.document, part.parsed.passages, meta, part=part.key)
        out.append(_with_file_facts(part.parsed, loaded))
    return out


def _with_file_facts(parsed: ParsedDocument, loaded: LoadedText) -> ParsedDocument:
    """The loader's facts on a parsed document: OCR pages and lines, pages, notes."""
    parsed.document.ocr_pages = list(loaded.ocr_pages)
    parsed.document.warnings = list(loaded.warnings) + parsed.document.warnings
    for passage in parsed.passages:
        passage.ocr = loaded.is_ocr_span(passage.line_start, passage.line_end)
        passage.page_start, passage.page_end = loaded.page_span(passage.line_start, passage.line_end) or (None, None)
    return parsed


def parse_one(path: Path, corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """`parse_parts` of a file read as one document; ValueError for a file holding
    several wards' reports (use `parse_parts`)."""
    parts = parse_parts(path, corpus_dir, max_bytes)
    if len(parts) != 1:
        raise ValueError(f"{path.name} holds {len(parts)} parts; use parse_parts")
    return parts[0]


def parse_corpus(corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusParse:
    corpus_dir = Path(corpus_dir)
    result = CorpusParse()
    seen: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        name = source_name(path, corpus_dir)
        try:
            parts = parse_parts(path, corpus_dir, max_bytes)
        except LoadError as exc:
            log.warning("skipped %s: %s", name, exc.reason)
            result.errors.append(FileError(name, exc.reason))
            continue
        except sidecar.SidecarError as exc:
            log.warning("skipped %s: %s", name, exc.message)
            result.errors.append(FileError(name, exc.message))
            continue
        file_id = (parts[0].document.part or {}).get("file_id") or parts[0].document.doc_id
        if file_id in seen:
            result.errors.append(FileError(name, f"{seen[file_id]} と同じ内容のため重複として扱いました"))
            continue
        seen[file_id] = name
        for parsed in parts:
            result.documents.append(parsed.document)
            result.passages.extend(parsed.passages)
    return result
