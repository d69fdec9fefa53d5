"""Shared HTML helpers: own text, edit markers, URL keys, quote matching."""

from __future__ import annotations

import pytest

from extractors.markup import (
    normalise_url,
    parse_html,
    read_edit_marker,
    resolve_quote_by_text,
    strip_trailing_chrome_links,
    text_of,
)


@pytest.mark.parametrize("marker, editor, when", [
    ("Edited January 29 by ErnestQ", "ErnestQ", "January 29"),
    ("Last edited by DevOpsUser on 12. Sep 2024, 11:14, edited 4 times in total.", "DevOpsUser", "12. Sep 2024, 11:14"),
    ("« Last Edit: September 24, 2007, 12:57:14 PM by gregswallow »", "gregswallow", "September 24, 2007, 12:57:14 PM"),
    ("Endret 12. mars 2026 av Kari Nordmann", "Kari Nordmann", "12. mars 2026"),
    ("Sist endret av Ola, i går 10:12", "Ola", "i går 10:12"),
    ("Redigerad av Nisse igår 21:15", "Nisse", "igår 21:15"),
    ("Senast redigerad av Anna den tis 10 mar 2026 09:30, redigerad totalt 1 gång.", "Anna", "tis 10 mar 2026 09:30"),
    ("Redigeret af Mette 3 dage siden", "Mette", "3 dage siden"),
])
def test_edit_markers(marker, editor, when):
    found = read_edit_marker(marker)
    assert (found.editor, found.date_text) == (editor, when)


def test_not_an_edit_marker():
    assert read_edit_marker("Endelig kom refusjonen") is None
    assert read_edit_marker("I edited the router settings") is None


def test_text_of_keeps_blocks_apart_and_skips_scripts_and_forms():
    html = "<div><p>Hei  på\xa0deg</p><script>x()</script><p>Linje<br>to</p><form>Logg inn</form></div>"
    assert text_of(parse_html(html).div) == "Hei på deg\nLinje\nto"


def test_trailing_chrome_links_go():
    assert strip_trailing_chrome_links("Takk for svaret.\nLenke til kommentar\nDel") == "Takk for svaret."


def test_normalise_url_drops_fragments_and_session_ids():
    assert normalise_url("./viewtopic.php?t=7&sid=abc&start=15#p3", "https://f.se/forum/index.php") == \
        "https://f.se/forum/viewtopic.php?t=7&start=15"


def test_quote_matching_needs_the_author_when_given():
    earlier = [("1", "Kari", "Fakturaen kom to ganger i mars."), ("2", "Ola", "Fakturaen kom to ganger.")]
    assert resolve_quote_by_text("Fakturaen kom to ganger", "Kari", earlier) == "1"
    assert resolve_quote_by_text("Fakturaen kom to ganger", None, earlier) == "2"  # the latest
    assert resolve_quote_by_text("noe helt annet", None, earlier) is None
