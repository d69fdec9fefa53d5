-- Per lake file: rows read, rows rejected, and rows that lost to a newer version of the
-- same document within the batch.
SELECT
    _path,
    count(*) AS n_seen,
    count(*) FILTER (WHERE reject_reason IS NOT NULL) AS n_rejected,
    count(*) FILTER (WHERE reject_reason IS NULL AND version_rank > 1) AS n_batch_duplicate,
    max(taxonomy_version) AS taxonomy_version
FROM candidates
GROUP BY _path
