-- A reproducible random sample of recent posts with their current themes, to re-tag under
-- an old and a new taxonomy (the seed changes the sample, the same seed repeats it).
WITH recent AS (
    SELECT doc_id, lang, text, taxonomy_version
    FROM documents
    WHERE week > (SELECT max(week) FROM documents) - INTERVAL (getvariable('sample_weeks')) WEEK
)
SELECT r.doc_id, r.lang, r.text, r.taxonomy_version,
       coalesce(list(t.theme ORDER BY t.theme) FILTER (WHERE t.theme IS NOT NULL), []) AS themes
FROM recent r
LEFT JOIN document_themes t USING (doc_id)
GROUP BY r.doc_id, r.lang, r.text, r.taxonomy_version
ORDER BY hash(r.doc_id || CAST(getvariable('sample_seed') AS VARCHAR)), r.doc_id
LIMIT getvariable('sample_size')
