-- A few representative posts per week and theme: spread over sources first (each source's
-- best before any source's second), then posts with evidence, higher score, and a length
-- near a typical post's.
WITH candidates AS (
    SELECT t.week, t.theme, t.doc_id, d.source, d.lang, d.url, d.published_at, d.text,
           t.evidence, t.score, d.author_role,
           row_number() OVER (
               PARTITION BY t.week, t.theme, d.source
               ORDER BY len(coalesce(t.evidence, [])) > 0 DESC, t.score DESC NULLS LAST,
                        abs(coalesce(d.n_tokens, 60) - 60), t.doc_id
           ) AS source_rank
    FROM document_themes t
    JOIN documents d USING (doc_id)
    WHERE t.week IS NOT NULL
)
SELECT week, theme,
       CAST(row_number() OVER (
           PARTITION BY week, theme
           ORDER BY source_rank, len(coalesce(evidence, [])) > 0 DESC, score DESC NULLS LAST, doc_id
       ) AS INTEGER) AS rank,
       doc_id, source, lang, url, published_at, text, evidence, score, author_role
FROM candidates
WHERE source_rank <= getvariable('examples_per_week')
QUALIFY rank <= getvariable('examples_per_week')
ORDER BY week, theme, rank
