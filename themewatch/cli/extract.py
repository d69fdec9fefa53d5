"""``themewatch extract``: run one adapter on one page, URL or file, print RawDocument JSON Lines."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from themewatch.errors import InputError


def extract(
    platform: Annotated[str, typer.Option("--platform", "-p", help="ipb, phpbb, wordpress, "
                                          "wordpress-rest, bloggse, discourse, transcripts or generic")],
    url: Annotated[str | None, typer.Option("--url", help="Fetch this page politely and extract it")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Extract a saved page, response or "
                                              "transcript")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="The page's original URL "
                                                 "(with --file)")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language hint: nb, nn, sv, da, en")] = None,
    timezone_name: Annotated[str, typer.Option("--timezone", help="Site time zone")] = "Europe/Oslo",
) -> None:
    """Print the posts of one page as RawDocument JSON Lines (rejected posts go to stderr)."""
    from extractors.adapters import adapter_for
    from extractors.base import Page
    from extractors.http import Fetcher, FetchPolicy
    from extractors.run import parse_context, to_document
    from extractors.sources import SourceConfig
    from themewatch.settings import get_settings

    if (url is None) == (file is None):
        raise InputError("give exactly one of --url or --file")
    adapter = adapter_for(platform)
    settings = get_settings()
    page_url = url or base_url or (file.resolve().as_uri() if file else "")
    try:
        source = SourceConfig(name="extract", platform=platform, lang_hint=lang,
                              timezone=timezone_name, start_urls=[url or "http://localhost/"])
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise InputError(f"--{problem['loc'][0] if problem['loc'] else 'option'}: {problem['msg']}") from None
    if file is not None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc.strerror}") from None
        fetched_at = datetime.fromtimestamp(file.stat().st_mtime, UTC)
    else:
        policy = FetchPolicy.from_environment(settings.user_agent)
        with Fetcher(policy, allowed_hosts=source.hosts) as fetcher:
            response = fetcher.get(url)
        data, page_url, fetched_at = response.content, response.url, response.fetched_at
    try:
        page: Page = adapter.parse_file(data, page_url, parse_context(source, page_url, fetched_at))
    except ValueError as exc:
        raise InputError(f"{file or url}: cannot parse as {platform}: {exc}") from None
    salt = settings.author_salt()

    def reject(where, post_id, reason, stage="extract"):
        print(f"rejected {post_id or '-'} ({where}): {reason}", file=sys.stderr)

    count = 0
    for position, post in enumerate(page.posts, 1):
        if post.position is None:
            post.position = position
        document = to_document(source, post, page, salt, reject, fetched_at)
        if document is not None:
            count += 1
            print(json.dumps(document.to_dict(), ensure_ascii=False,
                             default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v)))
    print(f"{count} documents, {len(page.posts) - count} rejected", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
