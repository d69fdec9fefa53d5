"""The theme tagger: cues per sentence, negation within the clause, evidence and a score.

For one text in a known language:

1. One Aho-Corasick pass over the lowercased text finds the anchor literals of the
   cues: each cue is anchored on its most distinctive required item ("bestemmer",
   not "ikke"). No anchor, no theme: the text is not split or tokenised further.
2. Otherwise Punkt splits it into sentences (``transforms.sentences``) and each
   sentence is tokenised; each token's atoms (stems, inflected forms, wildcards), and
   the token cues gated on them, come from per-token caches. A token cue is tried in a
   sentence only if atoms of its three least common items all occur there (set
   intersections, in C) and, when it matches, its anchor literal begins there too; a
   pattern cue only if its anchor literal begins there and a few other strings every
   match contains occur in it. (Where two equal cues name the same place, the order in
   which cues used to be tried decides, rebuilt for that sentence: results are exactly
   those of literal gating alone, see ``tests/transforms/tagging_snapshot.py``.)
3. A cue match is cancelled by a negator before it in the same clause
   ("ikke frekk", "inte otrevlig", "not rude"; "ikke bare" does not negate),
   by a negator inside its gap, by an affirmer in the sentence for themes
   marked ``affirmable`` ("de ringte faktisk tilbake"), by one of the theme's
   exclusions in the same sentence, or by a match of a theme that
   ``suppresses`` it in that sentence.
4. A theme's score is ``1 - prod(1 - weight)`` over its distinct matching
   cues (strong cues weigh ``strong_weight``, weak ones ``weak_weight``); it
   is tagged when the score reaches ``threshold``. Each tag carries its
   evidence: sentence index, sentence, cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from themewatch.records import Evidence, ThemeTag
from transforms.cues import (
    AFFIRMER,
    CLAUSE_BREAK,
    HARD_PUNCT,
    NEGATOR,
    NOT_NEGATING,
    PUNCT,
    Cue,
    LanguageMatcher,
    compile_cue,
    parse_expression,
)
from transforms.features import NegationWords
from transforms.sentences import sentence_spans
from transforms.taxonomy import NegationSpec, Taxonomy, configured_taxonomy
from transforms.text import count_words, stemmer, tokenize
from transforms.theme_model import apply_model

_KINDS = ("stems", "phrases", "patterns", "weak")


@dataclass(frozen=True, slots=True)
class TagResult:
    themes: tuple[ThemeTag, ...]
    n_tokens: int

    @property
    def theme_ids(self) -> list[str]:
        return sorted(t.theme for t in self.themes)


def _negation_for(taxonomy: Taxonomy, lang: str) -> NegationSpec:
    for cue_lang in taxonomy.cue_languages(lang):
        spec = taxonomy.spec.negation.get(cue_lang)
        if spec is not None:
            return spec
    return NegationSpec(negators=[])


def _literal_begins_in(bounds: tuple[str, int, int], literals: tuple[str, ...]) -> bool:
    lower, start, end = bounds
    find = lower.find
    return any(find(literal, start, end + len(literal) - 1) >= 0 for literal in literals)


def _lower_aligned(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class Tagger:
    """Compiled taxonomy: ``tag(text, lang)`` for any language the taxonomy declares."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.version = taxonomy.version
        self.model = taxonomy.model
        self.settings = taxonomy.spec.settings
        self.theme_ids = taxonomy.theme_ids
        themes = taxonomy.spec.themes
        self._negatable = [t.negatable for t in themes]
        self._affirmable = [t.affirmable for t in themes]
        index = {t.id: i for i, t in enumerate(themes)}
        self._suppresses = [tuple(index[s] for s in t.suppresses) for t in themes]
        self.matchers = {lang: self._compile(lang) for lang in taxonomy.spec.languages}
        #: Per language, the negation words the model's features use: the same as the rules'.
        self.negation_words = {
            lang: NegationWords.from_lists(spec.negators, spec.clause_breaks)
            for lang in taxonomy.spec.languages
            for spec in [_negation_for(taxonomy, lang)]
        }

    def _compile(self, lang: str) -> LanguageMatcher:
        spec = self.taxonomy.spec
        matcher = LanguageMatcher(lang=lang, inflections=tuple(spec.languages[lang].inflections))
        negation = _negation_for(self.taxonomy, lang)
        negators = frozenset(w.lower() for w in negation.negators)
        for words, flag in (
            (negation.negators, NEGATOR),
            (negation.not_negating_after, NOT_NEGATING),
            (negation.affirmers, AFFIRMER),
            (negation.clause_breaks, CLAUSE_BREAK),
        ):
            for word in words:
                matcher.flags_words[word.lower()] = matcher.flags_words.get(word.lower(), 0) | flag
        alternation = "|".join(map(re.escape, negators))
        negator_re = re.compile(rf"\b(?:{alternation})\b") if negators else None
        anchors: dict[str, set[int]] = {}
        for theme_idx, theme in enumerate(spec.themes):
            for cue_lang in self.taxonomy.cue_languages(lang):
                entries: list[tuple[str, str, float, bool]] = []
                cueset = theme.cues.get(cue_lang)
                if cueset is not None:
                    for kind in _KINDS:
                        weight = self.settings.weak_weight if kind == "weak" else self.settings.strong_weight
                        entries += [(kind, e, weight, False) for e in getattr(cueset, kind)]
                entries += [("exclusions", e, 0.0, True) for e in theme.exclusions.get(cue_lang, [])]
                for kind, expr, weight, exclusion in entries:
                    parsed = parse_expression(expr, kind="weak" if exclusion else kind)
                    cue = Cue(
                        theme=theme_idx,
                        name=f"{theme.id}/{cue_lang}/{kind}/{expr}",
                        expr=expr,
                        kind=kind,
                        weight=weight,
                        exclusion=exclusion,
                    )
                    cue, literals = compile_cue(matcher, cue, parsed, self.settings.long_gap, negators)
                    cue_idx = len(matcher.cues)
                    cue.index = cue_idx
                    cue.literals = tuple(sorted(literals))
                    matcher.cues.append(cue)
                    if cue.regex is not None:
                        if negator_re is not None and negator_re.search(cue.regex.pattern):
                            cue.has_negator = True
                        matcher.pattern_cues.append(cue_idx)
                        if not literals:
                            matcher.unanchored_patterns.append(cue_idx)
                    for literal in literals:
                        anchors.setdefault(literal, set()).add(cue_idx)
        matcher.finish(anchors)
        return matcher

    # ------------------------------------------------------------------ matching
    def tag(self, text: str, lang: str) -> TagResult:
        """Themes of ``text`` written in ``lang``: the rules', plus the model's where it is on."""
        result = self._tag_rules(text, lang)
        if self.model is None or lang not in self.matchers:
            return result
        themes = apply_model(self.model, text, lang, result.themes, self.negation_words[lang])
        return TagResult(themes, result.n_tokens)

    def _tag_rules(self, text: str, lang: str) -> TagResult:
        """Themes the cues find in ``text`` written in ``lang`` (a language without cues gets none)."""
        matcher = self.matchers.get(lang)
        if matcher is None or not text:
            return TagResult((), count_words(text))
        lower = _lower_aligned(text)
        if next(matcher.automaton.iter(lower), None) is None and not matcher.unanchored_patterns:
            return TagResult((), count_words(text))
        spans = sentence_spans(text, lang)
        patterns = self._pattern_candidates(matcher, lower, spans)
        matcher.trim_memo()
        info_get = matcher._info.get
        token_info = matcher.token_info
        atoms_get = matcher.token_atoms.__getitem__
        gated_gets = [gated.__getitem__ for gated in matcher.token_gated]
        punct_get = matcher.token_punct.__getitem__
        stem = stemmer(lang)
        n_words = 0
        found: dict[int, dict[tuple[int, int], tuple[float, str, str, str]]] = {}
        for si, (s, e) in enumerate(spans):
            sentence = lower[s:e]
            tokens = tokenize(sentence)
            infos = list(map(info_get, tokens))
            if None in infos:
                infos = [info or token_info(token) for token, info in zip(tokens, infos)]
            # sentences cover the text but for whitespace, so this counts its words (n_tokens)
            # without tokenising it twice
            n_words += len(tokens) - sum(map(punct_get, tokens))
            candidates: set[int] = set()
            for level, gated_get in enumerate(gated_gets):
                gated = set().union(*map(gated_get, tokens))
                if level:
                    candidates &= gated
                else:
                    candidates = gated
                if not candidates:
                    break
            pattern_ids = patterns.get(si)
            if pattern_ids:
                candidates.update(pattern_ids)
            if not candidates:
                continue
            present = set().union(*map(atoms_get, tokens))
            matches = self._match_sentence(matcher, sentence, tokens, infos, present, candidates, (lower, s, e))
            if not matches:
                continue
            if len(matches) > 1 and _has_tie(matches):
                matches = _in_literal_gate_order(matcher, lower, spans, si, matches)
            text_sentence = text[s:e].strip()
            for cue, start, word in matches:
                # One contribution per place in the text: cues matching the same words count once.
                per_theme = found.setdefault(cue.theme, {})
                known_place = per_theme.get((si, start))
                if known_place is None or cue.weight > known_place[0]:
                    key = cue.key or f"{cue.kind}:{stem(word)}"
                    per_theme[(si, start)] = (cue.weight, key, text_sentence, cue.expr)
        return TagResult(self._aggregate(found) if found else (), n_words)

    @staticmethod
    def _pattern_candidates(matcher: LanguageMatcher, lower: str,
                            spans: list[tuple[int, int]]) -> dict[int, set[int]]:
        """Per sentence index, the pattern cues whose gating literal begins in that sentence.

        Hits come in text order, so the sentence of each is found by walking forward.
        """
        candidates: dict[int, set[int]] = {}
        n_spans = len(spans)
        si = 0
        sentence_end = spans[0][1] if spans else 0
        current: set[int] | None = None
        for end, (literal, cue_ids) in matcher.pattern_automaton.iter(lower):
            pos = end - len(literal) + 1
            if pos >= sentence_end:
                while si < n_spans and pos >= spans[si][1]:
                    si += 1
                if si == n_spans:
                    break
                sentence_end = spans[si][1]
                current = None
            if pos < spans[si][0]:
                continue  # between sentences (whitespace)
            if current is None:
                current = candidates.get(si)
                if current is None:
                    current = candidates[si] = set()
            current.update(cue_ids)
        if matcher.unanchored_patterns:
            for si in range(n_spans):
                candidates.setdefault(si, set()).update(matcher.unanchored_patterns)
        return candidates

    def strong_cue_matches(self, text: str, lang: str) -> list[str]:
        """Names of the strong (not weak) cues that match in ``text``, taken as one sentence.

        Used to tell whether a phrase is already covered by the taxonomy.
        """
        matcher = self.matchers.get(lang)
        if matcher is None or not text:
            return []
        lower = _lower_aligned(text)
        cue_ids: set[int] = set(matcher.unanchored_patterns)
        for _, (_, ids) in matcher.automaton.iter(lower):
            cue_ids.update(ids)
        matcher.trim_memo()
        tokens = tokenize(lower)
        infos = [matcher.token_info(t) for t in tokens]
        present = set().union(*(atoms for atoms, _ in infos))
        matches = self._match_sentence(matcher, lower, tokens, infos, present, cue_ids)
        return sorted({cue.name for cue, _, _ in matches if cue.kind != "weak"})

    def _aggregate(self, found: dict) -> tuple[ThemeTag, ...]:
        settings = self.settings
        tags = []
        for theme_idx in sorted(found, key=lambda i: self.theme_ids[i]):
            places = found[theme_idx]
            weights: dict[str, float] = {}  # and one contribution per cue, wherever it matched
            for weight, key, _, _ in places.values():
                weights[key] = max(weight, weights.get(key, 0.0))
            missing = 1.0
            for weight in weights.values():
                missing *= 1.0 - weight
            score = round(1.0 - missing, 4)
            if score + 1e-9 < settings.threshold:
                continue
            evidence = sorted(
                {(si, sentence, expr) for (si, _), (_, _, sentence, expr) in places.items()},
                key=lambda ev: (ev[0], ev[2]),
            )[: settings.max_evidence]
            tags.append(
                ThemeTag(
                    theme=self.theme_ids[theme_idx],
                    score=score,
                    evidence=tuple(Evidence(si, sentence, expr) for si, sentence, expr in evidence),
                )
            )
        return tuple(tags)

    @staticmethod
    def _positions(infos) -> dict[int, list[int]]:
        """Atom -> indices of the tokens satisfying it, in order."""
        positions: dict[int, list[int]] = {}
        for index, (atoms, _) in enumerate(infos):
            for atom in atoms:
                found = positions.get(atom)
                if found is None:
                    positions[atom] = [index]
                else:
                    found.append(index)
        return positions

    def _match_sentence(
        self, matcher: LanguageMatcher, sentence: str, tokens: list[str], infos, present: set[int],
        candidates, bounds: tuple[str, int, int] | None = None,
    ) -> list[tuple[Cue, int, str]]:
        """Which of the ``candidates`` cues match in one (lowercased) sentence.

        ``infos`` are the ``token_info`` of its ``tokens``, ``present`` all their atoms. With
        ``bounds`` (lowercased text, sentence start, end), a token cue also needs one of its
        gating literals to begin in the sentence: the rule since cues were gated by literal,
        kept so that results stay exactly as they were. Returns each match's cue, the token
        index where it starts and that token.
        """
        positions: dict[int, list[int]] | None = None
        cues = matcher.cues
        window = self.settings.negation_window
        affirmed = None
        matched: list[tuple[Cue, int, str]] = []
        excluded: set[int] = set()
        for ci in candidates:
            cue = cues[ci]
            if cue.regex is not None:
                if cue.also_literals and not all(
                    any(map(sentence.__contains__, literals)) for literals in cue.also_literals
                ):
                    continue
                hit = cue.regex.search(sentence)
                if hit is None:
                    continue
                start = len(tokenize(sentence[: hit.start()]))
                gaps: list[int] = []
            else:
                for required in cue.rest_required:
                    if present.isdisjoint(required):
                        break
                else:
                    required = None
                if required is not None:
                    continue
                if positions is None:
                    positions = self._positions(infos)
                start, gaps = self._find(cue, infos, positions)
                if start < 0:
                    continue
                if bounds is not None and not _literal_begins_in(bounds, cue.literals):
                    continue
            if cue.exclusion:
                excluded.add(cue.theme)
                continue
            if (self._negatable[cue.theme] and not cue.has_negator
                    and self._negated(infos, start, window, gaps)
                    and (cue.regex is not None
                         or not self._find_unnegated(cue, infos, positions, start, window))):
                continue
            if self._affirmable[cue.theme]:
                if affirmed is None:
                    affirmed = self._affirmed(infos)
                if affirmed:
                    continue
            matched.append((cue, start, tokens[start] if start < len(tokens) else ""))
        if excluded:
            matched = [m for m in matched if m[0].theme not in excluded]
        if matched:
            suppressed = {s for c, _, _ in matched for s in self._suppresses[c.theme]}
            if suppressed:
                matched = [m for m in matched if m[0].theme not in suppressed]
        return matched

    @staticmethod
    def _item_ends(item, infos, pos: int) -> list[int]:
        """Token indices where ``item`` ends if it begins at ``pos``."""
        single, multi = item
        ends = [] if infos[pos][0].isdisjoint(single) else [pos]
        if not multi:
            return ends
        for run in multi:
            last = pos + len(run) - 1
            if last < len(infos) and not any(infos[pos + j][0].isdisjoint(run[j]) for j in range(len(run))):
                ends.append(last)
        return ends

    def _find(self, cue: Cue, infos, positions: dict[int, list[int]], begin: int = 0) -> tuple[int, list[int]]:
        """First match of a token cue at or after ``begin``: (start, gap token indices) or (-1, []).

        ``positions`` maps each atom present in the sentence to the tokens satisfying it, so
        only the places where the cue can begin are tried.
        """
        first = cue.first[0]
        if len(first) == 1:
            starts = positions.get(next(iter(first)), ())
        else:
            found = positions.keys() & first
            if len(found) <= 1:
                starts = positions[found.pop()] if found else ()
            else:
                starts = sorted({p for atom in found for p in positions[atom]})
        for start in starts:
            if start < begin:
                continue
            for end in self._item_ends(cue.items[0], infos, start):
                gaps = self._rest(cue, infos, 1, end)
                if gaps is not None:
                    return start, gaps
        return -1, []

    def _rest(self, cue: Cue, infos, k: int, pos: int, extra: int = 0) -> list[int] | None:
        """Match items k.. after token ``pos``; returns the skipped (gap) token indices."""
        if k == len(cue.items):
            return []
        item = cue.items[k]
        first = cue.first[k]
        gap = cue.gaps[k - 1] + extra
        if cue.optional[k]:
            skipped = self._rest(cue, infos, k + 1, pos, gap + 1)
        else:
            skipped = None
        limit = min(len(infos), pos + 2 + gap)
        bound = cue.clause_bound[k - 1]
        for nxt in range(pos + 1, limit):
            atoms, flags = infos[nxt]
            if not atoms.isdisjoint(first):
                for end in self._item_ends(item, infos, nxt):
                    rest = self._rest(cue, infos, k + 1, end)
                    if rest is not None:
                        return list(range(pos + 1, nxt)) + rest
            if flags & HARD_PUNCT or (bound and flags & CLAUSE_BREAK):
                break
        return skipped

    def _find_unnegated(self, cue: Cue, infos, positions: dict[int, list[int]], after: int,
                        window: int) -> bool:
        start = after
        while True:
            start, gaps = self._find(cue, infos, positions, start + 1)
            if start < 0:
                return False
            if not self._negated(infos, start, window, gaps):
                return True

    @staticmethod
    def _negated(infos, start: int, window: int, gaps: list[int]) -> bool:
        for g in gaps:
            if infos[g][1] & NEGATOR and not (g + 1 < len(infos) and infos[g + 1][1] & NOT_NEGATING):
                return True
        stop = max(-1, start - window - 1)
        for i in range(start - 1, stop, -1):
            flags = infos[i][1]
            if flags & (PUNCT | CLAUSE_BREAK):
                return False
            if flags & NEGATOR and not (infos[i + 1][1] & NOT_NEGATING):
                return True
        return False

    @staticmethod
    def _affirmed(infos) -> bool:
        """An affirmer that is not itself negated ("faktisk ikke" is no affirmation)."""
        n = len(infos)
        for i, (_, flags) in enumerate(infos):
            if flags & AFFIRMER:
                near = infos[max(0, i - 2): min(n, i + 3)]
                if not any(f & NEGATOR for _, f in near):
                    return True
        return False


