"""Numbers, dates, labels and quotes formatted for people, in Norwegian, Swedish or English.

Counts get thousands separators (``12 345`` in nb/sv, ``12,345`` in en), shares
are percentages (``12,3 %`` / ``12.3%``), changes of a share are percentage
points, and theme ids become the labels of the chosen language. Quotes are
escaped here, with the tagger's evidence marked up, so templates never build
HTML from stored text themselves.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from themewatch import defaults
from themewatch.errors import InputError

LANGS = ("nb", "sv", "en")

NBSP = "\u00a0"
MINUS = "\u2212"


@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    group: str
    minus: str
    percent: str  # format with {value}
    points: str  # unit of a change in percentage points


STYLES = {
    "nb": NumberStyle(",", NBSP, MINUS, "{value}" + NBSP + "%", NBSP + "pp"),
    "sv": NumberStyle(",", NBSP, MINUS, "{value}" + NBSP + "%", NBSP + "p.e."),
    "en": NumberStyle(".", ",", "-", "{value}%", NBSP + "pp"),
}

MONTHS = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "nb": {"nb": "bokmål", "nn": "nynorsk", "sv": "svensk", "da": "dansk", "en": "engelsk"},
    "sv": {"nb": "norska (bokmål)", "nn": "nynorska", "sv": "svenska", "da": "danska",
           "en": "engelska"},
    "en": {"nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk", "sv": "Swedish", "da": "Danish",
           "en": "English"},
}


#: What raised a drift flag (theme_drift.method), said for people; older values pass through.
METHOD_NAMES: dict[str, dict[str, str]] = {
    "nb": {"weekly": "denne uken, mid-p Fisher", "two_weeks": "to uker samlet, mid-p Fisher"},
    "sv": {"weekly": "denna vecka, mid-p Fisher", "two_weeks": "två veckor sammantaget, mid-p Fisher"},
    "en": {"weekly": "this week, mid-p Fisher", "two_weeks": "two weeks pooled, mid-p Fisher"},
}


def check_lang(lang: str) -> str:
    """``lang`` if the report speaks it, else a one-line InputError."""
    if lang not in LANGS:
        raise InputError(f"language {lang!r}: the report speaks {', '.join(LANGS)}")
    return lang


def theme_label(theme: str, lang: str) -> str:
    """The theme's label in ``lang`` from the taxonomy file; the id itself for a theme it does not know."""
    from transforms.taxonomy import theme_label as taxonomy_label

    return taxonomy_label(theme, lang)


def language_name(code: str | None, lang: str) -> str:
    if not code:
        return "?"
    return LANGUAGE_NAMES[lang].get(code, code)


def method_name(method: str | None, lang: str) -> str:
    if not method:
        return "–"
    return METHOD_NAMES[lang].get(method, method)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_number(value: float | None, lang: str, decimals: int = 0, sign: bool = False) -> str:
    """``12 345``, ``1,5`` (nb/sv) or ``12,345``, ``1.5`` (en); ``–`` for no value."""
    if _missing(value):
        return "–"
    style = STYLES[lang]
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = _group(whole, style.group)
    out = whole + (style.decimal + fraction if fraction else "")
    if rounded < 0:
        return style.minus + out
    if sign:
        return ("+" if rounded > 0 else "±") + out
    return out


def format_count(value: int | None, lang: str) -> str:
    return format_number(value, lang, 0)


def format_share(value: float | None, lang: str, decimals: int = 1) -> str:
    """A share (0.123) as a percentage: ``12,3 %`` / ``12.3%``; tiny non-zero shares as ``< 0,1 %``."""
    if _missing(value):
        return "–"
    style = STYLES[lang]
    smallest = 10 ** -decimals
    if 0 < value * 100 < smallest:
        return "<" + NBSP + style.percent.format(value=format_number(smallest, lang, decimals))
    return style.percent.format(value=format_number(value * 100, lang, decimals))


def format_points(delta: float | None, lang: str, decimals: int = 1) -> str:
    """A change of a share in percentage points: ``+2,1 pp``, ``−0,4 p.e.``."""
    if _missing(delta):
        return "–"
    return format_number(delta * 100, lang, decimals, sign=True) + STYLES[lang].points


def format_relative(ratio: float | None, lang: str) -> str:
    """A relative change (0.45) as ``+45 %``."""
    if _missing(ratio) or (isinstance(ratio, float) and math.isinf(ratio)):
        return "–"
    return STYLES[lang].percent.format(value=format_number(ratio * 100, lang, 0, sign=True))


def format_p(value: float | None, lang: str) -> str:
    """A p or q value: ``0,012``, ``< 0,001``."""
    if _missing(value):
        return "–"
    if value < 0.001:
        return "<" + NBSP + format_number(0.001, lang, 3)
    if value < 0.01:
        return format_number(value, lang, 4)
    return format_number(value, lang, 3)


def format_p_clause(value: float | None, lang: str) -> str:
    """``= 0,012`` or ``< 0,001``: a p or q value to follow "p" in a sentence."""
    text = format_p(value, lang)
    return text if text.startswith("<") or text == "–" else "= " + text


def format_statistic(value: float | None, lang: str) -> str:
    return format_number(value, lang, 2)


