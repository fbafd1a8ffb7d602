"""Which wards' evidence units cover a query, whatever the ranking: the ward answer's unit
coverage (`wardanswer.UnitCoverage` at `wardanswer.UNIT_COVERAGE`) run over every passage."""

from __future__ import annotations

import numpy as np

from search_app import wardanswer
from search_app.query import parse_query


def answering_wards(service, text) -> set[str]:
    """The wards with a unit covering the query (UNIT_COVERAGE), whatever the ranking."""
    data, builder = service.data, service.builder()
    parsed = parse_query(text)
    coverage = wardanswer.UnitCoverage(data, builder, builder.concepts(parsed), None, (), parsed)
    of = coverage.of_many(np.arange(data.n))
    units = {int(data.unit_code[i]) for i in np.flatnonzero(of >= wardanswer.UNIT_COVERAGE)}
    return {data.passages[i]["ward"] for i in range(data.n) if int(data.unit_code[i]) in units}
