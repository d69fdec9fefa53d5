-- Theme x source x week counts for the drift tests (languages pooled).
SELECT source, theme, week, sum(n_docs) AS n_docs, sum(n_docs_total) AS n_docs_total
FROM theme_weekly
GROUP BY ALL
ORDER BY source, theme, week
