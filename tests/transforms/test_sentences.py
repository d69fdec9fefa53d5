"""Sentence splitting: trained/reviewed Punkt parameters, the fast path equals plain Punkt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktSentenceTokenizer

from transforms.sentences import (
    _all_parameters,
    main,
    parameters_from_dict,
    parameters_to_dict,
    punkt_tokenizer,
    sentence_spans,
    split_sentences,
    train_parameters,
)

LANGS = ("nb", "nn", "da", "sv", "en")


def test_abbreviations_do_not_end_sentences() -> None:
    assert split_sentences("Vi ringte kl. 14 i går, f.eks. om regningen. Ingen svarte!", "nb") == [
        "Vi ringte kl. 14 i går, f.eks. om regningen.", "Ingen svarte!"
    ]
    assert split_sentences("Jag ringde t.ex. kl. 9 i morse. Ingen svarade.", "sv") == [
        "Jag ringde t.ex. kl. 9 i morse.", "Ingen svarade."
    ]
    assert split_sentences("I called at approx. 9 a.m. today. Nobody answered.", "en") == [
        "I called at approx. 9 a.m. today.", "Nobody answered."
    ]


def test_line_breaks_always_end_a_sentence() -> None:
    text = "Kunde: hei\n\n  Agent: hva kan jeg hjelpe med  \nKunde: alt. Takk"
    assert split_sentences(text, "nb") == ["Kunde: hei", "Agent: hva kan jeg hjelpe med",
                                           "Kunde: alt.", "Takk"]
    for start, end in sentence_spans(text, "nb"):
        assert text[start:end] == text[start:end].strip()


WORDS = st.sampled_from(
    ["Vi", "ringte", "kl.", "ca.", "f.eks.", "Per", "dr.", "3.", "mai", "ikke", "svar", "OK",
     "t.ex.", "osv.", "A.", "12.30", "nr.", "Nei", "igjen", "e-post", "(se", "under)", "Hm?!",
     "...", "«sa", "han».", "tlf.", "Hva", "no", "(Ja.)", "\"Nei!\"", "’", "--", "Dr.", "Mr.",
     "a.m.", "U.S.", "ok.)", "!!", "?!", "\n", "\t", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30), st.sampled_from(LANGS))
def test_fast_punkt_gives_the_same_spans_as_plain_punkt(words: list[str], lang: str) -> None:
    line = " ".join(words)
    plain = list(PunktSentenceTokenizer(parameters_from_dict(_all_parameters()[lang])).span_tokenize(line))
    fast = punkt_tokenizer(lang)
    assert list(fast.span_tokenize(line)) == plain
    assert fast.fast_span_tokenize(line) == plain


def test_training_keeps_only_reviewed_or_dotted_abbreviations() -> None:
    texts = ["Jeg kom hjem kl. 5 i går. Det var sent. Vi spiste mat. " * 30,
             "Han sa f.eks. at det var greit. Så gikk han. " * 30]
    params = train_parameters(texts, ["kl"])
    assert "kl" in params.abbrev_types
    assert all("." in a or a == "kl" for a in params.abbrev_types)
    again = parameters_from_dict(json.loads(json.dumps(parameters_to_dict(params))))
    assert again.abbrev_types == params.abbrev_types
    assert dict(again.ortho_context) == {k: v for k, v in params.ortho_context.items() if v}


def test_rebuild_command_writes_parameters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transforms import sentences

    out = tmp_path / "punkt.json"
    monkeypatch.setattr(sentences, "PARAMS_FILE", out)
    units = tmp_path / "units.jsonl"
    units.write_text(json.dumps({"lang": "nb", "text": "Hei. Kl. 5 kom han."}) + "\n", encoding="utf-8")
    assert main([str(units)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == set(LANGS) and "kl" in data["nb"]["abbrev_types"]
