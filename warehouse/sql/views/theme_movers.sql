-- Every theme's weekly share over all sources and languages, against its mean share of the
-- previous four weeks: the quickest answer to "which themes grew".
CREATE OR REPLACE VIEW theme_movers AS
WITH pooled AS (
    SELECT week, theme, CAST(sum(n_docs) AS BIGINT) AS n_docs, CAST(sum(n_docs_total) AS BIGINT) AS n_docs_total
    FROM theme_weekly
    GROUP BY ALL
), windowed AS (
    SELECT
        week, theme, n_docs, n_docs_total, n_docs / n_docs_total AS share,
        sum(n_docs) OVER previous / sum(n_docs_total) OVER previous AS previous_share,
        count(*) OVER previous AS previous_weeks
    FROM pooled
    WINDOW previous AS (PARTITION BY theme ORDER BY week RANGE BETWEEN INTERVAL 28 DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)
)
SELECT
    week, theme, n_docs, n_docs_total, share, previous_share, previous_weeks,
    share - previous_share AS share_change,
    CASE WHEN previous_share > 0 THEN share / previous_share END AS share_ratio
FROM windowed;
