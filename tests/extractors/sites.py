"""Route tables that serve the fixture sites under sites/ from the test server."""

from __future__ import annotations

from .server import FixtureServer, Route, site_file

IPB = {
    "/forum/": "ipb/index.html",
    "/forum/topic/101-fakturaen-er-feil-igjen/": "ipb/topic-101-p1.html",
    "/forum/topic/101-fakturaen-er-feil-igjen/page/2/": "ipb/topic-101-p2.html",
    "/forum/topic/102-ventetid-pa-telefon/": "ipb/topic-102.html",
    "/forum/topic/103-sidene-gar-i-ring/": "ipb/topic-103.html",
    "/forum/topic/103-sidene-gar-i-ring/page/2/": "ipb/topic-103-p2.html",
    "/forum/topic/103-sidene-gar-i-ring/page/3/": "ipb/topic-103-p3.html",
}


def serve(server: FixtureServer, table: dict[str, str], content_type: str = "text/html; charset=utf-8") -> None:
    for path, relpath in table.items():
        server.routes[path] = site_file(relpath, content_type)


def write_sources(path, entries: list[dict]) -> None:
    import yaml
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True))


__all__ = ["IPB", "Route", "serve", "write_sources"]
