-- One row per source: how fresh its data is and how its latest runs went.
CREATE OR REPLACE VIEW source_status AS
WITH docs AS (
    SELECT source, count(*) AS n_docs, max(week) AS latest_week, max(published_at) AS latest_published_at,
           max(fetched_at) AS latest_fetched_at, max(loaded_at) AS latest_loaded_at
    FROM documents GROUP BY source
), latest_runs AS (
    SELECT * FROM runs
    QUALIFY row_number() OVER (PARTITION BY source, stage ORDER BY run_date DESC, finished_at DESC) = 1
), rejected AS (
    SELECT source, count(*) AS n_rejected_30d
    FROM rejected_documents
    WHERE run_date >= current_date - INTERVAL 30 DAY
    GROUP BY source
), sources AS (
    SELECT source FROM docs UNION SELECT source FROM runs
)
SELECT
    s.source, d.n_docs, d.latest_week, d.latest_published_at, d.latest_fetched_at, d.latest_loaded_at,
    i.run_date AS last_ingest_date, i.status AS last_ingest_status, i.error AS last_ingest_error,
    i.items_stored AS last_ingest_stored, t.run_date AS last_tag_date, t.status AS last_tag_status,
    l.run_date AS last_load_date, coalesce(r.n_rejected_30d, 0) AS n_rejected_30d
FROM sources s
LEFT JOIN docs d USING (source)
LEFT JOIN latest_runs i ON i.source = s.source AND i.stage = 'ingest'
LEFT JOIN latest_runs t ON t.source = s.source AND t.stage = 'tag'
LEFT JOIN latest_runs l ON l.source = s.source AND l.stage = 'load'
LEFT JOIN rejected r ON r.source = s.source
ORDER BY s.source;
