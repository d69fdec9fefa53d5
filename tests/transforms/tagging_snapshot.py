"""Snapshots of what tagging produces per unit, to prove a speed change changes no output.

    python -m tests.transforms.tagging_snapshot write OUT.jsonl UNITS.jsonl...
    python -m tests.transforms.tagging_snapshot check SNAPSHOT.jsonl UNITS.jsonl...

Per unit: the language identified without and with the unit's language as hint, the
full tagging result (themes, scores, evidence, token count) in the unit's language and,
where that differs, in the language identified, and a digest of the results in each of the other languages
(a text tagged as the wrong language still exercises sentence splitting and matching).

``tests/transforms/data/tagging_snapshot.jsonl`` holds the snapshot of the project's own
units (eval/gold, eval/train), taken before the tagger was made faster; the equivalence
test compares against it. It covers the rule pass (``rules_tagger``): the supervised
layer came later and is tested on its own. Units from elsewhere (../shared/eval) are snapshotted into a
scratch file and checked by hand, never committed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from transforms.language import LANGUAGES, default_identifier
from transforms.pipeline import prepare_text
from transforms.tagger import Tagger, TagResult
from transforms.taxonomy import configured_taxonomy

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_FILE = ROOT / "tests" / "transforms" / "data" / "tagging_snapshot.jsonl"
PROJECT_UNIT_FILES = [path for folder in ("gold", "train", "neutral")
                      for path in sorted((ROOT / "eval" / folder).glob("*.jsonl"))]


def rules_tagger() -> Tagger:
    """The configured taxonomy's tagger with the supervised layer switched off."""
    return Tagger(replace(configured_taxonomy(), model=None))


def result_as_data(result: TagResult) -> dict:
    return {
        "n_tokens": result.n_tokens,
        "themes": [
            [t.theme, t.score, [[e.sentence_idx, e.sentence, e.cue] for e in t.evidence]]
            for t in result.themes
        ],
    }


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def snapshot_unit(unit: dict, tagger: Tagger) -> dict:
    """What tagging makes of one unit (see the module doc)."""
    identifier = default_identifier()
    text = prepare_text(unit["text"])
    lang = unit["lang"]
    detected = identifier.identify(text).lang
    hinted = identifier.identify(text, lang).lang
    results = {code: result_as_data(tagger.tag(text, code)) for code in LANGUAGES}
    return {
        "id": unit["id"],
        "lang": lang,
        "detected": detected,
        "detected_with_hint": hinted,
        "result": results.get(lang),
        # only where it differs from the unit's own language (rare), to keep the file small
        "result_detected": results.get(detected) if detected != lang else None,
        "digests": {code: _digest(data) for code, data in results.items()},
    }


def read_units(paths: Iterable[Path]) -> list[dict]:
    units = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                units.append(json.loads(line))
    return units


def snapshot(paths: Iterable[Path], tagger: Tagger | None = None) -> list[dict]:
    tagger = tagger or rules_tagger()
    return [snapshot_unit(unit, tagger) for unit in read_units(paths)]


def read_snapshot(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def differences(expected: dict[str, dict], actual: list[dict]) -> list[str]:
    """One line per unit whose snapshot differs (or is missing on either side)."""
    out = []
    seen = set()
    for row in actual:
        seen.add(row["id"])
        want = expected.get(row["id"])
        if want is None:
            out.append(f"{row['id']}: not in the snapshot")
            continue
        for key in sorted(set(want) | set(row)):
            if want.get(key) != row.get(key):
                out.append(f"{row['id']}: {key}: expected {want.get(key)!r}, got {row.get(key)!r}")
    out += [f"{uid}: in the snapshot, not among the units" for uid in expected if uid not in seen]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in ("write", "check"):
        print(__doc__)
        return 2
    command, target, *unit_files = args
    paths = [Path(p) for p in unit_files] or PROJECT_UNIT_FILES
    rows = snapshot(paths)
    if command == "write":
        with open(target, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
        print(f"wrote {len(rows)} units to {target}")
        return 0
    found = differences(read_snapshot(Path(target)), rows)
    for line in found:
        print(line)
    print(f"{len(rows)} units, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
