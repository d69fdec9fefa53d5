"""Dates as people write them on Nordic sites, parsed to UTC in the site's time zone.

``DateReader(timezone, languages, now)`` reads visible date text ("I går, 14:03",
"igår 21:15", "for 3 timer siden", "3 dagar sedan", "12. mars 2009 - 11:42",
"mars 12, 2009 at 9:41 pm", phpBB's "tis 12 mar 2026 14:03") and machine stamps
(ISO 8601, ``<time datetime>``, epoch seconds). ``now`` is the moment the page
was fetched, so relative dates mean the same thing on every run and in tests.

A little normalising happens before dateparser sees the text: weekday names,
"kl."/"at"/"um"/"-" between date and time, and the "today/yesterday/the day
before" words of nb/nn/sv/da/en are handled here, because dateparser's Swedish
data misses several of them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

from themewatch.errors import ConfigError

#: Our language hints -> dateparser language codes.
_DATEPARSER_LANGUAGES = {"nb": "nb", "no": "nb", "nn": "nn", "sv": "sv", "da": "da", "en": "en",
                         "de": "de"}

_WEEKDAYS = ["mandag", "man", "tirsdag", "tir", "tys", "onsdag", "ons", "torsdag", "tor", "fredag", "fre", "lørdag", "lør", "laurdag", "søndag", "søn", "sundag", "måndag", "mån", "tisdag", "tis", "torsdag", "tors", "lördag", "lör", "söndag", "sön", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun", "montag", "mo", "dienstag", "di", "mittwoch", "mi", "donnerstag", "do", "freitag", "fr", "samstag", "sa", "sonntag", "so"]
_LEADING_WEEKDAY = re.compile(
    r"^(?:" + "|".join(sorted({re.escape(w) for w in _WEEKDAYS}, key=len, reverse=True)) + r")\.?,?\s+",
    re.IGNORECASE)
_DAY_WORDS = (
    (re.compile(r"\b(?:i\s*forgårs|i\s*forgår|forgårs|i\s*forrgår|day before yesterday|"
                r"i\s*forgaars)\b", re.IGNORECASE), 2),
    (re.compile(r"\b(?:i\s*går|igår|i\s*gær|igær|i\s*gaar|yesterday|gestern)\b", re.IGNORECASE), 1),
    (re.compile(r"\b(?:i\s*dag|idag|today|heute)\b", re.IGNORECASE), 0),
)
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)
_CONNECTORS = re.compile(r"\s+(?:kl\.?|klokka|klockan|at|um|à|@|-|–|—|,)\s+|\s*,\s*|\s+kl\.?$",
                         re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_DATEISH = re.compile(r"\d{4}|\d{1,2}\s*[./:-]\s*\d{1,2}|\d\s*[^\W\d_]{3,}|[^\W\d_]{3,}\.?\s*\d")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?$")


def site_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {name!r} (use an IANA name such as Europe/Oslo)") from None


def parse_iso(value: str | None, zone: ZoneInfo) -> datetime | None:
    """An ISO 8601 stamp (``Z``, offsets, or naive = site local time) as UTC."""
    if not value:
        return None
    text = value.strip()
    if not _ISO.match(text):
        return None
    if re.search(r"[+-]\d{4}$", text):
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


class DateReader:
    """Parses one site's dates: its time zone, its languages, and the fetch time as "now"."""

    def __init__(self, zone: str | ZoneInfo, languages: list[str] | tuple[str, ...],
                 now: datetime) -> None:
        self.zone = zone if isinstance(zone, ZoneInfo) else site_zone(zone)
        langs = [_DATEPARSER_LANGUAGES.get(lang.lower(), lang.lower()) for lang in languages]
        self.languages = tuple(dict.fromkeys([*langs, "en"]))
        if now.tzinfo is None:
            raise ValueError("DateReader needs an aware 'now'")
        self.now = now

    def with_now(self, now: datetime) -> DateReader:
        return DateReader(self.zone, self.languages, now)

    def iso(self, value: str | None) -> datetime | None:
        return parse_iso(value, self.zone)

    def epoch(self, value: str | int | None) -> datetime | None:
        try:
            return datetime.fromtimestamp(int(value), tz=UTC) if value is not None else None
        except (TypeError, ValueError, OverflowError):
            return None

    def parse(self, text: str | None) -> datetime | None:
        """Visible date text -> UTC, or None when it is not a date we can read."""
        if not text:
            return None
        cleaned = " ".join(text.replace("\xa0", " ").split()).strip(" «»|·•")
        if not cleaned:
            return None
        stamp = self.iso(cleaned)
        if stamp:
            return stamp
        local_now = self.now.astimezone(self.zone)
        for pattern, days_back in _DAY_WORDS:
            if pattern.search(cleaned):
                day = (local_now - timedelta(days=days_back)).date()
                match = _TIME.search(cleaned)
                hour = minute = second = 0
                if match:
                    hour, minute = int(match.group(1)), int(match.group(2))
                    second = int(match.group(3) or 0)
                    meridiem = (match.group(4) or "").lower().replace(".", "")
                    if meridiem == "pm" and hour < 12:
                        hour += 12
                    elif meridiem == "am" and hour == 12:
                        hour = 0
                if hour > 23 or minute > 59 or second > 59:
                    return None
                moment = datetime(day.year, day.month, day.day, hour, minute, second,
                                  tzinfo=self.zone)
                return moment.astimezone(UTC)
        if not _DATEISH.search(cleaned):
            return None  # a bare number ("#7", "12") is not a date, whatever dateparser thinks
        cleaned = _LEADING_WEEKDAY.sub("", cleaned)
        cleaned = _ORDINAL.sub(r"\1", cleaned)
        cleaned = _CONNECTORS.sub(" ", cleaned).strip()
        return _dateparse(cleaned, self.languages, self.zone.key,
                          local_now.replace(tzinfo=None, microsecond=0))


@lru_cache(maxsize=4096)
def _dateparse(text: str, languages: tuple[str, ...], zone: str, base: datetime) -> datetime | None:
    settings = {
        "TIMEZONE": zone,
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    for language in languages:
        try:
            parsed = dateparser.parse(text, languages=[language], settings=settings)
        except (ValueError, OverflowError):  # dateparser raises on some malformed inputs
            parsed = None
        if parsed is not None:
            return parsed.astimezone(UTC)
    return None
