"""Fixtures of the tagging tests: a small taxonomy written for the tests, the shipped one, and the
posts of the real pages in ../shared/corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from transforms.tagger import Tagger
from transforms.taxonomy import Taxonomy, load_taxonomy, load_taxonomy_text

#: A two-theme taxonomy exercising every cue kind; tests edit copies of it.
SMALL_TAXONOMY = """\
version: 1
settings: {threshold: 0.5, strong_weight: 0.8, weak_weight: 0.3, negation_window: 4, long_gap: 6}
languages:
  nb: {stemmer: norwegian, inflections: ["", e, en, et, er, ene]}
  nn: {stemmer: norwegian, inherit: [nb]}
  en: {stemmer: english, inflections: ["", s, ed, ing]}
negation:
  nb:
    negators: [ikke, aldri, ingen]
    not_negating_after: [bare]
    affirmers: [faktisk]
    clause_breaks: [men]
  en:
    negators: [not, never, "n't", didn't]
    not_negating_after: [only]
    affirmers: [actually]
    clause_breaks: [but]
themes:
  - id: rude_staff
    labels: {nb: Uhøflig betjening, sv: Otrevlig personal, en: Rude staff}
    description: Staff rude or condescending.
    cues:
      nb:
        stems: [frekk, "*oppførsel", "=sur"]
        phrases: ["himlet med (øynene|blikket)", "(kjeftet|skjelte) ~2 på (meg|oss)"]
        weak: [kjip, "re:\\\\bsnerr\\\\w*"]
      en:
        stems: [rude, condescending]
        phrases: ["rolled (his|her|their) eyes", "talked ~2 down to (me|us)"]
    exclusions:
      nb: ["frekk pris"]
  - id: broken_promise
    labels: {nb: Brutte løfter, sv: Svikna löften, en: Broken promises}
    description: Promises not kept.
    affirmable: true
    cues:
      nb:
        phrases: ["(lovet|lovte) ... (ringe|ringte) (tilbake|opp)", "skulle (ringe|ringt) (meg)? tilbake"]
        patterns: ['\\bholder (ikke|aldri) (det de lover|løftene?)\\b']
      en:
        phrases: ["promised ... (call|ring) (back|me back)", "(would|will) call (me)? back"]
"""


@pytest.fixture(scope="session")
def small_taxonomy_text() -> str:
    return SMALL_TAXONOMY


@pytest.fixture(scope="session")
def small_taxonomy() -> Taxonomy:
    return load_taxonomy_text(SMALL_TAXONOMY)


@pytest.fixture(scope="session")
def small_tagger(small_taxonomy: Taxonomy) -> Tagger:
    return Tagger(small_taxonomy)


@pytest.fixture(scope="session")
def shipped_taxonomy() -> Taxonomy:
    from themewatch.settings import PROJECT_ROOT

    return load_taxonomy(PROJECT_ROOT / "config" / "taxonomy.yaml")


@pytest.fixture(scope="session")
def shipped_tagger(shipped_taxonomy: Taxonomy) -> Tagger:
    return Tagger(shipped_taxonomy)


@dataclass(frozen=True)
class RealPost:
    """One post of a real page in ../shared/corpus: where it is, its page's language, its text."""

    relpath: str
    post_id: str
    language: str  # as SOURCES.md gives the page: "en" or "de"
    text: str


@pytest.fixture(scope="session")
def real_corpus_posts() -> list[RealPost]:
    """Every post the adapters extract from the real pages of ../shared/corpus (skips where absent).

    Third-party text: tests read it from ../shared at run time and never copy it.
    """
    from tests.conftest import SHARED_DIR
    from tests.extractors.corpus import extract, read_sources
    from tests.extractors.test_corpus import CASES

    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside this checkout")
    corpus = SHARED_DIR / "corpus"
    sources = read_sources(corpus / "SOURCES.md")
    posts = []
    for relpath, case in CASES.items():
        result = extract(corpus, relpath, case["platform"], sources[relpath].url, case["languages"],
                         case["zone"], datetime(2026, 3, 1, tzinfo=UTC))
        posts += [RealPost(relpath, post_id, case["languages"][0], document.text)
                  for post_id, document in result.documents.items()]
    return posts
