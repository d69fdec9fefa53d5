import re
from datetime import UTC, date, datetime
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import formatting as fmt
from themewatch.errors import InputError

NBSP = "\u00a0"


def test_counts_have_locale_thousands_separators():
    assert fmt.format_count(1234567, "nb") == f"1{NBSP}234{NBSP}567"
    assert fmt.format_count(1234567, "sv") == f"1{NBSP}234{NBSP}567"
    assert fmt.format_count(1234567, "en") == "1,234,567"
    assert fmt.format_count(999, "en") == "999"
    assert fmt.format_count(None, "nb") == "–"


def test_negative_numbers_use_a_real_minus_in_nordic_text():
    assert fmt.format_number(-1234.5, "nb", 1) == f"\u22121{NBSP}234,5"
    assert fmt.format_number(-1234.5, "en", 1) == "-1,234.5"
    assert fmt.format_number(-0.01, "nb", 1) == "0,0"  # no "-0,0"


def test_shares_are_percentages_per_locale():
    assert fmt.format_share(0.1234, "nb") == f"12,3{NBSP}%"
    assert fmt.format_share(0.1234, "sv") == f"12,3{NBSP}%"
    assert fmt.format_share(0.1234, "en") == "12.3%"
    assert fmt.format_share(0.0, "en") == "0.0%"
    assert fmt.format_share(0.0004, "nb") == f"<{NBSP}0,1{NBSP}%"
    assert fmt.format_share(None, "en") == "–"
    assert fmt.format_share(float("nan"), "en") == "–"


def test_changes_are_signed_percentage_points():
    assert fmt.format_points(0.021, "en") == f"+2.1{NBSP}pp"
    assert fmt.format_points(-0.0042, "sv") == f"\u22120,4{NBSP}p.e."
    assert fmt.format_points(0.0, "nb") == f"±0,0{NBSP}pp"
    assert fmt.format_relative(0.45, "nb") == f"+45{NBSP}%"
    assert fmt.format_relative(float("inf"), "nb") == "–"


def test_p_values():
    assert fmt.format_p(0.00004, "nb") == f"<{NBSP}0,001"
    assert fmt.format_p(0.0042, "en") == "0.0042"
    assert fmt.format_p(0.0123, "en") == "0.012"
    assert fmt.format_p_clause(0.0123, "nb") == "= 0,012"
    assert fmt.format_p_clause(1e-9, "en") == f"<{NBSP}0.001"


def test_dates_and_week_spans():
    assert fmt.format_date(date(2026, 11, 16), "nb") == "16. november 2026"
    assert fmt.format_date(date(2026, 11, 16), "sv") == "16 november 2026"
    assert fmt.format_date(date(2026, 11, 16), "en") == "16 November 2026"
    # 23:30 UTC on Sunday is Monday in Oslo
    assert fmt.format_date(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), "en") == "23 November 2026"
    assert fmt.format_week_span(date(2026, 11, 16), "nb") == "16.–22. november 2026"
    assert fmt.format_week_span(date(2026, 11, 30), "sv") == "30 november – 6 december 2026"
    assert fmt.format_week_span(date(2026, 12, 28), "en") == "28 December 2026 – 3 January 2027"
    assert fmt.format_week_short(date(2026, 11, 16), "nb") == "U47"


def test_theme_labels_come_from_the_taxonomy_for_every_theme_in_every_language():
    from transforms.taxonomy import configured_taxonomy

    themes = list(configured_taxonomy().theme_ids)
    assert len(themes) == 12
    for lang in fmt.LANGS:
        labels = [fmt.theme_label(theme, lang) for theme in themes]
        assert all(labels) and len(set(labels)) == len(labels)
    assert fmt.theme_label("queue_wait", "sv") == "Väntetid och kö"
    assert fmt.theme_label("brand_new_theme", "nb") == "brand_new_theme"


def test_unknown_language_is_refused():
    assert fmt.check_lang("sv") == "sv"
    with pytest.raises(InputError, match="nb, sv, en"):
        fmt.check_lang("da")


def test_phrases_get_the_languages_quotation_marks():
    assert fmt.quoted("nye appen", "nb") == "«nye appen»"
    assert fmt.quoted("bankid strular", "sv") == "”bankid strular”"
    assert fmt.quoted("app", "en") == "“app”"


def test_only_web_links_are_links():
    assert fmt.safe_url(" https://forum.example/t/1 ") == "https://forum.example/t/1"
    assert fmt.safe_url("javascript:alert(1)") is None
    assert fmt.safe_url("file:///etc/passwd") is None
    assert fmt.safe_url(None) is None


class TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def balanced(markup: str) -> bool:
    parser = TagBalance()
    parser.feed(markup)
    return parser.ok and not parser.stack


def test_quote_marks_the_evidence_sentence_and_the_cue():
    text = "Jeg ringte i går. Ventet i kø i en time! Helt håpløst."
    out = fmt.highlight_quote(text, [{"sentence_idx": 1, "sentence": "Ventet i kø i en time!", "cue": "kø"}])
    assert str(out) == ("Jeg ringte i går. <mark>Ventet i <strong>kø</strong> i en time!</mark> "
                        "Helt håpløst.")


def test_quote_escapes_stored_text():
    out = str(fmt.highlight_quote('<script>alert("x")</script> Never heard back.',
                                  [{"sentence": "Never heard back.", "cue": "Never heard back"}]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark><strong>Never heard back</strong>.</mark>" in out


def test_quote_with_cue_only_or_nothing_found():
    assert str(fmt.highlight_quote("They charged a FEE.", [{"sentence": "not here", "cue": "fee"}])) \
        == "They charged a <strong>FEE</strong>."
    assert str(fmt.highlight_quote("Plain text.", [])) == "Plain text."
    assert str(fmt.highlight_quote(None)) == ""


def test_phrase_is_matched_at_word_starts_only():
    out = str(fmt.highlight_quote("Happy with the app? The App crashed.", phrase="app"))
    assert out == "Happy with the <strong>app</strong>? The <strong>App</strong> crashed."


def test_long_posts_are_cut_around_the_evidence():
    sentence = "Ventet i kø i en time!"
    text = "Innledning " * 100 + sentence + " avslutning" * 100
    out = str(fmt.highlight_quote(text, [{"sentence": sentence, "cue": "kø"}]))
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>Ventet i <strong>kø</strong> i en time!</mark>" in out
    assert len(unescape(re.sub("<[^>]+>", "", out))) <= fmt.QUOTE_CONTEXT_CHARS + 2


words = st.text(alphabet=st.sampled_from(list("abc øå<>&\"'. ")), min_size=0, max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=words, sentence=words, cue=words, phrase=st.one_of(st.none(), words))
def test_quote_is_always_well_formed_and_verbatim(text, sentence, cue, phrase):
    out = str(fmt.highlight_quote(text, [{"sentence": sentence, "cue": cue}], phrase, max_chars=40))
    assert balanced(out)
    plain = unescape(re.sub("<[^>]+>", "", out)).strip("…")
    assert plain in text


def test_drift_methods_are_named_for_people_and_unknown_ones_pass_through():
    assert fmt.method_name("two_weeks", "nb") == "to uker samlet, mid-p Fisher"
    assert fmt.method_name("weekly", "en") == "this week, mid-p Fisher"
    assert fmt.method_name("fisher_bh", "sv") == "fisher_bh"
    assert fmt.method_name(None, "sv") == "–"
