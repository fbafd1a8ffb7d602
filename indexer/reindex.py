"""Build or incrementally update the index from the corpus folder.

Files are compared with the current generation's manifest: a file is parsed
again when its content hash changed, its sidecar (person-set metadata) was
added, changed or removed, it was parsed by another parser version (or another
version of the rule that reads a file of several wards' reports as one document
per ward, `wardparts.VERSION`), or it failed last time (a missing tool may have
been installed since). A file read as several wards' parts is listed once in the
manifest with all its documents (`file_doc_ids`): changed or removed, all of
them go. Removed files
are dropped, unchanged passages keep their records. A changed analyzer (or
Sudachi dictionary) rebuilds the keyword index from the kept records.

Vectors are never silently lost: without a model, unchanged passages keep the
vectors of the previous generation (or of the embedding cache for the same
model); passages without one get an all-zero row, counted in the manifest as
`unembedded`, and the next reindex with the model embeds only those. The
result is written as a new generation and published atomically (see
store.py), so search never sees a half-built index.
"""

from __future__ import annotations

import importlib.metadata
import logging
import shutil
import signal
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import fulltext, oserrors, parse, records, sentences, sidecar, store, wardparts, workers
from .corpus import corpus_files, orphan_sidecars, parse_parts, source_name
from .embcache import EmbeddingCache, text_key
from .load import DEFAULT_MAX_BYTES, LoadError, convertbatch, file_sha256

log = logging.getLogger(__name__)

# Bump when indexer/analysis.py or the Whoosh schema in indexer/fulltext.py
# changes which terms are indexed for a text: the keyword index is then rebuilt
# in full (queries are analysed by the running code, so old terms would not match).
ANALYZER_VERSION = "3"  # 2: lean schema (no metadata fields, no word positions); 3: token spans stored (snippets)
_ANALYZER_PACKAGES = ("sudachipy", "sudachidict-core", "whoosh-reloaded")


def analyzer_version() -> str:
    """The identity of what turns text into index terms: the project's analyzer
    version (fulltext.SCHEMA_VERSION when it defines one) and the versions of the
    tokenizer, its dictionary and Whoosh (a dictionary upgrade changes the words)."""
    parts = [str(getattr(fulltext, "SCHEMA_VERSION", ANALYZER_VERSION))]
    for dist in _ANALYZER_PACKAGES:
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return ";".join(parts)


@dataclass
class ReindexSummary:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    reparsed: list[str] = field(default_factory=list)   # unchanged files parsed again (parser, sidecar)
    retried: list[str] = field(default_factory=list)    # files that failed last time, tried again
    reparsed_for_parts: int = 0  # of `reparsed`: files parsed again for a new wardparts.VERSION
    documents: int = 0
    passages: int = 0
    embedded: int = 0          # passages embedded by this run (others came from the cache)
    vectors_carried: int = 0   # unchanged passages whose vectors (and sentences') were carried over
    #                            from the previous generation as they were (no cache look-up)
    texts_analysed: int = 0    # texts the keyword build analysed (Sudachi); a rewrite after a change
    texts_reused: int = 0      # or removal reads the previous generation's for the others (reused)
    sentences_embedded: int = 0  # sentences of passages embedded by this run (SENTENCE_VECTORS;
    #                              their seconds are timings["embed_sentences"], apart from "embed")
    unembedded: int = 0        # passages without a vector (all of them when semantic is False)
    semantic: bool = False     # the new generation has vectors
    model: str | None = None   # the model of those vectors
    keyword_rebuilt: bool = False
    notes: list[str] = field(default_factory=list)      # Japanese, for the person who ran it
    generation: str | None = None
    full: bool = False
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


# Embed the sentences of each passage of several sentences too (indexer.sentences),
# for the semantic half's best-sentence evidence (search_app.retrieval_semantic).
SENTENCE_VECTORS = True


def embedding_text(p: dict) -> str:
    """What is embedded for a passage: its own text (measured better on the dev
    set than prefixing the goal, which made sibling sections look alike)."""
    return p["text"]


