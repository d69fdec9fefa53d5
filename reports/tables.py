"""The report's tables as CSV: the same rows the pages show, in machine-friendly units.

Shares are fractions (0.1234, not "12,3 %"), changes are differences of shares,
dates are ISO 8601, and every row that stands for posts carries their doc_id
or URL, so an analyst can go from any number back to the posts. Files are
UTF-8, comma-separated, with a header row.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reports.formatting import theme_label
from reports.weeks import week_name

THEME_COLUMNS = ["theme", "label", "n_docs", "n_docs_total", "share", "baseline_n_docs",
                 "baseline_n_docs_total", "baseline_share", "change", "relative_change"]
ALERT_COLUMNS = ["alert_id", "week", "source", "theme", "label", "direction", "n_docs", "n_docs_total",
                 "share", "baseline_share", "baseline_weeks", "method", "statistic", "p_value", "q_value",
                 "status", "note", "reviewer", "reviewed_at"]


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 10))
    return value


def _status(row: dict) -> str:
    review = row.get("review")
    return review["verdict"] if review else "open"


def csv_tables(weekly: dict, drift: dict, lang: str) -> dict[str, tuple[list[str], list[dict]]]:
    """File name -> (columns, rows) for every table of the week; empty tables keep their header."""
    def label(row: dict) -> dict:
        return {**row, "label": theme_label(row["theme"], lang)}

    tables: dict[str, tuple[list[str], list[dict]]] = {}
    has = weekly["has_data"]
    tables["themes.csv"] = (THEME_COLUMNS, [label(r) for r in weekly.get("themes", [])])
    trend = []
    for theme, points in weekly.get("series", {}).items():
        for point in points:
            if point["n_docs_total"] is not None:
                trend.append({**point, "week": week_name(point["week"]), "week_start": point["week"],
                              "theme": theme, "label": theme_label(theme, lang)})
    tables["theme_trend.csv"] = (["week", "week_start", "theme", "label", "n_docs", "n_docs_total",
                                  "share"], trend)
    tables["movers.csv"] = (["rank"] + THEME_COLUMNS,
                            [{"rank": i + 1, **label(r)} for i, r in enumerate(weekly.get("movers", []))])
    alerts = [{**label(a), "week": week_name(a["week"]), "status": _status(a)}
              for a in weekly.get("alerts", []) + weekly.get("earlier_open_alerts", [])]
    tables["drift_alerts.csv"] = (ALERT_COLUMNS, alerts)
    tables["source_drift.csv"] = (["source", "jsd", "psi", "flag"], weekly.get("source_drift", []))
    tables["emerging_phrases.csv"] = (
        ["phrase_id", "week", "lang", "phrase", "n", "lift", "status", "note", "reviewer", "reviewed_at"],
        [{**p, "week": week_name(p["week"]), "status": _status(p)} for p in weekly.get("phrases", [])])
    for name, rows in (("by_source", weekly.get("by_source", [])), ("by_language", weekly.get("by_lang", []))):
        key = "source" if name == "by_source" else "lang"
        tables[f"{name}.csv"] = (
            [key, "n_docs", "baseline_weekly", "volume_change", "last_week_with_posts"]
            + (["jsd", "psi", "drift_flag"] if key == "source" else []),
            [{key: r["key"], **r, **({"jsd": r["drift"]["jsd"], "psi": r["drift"]["psi"],
                                       "drift_flag": r["drift"]["flag"]} if r.get("drift") else {})}
             for r in rows])
        tables[f"{name}_theme.csv"] = (
            [key, "theme", "label", "n_docs", "n_docs_total", "share"],
            [{key: r["key"], "theme": theme, "label": theme_label(theme, lang), "n_docs": r["counts"][theme],
              "n_docs_total": r["n_docs"], "share": share}
             for r in rows for theme, share in sorted(r["shares"].items())])
    quotes = [{**label(q), "evidence_sentences": " | ".join(e["sentence"] for e in q["evidence"] or []),
               "cues": " | ".join(e["cue"] for e in q["evidence"] or [])}
              for group in weekly.get("quotes", []) for q in group["examples"]]
    tables["quotes.csv"] = (["theme", "label", "rank", "doc_id", "source", "lang", "url", "published_at",
                             "evidence_sentences", "cues", "text"], quotes)
    examples = []
    if has:
        for alert in drift["open_alerts"] + drift["decided_alerts"]:
            for period in ("before", "after"):
                for ex in alert["examples"][period]:
                    examples.append({**ex, "kind": "alert", "target_id": alert["alert_id"],
                                     "period": period, "week": week_name(ex["week"])})
        for phrase in drift["phrases"]:
            for period in ("before", "after"):
                for ex in phrase["examples"][period]:
                    examples.append({**ex, "kind": "phrase", "target_id": phrase["phrase_id"],
                                     "period": period, "week": week_name(ex["week"])})
    tables["drift_review_examples.csv"] = (["kind", "target_id", "period", "week", "doc_id", "source",
                                            "lang", "url", "published_at", "text"], examples)
    tables["taxonomy_changes.csv"] = (
        ["detected_at", "old_version", "new_version", "n_sample", "theme", "label", "n_old", "n_new", "delta"],
        [{**{k: c[k] for k in ("detected_at", "old_version", "new_version", "n_sample")}, **label(d)}
         for c in weekly.get("taxonomy_changes", []) for d in c["themes"]])
    return tables


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_value(row.get(column)) for column in columns])
