"""Cost of the theme model per 60-word post, next to the naive 12-regex baseline in the same run.

    .venv/bin/python benchmarks/bench_theme_model.py [--posts N] [--repeat R]

The posts are those of ``bench_tagging.py`` (the dev units' sentences packed into posts
of about 60 words). The rule tags of each post are computed once beforehand, so the
figures are what the model layer adds to the rules:

- baseline: the 12 example-cue regular expressions of ``bench_tagging.py``;
- model score: lowercasing, features (tokens, cached stems, bigrams, negation, rule
  tags) and the per-theme logits against the thresholds: the per-call model cost;
- model layer: ``apply_model``, which also finds the evidence sentence (Punkt) of
  each theme the model adds.

Prints microseconds per post and the ratio to the baseline (the machine may be shared:
compare ratios). Results go in docs/tagging.md, not in a timed test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def microseconds_per_post(run: Callable[[int], object], n: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for i in range(n):
            run(i)
        best = min(best, time.perf_counter() - started)
    return best / n * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000, help="posts per run (default 3000)")
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best counts (default 5)")
    args = parser.parse_args(argv)

    from bench_tagging import baseline_regexes, build_posts

    from transforms.features import post_features
    from transforms.tagger import get_tagger
    from transforms.theme_model import apply_model, load_model

    posts = build_posts(args.posts)
    tagger = get_tagger()
    # timed whether or not the taxonomy switches it on: the weights it names
    model = tagger.model or load_model(tagger.settings.model.weights)
    rules = [tagger._tag_rules(text, lang).themes for text, lang in posts]
    rule_ids = [[t.theme for t in tags] for tags in rules]
    regexes = baseline_regexes()

    def baseline(i: int) -> list[bool]:
        lowered = posts[i][0].lower()
        return [r.search(lowered) is not None for r in regexes]

    def score(i: int) -> object:
        text, lang = posts[i]
        return model.predict(post_features(text.lower(), lang, rule_ids[i], tagger.negation_words[lang]))

    def layer(i: int) -> object:
        text, lang = posts[i]
        return apply_model(model, text, lang, rules[i], tagger.negation_words[lang])

    n = len(posts)
    added = sum(1 for i in range(n) if len(layer(i)) > len(rules[i]))
    base = microseconds_per_post(baseline, n, args.repeat)
    print(f"{n} posts of about 60 words; the model adds a theme to {added / n:.0%} of them")
    print(f"{'run':<34} {'us/post':>8} {'x baseline':>10}")
    for name, run in (("baseline, 12 example-cue regexes", baseline), ("model score (features + logits)", score),
                      ("model layer (score + evidence)", layer)):
        us = base if run is baseline else microseconds_per_post(run, n, args.repeat)
        print(f"{name:<34} {us:>8.1f} {us / base:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
