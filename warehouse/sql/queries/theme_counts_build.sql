-- Rebuild theme_{period}ly ({period} is week or month): one row per {period} x source x lang
-- with posts, times every theme of the taxonomies in use (n_docs may be 0), from the theme
-- rows' copied {period}/source/lang.
DELETE FROM theme_{period}ly;

INSERT INTO theme_{period}ly ({period}, source, lang, theme, n_docs, n_docs_total, share)
WITH totals AS (
    SELECT {period}, source, lang, count(*) AS n_docs_total
    FROM documents
    WHERE {period} IS NOT NULL
    GROUP BY ALL
), counts AS (
    SELECT {period}, source, lang, theme, count(*) AS n_docs
    FROM document_themes
    WHERE {period} IS NOT NULL
    GROUP BY ALL
), themes AS (
    SELECT DISTINCT theme FROM counts
    UNION
    SELECT DISTINCT unnest(themes) FROM taxonomy_versions
    WHERE version IN (SELECT DISTINCT taxonomy_version FROM documents)
)
SELECT tot.{period}, tot.source, tot.lang, th.theme, coalesce(c.n_docs, 0), tot.n_docs_total,
       coalesce(c.n_docs, 0) / tot.n_docs_total
FROM totals tot
CROSS JOIN themes th
LEFT JOIN counts c USING ({period}, source, lang, theme)
ORDER BY tot.{period}, tot.source, tot.lang, th.theme;
