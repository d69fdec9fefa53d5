-- What a reviewer's id can name: a drift alert (theme_drift.alert_id) or an
-- emerging phrase (phrase_id, made exactly as in emerging_phrases.sql), matched
-- by the whole id or by a prefix of it.
SELECT 'alert' AS kind, alert_id AS target_id, week, source, NULL AS lang, theme, NULL AS phrase, flag
FROM theme_drift
WHERE starts_with(alert_id, $target)
UNION ALL
SELECT 'phrase', phrase_id, week, NULL, lang, NULL, phrase, TRUE
FROM (
    SELECT 'ph-' || left(md5(strftime(week, '%Y-%m-%d') || '|' || lang || '|' || phrase), 12)
               AS phrase_id,
           week, lang, phrase
    FROM emerging_phrases
)
WHERE starts_with(phrase_id, $target)
ORDER BY kind, target_id
LIMIT 10
