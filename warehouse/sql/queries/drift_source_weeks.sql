-- Per source and week: posts without any theme (the last bin of the theme mix) and the
-- taxonomy version most of the week's posts were tagged with.
SELECT d.source, d.week,
       count(*) FILTER (WHERE t.doc_id IS NULL) AS n_untagged,
       mode(d.taxonomy_version) AS taxonomy_version
FROM documents d
LEFT JOIN (SELECT DISTINCT doc_id FROM document_themes) t USING (doc_id)
WHERE d.week IS NOT NULL
GROUP BY ALL
