"""Tagging speed on 60-word posts, next to a naive baseline measured in the same run.

    .venv/bin/python benchmarks/bench_tagging.py [--posts N] [--repeat R]

Posts are built from the project's own dev evaluation units (eval/gold/*.dev.jsonl):
their sentences, in their languages, packed into posts of about 60 words, so cue
density and language mix are those of the labelled set. Three runs over the same posts,
one core, best of R repeats each:

- baseline: 12 compiled regular expressions, one per theme, built from the example
  cues of the taxonomy (../shared/taxonomy.md), searched over the lowercased raw text;
  no NLTK, no language ID, no negation, no evidence;
- tagger, language known: ``transforms.pipeline.tag_text(text, lang=...)``: quote
  stripping, Aho-Corasick gate, Punkt sentences where a cue literal occurs, tokens,
  cached stems, cues, negation, score and evidence;
- tagger with language ID: the same with ``lang=None`` (markers, then lingua when unsure).

Prints posts per second and the tagger/baseline ratios. Results go in the README, not
in a timed test.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: The naive baseline: the taxonomy's example cues, one alternation per theme.
BASELINE_CUES: dict[str, list[str]] = {
    "queue_wait": ["telefonkø", "ventet i kø", "tok tre uker", "telefonkö", "satt i kö", "väntetid",
                   "on hold", "waited weeks", "ventetid", "kø", "kö", "queue"],
    "no_response": ["gidder ikke å svare", "fikk aldri svar", "fick inget svar", "never heard back",
                    "no reply", "ingen svar", "inget svar", "no response"],
    "blame_shifting": ["skylder på", "ikke vårt ansvar", "inte vårt fel", "skyller på",
                       "not our problem", "blamed the supplier", "ikke vår feil", "blame"],
    "broken_promise": ["holder ikke det de lover", "skulle ringe tilbake", "lovade att återkomma",
                       "promised a callback", "would be fixed by", "lovet", "lovade", "promised"],
    "rude_staff": ["frekk", "nedlatende", "uhøflig", "otrevlig", "nedlåtande", "himlade med ögonen",
                   "rude", "dismissive", "condescending"],
    "incompetence": ["visste ikke hva de drev med", "feil opplysninger", "okunnig", "fel besked",
                     "clueless", "wrong information", "inkompetent", "incompetent"],
    "runaround": ["satt over til en annen avdeling", "forklare alt på nytt", "skickad runt",
                  "flera handläggare", "transferred again", "kasteball"],
    "extra_cost": ["minuttpris", "gebyr", "fakturert for supporten", "dyrt att ringa", "avgift",
                   "charged a fee", "fee"],
    "not_listening": ["hørte ikke på hva jeg sa", "lyssnar inte", "didn't listen", "hørte ikke etter"],
    "customer_abuse": ["kunden kjeftet på meg", "truet betjeningen", "svor åt personalen",
                       "hotfulla kunder", "yelled at the agent"],
    "compensation": ["kompensasjon", "refusjon", "penger tilbake", "kompensation", "återbetalning",
                     "refund", "credit"],
    "praise": ["fikk veldig god hjelp", "anbefales", "riktigt bra bemötande", "great support"],
}


def baseline_regexes() -> list[re.Pattern[str]]:
    return [re.compile("|".join(re.escape(c) for c in cues)) for cues in BASELINE_CUES.values()]


def build_posts(n_posts: int, words: int = 60, seed: int = 7) -> list[tuple[str, str]]:
    """(text, lang) posts of about ``words`` words from the dev units' own sentences."""
    from transforms.sentences import split_sentences

    by_lang: dict[str, list[str]] = {}
    for path in sorted((ROOT / "eval" / "gold").glob("*.dev.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            by_lang.setdefault(unit["lang"], []).extend(split_sentences(unit["text"], unit["lang"]))
    rng = random.Random(seed)
    langs = sorted(by_lang)
    weights = [len(by_lang[lang]) for lang in langs]
    posts = []
    for _ in range(n_posts):
        lang = rng.choices(langs, weights)[0]
        chosen, count = [], 0
        while count < words:
            sentence = rng.choice(by_lang[lang])
            chosen.append(sentence)
            count += len(sentence.split())
        posts.append((" ".join(chosen), lang))
    return posts


def posts_per_second(run: Callable[[str, str], object], posts: list[tuple[str, str]], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, lang in posts:
            run(text, lang)
        best = min(best, time.perf_counter() - started)
    return len(posts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000, help="posts per run (default 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats; the best counts (default 3)")
    args = parser.parse_args(argv)

    from transforms.language import default_identifier
    from transforms.pipeline import tag_text
    from transforms.tagger import get_tagger

    posts = build_posts(args.posts)
    regexes = baseline_regexes()
    tagger = get_tagger()
    identifier = default_identifier()

    def baseline(text: str, lang: str) -> list[bool]:
        lowered = text.lower()
        return [r.search(lowered) is not None for r in regexes]

    def known_language(text: str, lang: str) -> object:
        return tag_text(text, lang=lang, tagger=tagger)

    def with_language_id(text: str, lang: str) -> object:
        return tag_text(text, tagger=tagger, identifier=identifier)

    for run in (baseline, known_language, with_language_id):  # warm caches and models
        for text, lang in posts[:300]:
            run(text, lang)
    n_words = sum(len(t.split()) for t, _ in posts) / len(posts)
    rates = {name: posts_per_second(run, posts, args.repeat)
             for name, run in (("baseline", baseline), ("tagger, language known", known_language),
                               ("tagger + language ID", with_language_id))}
    base = rates["baseline"]
    print(f"{len(posts)} posts of {n_words:.0f} words on average, best of {args.repeat}, one core")
    print(f"{'run':<24} {'posts/s':>9} {'x baseline':>11}")
    for name, rate in rates.items():
        print(f"{name:<24} {rate:>9.0f} {rate / base:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
