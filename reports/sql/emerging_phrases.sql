-- Phrases that started to recur in the reported week and that no theme covers,
-- with a stable id for reviews (phrase_id) and the latest review, if any.
WITH latest_review AS (
    SELECT alert_id, verdict, note, reviewer, reviewed_at
    FROM drift_reviews
    QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY reviewed_at DESC) = 1
),
phrases AS (
    SELECT 'ph-' || left(md5(strftime(week, '%Y-%m-%d') || '|' || lang || '|' || phrase), 12)
               AS phrase_id,
           week, lang, phrase, n, lift
    FROM emerging_phrases
    WHERE week = $week
)
SELECT p.phrase_id, p.week, p.lang, p.phrase, p.n, p.lift,
       r.verdict, r.note, r.reviewer, r.reviewed_at
FROM phrases AS p
LEFT JOIN latest_review AS r ON r.alert_id = p.phrase_id
ORDER BY p.lift DESC, p.n DESC, p.phrase
