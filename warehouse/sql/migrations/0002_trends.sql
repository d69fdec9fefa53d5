-- Trend tables: stored, rebuilt from documents and document_themes after every load, so that
-- analysts read small tables instead of aggregating millions of rows.

CREATE TABLE theme_weekly (
    week          DATE NOT NULL,
    source        VARCHAR NOT NULL,
    lang          VARCHAR NOT NULL,
    theme         VARCHAR NOT NULL,
    n_docs        BIGINT NOT NULL,
    n_docs_total  BIGINT NOT NULL,
    share         DOUBLE NOT NULL
);

CREATE TABLE theme_monthly (
    month         DATE NOT NULL,
    source        VARCHAR NOT NULL,
    lang          VARCHAR NOT NULL,
    theme         VARCHAR NOT NULL,
    n_docs        BIGINT NOT NULL,
    n_docs_total  BIGINT NOT NULL,
    share         DOUBLE NOT NULL
);

CREATE TABLE theme_examples (
    week          DATE NOT NULL,
    theme         VARCHAR NOT NULL,
    rank          INTEGER NOT NULL,
    doc_id        VARCHAR NOT NULL,
    source        VARCHAR,
    lang          VARCHAR,
    url           VARCHAR,
    published_at  TIMESTAMPTZ,
    text          VARCHAR,
    evidence      STRUCT(sentence_idx INTEGER, sentence VARCHAR, cue VARCHAR)[],
    score         DOUBLE,
    author_role   VARCHAR
);

CREATE TABLE emerging_phrases (
    week    DATE NOT NULL,
    lang    VARCHAR NOT NULL,
    phrase  VARCHAR NOT NULL,
    n       BIGINT,
    lift    DOUBLE
);
