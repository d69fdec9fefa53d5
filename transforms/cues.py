"""Cue expressions: parsing, and compiling a taxonomy into fast per-language matchers.

A cue is a named rule (theme, language, kind, expression). Compilation turns
every word item into an *atom* that a token either satisfies or not; which
atoms a token satisfies is computed once per distinct token and cached, so
the hot path is dictionary look-ups. Every literal a cue needs is also put in
one Aho-Corasick automaton: a post in which none occurs has no cue match and
is never split into sentences or tokenised for matching.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
from dataclasses import dataclass, field
from os.path import commonprefix

import ahocorasick

from transforms.text import PUNCTUATION, stemmer, stopwords

_WORD = re.compile(r"^[^\W_]+(?:['’\-][^\W_]+)*$")
_GAP = re.compile(r"^~(\d{1,2})$")
#: Inline flags that may switch case-insensitive matching on ("(?i)", "(?i:...)").
_SCOPED_IGNORECASE = re.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*i")
LONG_GAP = -1  # marker for "...": resolved to settings.long_gap at compile time
#: How many letters shorter than a cue word a token matching it by stem may be.
STEM_SLACK = 2


class CueSyntaxError(ValueError):
    """A cue expression that cannot be parsed; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Alt:
    kind: str  # "word" | "exact" | "prefix" | "head" | "infix"
    text: str


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One position of a phrase: alternatives, each a run of one or more words."""

    alternatives: tuple[tuple[Alt, ...], ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class ParsedCue:
    items: tuple[ParsedItem, ...]
    gaps: tuple[int, ...]  # gaps[i]: most tokens between item i and i+1 (LONG_GAP for "...")
    pattern: str | None = None


def _parse_alt(text: str) -> Alt:
    if not text:
        raise CueSyntaxError("empty alternative")
    if text.startswith("="):
        core = text[1:]
        if not core or not _WORD.match(core):
            raise CueSyntaxError(f"{text!r}: '=' must be followed by one exact word form")
        return Alt("exact", core.lower())
    lead, trail = text.startswith("*"), text.endswith("*") and len(text) > 1
    core = text.strip("*")
    if not core or not _WORD.match(core):
        raise CueSyntaxError(f"{text!r} is not a word (letters, digits, inner - or '; * only at the ends)")
    kind = "infix" if lead and trail else "head" if lead else "prefix" if trail else "word"
    return Alt(kind, core.lower())


def _split_parts(expr: str) -> list[str]:
    """Split on whitespace outside parentheses: "a (b c|d)? e" -> ["a", "(b c|d)?", "e"]."""
    parts, current, depth = [], "", 0
    for ch in expr:
        if ch == "(":
            depth += 1
            if depth > 1:
                raise CueSyntaxError("alternatives cannot be nested")
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise CueSyntaxError("unbalanced ')'")
        if ch.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise CueSyntaxError("unbalanced '('")
    if current:
        parts.append(current)
    return parts


def _parse_item(text: str) -> ParsedItem:
    optional = False
    if text.startswith("(") and text.endswith(")?"):
        text, optional = text[:-1], True
    if text.startswith("(") and text.endswith(")"):
        alternatives = []
        for part in text[1:-1].split("|"):
            words = part.split()
            if not words:
                raise CueSyntaxError("empty alternative in (...)")
            alternatives.append(tuple(_parse_alt(w) for w in words))
        return ParsedItem(tuple(alternatives), optional)
    if "(" in text or ")" in text or "|" in text:
        raise CueSyntaxError(f"{text!r}: write alternatives as (a|b c|d), optional ones as (a|b)?")
    return ParsedItem(((_parse_alt(text),),))


def parse_expression(expr: str, *, kind: str) -> ParsedCue:
    """Parse one cue. ``kind`` is stems, phrases, patterns, weak (or exclusions: like weak)."""
    expr = expr.strip()
    if not expr:
        raise CueSyntaxError("empty cue")
    if kind == "patterns" or expr.startswith("re:"):
        pattern = expr[3:].strip() if expr.startswith("re:") else expr
        if not pattern:
            raise CueSyntaxError("empty pattern")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise CueSyntaxError(f"bad pattern: {exc}") from None
        if compiled.search(""):
            raise CueSyntaxError("pattern matches the empty string")
        return ParsedCue((), (), pattern)
    items: list[ParsedItem] = []
    gaps: list[int] = []
    pending_gap: int | None = None
    for part in _split_parts(expr):
        gap = _GAP.match(part)
        if gap or part == "...":
            if not items or pending_gap is not None:
                raise CueSyntaxError(f"gap {part!r} must stand between two words")
            pending_gap = int(gap.group(1)) if gap else LONG_GAP
            continue
        if items:
            gaps.append(0 if pending_gap is None else pending_gap)
        pending_gap = None
        items.append(_parse_item(part))
    if pending_gap is not None:
        raise CueSyntaxError("a phrase cannot end with a gap")
    if items[0].optional or items[-1].optional:
        raise CueSyntaxError("a phrase cannot begin or end with an optional item")
    n_words = sum(max(len(a) for a in item.alternatives) for item in items)
    if kind == "stems" and (len(items) != 1 or n_words != 1):
        raise CueSyntaxError("a stems cue is one word (put several words under phrases)")
    if kind == "phrases" and n_words < 2:
        raise CueSyntaxError("a phrase needs at least two words (put one word under stems)")
    return ParsedCue(tuple(items), tuple(gaps))


def required_literals(pattern: str, common: frozenset[str] = frozenset()) -> set[str] | None:
    """Strings of which every match of ``pattern`` contains at least one (None: unknown).

    Of several such sets the one least likely to occur anyway is chosen: no literal in
    ``common`` (beginnings of stopwords, which are in nearly every text), then the longest.
    """
    found = required_literal_sets(pattern, common)
    return found[0] if found else None


def required_literal_sets(pattern: str, common: frozenset[str] = frozenset(), *,
                          lower: bool = True) -> list[set[str]]:
    """Every set of strings of which each match of ``pattern`` contains one, best first
    (the first is ``required_literals``), lowercased unless ``lower`` is false; empty when
    none is known."""

    def usable(literal: str) -> bool:
        # two characters at least, or one symbol that is rare in text ("£", "€", "$")
        return len(literal) >= 2 or (len(literal) == 1 and not literal.isalnum() and not literal.isspace()
                                     and literal not in ".,!?;:-'\"()")

    def ranked(candidates: list[set[str]]) -> list[set[str]]:
        good = [c for c in candidates if c and all(usable(s) for s in c)]
        # best first; of equals the earliest, as max() would choose
        order = sorted(range(len(good)), key=lambda i: (not (good[i] & common), min(len(s) for s in good[i]), -i))
        return [good[i] for i in reversed(order)]

    def best(candidates: list[set[str]]) -> set[str] | None:
        found = ranked(candidates)
        return found[0] if found else None

    def walk(seq, top: bool = False):
        candidates: list[set[str]] = []
        run = ""
        for op, av in seq:
            if op is sre_c.LITERAL:
                run += chr(av)
                continue
            if run:
                candidates.append({run})
                run = ""
            if op is sre_c.IN and av and all(kind is sre_c.LITERAL for kind, _ in av):
                candidates.append({chr(code) for _, code in av})
            elif op is sre_c.SUBPATTERN:
                found = walk(av[-1])
                if found:
                    candidates.append(found)
            elif op is sre_c.BRANCH:
                union: set[str] = set()
                for branch in av[1]:
                    found = walk(branch)
                    if not found:
                        union = set()
                        break
                    union |= found
                if union:
                    candidates.append(union)
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT) and av[0] >= 1:
                found = walk(av[2])
                if found:
                    candidates.append(found)
        if run:
            candidates.append({run})
        return ranked(candidates) if top else best(candidates)

    try:
        found = walk(sre_parse.parse(pattern), top=True)
    except Exception:  # noqa: BLE001 - an exotic construct: always try the pattern instead
        return []
    return [{s.lower() for s in literals} if lower else literals for literals in found]


@dataclass(slots=True)
class Cue:
    """One compiled rule: a theme's cue in one language (or an exclusion)."""

    theme: int  # index into the taxonomy's themes
    name: str  # "<theme>/<lang>/<kind>/<expression>"
    expr: str
    kind: str  # stems | phrases | patterns | weak | exclusions
    weight: float
    # items[k] = (atoms of its one-word alternatives, its multi-word alternatives as runs of
    # per-token atom sets); first[k]: atoms that can begin item k
    items: tuple[tuple[frozenset[int], tuple[tuple[frozenset[int], ...], ...]], ...] = ()
    first: tuple[frozenset[int], ...] = ()
    optional: tuple[bool, ...] = ()
    #: Per required (not optional) item, the atoms of one word of each alternative: a
    #: sentence lacking all atoms of one of these sets cannot match.
    required: tuple[frozenset[int], ...] = ()
    gaps: tuple[int, ...] = ()
    clause_bound: tuple[bool, ...] = ()  # per gap: may not cross a clause break ("...")
    has_negator: bool = False
    regex: re.Pattern[str] | None = None
    exclusion: bool = False
    #: What counts once in a theme's score: the cue's name; empty for one-word cues, which
    #: count once per theme, kind and stem of the word they matched (so that listing "dyr"
    #: and "dyrt", or "faktura" and "fakturan", does not make one word count twice).
    key: str = ""
    #: The ``required`` atoms of the GATE_LEVELS least common items (repeated when there
    #: are fewer): a sentence lacking one of them is not tried.
    gates: tuple[frozenset[int], ...] = ()
    #: Pattern cues: sets of strings besides the gating literals of which a sentence must
    #: contain one for the pattern to match there.
    also_literals: tuple[tuple[str, ...], ...] = ()
    #: ``required`` without ``gates`` (a sentence the cue is tried in has all of those).
    rest_required: tuple[frozenset[int], ...] = ()
    #: The literals that gate it, and its index among its language's cues.
    literals: tuple[str, ...] = ()
    index: int = -1


