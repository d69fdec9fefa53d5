-- Example posts behind a drift alert: up to $per_period posts of $source tagged
-- $theme in the reported week ('after') and in its baseline weeks ('before'),
-- the tagger's strongest matches first, with the evidence that tagged them.
SELECT CASE WHEN d.week = $week THEN 'after' ELSE 'before' END AS period,
       d.doc_id, d.week, d.source, d.lang, d.url, d.thread_title, d.published_at, d.text,
       dt.score, dt.evidence
FROM documents AS d
JOIN document_themes AS dt USING (doc_id)
WHERE d.source = $source
  AND dt.theme = $theme
  AND d.week BETWEEN $baseline_start AND $week
QUALIFY row_number() OVER (
    PARTITION BY period ORDER BY dt.score DESC, d.published_at DESC, d.doc_id
) <= $per_period
ORDER BY period, dt.score DESC, d.published_at DESC, d.doc_id
