-- Flagged drift alerts from $first_week to $week, each with its latest review
-- (the newest row in drift_reviews for that alert; none means it is open).
WITH latest_review AS (
    SELECT alert_id, verdict, note, reviewer, reviewed_at
    FROM drift_reviews
    QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY reviewed_at DESC) = 1
)
SELECT d.alert_id, d.week, d.source, d.theme, d.direction,
       d.n_docs, d.n_docs_total, d.share, d.baseline_share, d.baseline_weeks,
       d.method, d.statistic, d.p_value, d.q_value,
       r.verdict, r.note, r.reviewer, r.reviewed_at
FROM theme_drift AS d
LEFT JOIN latest_review AS r USING (alert_id)
WHERE d.flag AND d.week BETWEEN $first_week AND $week
ORDER BY d.week DESC, d.q_value, d.p_value, d.source, d.theme
