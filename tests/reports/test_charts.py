import base64
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from reports import charts

MONDAYS = [date(2026, 8, 31) + timedelta(weeks=i) for i in range(12)]
SVG = "{http://www.w3.org/2000/svg}svg"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG and root.get("width") and root.get("height")
    return root


def texts(root: ET.Element) -> list[str]:
    return [el.text for el in root.iter() if el.tag.endswith("text") and el.text]


def test_small_multiples_one_panel_per_theme_with_labels_as_text():
    panels = [{"title": f"Tema {i} · 1,0 %", "shares": [0.01 * (i + 1)] * 12, "baseline": 0.01,
               "baseline_from": 3} for i in range(12)]
    root = parse(charts.trend_small_multiples(panels, MONDAYS, "nb", marker_weeks=[7]))
    labels = texts(root)
    assert all(f"Tema {i} · 1,0 %" in labels for i in range(12))
    assert "U36" in labels and "U47" in labels


def test_gaps_and_empty_series_render():
    parse(charts.share_chart([None] * 12, MONDAYS, "en"))
    parse(charts.share_chart([0.1, None, 0.2] + [None] * 9, MONDAYS, "sv", baseline=0.15, baseline_from=3))


def test_share_axis_speaks_the_language():
    labels = texts(parse(charts.share_chart([0.1] * 11 + [0.25], MONDAYS, "nb", baseline=0.1,
                                            baseline_from=3)))
    assert "10\u00a0%" in labels
    assert "10%" in texts(parse(charts.share_chart([0.1] * 11 + [0.25], MONDAYS, "en")))
    assert "V47" in texts(parse(charts.share_chart([0.1] * 12, MONDAYS, "sv")))


def test_movers_and_taxonomy_charts():
    parse(charts.movers_chart([{"label": "Ventetid og kø", "share": 0.14, "baseline_share": 0.12},
                               {"label": "Ros", "share": 0.05, "baseline_share": 0.09}], "nb"))
    labels = texts(parse(charts.taxonomy_diff_chart([{"label": "Kasteball", "delta": 43},
                                                     {"label": "Ros", "delta": 0},
                                                     {"label": "Manglende kunnskap", "delta": -12}])))
    assert {"+43", "±0", "\u221212"} <= set(labels)


def test_same_data_same_bytes():
    one = charts.share_chart([0.1] * 12, MONDAYS, "en", baseline=0.1, baseline_from=3)
    two = charts.share_chart([0.1] * 12, MONDAYS, "en", baseline=0.1, baseline_from=3)
    assert one == two


@pytest.mark.parametrize("svg", ["<svg xmlns='http://www.w3.org/2000/svg'/>"])
def test_data_uri_round_trip(svg):
    uri = charts.svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg


def test_tick_labels_are_never_rounded_into_a_wrong_value():
    labels = texts(parse(charts.share_chart([0.01, 0.05, 0.045] * 4, MONDAYS, "nb")))
    ticks = [label for label in labels if label.endswith("%")]
    assert ticks and all(re.fullmatch(r"\d+(,\d)?\u00a0%", t) for t in ticks)
    assert charts._tick_share(0.025, "nb") == "2,5\u00a0%"
    assert charts._tick_share(0.02, "en") == "2%"
