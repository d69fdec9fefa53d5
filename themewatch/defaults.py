"""Every default setting of themewatch, in one documented place.

Settings are read from environment variables (``THEMEWATCH_<NAME>``) where a
deployment needs to change them; per-source values (rate limit, language hint,
page caps) are set in ``config/sources.yaml`` and fall back to these.
"""

# --- Paths --------------------------------------------------------------------
#: Where the lake, the warehouse, reports, Airflow's home and secrets live.
DATA_DIR = "data"
#: Where sources.yaml and taxonomy.yaml live.
CONFIG_DIR = "config"
#: DuckDB warehouse file, relative to DATA_DIR.
WAREHOUSE_FILE = "warehouse.duckdb"
#: Parquet lake root, relative to DATA_DIR (an fsspec URL such as s3://bucket/lake also works).
LAKE_DIR = "lake"
#: Weekly reports, relative to DATA_DIR: reports/<ISO week>/.
REPORTS_DIR = "reports"

# --- Privacy ------------------------------------------------------------------
#: File holding the author-hash salt when THEMEWATCH_AUTHOR_SALT is not set.
#: Created with random content on first use, mode 0600, never committed.
AUTHOR_SALT_FILE = "secrets/author_salt"

# --- Polite HTTP ----------------------------------------------------------------
USER_AGENT = "themewatch/{version} (+https://github.com/themewatch/themewatch; customer-service research crawler)"
#: Requests per second per host, unless a source sets rate_limit.
RATE_LIMIT_PER_HOST = 1.0
#: Seconds for connect/read/write/pool timeouts.
HTTP_TIMEOUT_SECONDS = 20.0
#: Retries on 429/5xx and transport errors, with exponential backoff.
HTTP_MAX_RETRIES = 4
HTTP_BACKOFF_BASE_SECONDS = 1.0
#: Longest wait we accept from a Retry-After header before giving up on the URL.
HTTP_MAX_RETRY_AFTER_SECONDS = 300.0
#: Bodies larger than this are refused (bytes).
HTTP_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
#: Pages followed per thread or comment list before we stop (a pagination loop guard).
MAX_PAGES_PER_THREAD = 500
#: Threads/posts followed per source listing per run.
MAX_THREADS_PER_SOURCE = 10_000

#: Redirect hops followed for one URL (only within the source's host) before giving up.
HTTP_MAX_REDIRECTS = 10
#: The product token robots.txt rules are matched against (a "User-agent: themewatch" group).
ROBOTS_USER_AGENT = "themewatch"
#: Longest Crawl-delay from robots.txt we honour; a larger one is capped (and logged).
ROBOTS_MAX_CRAWL_DELAY_SECONDS = 60.0
#: Listing pages (forum index, board pages, blog archive) followed per listing before we stop.
MAX_LISTING_PAGES = 200
#: Site time zone used for dates written without one, unless a source sets timezone.
SOURCE_TIMEZONE = "Europe/Oslo"
#: Transcript files read per source folder per run.
MAX_TRANSCRIPT_FILES = 100_000
#: The WP REST API page size (the API's maximum is 100).
WP_REST_PER_PAGE = 100
#: Post ids asked for in one Discourse /t/<id>/posts.json request (Discourse serves 20 a chunk).
DISCOURSE_CHUNK_SIZE = 20
#: Staff groups/badges/ranks that mark a forum post as written by the company (author_role "agent").
#: Matched case-insensitively as whole words; a source adds its own with staff_labels.
STAFF_LABELS = (
    "staff", "support", "kundeservice", "kundesenter", "kundservice", "kundtjänst", "kundeservicen",
    "kundsupport", "kundeservicemedarbeider", "ansatt", "anställd", "medarbejder", "official",
    "offisiell", "officiell", "företagsrepresentant", "bedriftsrepresentant", "firmarepræsentant",
    "representative", "representant",
)
#: Moderator/administrator groups: company staff on a company's own forum, volunteers elsewhere,
#: so their role is the source's moderator_role (default "unknown").
MODERATOR_LABELS = (
    "admin", "admins", "administrator", "administrators", "administratör", "administratorer",
    "moderator", "moderators", "moderatorer", "global moderator", "mod", "mods",
)

# --- Tagging --------------------------------------------------------------------
#: Taxonomy file, relative to CONFIG_DIR.
TAXONOMY_FILE = "taxonomy.yaml"
#: Sources file, relative to CONFIG_DIR.
SOURCES_FILE = "sources.yaml"

