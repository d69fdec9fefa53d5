import re

import lxml.html
import pytest

from reports import formatting as fmt
from reports.db import open_warehouse
from reports.drift_model import drift_model
from reports.html import render_pages, summary_lines, week_range
from reports.model import weekly_model
from reports.strings import strings
from tests.reports.fixture_warehouse import QUIET_SOURCE, REPORT_WEEK

FILES = {"report": "report.html", "review": "drift-review.html", "csv": ["themes.csv"]}


def models(path, week=REPORT_WEEK):
    con = open_warehouse(path=path)
    try:
        weekly = weekly_model(con, week)
        return weekly, drift_model(con, weekly)
    finally:
        con.close()


@pytest.fixture(scope="module")
def w47(report_warehouse_file):
    return models(report_warehouse_file)


@pytest.fixture(scope="module")
def pages_nb(w47):
    return render_pages(*w47, "nb", FILES)


def assert_self_contained(html: str) -> None:
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //link | //iframe | //object | //embed")
    for img in doc.xpath("//img"):
        assert img.get("src").startswith("data:image/svg+xml;base64,")
        assert img.get("alt")
    for style in doc.xpath("//style"):
        assert "url(" not in style.text and "@import" not in style.text
    for element in doc.xpath("//*[@src]"):
        assert element.get("src").startswith("data:")


def test_pages_are_self_contained(pages_nb):
    assert_self_contained(pages_nb["report"])
    assert_self_contained(pages_nb["review"])


def test_theme_table_shows_the_models_numbers_formatted_for_people(w47, pages_nb):
    weekly, _ = w47
    doc = lxml.html.fromstring(pages_nb["report"])
    rows = doc.xpath('//section[@id="themes"]//table/tbody/tr')
    assert len(rows) == 12
    for tr, theme in zip(rows, weekly["themes"]):
        cells = [c.text_content().strip() for c in tr.xpath("./td")]
        assert cells[0].startswith(fmt.theme_label(theme["theme"], "nb"))
        assert cells[1] == fmt.format_count(theme["n_docs"], "nb")
        assert cells[2] == fmt.format_share(theme["share"], "nb")
        assert cells[3] == fmt.format_share(theme["baseline_share"], "nb")
        assert cells[4] == fmt.format_points(theme["change"], "nb")


def test_labels_and_words_follow_the_chosen_language(w47):
    sv = render_pages(*w47, "sv", FILES)["report"]
    en = render_pages(*w47, "en", FILES)["report"]
    assert "Väntetid och kö" in sv and "Veckorapport" in sv and 'lang="sv"' in sv
    assert "Waiting and queues" in en and "Weekly report" in en and "Ventetid og kø" not in en


def test_every_alert_and_phrase_is_one_click_from_its_posts(pages_nb, w47):
    weekly, _ = w47
    report = lxml.html.fromstring(pages_nb["report"])
    review = lxml.html.fromstring(pages_nb["review"])
    ids = set(review.xpath("//@id"))
    links = [a.get("href") for a in report.xpath("//a[starts-with(@href, 'drift-review.html#')]")]
    targets = {href.split("#", 1)[1] for href in links}
    assert {f"alert-{a['alert_id']}" for a in weekly["alerts"]} <= targets
    assert {f"phrase-{p['phrase_id']}" for p in weekly["phrases"]} <= targets
    assert targets <= ids
    for card in review.xpath('//article[starts-with(@id, "alert-")]'):
        assert card.xpath(".//blockquote"), card.get("id")
        assert "themewatch review --alert" in card.text_content()


def test_quotes_link_to_their_posts_and_mark_evidence(pages_nb, w47):
    weekly, _ = w47
    doc = lxml.html.fromstring(pages_nb["report"])
    quotes = doc.xpath('//section[@id="quotes"]//blockquote')
    expected = [ex for group in weekly["quotes"] for ex in group["examples"]]
    assert len(quotes) == len(expected)
    for block, ex in zip(quotes, expected):
        links = [a.get("href") for a in block.xpath(".//a")]
        assert links == ([ex["url"]] if ex["url"] else [])
        assert block.xpath(".//mark")


def test_summary_says_what_changed(w47):
    weekly, _ = w47
    lines = summary_lines(weekly, strings("en"), "en")
    text = " ".join(lines)
    assert lines[0].startswith(f"{weekly['n_docs']} posts")
    assert "Most talked about: Waiting and queues" in text
    assert f"{QUIET_SOURCE}:" in text and "check the collection" in text
    assert "The taxonomy changed on 21 October 2026 (1 → 2)" in text
    assert "Drift alerts this week: 3, of which 2 not reviewed yet." in text


def test_review_page_keeps_open_and_decided_apart(pages_nb):
    doc = lxml.html.fromstring(pages_nb["review"])
    open_cards = doc.xpath('//section[@id="open"]//article')
    decided = doc.xpath('//section[@id="decided"]//details')
    assert len(open_cards) == 2 and len(decided) == 1
    assert "Reell" in decided[0].text_content() and "kari.q" in decided[0].text_content()
    assert doc.xpath('//section[@id="earlier-open"]//tbody/tr')
    taxonomy = doc.xpath('//section[@id="taxonomy"]')[0]
    assert taxonomy.xpath(".//img") and "Kasteball" in taxonomy.text_content()


def test_stored_text_and_urls_cannot_inject_markup(warehouse, sql):
    sql("""UPDATE theme_examples SET text = '<script>alert(1)</script> <img src=x onerror=alert(2)> ' || text,
                  url = 'javascript:alert(3)'
           WHERE rank = 1""")
    weekly, drift = models(warehouse)
    html = render_pages(weekly, drift, "en", FILES)["report"]
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script") and not doc.xpath("//img[@onerror]")
    assert not any(href.startswith("javascript:") for href in doc.xpath("//a/@href"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_data_week_renders_an_honest_page(report_warehouse_file):
    pages = render_pages(*models(report_warehouse_file, "2026-W50"), "nb", FILES)
    for html in (pages["report"], pages["review"]):
        text = lxml.html.fromstring(html).text_content()
        assert "Ingen data for denne uken" in text
        assert "Siste uke med data er uke 47 (16.–22. november 2026)" in text
    assert "Uke 50" in pages["email"]


def test_week_ranges():
    from datetime import date

    assert week_range(date(2026, 9, 21), date(2026, 11, 9)) == "39–46"
    assert week_range(date(2026, 12, 21), date(2027, 1, 4)) == "52–1"
    assert re.fullmatch(r"\d+", week_range(date(2026, 9, 21), date(2026, 9, 21)))
