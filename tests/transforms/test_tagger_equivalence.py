"""Making tagging faster must not change what it produces: the project's own units against
a snapshot taken from the tagger before it was made faster (see ``tagging_snapshot``)."""

from __future__ import annotations

import pytest

from tests.transforms.tagging_snapshot import (
    PROJECT_UNIT_FILES,
    SNAPSHOT_FILE,
    differences,
    read_snapshot,
    read_units,
    rules_tagger,
    snapshot_unit,
)


@pytest.mark.parametrize("path", PROJECT_UNIT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_language_themes_scores_and_evidence_equal_the_snapshot(path) -> None:
    expected = read_snapshot(SNAPSHOT_FILE)
    units = read_units([path])
    assert units
    tagger = rules_tagger()
    actual = [snapshot_unit(unit, tagger) for unit in units]
    mismatches = differences({row["id"]: expected[row["id"]] for row in actual if row["id"] in expected},
                             actual)
    assert mismatches == []


def test_the_snapshot_covers_every_project_unit() -> None:
    ids = {unit["id"] for unit in read_units(PROJECT_UNIT_FILES)}
    assert ids == set(read_snapshot(SNAPSHOT_FILE))
