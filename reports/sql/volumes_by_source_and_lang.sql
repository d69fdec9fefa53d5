-- Posts per source and per language: in the reported week ($week), the weekly
-- average over the baseline weeks ($baseline_start .. the week before; weeks
-- without posts count as 0, so a source that went quiet shows), and the last
-- week with posts. dimension is 'source' or 'lang'; key is its value.
WITH cells AS (
    SELECT week, source, lang, max(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE week BETWEEN $baseline_start AND $week
    GROUP BY week, source, lang
)
SELECT CASE WHEN grouping(source) = 0 THEN 'source' ELSE 'lang' END AS dimension,
       coalesce(source, lang) AS key,
       coalesce(sum(n_docs_total) FILTER (WHERE week = $week), 0)::BIGINT AS n_docs,
       coalesce(sum(n_docs_total) FILTER (WHERE week < $week), 0) / $baseline_weeks AS baseline_weekly,
       max(week) AS last_week_with_posts
FROM cells
GROUP BY GROUPING SETS ((source), (lang))
ORDER BY dimension DESC, n_docs DESC, key
