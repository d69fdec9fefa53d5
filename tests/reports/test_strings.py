import string

import pytest

from reports.strings import STRINGS, strings


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_string():
    keys = set(STRINGS["nb"])
    for lang in ("sv", "en"):
        assert set(STRINGS[lang]) == keys


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_placeholders_agree_across_languages(lang):
    for key, text in STRINGS["nb"].items():
        assert fields(STRINGS[lang][key]) == fields(text), key


def test_attribute_access_fails_loudly_on_a_missing_word():
    t = strings("en")
    assert t.report == "Weekly report"
    with pytest.raises(AttributeError):
        t.no_such_word
