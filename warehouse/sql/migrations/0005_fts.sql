-- Full-text indexes, one per stemmer, over copies of the documents in that language.
CREATE TABLE fts_indexes (
    stemmer      VARCHAR PRIMARY KEY,   -- norwegian | swedish | danish | english | ... | none
    table_name   VARCHAR NOT NULL,      -- fts_docs_<stemmer>; the index lives in schema fts_main_<table_name>
    langs        VARCHAR[] NOT NULL,
    n_docs       BIGINT NOT NULL,
    fingerprint  VARCHAR NOT NULL,      -- of the indexed (doc_id, row_hash) pairs
    built_at     TIMESTAMPTZ NOT NULL
);
