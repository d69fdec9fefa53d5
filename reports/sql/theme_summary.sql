-- The reported week ($week) per theme against its baseline, all sources and
-- languages together. The baseline is pooled over the weeks $baseline_start ..
-- the week before $week: baseline_share = posts with the theme / all posts in
-- those weeks, so a busy week weighs more than a quiet one (as in the drift test).
WITH cells AS (
    SELECT week, source, lang, max(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE week BETWEEN $baseline_start AND $week
    GROUP BY week, source, lang
),
totals AS (
    SELECT week, sum(n_docs_total) AS n_docs_total FROM cells GROUP BY week
),
per_week AS (
    SELECT tw.theme, tw.week, sum(tw.n_docs) AS n_docs, any_value(t.n_docs_total) AS n_docs_total
    FROM theme_weekly AS tw
    JOIN totals AS t USING (week)
    WHERE tw.week BETWEEN $baseline_start AND $week
    GROUP BY tw.theme, tw.week
)
SELECT theme,
       coalesce(sum(n_docs) FILTER (WHERE week = $week), 0)::BIGINT AS n_docs,
       coalesce(sum(n_docs_total) FILTER (WHERE week = $week), 0)::BIGINT AS n_docs_total,
       sum(n_docs) FILTER (WHERE week = $week)
           / nullif(sum(n_docs_total) FILTER (WHERE week = $week), 0) AS share,
       coalesce(sum(n_docs) FILTER (WHERE week < $week), 0)::BIGINT AS baseline_n_docs,
       coalesce(sum(n_docs_total) FILTER (WHERE week < $week), 0)::BIGINT AS baseline_n_docs_total,
       count(*) FILTER (WHERE week < $week) AS baseline_weeks_with_data,
       sum(n_docs) FILTER (WHERE week < $week)
           / nullif(sum(n_docs_total) FILTER (WHERE week < $week), 0) AS baseline_share,
       share - baseline_share AS change,
       share / nullif(baseline_share, 0) - 1 AS relative_change
FROM per_week
GROUP BY theme
ORDER BY n_docs DESC, theme
