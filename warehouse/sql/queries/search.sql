-- One language group of a full-text search ({table} and {stemmer} are filled in per index);
-- filters come from session variables set by warehouse.fts.search.
SELECT d.doc_id, d.week, d.source, d.lang, d.url, d.published_at, d.text, m.score,
       '{stemmer}' AS stemmer,
       (SELECT list(t.theme ORDER BY t.theme) FROM document_themes t WHERE t.doc_id = d.doc_id) AS themes
FROM (
    SELECT doc_id,
           fts_main_{table}.match_bm25(doc_id, getvariable('search_text'),
                                       conjunctive := getvariable('search_conjunctive')) AS score
    FROM {table}
) m
JOIN documents d USING (doc_id)
WHERE m.score IS NOT NULL
  AND (getvariable('search_theme') IS NULL OR EXISTS (
        SELECT 1 FROM document_themes t
        WHERE t.doc_id = d.doc_id AND t.theme = CAST(getvariable('search_theme') AS VARCHAR)))
  AND (getvariable('search_source') IS NULL OR d.source = CAST(getvariable('search_source') AS VARCHAR))
  AND (getvariable('search_lang') IS NULL OR d.lang = CAST(getvariable('search_lang') AS VARCHAR))
  AND (getvariable('search_from') IS NULL OR d.week >= CAST(getvariable('search_from') AS DATE))
  AND (getvariable('search_to') IS NULL OR d.week <= CAST(getvariable('search_to') AS DATE))