def reindex(corpus_dir: Path, index_dir: Path, *, embedder=None, full: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, wait_seconds: float = 0.0,
            progress: bool = False) -> ReindexSummary:
    """Bring the index in line with the corpus folder; returns what changed.

    `full` parses every file again and rebuilds the keyword index; vectors are
    still taken from the cache (and, without a model, kept from the previous
    generation)."""
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    summary = ReindexSummary(full=full)
    with store.reindex_lock(index_dir, wait_seconds):
        store.remove_stale_builds(index_dir)
        store.cleanup_old(index_dir)  # e.g. a generation renamed but never switched to
        previous = None
        if store.current_name(index_dir):
            try:
                previous = store.open_generation(index_dir)
            except (FileNotFoundError, ValueError, KeyError) as exc:
                log.warning("previous generation unreadable (%s); rebuilding in full", exc)
        reuse = previous if not full else None
        summary.full = reuse is None
        analyzer = analyzer_version()
        summary.keyword_rebuilt = reuse is None or reuse.manifest.get("analyzer_version") != analyzer
        if reuse is not None and summary.keyword_rebuilt:
            summary.notes.append("語の解析方法（アナライザ・辞書）が変わったため、キーワード索引を作り直しました")

        t0 = time.perf_counter()
        old_files = reuse.manifest.get("files", {}) if reuse else {}
        new_files, parsed_docs, failures, reparse_versions = _scan(
            corpus_dir, old_files, max_bytes, summary, progress)
        summary.removed = sorted(set(old_files) - set(new_files))
        summary.failed = failures
        if reparse_versions:
            olds = "、".join(sorted(reparse_versions))
            summary.notes.append(f"解析器の版が変わったため（{olds} → {parse.PARSER_VERSION}）、"
                                 f"{sum(reparse_versions.values())} 件のファイルを解析し直しました")
        for name in orphan_sidecars(corpus_dir):
            summary.notes.append(f"{name} の文書がコーパスにないため、このメタデータ（手入力）は使われていません")
        if summary.reparsed_for_parts:
            summary.notes.append("複数の区の報告を含むファイルを区ごとに読み分ける規則が変わったため、"
                                 f"{summary.reparsed_for_parts} 件のファイルを解析し直しました")
        if summary.retried:
            summary.notes.append(f"前回失敗した {len(summary.retried)} 件をもう一度解析しました")
        summary.timings["parse"] = round(time.perf_counter() - t0, 3)

        # Records: unchanged documents keep theirs, in corpus order.
        keep_ids = {d for n, f in new_files.items() if old_files.get(n) is f for d in file_doc_ids(f)}
        order = {d: i for i, f in enumerate(new_files.values()) for d in file_doc_ids(f)}
        documents: list[dict] = []
        passages: list[dict] = []

        def build_records() -> None:
            if reuse:
                documents.extend(d for d in reuse.documents if d["doc_id"] in keep_ids)
                passages.extend(p for p in reuse.passages if p["doc_id"] in keep_ids)
            for doc, ps in parsed_docs:
                documents.append(doc.to_dict())
                passages.extend(p.to_dict() for p in ps)
            documents.sort(key=lambda d: order.get(d["doc_id"], 0))
            passages.sort(key=lambda p: order.get(p["doc_id"], 0))  # stable: keeps in-doc order

        building = store.new_building_dir(index_dir)
        analysed: dict[str, int] = {}   # texts the keyword build analysed / read back
        try:
            t0 = time.perf_counter()
            # passages of the previous index that go (a changed or removed file's)
            gone = {d for f in old_files.values() for d in file_doc_ids(f) if d not in keep_ids}
            if not summary.keyword_rebuilt and not gone:
                # only additions: the new passages go into the copied index as a segment
                build_records()
                shutil.copytree(reuse.fulltext_path, building / "fulltext")
                ix = fulltext.open_index(building / "fulltext")
                fulltext.add_passages(ix, [p for _d, ps in parsed_docs for p in ps])
            elif not summary.keyword_rebuilt:
                # Deleting from Whoosh's segments needs a merge of every segment to score
                # like a full build: Whoosh copies the whole index in Python (one report
                # removed from the 360-report archive: 37 CPU s, ~90% of a full build's
                # parse and index) into one segment without the stored positions phrase
                # checks read. Written anew from the kept records instead, in worker
                # processes, exactly as a full build writes it (9 CPU s there); the texts
                # the previous index holds are not analysed again: their terms are read
                # back from its stored token spans (same analyzer), so Sudachi runs for
                # the changed reports' new texts only.
                build_records()
                ix = fulltext.create(building / "fulltext")
                fulltext.add_passages(ix, [_passage(p) for p in passages],
                                      known_spans=fulltext.spans_path(reuse.fulltext_path), counts=analysed)
            elif reuse is None:
                # every passage is new: indexed from the parsed passages, in the records'
                # order, while this process builds the records (the workers' time)
                ix = fulltext.create(building / "fulltext")
                fulltext.add_passages(ix, [p for _d, ps in sorted(parsed_docs, key=lambda d: order.get(d[0].doc_id, 0))
                                           for p in ps], meanwhile=build_records, counts=analysed)
            else:
                build_records()
                ix = fulltext.create(building / "fulltext")
                fulltext.add_passages(ix, [_passage(p) for p in passages], counts=analysed)
            summary.timings["analyse_write"] = round(time.perf_counter() - t0, 3)
            summary.texts_analysed = analysed.get("analysed", 0)
            summary.texts_reused = analysed.get("reused", 0)

            t0 = time.perf_counter()
            # each passage's row in the previous generation when it is one of its records
            # carried over unchanged (the same record), else -1
            carried = None
            if reuse is not None:
                row_of = {id(p): j for j, p in enumerate(reuse.passages)}
                carried = np.fromiter((row_of.get(id(p), -1) for p in passages), dtype=np.int64,
                                      count=len(passages))
            vectors, model_name, model_key, sentence_vectors = _vectors_for(
                passages, previous, embedder, index_dir, progress, summary, carried)
            # "embed": the passages' vectors (as before sentence vectors existed);
            # "embed_sentences": their sentences' (SENTENCE_VECTORS)
            summary.timings["embed"] = round(time.perf_counter() - t0
                                             - summary.timings.get("embed_sentences", 0.0), 3)

            t0 = time.perf_counter()
            manifest = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "files": new_files,
                        "parser_version": parse.PARSER_VERSION, "analyzer_version": analyzer,
                        "model": model_name, "model_key": model_key,
                        "dim": int(vectors.shape[1]) if vectors is not None else None,
                        "unembedded": summary.unembedded,
                        "sentences": int(sentence_vectors[1][-1]) if sentence_vectors is not None else None,
                        "documents": len(documents), "passages": len(passages)}
            store.write_generation(building, {"documents": documents, "passages": passages,
                                              "errors": failures}, manifest, vectors, sentence_vectors)
            final = store.publish(index_dir, building)
            summary.timings["write"] = round(time.perf_counter() - t0, 3)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    summary.generation = final.name
    summary.documents, summary.passages = len(documents), len(passages)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def file_doc_ids(entry: dict | None) -> list[str]:
    """The documents a manifest file entry was indexed as: one, or one per ward's part
    of a file holding several wards' reports ("doc_ids"); none for a failed file."""
    if not entry:
        return []
    if entry.get("doc_ids"):
        return list(entry["doc_ids"])
    return [entry["doc_id"]] if entry.get("doc_id") else []


