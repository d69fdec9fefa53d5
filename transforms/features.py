"""Features of a post for the supervised theme model (``transforms.theme_model``).

A post becomes a small set of strings, cheap enough to compute on every post
(the tagger's tokenizer, one dict lookup per token, one string per neighbour pair):

- ``stem``: the Snowball stem of every lowercased token (memoised per language;
  punctuation and numbers are their own "stems"); one shared space for all
  languages, so nb, nn and da, which share many stems, pool their evidence;
- ``(a, b)``: the stems of two neighbouring tokens ("vent kø", "svar ."), named
  ``a_b`` in the weights file;
- ``!stem``: a word among the ``NEGATION_REACH`` words right after a negator in
  the same clause ("ikke frekk" also gives ``!frekk``): the model learns that
  "not answered" differs from "answered". Negators and clause breaks are the
  taxonomy's own, per language (``NegationWords``);
- ``rule:<theme>``: the rule tagger tagged that theme, so the model learns how far
  to trust the rules and only has to add what they miss.

"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from transforms.text import PUNCTUATION, stemmer, tokenize

#: How many words after a negator count as negated.
NEGATION_REACH = 3
RULE_PREFIX = "rule:"
NEGATED_PREFIX = "!"

#: A stem, a negated stem or a rule tag (str), or a bigram (pair of stems).
Feature = str | tuple[str, str]


@dataclass(frozen=True)
class NegationWords:
    """A language's negators and the tokens where their reach ends (clause breaks, punctuation).

    Built from the taxonomy's ``negation`` section (``Tagger.negation_words``), so the model
    and the rules agree on what negates and where a clause ends.
    """

    negators: frozenset[str]
    stops: frozenset[str]

    @classmethod
    def from_lists(cls, negators: Iterable[str], clause_breaks: Iterable[str]) -> NegationWords:
        return cls(frozenset(w.lower() for w in negators),
                   frozenset(w.lower() for w in clause_breaks) | PUNCTUATION)


#: No negation features (a language the taxonomy gives no negators).
NO_NEGATION = NegationWords(frozenset(), PUNCTUATION)


def post_features(lowered: str, lang: str, rule_themes: Iterable[str] = (),
                  negation: NegationWords = NO_NEGATION) -> set[Feature]:
    """The features of already lowercased text in ``lang``: stems, stem bigrams, negated stems, rule tags.

    A bigram is a pair of stems (a tuple, so that no string is built per token pair).
    """
    tokens = tokenize(lowered)
    stems = stemmer(lang).stem_all(tokens)
    features: set[Feature] = set(stems)
    features.update(pairwise(stems))
    negators = negation.negators.intersection(tokens)
    if negators:
        features.update(negated_stems(tokens, stems, negators, negation))
    for theme in rule_themes:
        features.add(RULE_PREFIX + theme)
    return features


def negated_stems(tokens: list[str], stems: list[str], negators: Iterable[str],
                  negation: NegationWords) -> list[str]:
    """``!stem`` of the tokens within ``NEGATION_REACH`` after each of ``negators``, in its clause."""
    stops, all_negators = negation.stops, negation.negators
    out = []
    n = len(tokens)
    for negator in negators:
        i = -1
        while True:
            try:
                i = tokens.index(negator, i + 1)
            except ValueError:
                break
            for j in range(i + 1, min(n, i + 1 + NEGATION_REACH)):
                token = tokens[j]
                if token in stops or token[0] in PUNCTUATION:
                    break
                if token not in all_negators:
                    out.append(NEGATED_PREFIX + stems[j])
    return out


def feature_name(feature: Feature) -> str:
    """A feature as the weights file names it: a bigram is its two stems joined by ``_``."""
    return feature if isinstance(feature, str) else "_".join(feature)


def parse_feature_name(name: str) -> Feature:
    """The inverse of ``feature_name`` (tokens never contain ``_``)."""
    if "_" in name and not name.startswith(RULE_PREFIX):
        first, _, second = name.partition("_")
        return (first, second)
    return name
