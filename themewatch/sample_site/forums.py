"""Planning shared by the two forums (IPS and phpBB): members, topics, replies, quotes, edits.

A plan is the skeleton of each topic: who posts when, who quotes whom, which posts are
edited or deleted. Themes and texts are filled in later (themes.py, texts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from random import Random

from themewatch.sample_site.model import Quote, Thread, Unit
from themewatch.sample_site.phrasebank import Bank
from themewatch.sample_site.schedule import (
    WARMUP,
    Window,
    instant_in_week,
    later,
    thread_size,
    weekly_counts,
)


@dataclass(frozen=True)
class Member:
    """A forum account: display name, role in the truth, shown group/rank, signature."""

    name: str
    role: str
    group: str
    first: str = ""
    signature: str | None = None
    style: str = "forum_reply"
    member_id: int = 0


@dataclass(frozen=True)
class ForumSpec:
    platform: str
    source: str
    lang: str
    sections: tuple[tuple[str, str, str], ...]
    threads_per_week: float
    p_staff: float
    p_quote: float
    p_delete: float
    p_edit: float
    p_unlinked_quote: float
    edit_reasons: tuple[str, ...]


def make_members(rng: Random, bank: Bank, count: int, group: str, first_id: int) -> list[Member]:
    """``count`` distinct invented customer accounts; about a quarter have a signature."""
    names: list[str] = []
    real = list(bank.entries("users.real"))
    rng.shuffle(real)
    while len(names) < count:
        if real and rng.random() < 0.35:
            name = real.pop()
        else:
            name = bank.pick("users.first", rng) + bank.pick("users.second", rng)
            if rng.random() < 0.5 and not name[-1].isdigit():
                name += str(rng.choice((rng.randint(1, 99), rng.randint(1960, 2005))))
        if name not in names:
            names.append(name)
    members = []
    for i, name in enumerate(names):
        signature = bank.say("signature", rng)[0] if rng.random() < 0.25 else None
        members.append(Member(name, "customer", group, signature=signature,
                              member_id=first_id + 137 * i + rng.randint(0, 120)))
    return members


def _member_weights(members: list[Member]) -> list[float]:
    """A few very active members, a long tail of occasional ones (Zipf-like)."""
    return [1.0 / (rank + 1) ** 0.8 for rank in range(len(members))]


def _pick_quotes(rng: Random, spec: ForumSpec, earlier: list[Unit], author: str, agent: bool) -> list[Quote]:
    candidates = [u for u in earlier[-8:] if not u.deleted and u.author != author]
    if not candidates or rng.random() >= (spec.p_quote * (1.6 if agent else 1.0)):
        return []
    targets = [candidates[-1] if rng.random() < 0.6 else rng.choice(candidates)]
    if len(candidates) > 1 and rng.random() < 0.15:
        other = rng.choice([c for c in candidates if c is not targets[0]])
        targets = sorted([targets[0], other], key=lambda u: u.position)
    return [Quote(t, partial=rng.random() < 0.4,
                  linked=rng.random() >= spec.p_unlinked_quote) for t in targets]


def plan_forum(rng: Random, window: Window, spec: ForumSpec, members: list[Member],
               staff: list[Member], seq_start: int) -> list[Thread]:
    """Topics of one forum over the window; replies after the window's end are dropped."""
    weights = _member_weights(members)
    moderators = [s for s in staff if s.group == "Moderator"] or staff
    threads: list[Thread] = []
    seq = seq_start
    for monday, count in zip(window.mondays, weekly_counts(rng, spec.threads_per_week, window, warmup=WARMUP)):
        for _ in range(count):
            section = rng.choice(spec.sections)
            opener = rng.choices(members, weights=weights)[0]
            t = instant_in_week(rng, window, monday)
            units: list[Unit] = []
            for position in range(thread_size(rng)):
                if position == 0:
                    author = opener
                else:
                    t = later(rng, t, 2.0 if position < 3 else rng.choice((5.0, 9.0, 14.0)))
                    if t > window.end:
                        break
                    author = _reply_author(rng, opener, members, weights, staff, spec, units)
                unit = Unit(spec.platform, spec.source, "post", spec.lang, position, t,
                            author.name, author.role,
                            "forum_opener" if position == 0 else author.style,
                            group=author.group, signature=author.signature)
                unit.extra.update(seq=seq, member_id=author.member_id, first=author.first)
                seq += 1
                if position > 0 and rng.random() < spec.p_delete:
                    unit.deleted, unit.theme_eligible = True, False
                    unit.extra["deleted_by"] = rng.choice(moderators).name
                else:
                    unit.quotes = _pick_quotes(rng, spec, units, author.name, author.role == "agent")
                    _maybe_edit(rng, spec, unit, moderators, window)
                units.append(unit)
            threads.append(Thread(spec.platform, spec.lang, section[0], units,
                                  extra={"seq": units[0].extra["seq"], "section": section}))
    return threads


def _reply_author(rng: Random, opener: Member, members: list[Member], weights: list[float],
                  staff: list[Member], spec: ForumSpec, units: list[Unit]) -> Member:
    previous = units[-1].author if units else ""
    if staff and rng.random() < spec.p_staff:
        choice = rng.choice(staff)
        if choice.name != previous:
            return choice
    if opener.name != previous and rng.random() < 0.3:
        return opener
    for _ in range(5):
        choice = rng.choices(members, weights=weights)[0]
        if choice.name != previous:
            return choice
    return choice


def _maybe_edit(rng: Random, spec: ForumSpec, unit: Unit, moderators: list[Member], window: Window) -> None:
    if rng.random() >= spec.p_edit:
        return
    edited = unit.published_at + timedelta(minutes=rng.randint(2, 900))
    if edited > window.end:
        return
    unit.edited_at = edited
    by_mod = rng.random() < 0.15 and unit.role != "agent"
    unit.editor = rng.choice(moderators).name if by_mod else unit.author
    if rng.random() < 0.3:
        unit.edit_reason = rng.choice(spec.edit_reasons)
