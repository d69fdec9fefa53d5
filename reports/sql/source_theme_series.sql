-- One theme's weekly share on one source (all languages), $first_week .. $last_week:
-- the line behind a drift alert.
WITH cells AS (
    SELECT week, lang, max(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE source = $source AND week BETWEEN $first_week AND $last_week
    GROUP BY week, lang
),
totals AS (
    SELECT week, sum(n_docs_total) AS n_docs_total FROM cells GROUP BY week
)
SELECT t.week,
       coalesce(sum(tw.n_docs), 0)::BIGINT AS n_docs,
       t.n_docs_total::BIGINT AS n_docs_total,
       coalesce(sum(tw.n_docs), 0) / t.n_docs_total AS share
FROM totals AS t
LEFT JOIN theme_weekly AS tw
       ON tw.week = t.week AND tw.source = $source AND tw.theme = $theme
GROUP BY t.week, t.n_docs_total
ORDER BY t.week
