"""Compose a unit's own text from its language's phrase bank, following its themes and style.

Every theme a unit carries gets at least one sentence from that theme's section, and no
other sentence comes from a theme section, so the intended themes in the ground truth
hold by construction. Units marked ``new_fee`` (the rising weeks) talk about the new
handling fee (``*_new`` sections) rather than fees in general. Customers' written posts get a casual finish: now and then a typo,
a connector ("Ærlig talt..."), a trailing ":(" or "!!".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from random import Random

from themewatch.sample_site.model import RISING_THEME, THEMES, Unit
from themewatch.sample_site.phrasebank import Bank, load_bank


def typo(sentence: str, rng: Random) -> str:
    """Swap, drop or double one letter inside one lowercase word of five letters or more."""
    words = sentence.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha() and w.islower()]
    if not candidates:
        return sentence
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == 1:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


class _Builder:
    """Collects sentences into paragraphs for one unit."""

    def __init__(self, bank: Bank, rng: Random, given: Mapping[str, str], avoid: set[str],
                 *, casual: bool, spoken: bool, new_fee: bool) -> None:
        self.bank, self.rng, self.given, self.avoid = bank, rng, given, avoid
        self.casual, self.spoken, self.new_fee = casual, spoken, new_fee
        self.paras: list[list[str]] = [[]]
        self.pii = False

    def add(self, key: str, *, theme: bool = False) -> None:
        text, pii = self.bank.say(key, self.rng, self.avoid, self.given, spoken=self.spoken)
        self.pii = self.pii or pii
        if self.casual:
            text = self._roughen(text, theme)
        self.paras[-1].append(text)

    def _roughen(self, text: str, theme: bool) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            text = typo(text, rng)
        if theme and rng.random() < 0.06:
            text = f"{self.bank.pick('neutral.connector', rng)} {text}"
        if theme and text.endswith(".") and rng.random() < 0.08:
            tail = self.bank.pick("neutral.tail", rng)
            text = text[:-1] + ("" if tail.startswith("!") else " ") + tail
        return text

    def theme(self, theme: str, role: str, count: int = 1) -> None:
        key = f"theme.{theme}.{'agent' if role == 'agent' else 'customer'}"
        if theme == "customer_abuse" and self.spoken and role != "agent":
            key = "call.abuse"
        if theme == RISING_THEME and self.new_fee and self.bank.has(f"{key}_new"):
            key = f"{key}_new"
        for _ in range(count):
            self.add(key, theme=True)

    def maybe(self, p: float, key: str) -> None:
        if self.rng.random() < p:
            self.add(key)

    def breakpara(self) -> None:
        if self.paras[-1]:
            self.paras.append([])

    def paragraphs(self) -> list[str]:
        """Sentences joined by spaces; long single paragraphs split in two or three."""
        paras = [p for p in self.paras if p]
        if len(paras) == 1 and len(paras[0]) >= 5 and not self.spoken:
            sents = paras[0]
            cut = self.rng.randrange(2, len(sents) - 1)
            paras = [sents[:cut], sents[cut:]]
        return [" ".join(p) for p in paras]


def _forum_opener(b: _Builder, u: Unit) -> None:
    rng = b.rng
    if rng.random() < 0.35:
        b.add("neutral.greeting")
        if rng.random() < 0.5:
            b.breakpara()
    b.maybe(0.6, "neutral.context")
    rant = bool(u.themes) and rng.random() < 0.12
    for t in u.themes:
        b.theme(t, u.role, 3 if rant else (2 if rng.random() < 0.4 else 1))
        if rant:
            b.breakpara()
    if not u.themes:
        b.add("neutral.question")
        b.maybe(0.7, "neutral.detail")
        b.maybe(0.3, "neutral.detail")
    else:
        b.maybe(0.3, "neutral.detail")
        b.maybe(0.25, "neutral.question")
    b.maybe(0.08, "neutral.negated")
    b.maybe(0.06, "neutral.pii")
    b.maybe(0.2, "neutral.signoff")


def _forum_reply(b: _Builder, u: Unit, neutral_pool: tuple[str, ...] = ()) -> None:
    rng = b.rng
    b.maybe(0.06, "neutral.greeting")
    rant = bool(u.themes) and rng.random() < 0.07
    for t in u.themes:
        b.theme(t, u.role, 3 if rant else (2 if rng.random() < 0.35 else 1))
    if not u.themes:
        pool = neutral_pool or ("neutral.thanks", "neutral.detail", "neutral.question", "neutral.context")
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            b.add(rng.choice(pool))
    else:
        b.maybe(0.2, "neutral.detail")
    b.maybe(0.07, "neutral.negated")
    b.maybe(0.04, "neutral.pii")
    b.maybe(0.05, "neutral.signoff")


def _agent(b: _Builder, u: Unit) -> None:
    rng = b.rng
    if rng.random() < 0.8:
        b.add("agent.open")
        if rng.random() < 0.4:
            b.breakpara()
    for t in u.themes:
        b.theme(t, "agent")
    for _ in range(rng.choice((0, 1)) if u.themes else rng.choice((1, 1, 2))):
        b.add("agent.neutral")
    if rng.random() < 0.7:
        b.breakpara()
        b.add("agent.close")


def _blog_post(b: _Builder, u: Unit) -> None:
    rng = b.rng
    b.add("blog.intro")
    b.maybe(0.5, "blog.reflection")
    b.breakpara()
    for t in u.themes:
        b.theme(t, "customer", rng.choice((2, 2, 3)))
        b.breakpara()
    if not u.themes:
        b.add("neutral.context")
        b.add("blog.reflection")
        b.breakpara()
    b.add("blog.reflection")
    b.breakpara()
    b.add("blog.outro")


def _blog_comment(b: _Builder, u: Unit) -> None:
    if b.rng.random() < 0.3:
        b.add("blog.comment")
    _forum_reply(b, u, ("blog.comment", "neutral.context", "neutral.question"))


def _blog_reply(b: _Builder, u: Unit) -> None:
    b.add("blog.reply")
    for t in u.themes:
        b.theme(t, "customer")
    b.maybe(0.3, "blog.reflection")


def _call_customer(b: _Builder, u: Unit) -> None:
    for t in u.themes:
        b.theme(t, "customer")
    if not u.themes:
        b.add("call.customer_neutral")
    b.maybe(0.04, "call.pii")


def _call_customer_open(b: _Builder, u: Unit) -> None:
    b.add("call.customer_open")
    for t in u.themes:
        b.theme(t, "customer")


def _call_agent(b: _Builder, u: Unit) -> None:
    for t in u.themes:
        b.theme(t, "agent")
    if not u.themes or b.rng.random() < 0.3:
        b.add("call.agent_neutral")


STYLES: dict[str, Callable[[_Builder, Unit], None]] = {
    "forum_opener": _forum_opener,
    "forum_reply": _forum_reply,
    "forum_agent": _agent,
    "blog_post": _blog_post,
    "blog_comment": _blog_comment,
    "blog_reply": _blog_reply,
    "blog_agent": _agent,
    "call_agent_greet": lambda b, u: b.add("call.agent_greet"),
    "call_agent": _call_agent,
    "call_agent_close": lambda b, u: b.add("call.agent_close"),
    "call_customer_open": _call_customer_open,
    "call_customer": _call_customer,
    "call_customer_close": lambda b, u: b.add("call.customer_close"),
}
CASUAL_STYLES = frozenset({"forum_opener", "forum_reply", "blog_comment"})
FIXED_STYLES = frozenset({"call_agent_greet", "call_agent_close", "call_customer_close"})


def agent_themes(lang: str) -> tuple[str, ...]:
    """Themes an agent can speak to in ``lang`` (those with an agent section)."""
    bank = load_bank(lang)
    return tuple(t for t in THEMES if bank.has(f"theme.{t}.agent"))


def compose_unit(unit: Unit, rng: Random, given: Mapping[str, str], avoid: set[str]) -> None:
    """Fill ``unit.paragraphs`` (and ``has_pii``) from its style and themes; deleted units stay empty."""
    if unit.deleted:
        unit.paragraphs = []
        return
    spoken = unit.style.startswith("call_")
    builder = _Builder(load_bank(unit.lang), rng, given, avoid, casual=unit.style in CASUAL_STYLES,
                       spoken=spoken, new_fee=bool(unit.extra.get("new_fee")))
    STYLES[unit.style](builder, unit)
    unit.paragraphs = builder.paragraphs()
    unit.has_pii = builder.pii
