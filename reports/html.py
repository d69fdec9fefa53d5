"""Render the report's pages from the models: jinja2 templates, number filters, charts.

Everything shown is formatted here for people in one language (nb, sv, en);
the templates only arrange it. Stored text reaches the page escaped (autoescape
plus ``formatting.highlight_quote``), and links only for http(s) URLs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reports import charts
from reports import formatting as fmt
from reports.strings import Strings, strings
from reports.weeks import shift_week
from themewatch import __version__

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment(lang: str) -> Environment:
    """A jinja2 environment whose filters format for ``lang``."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update({
        "count": lambda v: fmt.format_count(v, lang),
        "share": lambda v: fmt.format_share(v, lang),
        "points": lambda v: fmt.format_points(v, lang),
        "relative": lambda v: fmt.format_relative(v, lang),
        "pvalue": lambda v: fmt.format_p(v, lang),
        "pclause": lambda v: fmt.format_p_clause(v, lang),
        "stat": lambda v: fmt.format_statistic(v, lang),
        "decimal": lambda v, d=1: fmt.format_number(v, lang, d),
        "signed": lambda v: fmt.format_number(v, lang, 0, sign=True),
        "date": lambda v: fmt.format_date(v, lang),
        "datetime": lambda v: fmt.format_datetime(v, lang),
        "label": lambda v: fmt.theme_label(v, lang),
        "langname": lambda v: fmt.language_name(v, lang),
        "method": lambda v: fmt.method_name(v, lang),
        "weeknumber": lambda v: str(v.isocalendar()[1]),
        "weekspan": lambda v: fmt.format_week_span(v, lang),
        "quote": lambda text, evidence=None, phrase=None: fmt.highlight_quote(text, evidence, phrase),
        "safe_url": fmt.safe_url,
        "quoted": lambda v: fmt.quoted(v, lang),
    })
    return env


def week_range(first: date, last: date) -> str:
    """``39–46`` (or ``52–7`` across a new year): the week numbers from one Monday to another."""
    a, b = first.isocalendar()[1], last.isocalendar()[1]
    return str(a) if first == last else f"{a}–{b}"


def _index(mondays: list[date], monday: date) -> int:
    return (monday - mondays[0]).days // 7


def _marker_weeks(model: dict, mondays: list[date]) -> list[int]:
    """Indexes of the trend weeks in which a taxonomy change was detected."""
    out = set()
    for change in model.get("taxonomy_changes", []):
        day = change["detected_at"].astimezone(UTC).date()
        monday = day - timedelta(days=day.weekday())
        index = _index(mondays, monday)
        if 0 <= index < len(mondays):
            out.add(index)
    return sorted(out)


def summary_lines(r: dict, t: Strings, lang: str) -> list[str]:
    """The "in short" bullets: volume, top theme, biggest rise and fall, alerts, phrases, quiet sources."""
    lines = [t.s_volume.format(posts=fmt.format_count(r["n_docs"], lang),
                               change=fmt.format_relative(r["n_docs"] / r["baseline_weekly"] - 1, lang)
                               if r["baseline_weekly"] else "–",
                               baseline=fmt.format_count(round(r["baseline_weekly"]), lang))]
    top = next((row for row in r["themes"] if row["n_docs"] > 0), None)
    if top:
        lines.append(t.s_top.format(theme=fmt.theme_label(top["theme"], lang),
                                    share=fmt.format_share(top["share"], lang)))
    rises = [m for m in r["movers"] if m["change"] > 0]
    falls = [m for m in r["movers"] if m["change"] < 0]
    for rows, key in ((rises, "s_riser"), (falls, "s_faller")):
        if rows:
            row = rows[0]
            lines.append(t[key].format(theme=fmt.theme_label(row["theme"], lang),
                                       before=fmt.format_share(row["baseline_share"], lang),
                                       after=fmt.format_share(row["share"], lang),
                                       points=fmt.format_points(row["change"], lang)))
    if r["alerts"]:
        lines.append(t.s_alerts.format(n=len(r["alerts"]),
                                       open=sum(1 for a in r["alerts"] if not a["review"])))
    else:
        lines.append(t.s_no_alerts)
    if r["earlier_open_alerts"]:
        lines.append(t.s_earlier_open.format(n=len(r["earlier_open_alerts"])))
    if r["phrases"]:
        first = r["phrases"][0]
        lines.append(t.s_phrases.format(n=len(r["phrases"]), phrase=first["phrase"],
                                        lang=fmt.language_name(first["lang"], lang),
                                        posts=fmt.format_count(first["n"], lang)))
    for source in r["by_source"]:
        if source["baseline_weekly"] >= 20 and source["n_docs"] < 0.5 * source["baseline_weekly"]:
            lines.append(t.s_quiet.format(source=source["key"],
                                          posts=fmt.format_count(source["n_docs"], lang),
                                          baseline=fmt.format_count(round(source["baseline_weekly"]), lang)))
    for change in r["taxonomy_changes"][:1]:
        lines.append(t.s_taxonomy.format(date=fmt.format_date(change["detected_at"], lang),
                                         old=change["old_version"], new=change["new_version"]))
    return lines


