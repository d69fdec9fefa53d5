-- One theme's weekly counts (sources and languages pooled unless filtered), with the drift
-- flags raised for it that week.
WITH weeks AS (
    SELECT unnest(generate_series(CAST(getvariable('from_week') AS DATE),
                                  CAST(getvariable('to_week') AS DATE), INTERVAL 7 DAY))::DATE AS week
), counts AS (
    SELECT week, sum(n_docs) AS n_docs, sum(n_docs_total) AS n_docs_total
    FROM theme_weekly
    WHERE theme = getvariable('theme')
      AND (getvariable('source') IS NULL OR source = CAST(getvariable('source') AS VARCHAR))
      AND (getvariable('lang') IS NULL OR lang = CAST(getvariable('lang') AS VARCHAR))
    GROUP BY week
), flags AS (
    SELECT week, list(direction || ' ' || source ORDER BY source) AS alerts
    FROM theme_drift
    WHERE flag AND theme = getvariable('theme')
      AND (getvariable('source') IS NULL OR source = CAST(getvariable('source') AS VARCHAR))
    GROUP BY week
)
SELECT w.week, coalesce(c.n_docs, 0) AS n_docs, coalesce(c.n_docs_total, 0) AS n_docs_total,
       CASE WHEN c.n_docs_total > 0 THEN c.n_docs / c.n_docs_total END AS share,
       coalesce(f.alerts, []) AS alerts
FROM weeks w
LEFT JOIN counts c USING (week)
LEFT JOIN flags f USING (week)
ORDER BY w.week
