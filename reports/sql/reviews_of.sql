-- Every review recorded for one alert or phrase id, newest first.
SELECT alert_id, verdict, note, reviewer, reviewed_at
FROM drift_reviews
WHERE alert_id = $alert_id
ORDER BY reviewed_at DESC
