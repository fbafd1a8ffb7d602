"""The store of upload batches that started no job (search_app/web/outcomes.py)."""

from __future__ import annotations

from search_app.web.outcomes import OutcomeStore

REFUSED = {"files": [{"file": "空.txt", "status": "rejected", "reason": "空のファイルです"}],
           "saved": 0, "duplicates": 0, "rejected": 1, "message": "保存したファイルはありません。"}


def test_a_refused_batch_is_read_back_by_the_next_store_on_the_same_folder(tmp_path):
    outcome_id = OutcomeStore(tmp_path / "upload-outcomes.json").add(REFUSED)
    again = OutcomeStore(tmp_path / "upload-outcomes.json").get(outcome_id)
    assert again["files"] == REFUSED["files"] and again["rejected"] == 1 and again["created"]


def test_only_the_newest_batches_are_kept_newest_first(tmp_path):
    store = OutcomeStore(tmp_path / "o.json", keep=3)
    ids = [store.add(dict(REFUSED, message=f"batch {i}")) for i in range(5)]
    assert [o["message"] for o in OutcomeStore(tmp_path / "o.json", keep=3).recent(10)] == [
        "batch 4", "batch 3", "batch 2"]
    assert store.get(ids[0]) is None


def test_an_unreadable_journal_starts_empty_and_is_rewritten_by_the_next_batch(tmp_path):
    journal = tmp_path / "o.json"
    journal.write_text("{not json", encoding="utf-8")
    store = OutcomeStore(journal)
    assert store.recent() == []
    outcome_id = store.add(REFUSED)
    assert OutcomeStore(journal).get(outcome_id)["files"] == REFUSED["files"]
