-- Each theme's volume and share in the reported week ($week) per source and per
-- language. dimension is 'source' or 'lang'; key is its value.
WITH cells AS (
    SELECT source, lang, max(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE week = $week
    GROUP BY source, lang
),
totals AS (
    SELECT CASE WHEN grouping(source) = 0 THEN 'source' ELSE 'lang' END AS dimension,
           coalesce(source, lang) AS key,
           sum(n_docs_total) AS n_docs_total
    FROM cells
    GROUP BY GROUPING SETS ((source), (lang))
),
themes AS (
    SELECT CASE WHEN grouping(source) = 0 THEN 'source' ELSE 'lang' END AS dimension,
           coalesce(source, lang) AS key,
           theme,
           sum(n_docs) AS n_docs
    FROM theme_weekly
    WHERE week = $week
    GROUP BY GROUPING SETS ((source, theme), (lang, theme))
)
SELECT th.dimension, th.key, th.theme,
       th.n_docs::BIGINT AS n_docs,
       t.n_docs_total::BIGINT AS n_docs_total,
       th.n_docs / t.n_docs_total AS share
FROM themes AS th
JOIN totals AS t USING (dimension, key)
ORDER BY th.dimension DESC, th.key, th.theme
