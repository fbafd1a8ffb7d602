"""Duplicate uploads are recognised without reading the whole archive in the request."""

from __future__ import annotations

from pathlib import Path

from search_app import uploads


def archive(tmp_path: Path, n: int = 60) -> Path:
    """A corpus of n reports of distinct sizes, one copy of which is re-uploaded."""
    corpus = tmp_path / "corpus"
    for i in range(n):
        folder = corpus / f"ward{i % 6}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"報告{i}.txt").write_text("西区の取組。" * (10 + i) + f"{i}", encoding="utf-8")
    return corpus


def counting_hashes(monkeypatch) -> list[Path]:
    read: list[Path] = []
    real = uploads.file_sha256

    def counted(path):
        read.append(Path(path))
        return real(path)

    monkeypatch.setattr(uploads, "file_sha256", counted)
    return read


def test_a_reupload_of_an_archived_report_is_a_duplicate_found_by_reading_only_files_of_its_size(
        tmp_path, monkeypatch):
    corpus = archive(tmp_path)
    original = corpus / "ward3" / "報告33.txt"
    read = counting_hashes(monkeypatch)
    (result,) = uploads.save_uploads([("再送.txt", original.read_bytes())], corpus)
    assert result.status == uploads.DUPLICATE and result.same_as == "ward3/報告33.txt"
    assert read == [original]   # not the other 59 reports


def test_a_new_report_is_saved_without_reading_any_archived_report(tmp_path, monkeypatch):
    corpus = archive(tmp_path)
    read = counting_hashes(monkeypatch)
    (result,) = uploads.save_uploads([("新しい報告.txt", "中区の取組です。".encode() * 500)], corpus)
    assert result.status == uploads.SAVED and read == []


def test_a_file_of_the_same_size_but_other_bytes_is_not_a_duplicate(tmp_path):
    corpus = archive(tmp_path)
    original = (corpus / "ward3" / "報告33.txt").read_bytes()
    changed = original[:-1] + b"X"
    (result,) = uploads.save_uploads([("報告33.txt", changed)], corpus)
    assert result.status == uploads.SAVED and result.saved_as == "uploads/報告33.txt"


def test_the_second_copy_in_one_batch_is_a_duplicate_of_the_first(tmp_path):
    corpus = archive(tmp_path, 3)
    data = "港北区の取組です。".encode() * 100
    first, second = uploads.save_uploads([("a.txt", data), ("b.txt", data)], corpus)
    assert first.status == uploads.SAVED and second.status == uploads.DUPLICATE
    assert second.same_as == "uploads/a.txt"
