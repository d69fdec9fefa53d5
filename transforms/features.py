"""Features of a post for the supervised theme model (``transforms.theme_model``).

A post becomes a small set of strings, all cheap to compute from what the tagger
already has:

- ``stem``: the cached Snowball stem of every lowercased word (``transforms.text``);
  one shared space for all languages, so nb, nn and da, which share many stems,
  pool their evidence;
- ``!stem``: a stem within ``NEGATION_REACH`` words after a negator in the same
  clause ("ikke frekk" gives ``!frekk``, not ``frekk``);
- ``a_b``: two neighbouring stems in the same clause (negated ones keep their ``!``);
- ``rule:<theme>``: the rule tagger tagged that theme, so the model learns how far
  to trust the rules and only has to add what they miss.

Numbers and punctuation are not features; punctuation only ends clauses.
"""

from __future__ import annotations

from collections.abc import Iterable

from transforms.text import stemmer, tokenize

#: Words that negate what follows in their clause, in every language the tagger knows.
NEGATORS: frozenset[str] = frozenset({
    "ikke", "ikkje", "ikk", "aldri", "ingen", "inga", "ingenting", "inte", "ej", "icke",
    "aldrig", "intet", "not", "never", "no", "nobody", "nothing", "nor", "didn't", "don't",
    "doesn't", "wasn't", "weren't", "isn't", "aren't", "won't", "wouldn't", "couldn't",
    "can't", "cannot", "hasn't", "haven't", "hadn't", "didnt", "dont", "wasnt", "cant",
    "nei", "nej", "nope", "utan", "uten", "without",
})
#: How many words after a negator are marked negated.
NEGATION_REACH = 3
#: Tokens that end a clause: negation and bigrams do not reach across them.
CLAUSE_ENDS: frozenset[str] = frozenset(".!?…,;:()") | frozenset({"men", "but", "mens", "however", "dock"})
RULE_PREFIX = "rule:"


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def stem_sequence(lowered: str, lang: str) -> list[str | None]:
    """Stems of the words of already lowercased text, ``None`` where a clause ends.

    Negated stems carry a leading ``!``.
    """
    stem = stemmer(lang)
    out: list[str | None] = []
    reach = 0
    for token in tokenize(lowered):
        if token in CLAUSE_ENDS or not _is_word(token):
            if not token[0].isdigit():
                out.append(None)
                reach = 0
            continue
        if token in NEGATORS:
            reach = NEGATION_REACH
            out.append(None)
            continue
        if reach:
            reach -= 1
            out.append("!" + stem(token))
        else:
            out.append(stem(token))
    return out


def post_features(lowered: str, lang: str, rule_themes: Iterable[str] = ()) -> set[str]:
    """The feature set of a post: stems, negated stems, stem bigrams, rule tags."""
    seq = stem_sequence(lowered, lang)
    features: set[str] = {s for s in seq if s is not None}
    prev: str | None = None
    for s in seq:
        if s is not None and prev is not None:
            features.add(prev + "_" + s)
        prev = s
    for theme in rule_themes:
        features.add(RULE_PREFIX + theme)
    return features
