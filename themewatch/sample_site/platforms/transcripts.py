"""/samtaler/: transcripts of calls to Fjordnett's support line, in nb, sv and en.

An index page links every call file, ``/samtaler/YYYY/MM/<call id>.<txt|vtt|json>``:

- ``.txt``: a header line (call id, start time with offset, language), then one
  ``Speaker: text`` line per turn (``Agent``/``Kunde``/``Kunden``/``Kund``/``Jag``/``Customer``).
  Turns carry no times of their own, so the truth dates every turn of a txt call at its start.
- ``.vtt``: WebVTT with a NOTE giving call id and start; speakers as ``<v Name>`` voice
  tags or ``Name:`` prefixes; long turns span two cues of the same speaker.
- ``.json``: a list of turns ``{"speaker", "role"?, "start", "text"}``, ``start`` an ISO
  8601 UTC instant; some files name the agent and give roles, some only labels.

Speakers alternate strictly, so consecutive cues of one speaker always belong to one turn.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from random import Random

from themewatch.sample_site import clock
from themewatch.sample_site.model import Thread, Unit
from themewatch.sample_site.phrasebank import load_bank
from themewatch.sample_site.render import SiteWriter, latest, render
from themewatch.sample_site.schedule import Window, instant_in_week, weekly_counts

PREFIX = "/samtaler/"
LABELS = {"nb": (("Agent", "Kunde"), ("Agent", "Kunden")), "sv": (("Agent", "Kund"), ("Handläggare", "Jag")),
          "en": (("Agent", "Customer"),)}
HEADER = {"nb": ("Samtale-ID", "Start", "Språk"), "sv": ("Samtals-ID", "Start", "Språk"),
          "en": ("Call ID", "Start", "Language")}
HOLD_WORDS = ("øyeblikk", "ögonblick", "moment")


def plan(rng: Random, window: Window) -> list[Thread]:
    """Calls and their turns (texts come later; turn times are set by :func:`finish`)."""
    calls: list[Thread] = []
    seq = 300_000
    for monday, count in zip(window.mondays, weekly_counts(rng, 3.1, window)):
        for _ in range(count):
            lang = rng.choices(("nb", "sv", "en"), weights=(5, 3, 2))[0]
            start = instant_in_week(rng, window, monday, calls=True)
            fmt = rng.choices(("txt", "vtt", "json"), weights=(4, 3, 3))[0]
            agent_label, customer_label = rng.choice(LABELS[lang])
            agent_name = rng.choice(load_bank(lang).entries("slots.agent"))
            named = fmt == "json" and rng.random() < 0.6
            n = rng.randint(3, 10) * 2
            roles = ["agent", "customer"] + ["agent", "customer"] * ((n - 4) // 2) + ["agent", "customer"]
            units = []
            for i, role in enumerate(roles):
                style = ("call_agent_greet" if i == 0 else "call_agent_close" if i == n - 2 else "call_agent") \
                    if role == "agent" else \
                    ("call_customer_open" if i == 1 else "call_customer_close" if i == n - 1 else "call_customer")
                speaker = (agent_name if named else agent_label) if role == "agent" else customer_label
                unit = Unit("transcript", PREFIX, "turn", lang, i, start, speaker, role, style,
                            theme_eligible=style not in ("call_agent_greet", "call_agent_close", "call_customer_close"))
                unit.extra.update(seq=seq, first=agent_name)
                seq += 1
                units.append(unit)
            calls.append(Thread("transcript", lang, fmt, units,
                                extra={"seq": units[0].extra["seq"], "start": start, "named": named,
                                       "voice": rng.random() < 0.5, "spaced": rng.random() < 0.5}))
    _assign_call_ids(calls, rng)
    return calls


def _assign_call_ids(calls: list[Thread], rng: Random) -> None:
    counters: dict[str, int] = {}
    for call in sorted(calls, key=lambda c: (c.extra["start"], c.extra["seq"])):
        day = call.extra["start"].strftime("%Y%m%d")
        counters[day] = counters.get(day, rng.randint(10, 90)) + rng.randint(1, 30)
        call.thread_id = f"FN-{day}-{counters[day]:04d}"
        for u in call.units:
            u.post_id = f"{call.thread_id}:{u.position + 1}"


def finish(calls: list[Thread], rng: Random) -> None:
    """Turn offsets from text length (plus holds); vtt/json turns are dated start + offset."""
    for call in calls:
        offset = 0.0
        for u in call.units:
            words = len(u.text.split())
            u.extra["offset"] = offset
            u.extra["duration"] = 1.2 + 0.38 * words
            offset += u.extra["duration"] + rng.uniform(0.3, 2.5)
            if u.role == "agent" and any(w in u.text.lower() for w in HOLD_WORDS):
                offset += rng.uniform(20, 90)
            if call.section != "txt":
                u.published_at = call.extra["start"] + timedelta(seconds=int(u.extra["offset"]))


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _txt(call: Thread) -> str:
    id_label, start_label, lang_label = HEADER[call.lang]
    head = f"{id_label}: {call.thread_id} | {start_label}: {clock.iso_local(call.extra['start'])} | {lang_label}: {call.lang}"
    sep = "\n\n" if call.extra["spaced"] else "\n"
    return head + "\n\n" + sep.join(f"{u.author}: {u.text}" for u in call.units) + "\n"


def _vtt(call: Thread) -> str:
    id_label, start_label, _ = HEADER[call.lang]
    out = ["WEBVTT", "", "NOTE", f"{id_label}: {call.thread_id}", f"{start_label}: {clock.iso_local(call.extra['start'])}", ""]
    cue = 1
    for u in call.units:
        words = u.text.split()
        parts = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])] if len(words) > 18 else [u.text]
        begin, span = u.extra["offset"], u.extra["duration"] / len(parts)
        for k, part in enumerate(parts):
            payload = f"<v {u.author}>{part}" if call.extra["voice"] else f"{u.author}: {part}"
            out += [str(cue), f"{_stamp(begin + k * span)} --> {_stamp(begin + (k + 1) * span)}", payload, ""]
            cue += 1
    return "\n".join(out)


def _json(call: Thread) -> str:
    turns = []
    for u in call.units:
        turn = {"speaker": u.author}
        if call.extra["named"]:
            turn["role"] = u.role
        turn.update(start=clock.iso_z(call.extra["start"] + timedelta(seconds=u.extra["offset"])), text=u.text)
        turns.append(turn)
    return json.dumps(turns, ensure_ascii=False, indent=2) + "\n"


def build(calls: list[Thread], window: Window, writer: SiteWriter) -> list[str]:
    """Write every call file and the index; return the start URLs."""
    rows = []
    for call in sorted(calls, key=lambda c: (c.extra["start"], c.thread_id), reverse=True):
        start: datetime = call.extra["start"]
        loc = clock.to_local(start)
        url = f"{PREFIX}{loc:%Y/%m}/{call.thread_id}.{call.section}"
        body = {"txt": _txt, "vtt": _vtt, "json": _json}[call.section](call)
        end = start + timedelta(seconds=call.units[-1].extra["offset"] + call.units[-1].extra["duration"])
        writer.write(url, body, mtime=end)
        for u in call.units:
            u.page_url, u.url = url, url
        rows.append({"id": call.thread_id, "url": url, "lang": call.lang, "format": call.section,
                     "turns": len(call.units), "iso": clock.iso_local(start), "when": f"{loc:%d.%m.%Y %H:%M}",
                     "minutes": max(1, round((end - start).total_seconds() / 60))})
    writer.write(PREFIX, render("samtaler/index.html.j2", rows=rows),
                 mtime=latest((c.extra["start"] for c in calls), window.end))
    return [PREFIX]
