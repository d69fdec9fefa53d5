-- Rebuild theme_weekly: one row per week x source x lang with posts, times every theme of the
-- taxonomies in use (n_docs may be 0), from the theme rows' copied week/source/lang.
DELETE FROM theme_weekly;

INSERT INTO theme_weekly (week, source, lang, theme, n_docs, n_docs_total, share)
WITH totals AS (
    SELECT week, source, lang, count(*) AS n_docs_total
    FROM documents
    WHERE week IS NOT NULL
    GROUP BY ALL
), counts AS (
    SELECT week, source, lang, theme, count(*) AS n_docs
    FROM document_themes
    WHERE week IS NOT NULL
    GROUP BY ALL
), themes AS (
    SELECT DISTINCT theme FROM counts
    UNION
    SELECT DISTINCT unnest(themes) FROM taxonomy_versions
    WHERE version IN (SELECT DISTINCT taxonomy_version FROM documents)
)
SELECT tot.week, tot.source, tot.lang, th.theme, coalesce(c.n_docs, 0), tot.n_docs_total,
       coalesce(c.n_docs, 0) / tot.n_docs_total
FROM totals tot
CROSS JOIN themes th
LEFT JOIN counts c USING (week, source, lang, theme)
ORDER BY tot.week, tot.source, tot.lang, th.theme;
