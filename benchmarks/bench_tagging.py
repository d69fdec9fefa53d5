r"""Tagging speed on 60-word posts, next to a naive baseline measured in the same run.

    .venv/bin/python benchmarks/bench_tagging.py [--posts N] [--repeat R]

Posts are built from the project's own dev evaluation units (eval/gold/*.dev.jsonl):
their sentences, in their languages, packed into posts of about 60 words, so cue
density and language mix are those of the labelled set. Runs over the same posts, one
core, best of R repeats each, the runs taking turns:

- baseline, example cues: 12 compiled regular expressions, one per theme, built from the
  example cues of ../shared/taxonomy.md, searched over the lowercased raw text; no NLTK,
  no language ID, no negation, no evidence;
- baseline, taxonomy cues: the same naive method with the shipped taxonomy's own cue
  lists (every cue of a theme, all languages, as one alternation; words plus up to four
  letters instead of stems; gaps as ``\W+(\w+\W+){0,N}``). It shows how much less work
  the example-cue baseline does; at about 40 posts/s it is timed on the first
  ``--taxonomy-posts`` posts only (default 300), once;
- tagger, language known: ``transforms.pipeline.tag_text(text, lang=...)``: quote
  stripping, Aho-Corasick gate, Punkt sentences where a cue literal occurs, tokens,
  cached stems, cues, negation, score and evidence;
- tagger with language ID: the same with ``lang=None`` (markers, then lingua when unsure);
- floor, sentences and tokens only: what any tagger that reports evidence per sentence
  does before its first cue: quote stripping, Punkt sentences of the whole post and
  the tokens of each. No stems, cues, negation or evidence. Its ratio is the most the
  tagger could reach in this design with cue matching for free.

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
from collections.abc import Callable
from pathlib import Path

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


def _naive_word(alt) -> str:
    word = re.escape(alt.text)
    if alt.kind == "exact":
        return rf"\b{word}\b"
    if alt.kind == "prefix":
        return rf"\b{word}\w*"
    if alt.kind == "head":
        return rf"{word}\w{{0,4}}\b"
    if alt.kind == "infix":
        return word
    return rf"\b{word}\w{{0,4}}\b"  # no stemming: the word plus a few letters


def naive_cue_regex(expr: str, kind: str) -> str:
    """One cue of the shipped taxonomy as a plain regular expression (no stems, no negation)."""
    from transforms.cues import LONG_GAP, parse_expression

    parsed = parse_expression(expr, kind=kind)
    if parsed.pattern is not None:
        return f"(?:{parsed.pattern})"
    parts = []
    for i, item in enumerate(parsed.items):
        alternatives = "|".join(r"\W+".join(_naive_word(a) for a in run) for run in item.alternatives)
        part = f"(?:{alternatives})"
        if i:
            gap = parsed.gaps[i - 1]
            part = (r"[^.!?]{0,60}?" if gap == LONG_GAP else rf"\W+(?:\w+\W+){{0,{gap}}}") + part
            if item.optional:
                part = f"(?:{part})?"
        parts.append(part)
    return "".join(parts)


def taxonomy_baseline_regexes() -> list[re.Pattern[str]]:
    """The naive baseline for the same cue lists: 12 regexes, each theme's cues (all
    languages, strong and weak) OR-ed together, searched over lowercased text."""
    from transforms.taxonomy import configured_taxonomy

    regexes = []
    for theme in configured_taxonomy().spec.themes:
        parts = [naive_cue_regex(expr, kind)
                 for cueset in theme.cues.values()
                 for kind in ("stems", "phrases", "patterns", "weak")
                 for expr in getattr(cueset, kind)]
        regexes.append(re.compile("|".join(parts)))
    return regexes


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


def posts_per_second(runs: list[tuple[str, Callable[[str, str], object], list[tuple[str, str]], int]]
                     ) -> dict[str, float]:
    """Posts per second of each (name, run, posts, repeats), best of its repeats.

    The runs take turns, one repeat each, so that a busy spell of the machine slows all
    of them rather than one: the ratios stay comparable on a shared machine.
    """
    best = {name: float("inf") for name, _, _, _ in runs}
    for turn in range(max(repeat for _, _, _, repeat in runs)):
        for name, run, posts, repeat in runs:
            if turn < repeat:
                started = time.perf_counter()
                for text, lang in posts:
                    run(text, lang)
                best[name] = min(best[name], time.perf_counter() - started)
    return {name: len(posts) / best[name] for name, _, posts, _ in runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000, help="posts per run (default 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats; the best counts (default 3)")
    parser.add_argument("--taxonomy-posts", type=int, default=300,
                        help="posts for the slow taxonomy-cue baseline, timed once (default 300)")
    args = parser.parse_args(argv)

    from transforms.language import default_identifier
    from transforms.pipeline import prepare_text, tag_text
    from transforms.sentences import sentence_spans
    from transforms.tagger import get_tagger
    from transforms.text import tokenize

    posts = build_posts(args.posts)
    regexes = baseline_regexes()
    taxonomy_regexes = taxonomy_baseline_regexes()
    tagger = get_tagger()
    identifier = default_identifier()

    def baseline(text: str, lang: str) -> list[bool]:
        lowered = text.lower()
        return [r.search(lowered) is not None for r in regexes]

    def baseline_same_cues(text: str, lang: str) -> list[bool]:
        lowered = text.lower()
        return [r.search(lowered) is not None for r in taxonomy_regexes]

    def known_language(text: str, lang: str) -> object:
        return tag_text(text, lang=lang, tagger=tagger)

    def with_language_id(text: str, lang: str) -> object:
        return tag_text(text, tagger=tagger, identifier=identifier)

    def sentences_and_tokens(text: str, lang: str) -> object:
        prepared = prepare_text(text)
        lower = prepared.lower()
        return [tokenize(lower[s:e]) for s, e in sentence_spans(prepared, lang)]

    for run in (baseline, known_language, with_language_id, sentences_and_tokens):  # warm up
        for text, lang in posts[:300]:
            run(text, lang)
    n_words = sum(len(t.split()) for t, _ in posts) / len(posts)
    rates = posts_per_second([("baseline, example cues", baseline, posts, args.repeat),
                              ("baseline, taxonomy cues", baseline_same_cues, posts[: args.taxonomy_posts], 1),
                              ("tagger, language known", known_language, posts, args.repeat),
                              ("tagger + language ID", with_language_id, posts, args.repeat),
                              ("floor: sentences + tokens", sentences_and_tokens, posts, args.repeat)])
    example, same = rates["baseline, example cues"], rates["baseline, taxonomy cues"]
    print(f"{len(posts)} posts of {n_words:.0f} words on average, best of {args.repeat}, one core"
          f" (taxonomy-cue baseline: {min(len(posts), args.taxonomy_posts)} posts, once)")
    print(f"{'run':<26} {'posts/s':>9} {'x example-cue baseline':>23} {'x taxonomy-cue baseline':>24}")
    for name, rate in rates.items():
        print(f"{name:<26} {rate:>9.0f} {rate / example:>23.2f} {rate / same:>24.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