def _file_entry(entry: dict, parts: list) -> dict:
    """The manifest entry of a parsed file: its document id and its documents' warnings; for a
    file read as several wards' parts, every part's id with its ward and citation label."""
    out = {**entry, "doc_id": parts[0].document.doc_id}
    # what the file's documents say about how they were read (text kept without its sections,
    # hidden sheets …): shown beside the file on an upload's job page
    warnings = list(dict.fromkeys(w for p in parts for w in p.document.warnings))
    if warnings:
        out["warnings"] = warnings
    if len(parts) > 1:
        out["doc_ids"] = [p.document.doc_id for p in parts]
        out["parts"] = [{"doc_id": p.document.doc_id, "ward": p.document.ward,
                         "label": (p.document.part or {}).get("label"),
                         "report": any(x.unit for x in p.passages)} for p in parts]
    return out


def _reparse_reason(old: dict, side: str | None) -> str | None:
    """Why a file whose content is unchanged must be parsed again (None: it need not)."""
    if old.get("error"):
        return "failed"
    if old.get("parser") != parse.PARSER_VERSION:
        return "parser"
    if old.get("wardparts") != wardparts.VERSION:
        return "wardparts"
    if old.get("sidecar") != side:
        return "sidecar"
    return None


def _scan(corpus_dir: Path, old_files: dict, max_bytes: int, summary: ReindexSummary, progress: bool):
    """Parse what needs parsing; returns (manifest file entries in corpus order,
    parsed documents, failures, the parser versions of files parsed again)."""
    new_files: dict[str, dict] = {}
    parsed_docs: list[tuple[records.Document, list[records.Passage]]] = []
    failures: list[dict] = []
    reparse_versions: Counter[str] = Counter()
    seen_hashes: dict[str, str] = {}
    files = corpus_files(corpus_dir)
    todo: list[tuple[str, Path, dict]] = []  # (name, path, manifest entry) to parse
    for path in files:
        name = source_name(path, corpus_dir)
        try:
            digest = file_sha256(path)
            side = sidecar.fingerprint(path)
        except OSError as exc:
            log.warning("cannot read %s: %s", path, exc)
            failures.append({"file": name, "reason": f"読み込めません（{oserrors.reason(exc, writing=False)}）"})
            continue
        if digest in seen_hashes:
            summary.duplicates.append({"file": name, "same_as": seen_hashes[digest]})
            continue
        seen_hashes[digest] = name
        old = old_files.get(name)
        if old and old["sha256"] == digest:
            why = _reparse_reason(old, side)
            if why is None:
                new_files[name] = old
                summary.unchanged += 1
                continue
            if why == "failed":
                summary.retried.append(name)
            else:
                summary.reparsed.append(name)
                if why == "parser":
                    reparse_versions[str(old.get("parser") or "記録なし")] += 1
                elif why == "wardparts":
                    summary.reparsed_for_parts += 1
        else:
            (summary.changed if old else summary.added).append(name)
        new_files[name] = None  # keeps the corpus order; filled below
        todo.append((name, path, {"sha256": digest, "sidecar": side, "parser": parse.PARSER_VERSION,
                                  "wardparts": wardparts.VERSION}))
    # old Word files: converted by LibreOffice in batches first (load/convertbatch.py)
    with convertbatch.prepared([path for _n, path, _e in todo], max_bytes, fulltext.build_processes()):
        results = _parse_files([(path, corpus_dir, max_bytes) for _n, path, _e in todo], progress)
    for (name, _path, entry), (parts, reason) in zip(todo, results):
        if parts is None:
            failures.append({"file": name, "reason": reason})
            new_files[name] = {**entry, "doc_id": None, "error": reason}
            continue
        new_files[name] = _file_entry(entry, parts)
        parsed_docs.extend((parsed.document, parsed.passages) for parsed in parts)
        if len(parts) > 1:
            wards = "、".join(dict.fromkeys(p.document.ward for p in parts if p.document.ward))
            summary.notes.append(f"{name} は複数の区の報告（{wards}）を含むため、"
                                 f"区ごとに {len(parts)} 件の文書に分けて索引しました")
    return new_files, parsed_docs, failures, reparse_versions