#: How many of a phrase's items gate it (by set intersection per sentence, see ``finish``).
GATE_LEVELS = 3

# token flags
NEGATOR, NOT_NEGATING, AFFIRMER, CLAUSE_BREAK, PUNCT, HARD_PUNCT = 1, 2, 4, 8, 16, 32
_HARD = frozenset(".!?…;:")


@dataclass(slots=True)
class LanguageMatcher:
    """Everything needed to match one language's cues, built once per taxonomy."""

    lang: str
    cues: list[Cue] = field(default_factory=list)
    pattern_cues: list[int] = field(default_factory=list)
    unanchored_patterns: list[int] = field(default_factory=list)
    automaton: object = None
    pattern_automaton: object = None
    longest_literal: int = 0
    #: Per gate level, atom -> the token cues gated on it at that level.
    gate_index: tuple[dict[int, tuple[int, ...]], ...] = ()
    n_atoms: int = 0
    word_stems: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    word_forms: dict[str, set[int]] = field(default_factory=dict)
    exact: dict[str, set[int]] = field(default_factory=dict)
    prefixes: dict[str, set[int]] = field(default_factory=dict)
    heads: dict[str, set[int]] = field(default_factory=dict)
    infixes: list[tuple[str, int]] = field(default_factory=list)
    flags_words: dict[str, int] = field(default_factory=dict)
    inflections: tuple[str, ...] = ("",)
    min_prefix: int = 2
    #: Every beginning of a stopword ("i", "ik", "ikk", "ikke"): literals that occur in nearly
    #: every text and so make poor gates.
    common_literals: frozenset[str] = frozenset()
    _atom_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    _info: dict[str, tuple[frozenset[int], int]] = field(default_factory=dict)
    #: Per token seen, filled by ``token_info``: its atoms, the token cues gated on one of
    #: them, and 1 for punctuation (0 for words and numbers). Separate dictionaries so that
    #: a sentence's union or sum is one C-level ``map`` over its tokens.
    token_atoms: dict[str, frozenset[int]] = field(default_factory=dict)
    token_gated: tuple[dict[str, frozenset[int]], ...] = field(
        default_factory=lambda: tuple({} for _ in range(GATE_LEVELS))
    )
    token_punct: dict[str, int] = field(default_factory=dict)

    # --- building -------------------------------------------------------------
    def __post_init__(self) -> None:
        if not self.common_literals:
            self.common_literals = frozenset(
                word[:i] for word in stopwords(self.lang) for i in range(1, len(word) + 1)
            )

    def atom(self, alt: Alt) -> int:
        key = (alt.kind, alt.text)
        found = self._atom_ids.get(key)
        if found is not None:
            return found
        atom_id = self._atom_ids[key] = self.n_atoms
        self.n_atoms += 1
        if alt.kind == "word":
            # A stem can be much shorter than the cue ("overlegen" -> "over"): the token must
            # not be more than STEM_SLACK letters shorter than the cue word.
            min_len = len(alt.text) - STEM_SLACK
            self.word_stems.setdefault(stemmer(self.lang)(alt.text), []).append((atom_id, min_len))
            for suffix in self.inflections:
                self.word_forms.setdefault(alt.text + suffix, set()).add(atom_id)
        elif alt.kind == "exact":
            self.exact.setdefault(alt.text, set()).add(atom_id)
        elif alt.kind == "prefix":
            self.prefixes.setdefault(alt.text, set()).add(atom_id)
        elif alt.kind == "head":
            for suffix in self.inflections:
                self.heads.setdefault(alt.text + suffix, set()).add(atom_id)
        else:
            self.infixes.append((alt.text, atom_id))
        return atom_id

    def anchor(self, alt: Alt) -> str:
        if alt.kind != "word":
            return alt.text
        stem = stemmer(self.lang)(alt.text)
        if self.lang == "en" and stem.endswith("i"):
            stem = stem[:-1]
        return commonprefix([stem, alt.text]) or alt.text

    def finish(self, anchors: dict[str, set[int]]) -> None:
        """Build the look-up structures once every cue is compiled.

        ``anchors`` maps each literal to the cues it gates. All of them go into
        ``automaton`` (no literal in a text: no cue can match, nothing more to do); those
        of pattern cues also into ``pattern_automaton``, which says in which sentences a
        pattern is worth searching for. Token cues are looked up per sentence from the
        atoms present instead: a sentence's candidates are the cues with an atom present at
        every gate level (``gate_index``: per level, atom -> the token cues gated on it).
        """
        self.automaton = _automaton(anchors)
        self.longest_literal = max(map(len, anchors), default=0)
        self.pattern_automaton = _automaton(
            {literal: {i for i in ids if self.cues[i].regex is not None} for literal, ids in anchors.items()}
        )
        levels: list[dict[int, list[int]]] = [{} for _ in range(GATE_LEVELS)]
        for cue_idx, cue in enumerate(self.cues):
            if cue.regex is None:
                for index, gate in zip(levels, cue.gates):
                    for atom in gate:
                        index.setdefault(atom, []).append(cue_idx)
        self.gate_index = tuple({atom: tuple(ids) for atom, ids in index.items()} for index in levels)

    # --- matching ---------------------------------------------------------------
    def trim_memo(self, limit: int = 300_000) -> None:
        """Forget every token seen once more than ``limit`` are known (between texts only:
        a text's tokens must stay known while it is matched)."""
        if len(self._info) > limit:
            for memo in (self._info, self.token_atoms, self.token_punct, *self.token_gated):
                memo.clear()

    def token_info(self, token: str) -> tuple[frozenset[int], int]:
        """(atoms the token satisfies, flags); computed once per distinct token."""
        info = self._info.get(token)
        if info is not None:
            return info
        atoms: set[int] = set()
        flags = self.flags_words.get(token, 0)
        if token in PUNCTUATION or not token[0].isalnum():
            flags |= PUNCT | (HARD_PUNCT if token[0] in _HARD else 0)
        else:
            found = self.word_stems.get(stemmer(self.lang)(token))
            if found:
                atoms.update(atom_id for atom_id, min_len in found if len(token) >= min_len)
            found = self.word_forms.get(token)
            if found:
                atoms |= found
            found = self.exact.get(token)
            if found:
                atoms |= found
            if self.heads:
                for i in range(len(token) - 1):
                    found = self.heads.get(token[i:])
                    if found:
                        atoms |= found
            if self.prefixes:
                for i in range(self.min_prefix, len(token) + 1):
                    found = self.prefixes.get(token[:i])
                    if found:
                        atoms |= found
            for literal, atom_id in self.infixes:
                if literal in token:
                    atoms.add(atom_id)
        info = (frozenset(atoms), flags)
        self._info[token] = info
        self.token_atoms[token] = info[0]
        for gated, index in zip(self.token_gated, self.gate_index):
            gated[token] = frozenset(cue_idx for atom in info[0] if atom in index for cue_idx in index[atom])
        self.token_punct[token] = 1 if flags & PUNCT else 0
        return info