def build_charts(weekly: dict, drift: dict, lang: str) -> dict[str, Any]:
    """Every chart of both pages as a data: URI, keyed as the templates use them."""
    window = weekly["window"]
    mondays = [shift_week(window["trend_start"], i) for i in range(window["trend_weeks"])]
    markers = _marker_weeks(weekly, mondays)
    baseline_from = max(0, _index(mondays, window["baseline_start"]))
    panels = [{"title": f"{fmt.theme_label(row['theme'], lang)} · {fmt.format_share(row['share'], lang)}",
               "shares": [p["share"] for p in weekly["series"][row["theme"]]],
               "baseline": row["baseline_share"], "baseline_from": baseline_from}
              for row in weekly["themes"]]
    out: dict[str, Any] = {
        "trends": charts.svg_data_uri(charts.trend_small_multiples(panels, mondays, lang, markers)),
        "movers": charts.svg_data_uri(charts.movers_chart(
            [{**row, "label": fmt.theme_label(row["theme"], lang)} for row in weekly["movers"]], lang))
        if weekly["movers"] else None,
        "alerts": {}, "phrases": {}, "taxonomy": [],
    }
    for alert in drift["open_alerts"] + drift["decided_alerts"]:
        out["alerts"][alert["alert_id"]] = charts.svg_data_uri(charts.share_chart(
            [p["share"] for p in alert["series"]], mondays, lang, baseline=alert["baseline_share"],
            baseline_from=max(0, _index(mondays, alert["baseline_start"])), marker_weeks=markers,
            color=charts.VERMILION if alert["direction"] == "up" else charts.BLUE))
    for phrase in drift["phrases"]:
        out["phrases"][phrase["phrase_id"]] = charts.svg_data_uri(charts.share_chart(
            [p["share"] for p in phrase["series"]], mondays, lang, baseline_from=baseline_from,
            color=charts.ORANGE))
    for change in drift["taxonomy_changes"]:
        rows = sorted(({**d, "label": fmt.theme_label(d["theme"], lang)} for d in change["themes"]),
                      key=lambda d: -d["delta"])
        out["taxonomy"].append(charts.svg_data_uri(charts.taxonomy_diff_chart(rows)))
    return out


def render_pages(weekly: dict, drift: dict, lang: str, files: dict[str, Any],
                 earlier_links: dict[date, str] | None = None) -> dict[str, str]:
    """HTML of ``report.html``, ``drift-review.html`` and the e-mail body."""
    env = environment(lang)
    t = strings(lang)
    rendered_line = t.rendered.format(when=fmt.format_datetime(datetime.now(UTC), lang),
                                      version=__version__)
    context: dict[str, Any] = {"t": t, "r": weekly, "files": files, "version": __version__,
                               "rendered_line": rendered_line}
    if weekly["has_data"]:
        window = weekly["window"]
        mondays = [shift_week(window["trend_start"], i) for i in range(window["trend_weeks"])]
        chart_uris = build_charts(weekly, drift, lang)
        shares = [row["share"] or 0 for row in weekly["themes"]]
        quoted = [group["theme"] for group in weekly["quotes"]]
        context.update({
            "charts": chart_uris,
            "summary": summary_lines(weekly, t, lang),
            "baseline_span": week_range(window["baseline_start"], window["baseline_end"]),
            "trend_span": week_range(mondays[0], mondays[-1]),
            "marker_weeks": _marker_weeks(weekly, mondays),
            "max_share": max(shares + [0.0001]),
            "quoted": quoted,
            "alert_themes": {a["theme"] for a in weekly["alerts"]},
            "theme_rows": {row["theme"]: row for row in weekly["themes"]},
            "breakdowns": [
                {"id": "sources", "title": t.sources, "key_title": t.source, "rows": weekly["by_source"],
                 "name": lambda key: key, "max_share": _max_share(weekly["by_source"])},
                {"id": "languages", "title": t.languages, "key_title": t.language, "rows": weekly["by_lang"],
                 "name": lambda key: fmt.language_name(key, lang), "max_share": _max_share(weekly["by_lang"])},
            ],
        })
    report = env.get_template("report.html.j2").render(context)
    review_context = {**context, "r": drift, "earlier_links": earlier_links or {}}
    if drift["has_data"]:
        review_context["before_span"] = week_range(drift["window"]["baseline_start"],
                                                   drift["window"]["baseline_end"])
    review = env.get_template("drift_review.html.j2").render(review_context)
    email = env.get_template("email.html.j2").render(context)
    return {"report": report, "review": review, "email": email}


def _max_share(rows: list[dict]) -> float:
    return max([v or 0 for row in rows for v in row["shares"].values()] + [0.0001])