#: Below this many files to parse, one process parses them (starting worker
#: processes costs about a second; a typical upload is a handful of files).
PARALLEL_PARSE_MIN_FILES = 32


def _parse_files(jobs: list[tuple[Path, Path, int]], progress: bool) -> list[tuple]:
    """Parse files, in their order: [([ParsedDocument, …], None) or (None, reason)]
    (a file holding several wards' reports gives one document per part).

    Many files (a first build of an archive) are parsed by one worker process
    per core (`KYOTEN_INDEX_PROCS`, as for the keyword build); a few in this process."""
    procs = min(fulltext.build_processes(), len(jobs) // (PARALLEL_PARSE_MIN_FILES // 2) or 1)
    if len(jobs) < PARALLEL_PARSE_MIN_FILES or procs < 2:
        results = map(_parse_or_reason, jobs)
        pool = None
    else:
        pool = workers.pool(procs)
        results = pool.imap(_parse_or_reason, jobs, chunksize=4)
    try:
        if progress:
            from tqdm import tqdm
            results = tqdm(results, total=len(jobs), desc="解析", unit="件")
        out = list(results)
    except BaseException:   # Ctrl-C, a failure: the workers' remaining files are not waited for
        if pool is not None:
            pool.terminate()
            pool.join()
        raise
    if pool is not None:
        pool.close()
        pool.join()
    return out


#: CPU seconds one file's loading and parsing may take in the parsing process, or None
#: (a generated 300-page text PDF takes 8.3 s).
#: A real report takes well under 2 s; a pathological one (a 60 KB line naming a ward
#: 10,000 times took 11 s, 240 KB over 3 minutes) must not hold the reindex — and every
#: upload queued behind it — for hours. CPU time of this process only: OCR and
#: LibreOffice run in child processes with their own time limits, so a long scan
#: waiting on tesseract does not count against it.
PARSE_CPU_SECONDS: float | None = 600.0
MSG_PARSE_TOO_LONG = ("読み込みに時間がかかりすぎるため中止しました（CPU 時間 {seconds:g} 秒）。"
                      "改行のない非常に長い行など、報告書として想定していない形のファイルの可能性があります。"
                      "内容を確認し、必要なら改行を入れるか別の形式で保存し直してください")


class _ParseTooLong(BaseException):
    """Raised in the parsing process when a file used up PARSE_CPU_SECONDS. A
    BaseException, so no loader's `except Exception` mistakes it for a bad file."""


def _too_long(_signum, _frame):
    raise _ParseTooLong()


def _cpu_limit():
    """Arm the CPU-time limit for one file (SIGPROF, main thread only; elsewhere, e.g. a
    reindex run inside a server thread, there is none). Returns how to disarm it."""
    seconds = PARSE_CPU_SECONDS
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return None
    previous = signal.signal(signal.SIGPROF, _too_long)
    signal.setitimer(signal.ITIMER_PROF, seconds)

    def disarm():
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return disarm


def _parse_or_reason(job: tuple[Path, Path, int]) -> tuple:
    """Parse one file; a failure becomes its reason (a parser bug must not lose the batch,
    nor a file whose parsing runs away stop it: PARSE_CPU_SECONDS)."""
    path, corpus_dir, max_bytes = job
    disarm = _cpu_limit()
    try:
        return parse_parts(path, corpus_dir, max_bytes), None
    except _ParseTooLong:
        log.warning("parsing %s used more than %s CPU seconds; stopped", path.name, PARSE_CPU_SECONDS)
        return None, MSG_PARSE_TOO_LONG.format(seconds=PARSE_CPU_SECONDS)
    except LoadError as exc:
        return None, exc.reason
    except sidecar.SidecarError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001
        log.exception("failed to parse %s", path.name)
        return None, f"解析中にエラーが発生しました: {type(exc).__name__}"
    finally:
        if disarm is not None:
            disarm()


def _passage(d: dict) -> records.Passage:
    fields = {k: v for k, v in d.items() if k not in ("source", "site")}
    passage = records.Passage(**fields)
    if d.get("site") is not None:
        passage.site = d["site"]
    return passage


def _model_key(manifest: dict) -> str | None:
    return manifest.get("model_key") or manifest.get("model")


def _vectors_for(passages: list[dict], previous, embedder, index_dir: Path, progress: bool,
                 summary: ReindexSummary, carried: np.ndarray | None = None):
    """Vectors aligned with `passages` -> (vectors or None, model name, model key,
    (sentence vectors, offsets) or None).

    With a model: from the cache, else from the previous generation (same model),
    else embedded now. Without one: the previous generation's vectors and model
    are kept for the passages that still exist (cache first, then the previous
    rows); new passages get a zero row. Sets summary.embedded / unembedded /
    semantic / model and adds a note when something is missing.

    The sentences of a passage of several sentences (SENTENCE_VECTORS,
    `indexer.sentences.split`) are embedded alike, each text once through the same
    cache (a sentence that is also some passage's text is one entry); a one-sentence
    passage has none (its vector is the sentence's). Passage i's sentence rows are
    offsets[i]:offsets[i+1]; a sentence without a vector has a zero row.

    `carried[i]`: passage i's row in `previous` when it is that generation's record,
    unchanged (else -1). Such a passage embedded with the same model, whose
    sentences split as they were split then, keeps its rows as they are (read in
    one pass over the previous arrays): only the others' texts are hashed and asked
    of the cache, so an edit of one report looks up that report's texts, not the
    archive's (`summary.vectors_carried`)."""
    prev_key = None
    if previous is not None and previous.vectors is not None:
        prev_key = _model_key(previous.manifest)
    if embedder is not None:
        name = embedder.model_name
        key = getattr(embedder, "cache_key", None) or name
        if prev_key and prev_key != key:
            summary.notes.append(f"埋め込みモデルが変わったため（{previous.manifest.get('model')} → {name}）、"
                                 "すべてのパッセージを新しいモデルの埋め込みにしました")
    elif prev_key:
        name, key = previous.manifest.get("model"), prev_key
    else:
        summary.unembedded = len(passages)
        if passages:
            summary.notes.append("この索引には意味検索用の埋め込みがありません（埋め込みモデルなしで作成）。"
                                 "モデルを用意して kyoten reindex を実行すると追加されます")
        return None, None, None, None

    texts = [embedding_text(p) for p in passages]
    parts = [sentences.split(t) for t in texts] if SENTENCE_VECTORS else [[] for _ in texts]
    counts = np.fromiter((len(ps) for ps in parts), dtype=np.int64, count=len(parts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    keep, prev_rows, prev_sentences = _carried_rows(previous, carried, counts, prev_key == key)
    lookup = np.flatnonzero(~keep).tolist()       # the passages whose vectors are looked up
    keys = {i: text_key(texts[i]) for i in lookup}
    sentence_texts = [s for i in lookup for s in parts[i]]
    sentence_keys = [text_key(s) for s in sentence_texts]
    cache = EmbeddingCache(Path(index_dir) / "embeddings.sqlite", key)
    try:
        asked = [texts[i] for i in lookup]
        known = cache.get_many(asked + sentence_texts) if asked else {}
        missing = {k: t for k, t in zip([*keys.values(), *sentence_keys], asked + sentence_texts) if k not in known}
        if missing and prev_key == key:
            kept = _previous_rows(previous, missing)
            if kept:
                cache.put_many([missing[k] for k in kept], np.stack(list(kept.values())))
                known.update(kept)
                for k in kept:
                    del missing[k]
        if missing and embedder is not None:
            # passages first, then sentences, timed apart (timings "embed_sentences";
            # the reindex's "embed" phase keeps meaning the passages' embedding)
            passage_keys = set(keys.values())
            for todo, counted in ((sorted(t for k, t in missing.items() if k in passage_keys), "embedded"),
                                  (sorted(t for k, t in missing.items() if k not in passage_keys),
                                   "sentences_embedded")):
                if not todo:
                    continue
                started = time.perf_counter()
                fresh = embedder.encode_passages(todo, show_progress=progress)
                cache.put_many(todo, fresh)
                known.update({text_key(t): v for t, v in zip(todo, fresh)})
                setattr(summary, counted, len(todo))
                if counted == "sentences_embedded":
                    summary.timings["embed_sentences"] = round(time.perf_counter() - started, 3)
    finally:
        cache.close()
    if embedder is not None:
        dim = int(embedder.dim) if getattr(embedder, "dim", None) else None
    else:
        dim = int(previous.vectors.shape[1])
    if dim is None:
        dim = next(iter(known.values())).shape[0] if known else \
            int(previous.vectors.shape[1]) if keep.any() else 384
    vectors = np.zeros((len(texts), dim), dtype=np.float32)
    unembedded = 0
    if keep.any():
        vectors[keep] = previous.vectors[prev_rows[keep]]
    for i, k in keys.items():
        v = known.get(k)
        if v is None:
            unembedded += 1
        else:
            vectors[i] = v
    sentence_vectors = None
    if SENTENCE_VECTORS:
        rows = np.zeros((int(offsets[-1]), dim), dtype=np.float16)
        if keep.any():
            # every carried passage's rows, from its previous rows (one gather)
            at = np.flatnonzero(keep & (counts > 0))
            n = counts[at]
            step = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
            rows[np.repeat(offsets[at], n) + step] = prev_sentences[
                np.repeat(previous.sentences.offsets[prev_rows[at]], n) + step]
        k = 0
        for i in lookup:
            for _s in range(int(counts[i])):
                v = known.get(sentence_keys[k])
                if v is not None:
                    rows[offsets[i] + _s] = v
                k += 1
        sentence_vectors = (rows, offsets)
    summary.vectors_carried = int(keep.sum())
    summary.unembedded, summary.semantic, summary.model = unembedded, True, name
    if embedder is None:
        summary.notes.append(f"埋め込みモデルを使わずに再索引しました。これまでの埋め込み（{name}）は残しています")
    if unembedded:
        summary.notes.append(f"意味検索用の埋め込みがない {unembedded} 件は、モデルを使う次回の再索引で追加されます")
    return vectors, name, key, sentence_vectors


def _carried_rows(previous, carried: np.ndarray | None, counts: np.ndarray, same_model: bool):
    """-> (keep: which passages keep their previous rows, their previous row numbers,
    the previous sentence rows (memory-mapped) or None): a carried passage (see
    `_vectors_for`) keeps them when the previous generation has vectors of the same
    model, its vector is not a zero row (never embedded), its sentences are as many
    as today's split gives and none of their rows is zero."""
    n = len(counts)
    nothing = np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.int64), None
    if carried is None or not same_model or previous is None or previous.vectors is None:
        return nothing
    held = previous.sentences
    if SENTENCE_VECTORS and (held is None or len(held.offsets) != len(previous.passages) + 1):
        return nothing
    prev_rows = np.asarray(carried, dtype=np.int64)
    keep = (prev_rows >= 0) & (prev_rows < len(previous.vectors))
    if not keep.any():
        return nothing
    at = np.flatnonzero(keep)
    keep[at] = np.asarray(previous.vectors[prev_rows[at]]).any(axis=1)
    if not SENTENCE_VECTORS:
        return keep, prev_rows, None
    mapped = held.mapped()
    at = np.flatnonzero(keep)
    keep[at] = held.count(prev_rows[at]) == counts[at]
    # a sentence row never embedded (zero) is looked up again, as a new passage's
    zero = ~np.asarray(mapped).any(axis=1)
    if zero.any():
        owner = np.repeat(np.arange(len(held.offsets) - 1), np.diff(held.offsets))
        lacking = np.zeros(len(held.offsets) - 1, dtype=bool)
        lacking[owner[zero]] = True
        at = np.flatnonzero(keep)
        keep[at] = ~lacking[prev_rows[at]]
    return keep, prev_rows, mapped


def _previous_rows(previous, wanted: dict[str, str]) -> dict[str, np.ndarray]:
    """The previous generation's vectors (of passages, then of their sentences) for
    the wanted text keys (zero rows, which mark texts never embedded, are not vectors)."""
    found: dict[str, np.ndarray] = {}
    vectors = previous.vectors
    for i, p in enumerate(previous.passages):
        if i >= len(vectors):
            break
        k = text_key(embedding_text(p))
        if k in wanted and k not in found:
            row = np.asarray(vectors[i], dtype=np.float32)
            if np.any(row):
                found[k] = row.copy()
    held = previous.sentences
    if held is None or len(held.offsets) != len(previous.passages) + 1:
        return found
    for i, p in enumerate(previous.passages):
        parts = sentences.split(embedding_text(p))
        if len(parts) != int(held.count([i])[0]):
            continue   # split by other rules than today's
        keys = [text_key(s) for s in parts]
        if not any(k in wanted and k not in found for k in keys):
            continue
        rows, _owner = held.of([i])
        for k, row in zip(keys, rows):
            if k in wanted and k not in found and np.any(row):
                found[k] = row.copy()
    return found
