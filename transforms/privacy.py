"""Privacy at the record boundary: salted author hashes and PII redaction.

Both run inside ``themewatch.records.new_raw_document``, before anything is
written, so neither the raw lake nor the warehouse ever holds a name, an
e-mail address or a phone number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

EMAIL_PLACEHOLDER = "[e-mail]"
PHONE_PLACEHOLDER = "[phone]"

EMAIL_PATTERN = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?\[at\]\s?|\s?\(at\)\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b",
    re.IGNORECASE,
)

# Phone numbers as people write them in Norway, Sweden, Denmark and the UK/US.
# Each alternative needs digit groups separated the way phone numbers are
# written, so amounts ("1 290 kr"), dates and times are left alone.
PHONE_PATTERN = re.compile(
    r"""
    (?<![\w+])(?:
        \+\d{1,3}[\s.-]?(?:\(0\)\s?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}   # +47 912 34 567, +46 70 123 45 67
      | \(\d{2,4}\)\s?\d{3}[\s.-]?\d{3,4}                             # (555) 123-4567
      | 0\d{1,3}[\s/-]\d{2,3}(?:[\s-]?\d{2,3}){1,3}                   # 070-123 45 67, 08-123 456 78
      | [2-9]\d{2}\s\d{2}\s\d{3}                                       # 912 34 567
      | [2-9]\d\s\d{2}\s\d{2}\s\d{2}                                   # 22 33 44 55
      | 0\d{9}                                                        # 0701234567
      | [49]\d{7}                                                     # 91234567 (nb mobile)
    )(?![\w])
    """,
    re.VERBOSE,
)


def redact_pii(text: str) -> str:
    """Replace e-mail addresses and phone numbers with placeholders."""
    text = EMAIL_PATTERN.sub(EMAIL_PLACEHOLDER, text)
    return PHONE_PATTERN.sub(PHONE_PLACEHOLDER, text)


def normalise_name(name: str) -> str:
    """Case, width and spacing variants of one display name hash alike."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.split())


def hash_author(name: str, salt: str) -> str:
    """A salted, non-reversible pseudonym for an author name."""
    if not salt:
        raise ValueError("author salt is empty: set THEMEWATCH_AUTHOR_SALT or let settings create one")
    digest = hashlib.sha256(f"{salt}\x1f{normalise_name(name)}".encode()).hexdigest()
    return digest[:16]
