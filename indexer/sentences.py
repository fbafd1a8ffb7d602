"""The sentences of a passage, for the semantic half's sentence vectors.

A passage of a report is often several sentences or bullets (・…, ①…, ●…) on
different topics; averaged into one vector, the meaning of one of them is
diluted. Its sentences are embedded as well (indexer.reindex) so the semantic
half can find a passage by its best sentence (search_app.retrieval_semantic).

Split after 。！？ (and their half-width forms) and at line ends; a fragment
shorter than MIN_CHARS (a bullet heading, 「④親(養育者)自身が…場」's number, a
lone 「など。」) is joined to the sentence after it (the last one to the one
before), so nothing of the text is lost. A passage that is one sentence has
no sentences of its own (its vector is the sentence's): `split` returns [].
"""

from __future__ import annotations

import re

# Shorter fragments are joined to a neighbour (docs/quality.md: "≥ 8 characters").
MIN_CHARS = 8
_ENDS = re.compile(r"(?<=[。！？!?])|\n")


def split(text: str) -> list[str]:
    """The sentences of `text` (stripped, in order), or [] when it is one sentence."""
    parts = [p.strip() for p in _ENDS.split(text or "")]
    parts = [p for p in parts if p]
    out: list[str] = []
    pending = ""
    for p in parts:
        p = pending + p
        if len(p) < MIN_CHARS:
            pending = p
            continue
        pending = ""
        out.append(p)
    if pending:
        if out:
            out[-1] += pending
        else:
            out.append(pending)
    return out if len(out) > 1 else []
