"""Platform name -> adapter: the one table the ingest and the CLI look adapters up in."""

from __future__ import annotations

from extractors.base import Adapter
from extractors.bloggse import BloggseAdapter
from extractors.discourse import DiscourseAdapter
from extractors.generic import GenericAdapter
from extractors.ipb import IpbAdapter
from extractors.phpbb import PhpbbAdapter
from extractors.transcripts import TranscriptsAdapter
from extractors.wordpress import WordpressAdapter
from extractors.wordpress_rest import WordpressRestAdapter
from themewatch.errors import ConfigError

ADAPTERS: dict[str, Adapter] = {
    adapter.platform: adapter
    for adapter in (IpbAdapter(), PhpbbAdapter(), WordpressAdapter(), WordpressRestAdapter(),
                    BloggseAdapter(), DiscourseAdapter(), TranscriptsAdapter(), GenericAdapter())
}


def adapter_for(platform: str) -> Adapter:
    try:
        return ADAPTERS[platform]
    except KeyError:
        raise ConfigError(f"unknown platform {platform!r} (known: {', '.join(sorted(ADAPTERS))})") from None
