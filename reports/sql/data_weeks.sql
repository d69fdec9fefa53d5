-- The first and last week with posts in the warehouse (for the "no data" page).
SELECT min(week) AS first_week, max(week) AS last_week FROM theme_weekly WHERE n_docs_total > 0
