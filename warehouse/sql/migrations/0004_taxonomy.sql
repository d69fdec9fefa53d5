-- Taxonomy versions (the file's text, so an old version can be re-applied) and what each
-- change did to theme counts on the same documents.

CREATE TABLE taxonomy_versions (
    version      VARCHAR PRIMARY KEY,
    sha256       VARCHAR,
    file_text    VARCHAR,            -- NULL when the file was not at hand when the version appeared
    themes       VARCHAR[],
    recorded_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE taxonomy_changes (
    detected_at  TIMESTAMPTZ NOT NULL,
    old_version  VARCHAR NOT NULL,
    new_version  VARCHAR NOT NULL,
    theme        VARCHAR NOT NULL,
    n_sample     BIGINT NOT NULL,    -- documents tagged under both versions
    n_old        BIGINT NOT NULL,    -- of those, tagged with the theme under the old version
    n_new        BIGINT NOT NULL,    -- ... under the new version
    delta        BIGINT NOT NULL,    -- n_new - n_old
    n_gained     BIGINT NOT NULL,    -- documents that gained the theme
    n_lost       BIGINT NOT NULL,    -- documents that lost it
    p_value      DOUBLE,             -- exact McNemar test (binomial on gained vs lost)
    origin       VARCHAR NOT NULL    -- load (re-tagged documents seen by a load) | sample (a re-tag run)
);
