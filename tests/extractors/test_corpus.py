"""Every real page in ../shared/corpus against what corpus/SOURCES.md says a correct extraction finds.

Counted, per file: the posts (exactly), and for each row SOURCES.md lists, the
post id, the author (as a salted hash), the date, the first six words of the
own text; for every post, its quotes (the quote map) and its edit marker; for
WordPress, each comment's parent. Skips where ../shared is absent.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from themewatch.records import make_doc_id
from themewatch.settings import get_settings
from transforms.privacy import hash_author

from .corpus import display_name, extract, number, read_sources, utc

pytestmark = pytest.mark.shared

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

# relpath -> platform, date languages, site zone, fetch time, and facts SOURCES.md states in prose
CASES = {
    "ipb/forum.prestashop.com_topic-1103020.html": {
        "platform": "ipb", "languages": ["en"], "zone": "UTC",
        "editors": {6: "ErnestQ", 7: "El Patron", 11: "willsmith79052", 12: "Tivimadaim"}},
    "ipb/discussion.evernote.com_topic-150745.html": {"platform": "ipb", "languages": ["en"], "zone": "UTC"},
    "ipb/linustechtips.com_topic-1571202.html": {
        "platform": "ipb", "languages": ["en"], "zone": "UTC", "editors": {1: "Mr_Enigmatic"},
        "absent": {4: "Message me on discord", 9: "Message me on discord"}},
    "ipb/forum.affinity.serif.com_topic-201820.html": {
        "platform": "ipb", "languages": ["en"], "zone": "UTC", "pages": 6},
    "phpbb/foren.myoos.de_t167.html": {
        "platform": "phpbb", "languages": ["de"], "zone": "Europe/Berlin", "local": {1: "2009-01-21T05:42"}},
    "phpbb/phpbb2_freeman-cruiser_t805.html": {
        "platform": "phpbb", "languages": ["en"], "zone": "Europe/London",
        "local": {1: "2010-06-02T23:01", 2: "2010-06-03T19:27", 3: "2010-06-07T12:42"},
        "absent": {1: "George Newton", 2: "_________________"}},
    "phpbb/raspberrypi.org_phpbb3_t28017.html": {
        "platform": "phpbb", "languages": ["en"], "zone": "Europe/London",
        "local": {1: "2013-01-02T19:14", 5: "2013-01-03T18:50"}},
    "phpbb/forums.virtualbox.org_t112320.html": {
        "platform": "phpbb", "languages": ["en"], "zone": "Europe/Berlin", "editors": {11: "DevOpsUser"}, "pages": 3},
    "wordpress/lemire.me_json.html": {"platform": "wordpress", "languages": ["en"], "zone": "UTC",
                                          "article": ("Daniel Lemire", "JSON is the ubiquitous data format")},
    "wordpress/blog.wordpress.com_diverse.html": {
        "platform": "wordpress", "languages": ["en"], "zone": "UTC",
        "now": datetime(2019, 7, 1, tzinfo=UTC), "local": {1: "2019-06-20T02:41", 13: "2019-06-23T19:02"},
        "absent": {1: "Liked by"}, "article": ("Andrea Middleton", "The mission of WordPress is to")},
    "wordpress/grossefragen.wordpress.com_projekt.html": {
        "platform": "wordpress", "languages": ["de"], "zone": "Europe/Berlin",
        "local": {1: "2019-05-29T17:39", 5: "2019-06-11T19:07"}, "comment_pages": 1,
        "article": ("Michael Veeser-Dombrowski", "Dieses Thema eignet sich gut für")},
    "wordpress/blog.prusa3d.com_core-one-cad.html": {
        "platform": "wordpress", "languages": ["en"], "zone": "Europe/Prague",
        "local": {1: "2025-12-19T13:01", 15: "2025-12-20T14:01"},
        "article": ("Josef Průša", "Today, we are releasing the full")},
    "discourse/try.discourse.org_t57.json": {
        "platform": "discourse", "languages": ["en"], "zone": "UTC",
        "rejected": {2: "moderator or system notice", 3: "empty text"}, "versioned_edits": True},
    "discourse/discuss.criticalfallibilism.com_t2144_posts.json": {
        "platform": "discourse", "languages": ["en"], "zone": "UTC", "versioned_edits": True},
    "discourse/answers.netlify.com_t117253.html": {"platform": "discourse", "languages": ["en"], "zone": "UTC"},
    "discourse/community.letsencrypt.org_t212419.html": {
        "platform": "discourse", "languages": ["en"], "zone": "UTC"},
    "other/smf2_topic-38573.html": {
        "platform": "generic", "languages": ["en"], "zone": "UTC",
        "local": {1: "2007-09-19T13:08:14", 15: "2007-10-08T12:00:16"},
        "editors": {1: "gregswallow", 4: "gregswallow", 10: "cactus"}, "absent": {1: "Greg Swallow"}},
    "other/katzen-forum.net_pepe.html": {
        "platform": "generic", "languages": ["de"], "zone": "Europe/Berlin",
        "absent": {7: "Zum Vergrößern anklicken", 13: "hat gesagt"}},
}


@pytest.fixture(scope="module")
def sources_md():
    from tests.conftest import SHARED_DIR
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return read_sources(SHARED_DIR / "corpus" / "SOURCES.md")


def run_case(shared_dir, sources_md, relpath):
    case = CASES[relpath]
    expected = sources_md[relpath]
    result = extract(shared_dir / "corpus", relpath, case["platform"], expected.url, case["languages"],
                     case["zone"], case.get("now", NOW))
    posts = [p for p in result.posts if not (case["platform"] == "wordpress" and p.position == 0)]
    return case, expected, result, posts


@pytest.mark.parametrize("relpath", sorted(p for p in CASES if not p.startswith("other/")))
def test_platform_adapter_recovers_the_corpus_page(shared_dir, sources_md, relpath):
    check(*run_case(shared_dir, sources_md, relpath))


@pytest.mark.parametrize("relpath", sorted(p for p in CASES if p.startswith("other/")))
def test_generic_adapter_recovers_the_corpus_page(shared_dir, sources_md, relpath):
    check(*run_case(shared_dir, sources_md, relpath))


def check(case, expected, result, posts) -> None:
    salt = get_settings().author_salt()
    assert len(posts) == expected.count
    for row in expected.rows:
        post = posts[row.entry - 1]
        where = f"entry {row.entry}"
        assert number(post.post_id) == number(row.post_id), where
        reason = case.get("rejected", {}).get(row.entry)
        if reason:
            assert reason in result.rejected[post.post_id], where
            continue
        document = result.documents[post.post_id]
        assert document.author_hash == hash_author(display_name(row.author), salt), where
        if row.machine:
            assert document.published_at == utc(row.machine), where
        assert " ".join(document.text.split()[:6]) == " ".join(row.first_words.split()), where
        if row.parent:
            assert document.parent_id == make_doc_id("corpus", row.parent), where
        elif case["platform"] == "wordpress":
            assert document.parent_id is None, where
    from zoneinfo import ZoneInfo
    for entry, local in case.get("local", {}).items():
        stamp = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(case["zone"]))
        assert result.documents[posts[entry - 1].post_id].published_at == stamp, f"entry {entry}"
    for index, post in enumerate(posts, 1):
        targets = set()
        for target in expected.quotes.get(index, []):
            kind, value = target.split(":")
            targets.add(posts[int(value) - 1].post_id if kind == "entry" else value)
        document = result.documents.get(post.post_id)
        if document is None:
            continue
        assert set(document.quoted_ids) == {make_doc_id("corpus", t) for t in targets}, f"entry {index}"
        editor = case.get("editors", {}).get(index)
        assert document.editor_hash == (hash_author(editor, salt) if editor else None), f"entry {index}"
        if not case.get("versioned_edits"):  # Discourse JSON: edits are post versions, no name
            assert (document.edited_at is not None) == bool(editor), f"entry {index}"
        assert "Edited" not in document.text and "Last edited" not in document.text, f"entry {index}"
    for entry, text in case.get("absent", {}).items():
        assert text not in result.documents[posts[entry - 1].post_id].text, f"entry {entry}"
    if "pages" in case:
        from extractors.markup import normalise_url
        assert len({normalise_url(u) for u in result.page_urls}) >= case["pages"]
    if "article" in case:
        article = next(p for p in result.posts if p.position == 0)
        assert article.author == case["article"][0]
        assert " ".join(article.text.split()[:6]) == case["article"][1]


def test_wordpress_rest_comments_and_posts(shared_dir):
    base = "https://blog.pkom.ml/wp-json/wp/v2/comments"
    comments = extract(shared_dir / "corpus", "wordpress-rest/ptom76-blog_wp-v2-comments.json",
                       "wordpress-rest", base, ["en"], "Asia/Tokyo", NOW)
    assert [p.post_id for p in comments.posts] == ["comment-9", "comment-8", "comment-3", "comment-2"]
    salt = get_settings().author_salt()
    first = comments.documents["comment-9"]
    assert first.author_hash == hash_author("Pitan", salt)
    assert first.published_at == utc("2022-07-19T12:35:52Z")  # date_gmt, not the +09:00 local date
    assert first.text == "aaaa" and first.thread_id == "post-46" and first.parent_id is None
    assert first.url == "https://blog.pkom.ml/2022071946/#comment-9"
    assert comments.documents["comment-3"].author_hash == hash_author("a", salt)
    assert comments.documents["comment-3"].text == "あうあう"
    posts = extract(shared_dir / "corpus", "wordpress-rest/ptom76-blog_wp-v2-posts.json",
                    "wordpress-rest", "https://blog.pkom.ml/wp-json/wp/v2/posts", ["en"], "Asia/Tokyo", NOW)
    assert [p.post_id for p in posts.posts] == ["post-46", "post-40", "post-36", "post-20"]
    assert posts.documents["post-40"].thread_title == "【Minecraft】Sodiumで他MODのテクスチャがバグる"
    assert posts.documents["post-40"].text.startswith("以下のURLのMOD、Indiumを入れることによって解消するようです。")
    assert posts.documents["post-20"].published_at == utc("2022-07-18T05:42:01Z")


def test_discourse_reply_relation_is_kept_apart_from_quotes(shared_dir, sources_md):
    _, _, result, posts = run_case(shared_dir, sources_md, "discourse/try.discourse.org_t57.json")
    reply = result.documents[posts[3].post_id]
    assert reply.parent_id == make_doc_id("corpus", "57/1") and reply.quoted_ids == ()
    assert reply.thread_title == "THIS SITE IS A SANDBOX -- it is reset every day"
