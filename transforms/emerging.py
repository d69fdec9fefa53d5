"""Emerging phrases: recurring wordings of a week's complaints that no theme's cues cover yet.

For each language, and each week after the first in ``rows``:

1. every complaint post is cut into clauses (at punctuation), its words stemmed
   with the language's cached Snowball stemmer and its stopwords dropped, so
   "ventet i kø", "venter i køen" and "ventet lenge i kø" meet as one bigram;
2. NLTK's ``BigramCollocationFinder`` / ``TrigramCollocationFinder`` count the
   week's n-grams; those in fewer than ``MIN_POSTS`` posts, and those that are
   no collocation by the likelihood-ratio test, are dropped;
3. each survivor's lift is its share of the week's posts over its (smoothed)
   share of the previous weeks' posts;
4. n-grams that the taxonomy already covers (a strong cue matches their wording,
   or around it in most places it occurs) are left out, as are bigrams inside a reported trigram of about the same count.

A phrase is shown in its most frequent original wording (lowercased, stopwords
kept): it reads naturally and is a literal substring of the posts it came from,
so a report can link them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from nltk.collocations import (
    BigramAssocMeasures,
    BigramCollocationFinder,
    TrigramAssocMeasures,
    TrigramCollocationFinder,
)

from transforms.pipeline import prepare_text
from transforms.tagger import Tagger, get_tagger
from transforms.taxonomy import Taxonomy
from transforms.text import STEMMER_NAMES, TOKEN_PATTERN, stemmer, stopwords

#: A phrase must occur in at least this many posts of its week.
MIN_POSTS = 3
#: ... and be at least this many times more frequent (per post) than in the previous weeks.
MIN_LIFT = 2.0
#: Likelihood ratio a week's n-gram needs to count as a collocation (chi-square, 1 df, p < 0.05).
MIN_LIKELIHOOD_RATIO = 3.84
#: Phrases kept per week and language, highest lift first.
MAX_PER_WEEK = 25
#: A bigram inside a kept trigram is dropped unless it is this much more frequent.
SUBSUMED_RATIO = 1.5
#: Content words either side of a phrase that the coverage check looks at, and how many
#: distinct such contexts are kept per phrase and week.
CONTEXT_WORDS = 2
MAX_CONTEXTS = 20
#: Add-one style smoothing of the previous weeks' share (a phrase never seen before).
BASELINE_PSEUDO_POSTS = 0.5

_TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{2,}(?:['’\-][^\W\d_]+)*$")


@dataclass
class _Week:
    n_posts: int = 0
    clauses: list[list[str]] = field(default_factory=list)
    posts_with: Counter = field(default_factory=Counter)  # stemmed n-gram -> posts containing it
    wordings: dict[tuple[str, ...], Counter] = field(default_factory=lambda: defaultdict(Counter))
    contexts: dict[tuple[str, ...], Counter] = field(default_factory=lambda: defaultdict(Counter))


def _clauses(text: str, lang: str) -> list[list[tuple[str, int, int]]]:
    """Content words of each clause as (stem, start, end) in the lowercased text."""
    stem = stemmer(lang)
    stop = stopwords(lang)
    clauses: list[list[tuple[str, int, int]]] = [[]]
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not token[0].isalnum():
            if clauses[-1]:
                clauses.append([])
            continue
        if token in stop or not _WORD.match(token):
            continue
        clauses[-1].append((stem(token), match.start(), match.end()))
    return [c for c in clauses if c]


def _add_post(week: _Week, text: str, lang: str) -> None:
    lowered = prepare_text(text).lower()
    week.n_posts += 1
    seen: set[tuple[str, ...]] = set()
    for clause in _clauses(lowered, lang):
        week.clauses.append([s for s, _, _ in clause])
        for size in (2, 3):
            for i in range(len(clause) - size + 1):
                window = clause[i: i + size]
                gram = tuple(s for s, _, _ in window)
                if len(set(gram)) < size:
                    continue
                seen.add(gram)
                week.wordings[gram][lowered[window[0][1]: window[-1][2]]] += 1
                contexts = week.contexts[gram]
                if len(contexts) < MAX_CONTEXTS:
                    left = clause[max(0, i - CONTEXT_WORDS)][1]
                    right = clause[min(len(clause) - 1, i + size - 1 + CONTEXT_WORDS)][2]
                    contexts[lowered[left:right]] += 1
    week.posts_with.update(seen)


def _collocations(week: _Week) -> set[tuple[str, ...]]:
    """The week's n-grams in enough posts that NLTK's likelihood-ratio test calls collocations."""
    found: set[tuple[str, ...]] = set()
    for finder_class, measure in (
        (BigramCollocationFinder, BigramAssocMeasures.likelihood_ratio),
        (TrigramCollocationFinder, TrigramAssocMeasures.likelihood_ratio),
    ):
        finder = finder_class.from_documents(week.clauses)
        finder.apply_freq_filter(MIN_POSTS)
        for gram, value in finder.score_ngrams(measure):
            if value >= MIN_LIKELIHOOD_RATIO and week.posts_with[gram] >= MIN_POSTS:
                found.add(gram)
    return found


def _covered(tagger: Tagger, lang: str, gram: tuple[str, ...], week: _Week) -> bool:
    """Whether the taxonomy already covers the phrase.

    It does when a strong cue matches its most common wording, or matches around it
    (``CONTEXT_WORDS`` content words either side) in most of the places it occurs:
    "to timer" is covered where it is "ventet i kø i to timer".
    """
    if tagger.strong_cue_matches(week.wordings[gram].most_common(1)[0][0], lang):
        return True
    contexts = week.contexts[gram]
    total = sum(contexts.values())
    covered = sum(n for text, n in contexts.items() if tagger.strong_cue_matches(text, lang))
    return covered * 2 > total


def _weekly_phrases(week_key: date, lang: str, week: _Week, before: _Week, tagger: Tagger) -> list[dict]:
    candidates = []
    for gram in _collocations(week):
        n = week.posts_with[gram]
        share = n / week.n_posts
        baseline = (before.posts_with.get(gram, 0) + BASELINE_PSEUDO_POSTS) / (before.n_posts + 1)
        lift = share / baseline
        if lift < MIN_LIFT or _covered(tagger, lang, gram, week):
            continue
        candidates.append((gram, n, lift))
    kept_trigrams = {gram: n for gram, n, _ in candidates if len(gram) == 3}
    phrases = []
    for gram, n, lift in candidates:
        if len(gram) == 2 and any(
            gram in (tri[:2], tri[1:]) and n < SUBSUMED_RATIO * tri_n for tri, tri_n in kept_trigrams.items()
        ):
            continue
        wording = week.wordings[gram].most_common(1)[0][0]
        phrases.append({"week": week_key, "lang": lang, "phrase": wording, "n": n, "lift": round(lift, 3)})
    phrases.sort(key=lambda p: (-p["lift"], -p["n"], p["phrase"]))
    return phrases[:MAX_PER_WEEK]


def _merge(into: _Week, week: _Week) -> None:
    into.n_posts += week.n_posts
    into.posts_with.update(week.posts_with)


def find_emerging_phrases(
    rows: Iterable[tuple[date, str, str]], taxonomy: Taxonomy | None = None
) -> list[dict]:
    """Emerging phrases per week and language: dicts {week, lang, phrase, n, lift}.

    ``rows`` are (week's Monday, language, text) of complaint posts. Every week that has
    earlier weeks in ``rows`` (same language) is compared with all of them together; ``n``
    is the number of that week's posts containing the phrase. Sorted by week, language,
    then lift (highest first).
    """
    tagger = get_tagger(taxonomy)
    weeks: dict[str, dict[date, _Week]] = defaultdict(lambda: defaultdict(_Week))
    for week_key, lang, text in rows:
        if lang in STEMMER_NAMES and text:
            _add_post(weeks[lang][week_key], text, lang)
    found: list[dict] = []
    for lang in sorted(weeks):
        before = _Week()
        for week_key in sorted(weeks[lang]):
            week = weeks[lang][week_key]
            if before.n_posts:
                found += _weekly_phrases(week_key, lang, week, before, tagger)
            _merge(before, week)
    return found