def format_date(value: date | datetime | None, lang: str) -> str:
    """``16. november 2026`` (nb), ``16 november 2026`` (sv), ``16 November 2026`` (en)."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = local_time(value).date()
    month = MONTHS[lang][value.month - 1]
    dot = "." if lang == "nb" else ""
    return f"{value.day}{dot} {month} {value.year}"


def format_datetime(value: datetime | None, lang: str) -> str:
    if value is None:
        return "–"
    moment = local_time(value)
    return f"{format_date(moment, lang)} {moment:%H:%M}"


def local_time(value: datetime) -> datetime:
    """A stored (UTC) timestamp in the report's time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(defaults.REPORT_TIMEZONE))


def format_week_span(monday: date, lang: str) -> str:
    """``16.–22. november 2026``; across months ``30. november – 6. desember 2026``."""
    sunday = monday + timedelta(days=6)
    dot = "." if lang == "nb" else ""
    months = MONTHS[lang]
    if monday.month == sunday.month:
        return f"{monday.day}{dot}–{sunday.day}{dot} {months[sunday.month - 1]} {sunday.year}"
    first_year = f" {monday.year}" if monday.year != sunday.year else ""
    return (f"{monday.day}{dot} {months[monday.month - 1]}{first_year} – "
            f"{sunday.day}{dot} {months[sunday.month - 1]} {sunday.year}")


def format_week_short(monday: date, lang: str) -> str:
    """The short label of a week on a chart axis: ``U47`` / ``V47`` / ``W47``."""
    prefix = {"nb": "U", "sv": "V", "en": "W"}[lang]
    return f"{prefix}{monday.isocalendar()[1]}"


QUOTES = {"nb": ("«", "»"), "sv": ("”", "”"), "en": ("“", "”")}


def quoted(text: str, lang: str) -> str:
    """A phrase in the language's quotation marks: «nye appen», ”bankid strular”, “app”."""
    left, right = QUOTES[lang]
    return f"{left}{text}{right}"


def safe_url(url: str | None) -> str | None:
    """A URL fit for a link: http(s) only, so stored data never injects ``javascript:``."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


# --- Quotes with their evidence -------------------------------------------------------

QUOTE_CONTEXT_CHARS = 420


def _find(haystack: str, needle: str, start: int = 0) -> int:
    position = haystack.find(needle, start)
    if position < 0:
        position = haystack.lower().find(needle.lower(), start)
    return position


def _spans(text: str, evidence: list[dict], phrase: str | None) -> list[tuple[int, int, str]]:
    """Character spans to mark: evidence sentences ("mark") and cues or phrases ("cue")."""
    spans: list[tuple[int, int, str]] = []
    for item in evidence or []:
        sentence = (item.get("sentence") or "").strip()
        cue = (item.get("cue") or "").strip()
        at = _find(text, sentence) if sentence else -1
        if at >= 0:
            spans.append((at, at + len(sentence), "mark"))
            inner = _find(text[at:at + len(sentence)], cue) if cue else -1
            if inner >= 0:
                spans.append((at + inner, at + inner + len(cue), "cue"))
        elif cue:
            found = _find(text, cue)
            if found >= 0:
                spans.append((found, found + len(cue), "cue"))
    if phrase:
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase), re.IGNORECASE)
        spans.extend((m.start(), m.end(), "cue") for m in pattern.finditer(text))
    return spans


def _window(text: str, spans: list[tuple[int, int, str]], size: int) -> tuple[int, int]:
    if len(text) <= size:
        return 0, len(text)
    first = min((s for s in spans), key=lambda s: s[0], default=(0, 0, ""))
    start = max(0, min(first[0] - size // 4, len(text) - size))
    end = min(len(text), max(start + size, first[1]))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first[0] else start
    if end < len(text):
        space = text.rfind(" ", first[1], end)
        end = space if space > first[1] else end
    return start, end


def highlight_quote(text: str | None, evidence: list[dict] | None = None,
                    phrase: str | None = None, max_chars: int = QUOTE_CONTEXT_CHARS) -> Markup:
    """The stored text, escaped, cut to a window around the evidence, evidence sentences in
    ``<mark>`` and matched cues (or the phrase) in ``<strong>``."""
    text = text or ""
    spans = _spans(text, evidence or [], phrase)
    start, end = _window(text, spans, max_chars)
    marks = sorted((s for s in spans if s[2] == "mark"), key=lambda s: s[0])
    cues = sorted((s for s in spans if s[2] == "cue"), key=lambda s: s[0])
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}

    def add(spans_of_kind: list[tuple[int, int, str]], tag: str) -> list[tuple[int, int]]:
        kept: list[tuple[int, int]] = []
        for s, e, _ in spans_of_kind:
            s, e = max(s, start), min(e, end)
            if s >= e or any(s < ke and ks < e for ks, ke in kept):
                continue
            kept.append((s, e))
            opens.setdefault(s, []).append(tag)
            closes.setdefault(e, []).append(tag)
        return kept

    kept_marks = add(marks, "mark")
    # a cue may not straddle a mark's edge, or the tags would not nest
    add([c for c in cues if not any(c[0] < me <= c[1] - 1 or c[0] < ms < c[1]
                                    for ms, me in kept_marks)], "strong")
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for position in sorted(set(opens) | set(closes)):
        out.append(str(escape(text[cursor:position])))
        out.extend(f"</{tag}>" for tag in reversed(closes.get(position, [])))
        out.extend(f"<{tag}>" for tag in sorted(opens.get(position, []), key=lambda t: t != "mark"))
        cursor = position
    out.append(str(escape(text[cursor:end])))
    if end < len(text):
        out.append("…")
    return Markup("".join(out))
