-- Is an ISO week complete in the warehouse? A successful load finished after the week ended,
-- and every source active in the eight weeks up to it has been observed after it ended
-- (a post fetched after the end, or an ingest/tag run dated after it, even a failed one:
-- then the report can say the source is missing instead of waiting for it).
WITH active AS (
    SELECT DISTINCT source FROM documents
    WHERE week >= getvariable('week_start') - INTERVAL 8 WEEK AND week <= getvariable('week_start')
), observed AS (
    SELECT source FROM documents GROUP BY source HAVING max(fetched_at) >= getvariable('week_end')
    UNION
    SELECT source FROM runs
    WHERE stage IN ('ingest', 'tag') AND run_date >= CAST(getvariable('week_end') AS DATE)
)
SELECT
    EXISTS (SELECT 1 FROM loads WHERE status = 'success' AND finished_at >= getvariable('week_end'))
        AS loaded_after_end,
    (SELECT list(source ORDER BY source) FROM active WHERE source NOT IN (SELECT source FROM observed))
        AS waiting_for
