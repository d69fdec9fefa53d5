-- Rebuild theme_monthly: as theme_weekly, by calendar month of publication (UTC).
DELETE FROM theme_monthly;

INSERT INTO theme_monthly (month, source, lang, theme, n_docs, n_docs_total, share)
WITH totals AS (
    SELECT month, source, lang, count(*) AS n_docs_total
    FROM documents
    WHERE month IS NOT NULL
    GROUP BY ALL
), counts AS (
    SELECT month, source, lang, theme, count(*) AS n_docs
    FROM document_themes
    WHERE month IS NOT NULL
    GROUP BY ALL
), themes AS (
    SELECT DISTINCT theme FROM counts
    UNION
    SELECT DISTINCT unnest(themes) FROM taxonomy_versions
    WHERE version IN (SELECT DISTINCT taxonomy_version FROM documents)
)
SELECT tot.month, tot.source, tot.lang, th.theme, coalesce(c.n_docs, 0), tot.n_docs_total,
       coalesce(c.n_docs, 0) / tot.n_docs_total
FROM totals tot
CROSS JOIN themes th
LEFT JOIN counts c USING (month, source, lang, theme)
ORDER BY tot.month, tot.source, tot.lang, th.theme;