# --- Trends and drift -------------------------------------------------------------
#: Weeks before the current one that form a theme's baseline share.
DRIFT_BASELINE_WEEKS = 8
#: False-discovery rate across the theme x source cells of one week (weighted
#: Benjamini-Hochberg). On a stationary corpus BH at q keeps each week's chance of any
#: false alarm near q, so a source sees about 52 * q false alarms a year; 0.017 is set from
#: the seeded simulation (benchmarks/drift_power.py) to stay under one per source-year at
#: every volume (the mid-p tests spend the budget almost exactly at high volume, so the
#: margin is small on purpose: each 0.001 costs about 0.05 alarms a year).
DRIFT_FDR_ALPHA = 0.017
#: Share of each cell's significance budget spent on the bad direction (a complaint theme
#: rising, praise falling); the rest tests a move the other way, so that only a strong
#: improvement flags. 0.5 = two-sided.
DRIFT_BAD_DIRECTION_WEIGHT = 0.95
#: Cells expected to hold fewer than this many posts of the theme a week (its baseline share
#: times the source's weekly posts) cannot see a moderate rise in one week: they give
#: DRIFT_TWO_WEEK_SHARE of the bad-direction budget to a test of the last two weeks pooled.
#: Cells above it spend everything on the weekly test (first-week detection at full power).
DRIFT_ONE_WEEK_MIN_EXPECTED = 50.0
DRIFT_TWO_WEEK_SHARE = 0.5
#: Weighted BH: within a source, a theme's share of the budget grows as its expected weekly
#: count (baseline share x weekly posts, at least 1) to this power. 1: in proportion to the
#: count, every expected post of the source has the same share; 0.5: the square root (how
#: many standard deviations a given relative rise moves the theme); 0: every theme the same.
#: Rare themes cannot show a moderate rise at any significance level a year's budget allows,
#: so equal shares would spend most of the budget where it buys nothing; a large rise in a
#: rare theme (a doubling or more) still flags, a little later (the benchmark's trade-off
#: table shows how much).
DRIFT_BH_WEIGHT_EXPONENT = 1.0
#: Smallest number of earlier weeks with data before a theme x source cell is tested at all.
DRIFT_MIN_BASELINE_WEEKS = 4
#: Distribution-level drift of one source: flagged when the G-test's BH-adjusted p-value is
#: below this and the population stability index reaches DRIFT_SOURCE_MIN_PSI (0.1 = moderate).
DRIFT_SOURCE_ALPHA = 0.01
DRIFT_SOURCE_MIN_PSI = 0.1
#: Themes that are not complaints: their bad direction is down, and their posts are left out
#: of the ones searched for emerging phrases.
NON_COMPLAINT_THEMES = ("praise",)
#: Representative posts kept per week and theme in theme_examples.
THEME_EXAMPLES_PER_WEEK = 3
#: Weeks of complaint posts handed to the emerging-phrase finder (the newest week plus a baseline).
EMERGING_WINDOW_WEEKS = 9

# --- Warehouse ----------------------------------------------------------------------
#: How pipeline writes reach the warehouse file (THEMEWATCH_WAREHOUSE_WRITE_MODE):
#: "swap" writes into a copy and renames it over the file when done, so analysts' read-only
#: sessions never block a load and a load never blocks them; "in_place" writes one short
#: transaction into the file itself (for warehouses too big to copy on every load).
WAREHOUSE_WRITE_MODE = "swap"
#: Attempts to open the warehouse while another process holds its lock, and the first pause
#: between them (doubling: 0.5 + 1 + 2 + 4 + 8 s), before giving up with a clear error.
WAREHOUSE_LOCK_ATTEMPTS = 6
WAREHOUSE_LOCK_BACKOFF_SECONDS = 0.5

# --- Weekly report ------------------------------------------------------------------
#: Language of theme labels and headings in the report: nb, sv or en (THEMEWATCH_REPORT_LANG).
REPORT_LANG = "nb"
#: Time zone for "the week before the run" and for dates shown in the report.
REPORT_TIMEZONE = "Europe/Oslo"
#: Weeks shown in trend charts and in the drift review, ending with the reported week.
REPORT_TREND_WEEKS = 12
#: Themes (by volume) that get verbatim quotes in the report.
REPORT_TOP_THEMES = 5
#: Quotes per top theme, and example posts before/after per drift alert or phrase.
REPORT_QUOTES_PER_THEME = 3
#: Rows in the "biggest movers" table.
REPORT_MOVERS = 5
#: Airflow connection used to e-mail the report (THEMEWATCH_REPORT_SMTP_CONN_ID).
REPORT_SMTP_CONN_ID = "smtp_default"
#: Recipients of the report e-mail, comma-separated (THEMEWATCH_REPORT_EMAIL_TO);
#: empty means the e-mail step is skipped.
REPORT_EMAIL_TO = ""
