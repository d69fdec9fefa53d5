"""A seeded, invented multi-platform website for demos and end-to-end tests.

``generate_sample_site`` writes an Invision Community forum (nb), a phpBB board (sv), a
WordPress blog with its REST API (nb, en) and support-call transcripts (nb, sv, en) to a
folder, with a planted rising theme and the ground truth in ``_truth/``;
``serve_sample_site`` serves such a folder on loopback; ``url_to_path`` is the one
URL-to-file mapping both use. All text is invented for themewatch.
"""

from themewatch.sample_site.generator import generate_sample_site
from themewatch.sample_site.model import SiteSummary
from themewatch.sample_site.server import serve_sample_site
from themewatch.sample_site.urlmap import url_to_path

__all__ = ["SiteSummary", "generate_sample_site", "serve_sample_site", "url_to_path"]
