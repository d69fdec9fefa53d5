-- Documents, their themes, and the lineage of every load: what was read, from where, with what result.

CREATE TABLE documents (
    doc_id            VARCHAR PRIMARY KEY,   -- stable hash of source + native post id
    source            VARCHAR NOT NULL,
    platform          VARCHAR,
    url               VARCHAR,
    thread_id         VARCHAR,
    thread_title      VARCHAR,
    post_id           VARCHAR,
    parent_id         VARCHAR,               -- a doc_id
    quoted_ids        VARCHAR[],             -- doc_ids
    author_hash       VARCHAR,               -- salted hash, never a name
    author_role       VARCHAR,               -- customer | agent | unknown
    published_at      TIMESTAMPTZ,
    week              DATE,                  -- Monday of the ISO week of published_at (UTC)
    month             DATE,                  -- first day of the month of published_at (UTC)
    edited_at         TIMESTAMPTZ,
    editor_hash       VARCHAR,
    position          INTEGER,
    lang              VARCHAR,
    lang_hint         VARCHAR,
    n_tokens          INTEGER,
    text              VARCHAR,
    content_hash      VARCHAR,
    taxonomy_version  VARCHAR,
    pipeline_version  VARCHAR,
    fetched_at        TIMESTAMPTZ,
    loaded_at         TIMESTAMPTZ,
    run_date          DATE,                  -- the lake partition this version came from
    version_key       VARCHAR NOT NULL,      -- orders versions of one post: newest observation wins
    row_hash          VARCHAR NOT NULL       -- hash of everything loaded; equal hash = nothing to do
);

-- week, month, source and lang repeat the document's so that trends are one GROUP BY.
CREATE TABLE document_themes (
    doc_id            VARCHAR NOT NULL,
    theme             VARCHAR NOT NULL,
    score             DOUBLE,
    evidence          STRUCT(sentence_idx INTEGER, sentence VARCHAR, cue VARCHAR)[],
    taxonomy_version  VARCHAR,
    week              DATE,
    month             DATE,
    source            VARCHAR,
    lang              VARCHAR,
    PRIMARY KEY (doc_id, theme)
);

-- Every lake file the warehouse has taken in, with a fingerprint of its content.
CREATE TABLE lake_files (
    path         VARCHAR PRIMARY KEY,      -- relative to the lake root
    kind         VARCHAR NOT NULL,         -- tagged | run_record
    source       VARCHAR NOT NULL,
    run_date     DATE NOT NULL,
    fingerprint  VARCHAR NOT NULL,         -- sha256 of the file's bytes
    size         BIGINT,                   -- size and modification time when fingerprinted:
    mtime_ns     BIGINT,                   -- unchanged, the file is not read again
    n_rows       BIGINT,
    load_id      VARCHAR,
    loaded_at    TIMESTAMPTZ
);

-- Stage runs: ingest and tag from the lake's _run.json records, load from the warehouse itself.
CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY,   -- "<stage>:<source>:<run_date>"
    stage               VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    run_date            DATE,
    dag_run_id          VARCHAR,
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    status              VARCHAR,
    error               VARCHAR,
    pipeline_version    VARCHAR,
    taxonomy_version    VARCHAR,
    items_seen          BIGINT,
    items_stored        BIGINT,
    items_duplicate     BIGINT,
    items_rejected      BIGINT,
    pages_fetched       BIGINT,
    pages_not_modified  BIGINT,
    pages_failed        BIGINT,
    items_updated       BIGINT,   -- load only: part of items_stored that replaced an earlier version
    items_unchanged     BIGINT,   -- load only: part of items_duplicate identical to what was stored
    items_superseded    BIGINT,   -- load only: part of items_duplicate older than what was stored
    load_id             VARCHAR
);

CREATE TABLE rejected_documents (
    run_id    VARCHAR NOT NULL,
    stage     VARCHAR NOT NULL,
    source    VARCHAR NOT NULL,
    run_date  DATE,
    url       VARCHAR,
    post_id   VARCHAR,
    doc_id    VARCHAR,
    reason    VARCHAR NOT NULL
);

-- One row per load that changed the warehouse.
CREATE TABLE loads (
    load_id          VARCHAR PRIMARY KEY,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ NOT NULL,
    status           VARCHAR NOT NULL,
    n_files          INTEGER,
    n_new            BIGINT,
    n_updated        BIGINT,
    n_unchanged      BIGINT,
    n_superseded     BIGINT,
    n_rejected       BIGINT,
    max_fetched_at   TIMESTAMPTZ
);

-- Small key/value bookkeeping (for example which load the trend tables were built from).
CREATE TABLE warehouse_state (
    key         VARCHAR PRIMARY KEY,
    value       VARCHAR,
    updated_at  TIMESTAMPTZ
);
