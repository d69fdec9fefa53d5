-- A few representative posts per week and theme: spread over sources first (each source's
-- best before any source's second), then posts with evidence, then higher score (ties by a
-- hash of doc_id, so reruns pick the same posts). Each source's best few come from one
-- aggregate over the narrow theme rows; texts are fetched for the winners only.
WITH best_per_source AS (
    SELECT week, theme, source,
           max_by({'doc_id': doc_id, 'has_evidence': len(coalesce(evidence, [])) > 0, 'score': score},
                  {'has_evidence': len(coalesce(evidence, [])) > 0, 'score': coalesce(score, -1),
                   'tiebreak': hash(doc_id)},
                  CAST(getvariable('examples_per_week') AS BIGINT)) AS best
    FROM document_themes
    WHERE week IS NOT NULL
    GROUP BY week, theme, source
), candidates AS (
    SELECT week, theme, source, source_rank, best[source_rank] AS pick
    FROM best_per_source, range(1, len(best) + 1) AS r(source_rank)
), picked AS (
    SELECT week, theme, pick.doc_id AS doc_id, pick.score AS score,
           CAST(row_number() OVER (
               PARTITION BY week, theme
               ORDER BY source_rank, pick.has_evidence DESC, pick.score DESC NULLS LAST, hash(pick.doc_id) DESC
           ) AS INTEGER) AS rank
    FROM candidates
    QUALIFY rank <= getvariable('examples_per_week')
)
SELECT p.week, p.theme, p.rank, p.doc_id, d.source, d.lang, d.url, d.published_at, d.text,
       t.evidence, p.score, d.author_role
FROM picked p
JOIN documents d USING (doc_id)
JOIN document_themes t ON t.doc_id = p.doc_id AND t.theme = p.theme
ORDER BY p.week, p.theme, p.rank
