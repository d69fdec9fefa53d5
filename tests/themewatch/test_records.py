from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from themewatch.records import RawDocument, make_doc_id, new_raw_document
from transforms.privacy import hash_author

SALT = "unit-test-salt"
FETCHED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _doc(**overrides) -> RawDocument:
    values = dict(
        source="forum", platform="ipb", url="http://127.0.0.1/forum/topic/1/#comment-9",
        post_id="9", text="Hei! Ring meg på 912 34 567 eller skriv til kari.nordmann@example.no.",
        salt=SALT, fetched_at=FETCHED, author="Kari Nordmann",
        published_at=datetime(2026, 10, 30, 14, 3, tzinfo=timezone(timedelta(hours=1))),
        quoted_ids=["7", "3", "7"], parent_id="3",
    )
    values.update(overrides)
    return new_raw_document(**values)


def test_doc_id_is_stable_and_depends_on_source_and_post() -> None:
    assert _doc().doc_id == _doc().doc_id == make_doc_id("forum", "9")
    assert _doc(source="other").doc_id != _doc().doc_id
    assert _doc(post_id="10").doc_id != _doc().doc_id


def test_author_is_stored_only_as_salted_hash() -> None:
    doc = _doc()
    assert doc.author_hash == hash_author("Kari Nordmann", SALT)
    assert "Kari" not in repr(doc.to_dict())
    assert _doc(salt="another-salt").author_hash != doc.author_hash


def test_text_and_title_are_redacted() -> None:
    doc = _doc(thread_title="Skriv til ola@example.no")
    assert "912 34 567" not in doc.text and "example.no" not in doc.text
    assert "[phone]" in doc.text and "[e-mail]" in doc.text
    assert doc.thread_title == "Skriv til [e-mail]"


def test_dates_become_utc_and_naive_dates_are_refused() -> None:
    assert _doc().published_at == datetime(2026, 10, 30, 13, 3, tzinfo=UTC)
    with pytest.raises(ValueError, match="published_at must be timezone-aware"):
        _doc(published_at=datetime(2026, 10, 30, 14, 3))


def test_links_are_doc_ids_sorted_and_unique() -> None:
    doc = _doc()
    assert doc.parent_id == make_doc_id("forum", "3")
    assert doc.quoted_ids == tuple(sorted({make_doc_id("forum", "3"), make_doc_id("forum", "7")}))


def test_content_hash_changes_with_an_edit() -> None:
    edited = _doc(edited_at=datetime(2026, 10, 31, tzinfo=UTC), editor="Moderator Mia")
    assert edited.content_hash != _doc().content_hash
    assert edited.editor_hash == hash_author("Moderator Mia", SALT)
    assert _doc(text="Annen tekst").content_hash != _doc().content_hash


def test_unknown_author_role_is_refused() -> None:
    with pytest.raises(ValueError, match="author_role"):
        _doc(author_role="boss")


def test_round_trip_through_dict() -> None:
    doc = _doc()
    assert RawDocument.from_dict(doc.to_dict()) == doc
