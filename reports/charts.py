"""The report's charts: matplotlib figures rendered to SVG text, for inlining in HTML.

No pyplot (no global state, safe in Airflow workers); text stays text in the SVG
(``svg.fonttype: none``) with a common sans-serif fallback list, and output is
deterministic for the same data (fixed hash salt, no date). Colours are the
Okabe-Ito palette, readable with colour-vision deficiencies.
"""

from __future__ import annotations

import base64
import io
import math
import textwrap
from collections.abc import Sequence
from datetime import date

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reports.formatting import format_share, format_week_short

BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREY = "#6b6b6b"
LIGHT = "#e9eef3"

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "themewatch",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9a9a9a",
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
}


def _render(fig: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "themewatch", "svg.fonttype": "none"}):
        FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for ``<img src>``: the chart travels inside the HTML file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _tick_share(value: float, lang: str) -> str:
    """A tick label: whole percentages without decimals, others with one (never a rounded 2.5 -> 2)."""
    percent = value * 100
    return format_share(value, lang, 0 if abs(percent - round(percent)) < 1e-9 else 1)


def _percent_axis(ax, lang: str, top: float) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick_share(v, lang)))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=3, min_n_ticks=2, steps=[1, 2, 5, 10]))
    ax.set_ylim(0, top)


def _top(values: Sequence[float | None], *extra: float | None) -> float:
    known = [v for v in list(values) + list(extra) if v is not None and not math.isnan(v)]
    return max(max(known, default=0.0) * 1.2, 0.01)


def _week_ticks(ax, mondays: list[date], lang: str, every: int = 1) -> None:
    positions = list(range(len(mondays)))
    ax.set_xticks(positions[::every])
    ax.set_xticklabels([format_week_short(m, lang) for m in mondays][::every])
    ax.set_xlim(-0.5, len(mondays) - 0.5)


def _line_with_gaps(ax, shares: Sequence[float | None], color: str, width: float) -> None:
    xs = list(range(len(shares)))
    ys = [float("nan") if s is None else s for s in shares]
    ax.plot(xs, ys, color=color, linewidth=width, marker="o", markersize=2.2)
    if shares and shares[-1] is not None:
        ax.plot([xs[-1]], [shares[-1]], "o", color=color, markersize=5, zorder=3)


def trend_small_multiples(panels: list[dict], mondays: list[date], lang: str,
                          marker_weeks: Sequence[int] = (), columns: int = 3) -> str:
    """One small chart per theme: weekly share over the trend weeks.

    Each panel dict has ``title``, ``shares`` (one per Monday, None for a week
    without posts) and ``baseline`` (dashed line over the baseline weeks).
    ``marker_weeks`` are indexes of weeks with a taxonomy change (dotted line).
    """
    with matplotlib.rc_context(RC):
        rows = max(1, math.ceil(len(panels) / columns))
        fig = Figure(figsize=(3.2 * columns, 1.5 * rows + 0.1), layout="constrained")
        axes = fig.subplots(rows, columns, squeeze=False)
        for index, ax in enumerate(axes.flat):
            if index >= len(panels):
                ax.set_visible(False)
                continue
            panel = panels[index]
            shares = panel["shares"]
            for week_index in marker_weeks:
                ax.axvline(week_index - 0.5, color=GREY, linestyle=":", linewidth=0.9)
            if panel.get("baseline") is not None:
                start = panel.get("baseline_from", 0)
                ax.hlines(panel["baseline"], start - 0.2, len(shares) - 1.8, colors=GREY,
                          linestyles="--", linewidth=0.8)
            _line_with_gaps(ax, shares, BLUE, 1.4)
            _percent_axis(ax, lang, _top(shares, panel.get("baseline")))
            _week_ticks(ax, mondays, lang, every=max(1, len(mondays) - 1))
            ax.set_title(textwrap.fill(panel["title"], 44), fontsize=8.5)
        return _render(fig)


def share_chart(shares: Sequence[float | None], mondays: list[date], lang: str,
                baseline: float | None = None, baseline_from: int | None = None,
                marker_weeks: Sequence[int] = (), color: str = BLUE) -> str:
    """Weekly share of one theme on one source (or of one phrase): the line behind an alert.

    The baseline weeks are shaded, the baseline share is dashed across them, the
    reported (last) week is the large dot.
    """
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(5.6, 1.9), layout="constrained")
        ax = fig.subplots()
        last = len(shares) - 1
        if baseline_from is not None and baseline_from < last:
            ax.axvspan(baseline_from - 0.5, last - 0.5, color=LIGHT, zorder=0)
            if baseline is not None:
                ax.hlines(baseline, baseline_from - 0.5, last - 0.5, colors=GREY,
                          linestyles="--", linewidth=1)
        for week_index in marker_weeks:
            ax.axvline(week_index - 0.5, color=GREY, linestyle=":", linewidth=1)
        _line_with_gaps(ax, shares, color, 1.6)
        _percent_axis(ax, lang, _top(shares, baseline))
        _week_ticks(ax, mondays, lang)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _render(fig)


def movers_chart(rows: list[dict], lang: str) -> str:
    """Biggest movers as dumbbells: baseline share (grey) to this week's share (coloured)."""
    with matplotlib.rc_context(RC):
        height = 0.42 * max(len(rows), 1) + 0.45
        fig = Figure(figsize=(6.2, height), layout="constrained")
        ax = fig.subplots()
        ys = list(range(len(rows)))[::-1]
        top = _top([r["share"] for r in rows], *[r["baseline_share"] for r in rows])
        for y, row in zip(ys, rows):
            color = VERMILION if row["share"] > row["baseline_share"] else BLUE
            ax.annotate("", xy=(row["share"], y), xytext=(row["baseline_share"], y),
                        arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.6,
                                    "shrinkA": 3, "shrinkB": 2})
            ax.plot([row["baseline_share"]], [y], "o", color=GREY, markersize=4)
            ax.plot([row["share"]], [y], "o", color=color, markersize=6)
        ax.set_yticks(ys)
        ax.set_yticklabels([r["label"] for r in rows])
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick_share(v, lang)))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        ax.set_xlim(0, top)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0, labelsize=8.5)
        return _render(fig)


def taxonomy_diff_chart(rows: list[dict]) -> str:
    """A taxonomy change per theme: posts tagged under the new version minus the old."""
    with matplotlib.rc_context(RC):
        height = 0.3 * max(len(rows), 1) + 0.5
        fig = Figure(figsize=(5.2, height), layout="constrained")
        ax = fig.subplots()
        ys = list(range(len(rows)))[::-1]
        deltas = [r["delta"] for r in rows]
        ax.barh(ys, deltas, color=[BLUE if d >= 0 else ORANGE for d in deltas], height=0.6)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_yticks(ys)
        ax.set_yticklabels([r["label"] for r in rows])
        span = max((abs(d) for d in deltas), default=1) * 1.25 or 1
        ax.set_xlim(-span, span)
        for y, d in zip(ys, deltas):
            text = "±0" if d == 0 else f"{d:+d}".replace("-", "\u2212")
            ax.text(d + (span * 0.03 if d >= 0 else -span * 0.03), y, text,
                    va="center", ha="left" if d >= 0 else "right", fontsize=7.5)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0, labelsize=8)
        return _render(fig)
