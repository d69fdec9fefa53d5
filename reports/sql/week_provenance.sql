-- Where the reported week's numbers come from: taxonomy and pipeline versions of
-- its posts, and when they were last loaded.
SELECT taxonomy_version, pipeline_version, count(*)::BIGINT AS n_docs, max(loaded_at) AS last_loaded_at
FROM documents
WHERE week = $week
GROUP BY taxonomy_version, pipeline_version
ORDER BY n_docs DESC
