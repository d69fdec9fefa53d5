-- Each theme's weekly volume and share over all sources and languages, for the
-- weeks $first_week .. $last_week (Mondays). n_docs_total counts every post of
-- the week, tagged or not; a post can carry several themes, so the shares of
-- one week do not add up to 100 %. Weeks without posts have no rows.
WITH cells AS (
    SELECT week, source, lang, max(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE week BETWEEN $first_week AND $last_week
    GROUP BY week, source, lang
),
totals AS (
    SELECT week, sum(n_docs_total) AS n_docs_total FROM cells GROUP BY week
)
SELECT tw.week,
       tw.theme,
       sum(tw.n_docs)::BIGINT AS n_docs,
       t.n_docs_total::BIGINT AS n_docs_total,
       sum(tw.n_docs) / t.n_docs_total AS share
FROM theme_weekly AS tw
JOIN totals AS t USING (week)
WHERE tw.week BETWEEN $first_week AND $last_week
GROUP BY tw.week, tw.theme, t.n_docs_total
ORDER BY tw.week, tw.theme
