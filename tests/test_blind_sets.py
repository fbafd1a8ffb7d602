"""A blind judged set is read as totals only: every benchmark that tunes on queries or prints
them one by one refuses it by name before opening it (benchmarks/blind_sets.py)."""

from __future__ import annotations

import pytest

from benchmarks import (blind_sets, encoder_noise, ltr_fusion, proximity_cost, question_diagnosis,
                        question_loo, recall_trace, ward_claims, ward_loo, ward_ltr)

# (the command, its arguments around the judged file)
PER_QUERY_COMMANDS = [
    (recall_trace.main, lambda gold, index: [gold, "--index", index]),
    (question_diagnosis.main, lambda gold, index: [gold, "--index", index]),
    (question_loo.main, lambda gold, index: [gold, "--index", index]),
    (ltr_fusion.main, lambda gold, index: [gold, "--index", index]),
    (ward_loo.main, lambda gold, index: [index, gold]),
    (ward_claims.main, lambda gold, index: [index, gold]),
    (ward_ltr.main, lambda gold, index: [index, gold]),
    (proximity_cost.main, lambda gold, index: [index, gold]),
    (encoder_noise.main, lambda gold, index: [index, gold]),
]


@pytest.mark.parametrize("command, args", PER_QUERY_COMMANDS,
                         ids=[c.__module__.rsplit(".", 1)[-1] for c, _ in PER_QUERY_COMMANDS])
def test_a_per_query_benchmark_refuses_a_blind_set_before_reading_it(tmp_path, capsys, command, args):
    gold = tmp_path / "extra7.jsonl"   # a name only: the file does not exist, so nothing could be read
    with pytest.raises(SystemExit) as exc:
        command(args(str(gold), str(tmp_path / "no-index")))
    assert exc.value.code == 2
    assert "extra7.jsonl is a blind or held-out set" in capsys.readouterr().err


def test_the_blind_sets_are_those_eval_readme_names_and_the_opened_ones_are_not():
    assert all(blind_sets.is_blind(f"eval/extra{n}.jsonl") for n in (6, 9, 16, 21, 26, 27, 30, 31))
    assert not any(blind_sets.is_blind(f"eval/{name}.jsonl")
                   for name in ("dev", "extra", "extra2", "extra5", "extra4", "extra10", "extra15",
                                 "extra22", "extra23", "extra24", "extra25",
                                 "extra28", "extra29"))