def _has_tie(matches: list[tuple[Cue, int, str]]) -> bool:
    """Do two cues of a theme, of equal weight, start at the same token (one place, two names)?"""
    seen: dict[tuple[int, int], float] = {}
    for cue, start, _ in matches:
        weight = seen.get((cue.theme, start))
        if weight == cue.weight:
            return True
        if weight is None or cue.weight > weight:
            seen[(cue.theme, start)] = cue.weight
    return False


def _in_literal_gate_order(matcher: LanguageMatcher, lower: str, spans: list[tuple[int, int]], si: int,
                           matches: list[tuple[Cue, int, str]]) -> list[tuple[Cue, int, str]]:
    """``matches`` in the order the tagger used to try cues in this sentence, which decides
    which of two equal cues names a place (its key and evidence).

    That order was the iteration order of the set of the cue ids of every gating literal
    beginning in the sentence, added in text order; it is rebuilt here the same way, for
    the rare sentence where it matters, so that results stay exactly as they were.
    """
    start, end = spans[si]
    longest = matcher.longest_literal
    ids: set[int] = set()
    for hit_end, (literal, cue_ids) in matcher.automaton.iter(lower, start, min(len(lower), end + longest)):
        if start <= hit_end - len(literal) + 1 < end:
            ids.update(cue_ids)
    ids.update(matcher.unanchored_patterns)
    rank = {cue_idx: i for i, cue_idx in enumerate(ids)}
    return sorted(matches, key=lambda match: rank[match[0].index])


_TAGGERS: dict[str, Tagger] = {}
_MAX_TAGGERS = 4


def get_tagger(taxonomy: Taxonomy | None = None) -> Tagger:
    """A compiled tagger for ``taxonomy`` (default: the configured file), cached per version.

    The version names the file's content, so an edited file gets a new tagger and an old
    version loaded from its text (``load_taxonomy_text``) gets its own.
    """
    taxonomy = taxonomy or configured_taxonomy()
    tagger = _TAGGERS.get(taxonomy.version)
    if tagger is None:
        if len(_TAGGERS) >= _MAX_TAGGERS:
            _TAGGERS.pop(next(iter(_TAGGERS)))
        tagger = _TAGGERS[taxonomy.version] = Tagger(taxonomy)
    return tagger
