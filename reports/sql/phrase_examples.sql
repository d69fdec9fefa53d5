-- Example posts with an emerging phrase: up to $per_period posts in $lang that
-- contain $phrase in the reported week ('after') and in the baseline weeks
-- ('before'), newest first.
SELECT CASE WHEN week = $week THEN 'after' ELSE 'before' END AS period,
       doc_id, week, source, lang, url, thread_title, published_at, text
FROM documents
WHERE lang = $lang
  AND week BETWEEN $baseline_start AND $week
  AND regexp_matches(text, '(?i)(^|[^\pL\pN_])' || regexp_escape($phrase))
QUALIFY row_number() OVER (PARTITION BY period ORDER BY published_at DESC, doc_id) <= $per_period
ORDER BY period, published_at DESC, doc_id