def _automaton(literals: dict[str, set[int]]) -> ahocorasick.Automaton:
    """Aho-Corasick over the literals that gate some cue; a hit's value is (literal, cue ids)."""
    automaton = ahocorasick.Automaton()
    for literal, cue_ids in literals.items():
        if cue_ids:
            automaton.add_word(literal, (literal, tuple(sorted(cue_ids))))
    if len(automaton) == 0:
        automaton.add_word("\x00never\x00", ("", ()))
    automaton.make_automaton()
    return automaton


def compile_cue(matcher: LanguageMatcher, cue: Cue, parsed: ParsedCue, long_gap: int,
                negators: frozenset[str]) -> tuple[Cue, set[str]]:
    """Fill in a Cue's atoms or regex; returns it and the literals that gate it."""
    if parsed.pattern is not None:
        cue.regex = re.compile(parsed.pattern)
        cue.key = cue.name
        raw = required_literal_sets(parsed.pattern, matcher.common_literals, lower=False)
        # The first set, lowercased, gates the cue. A sentence must also contain one string
        # of each of the next few small sets before the pattern is searched there (``in`` is
        # cheaper): sets of strings that lowercasing leaves alone, in a case-sensitive
        # pattern, so that ``in`` on the lowercased sentence says exactly whether they occur.
        if not cue.regex.flags & re.IGNORECASE and not _SCOPED_IGNORECASE.search(parsed.pattern):
            cue.also_literals = tuple(
                tuple(sorted(found)) for found in raw[1:]
                if len(found) <= 8 and all(s == s.lower() for s in found)
            )[:3]
        return cue, {s.lower() for s in raw[0]} if raw else set()
    items = []
    firsts = []
    anchor_sets: list[set[str]] = []
    needs: list[tuple[frozenset[int], bool, int]] = []
    stops = stopwords(matcher.lang)
    for item in parsed.items:
        single: set[int] = set()
        multi = []
        item_anchors: set[str] = set()
        need: set[int] = set()
        common_word = False
        shortest = 1_000
        for run in item.alternatives:
            atoms = tuple(frozenset({matcher.atom(a)}) for a in run)
            if len(atoms) == 1:
                single |= atoms[0]
            else:
                multi.append(atoms)
            # every word of a multi-word alternative must occur: its longest anchor will do,
            # and its least common word (no stopword, then the longest) for the atoms needed
            item_anchors.add(max((matcher.anchor(a) for a in run), key=len))
            j = min(range(len(run)), key=lambda j: (run[j].text in stops, -len(run[j].text)))
            need |= atoms[j]
            common_word = common_word or run[j].text in stops
            shortest = min(shortest, len(run[j].text))
            if any(a.kind in ("word", "exact") and a.text in negators for a in run):
                cue.has_negator = True
        items.append((frozenset(single), tuple(multi)))
        firsts.append(frozenset(single).union(*(run[0] for run in multi)))
        if not item.optional:
            anchor_sets.append(item_anchors)
            needs.append((frozenset(need), common_word, shortest))
    # Gate the cue on its most distinctive required item ("bestemmer" rather than "ikke"):
    # one whose literals begin no stopword, then the one whose shortest literal is longest,
    # then the one with fewest literals. Per sentence it is gated on the atoms of its
    # GATE_LEVELS items least likely to occur anyway, chosen the same way from their words.
    common = matcher.common_literals
    anchors = max(
        anchor_sets, key=lambda found: (not (found & common), min(map(len, found)), -len(found))
    )
    cue.required = tuple(need for need, _, _ in needs)
    by_rarity = sorted(range(len(needs)), key=lambda k: (not needs[k][1], needs[k][2], -len(needs[k][0])),
                       reverse=True)
    gated = by_rarity[:GATE_LEVELS]
    cue.gates = tuple(cue.required[k] for k in gated + gated[:1] * (GATE_LEVELS - len(gated)))
    cue.rest_required = tuple(cue.required[k] for k in by_rarity[GATE_LEVELS:])
    cue.items = tuple(items)
    cue.first = tuple(firsts)
    cue.optional = tuple(item.optional for item in parsed.items)
    cue.gaps = tuple(long_gap if g == LONG_GAP else g for g in parsed.gaps)
    cue.clause_bound = tuple(g == LONG_GAP for g in parsed.gaps)
    one_word = len(parsed.items) == 1 and all(len(run) == 1 for run in parsed.items[0].alternatives)
    cue.key = "" if one_word else cue.name
    return cue, anchors
