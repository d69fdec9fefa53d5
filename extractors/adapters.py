"""Platform name -> adapter: the one table the ingest and the CLI look adapters up in."""

from __future__ import annotations

from extractors import bloggse, generic, ipb, phpbb, wordpress
from extractors.base import Adapter
from extractors.discourse import DiscourseAdapter
from extractors.transcripts import TranscriptsAdapter
from extractors.wordpress_rest import WordpressRestAdapter
from themewatch.errors import ConfigError

ADAPTERS: dict[str, Adapter] = {
    adapter.platform: adapter
    for adapter in (ipb.ADAPTER, phpbb.ADAPTER, wordpress.ADAPTER, WordpressRestAdapter(),
                    bloggse.ADAPTER, DiscourseAdapter(), TranscriptsAdapter(), generic.ADAPTER)
}


def adapter_for(platform: str) -> Adapter:
    try:
        return ADAPTERS[platform]
    except KeyError:
        raise ConfigError(f"unknown platform {platform!r} (known: {', '.join(sorted(ADAPTERS))})") from None
