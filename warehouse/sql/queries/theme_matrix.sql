-- Every theme's weekly share (sources and languages pooled unless filtered).
SELECT theme, week, sum(n_docs) AS n_docs, sum(n_docs_total) AS n_docs_total,
       sum(n_docs) / sum(n_docs_total) AS share
FROM theme_weekly
WHERE week BETWEEN CAST(getvariable('from_week') AS DATE) AND CAST(getvariable('to_week') AS DATE)
  AND (getvariable('source') IS NULL OR source = CAST(getvariable('source') AS VARCHAR))
  AND (getvariable('lang') IS NULL OR lang = CAST(getvariable('lang') AS VARCHAR))
GROUP BY ALL
ORDER BY theme, week
