-- Drop the emerging phrases of the weeks the finder has just recomputed.
DELETE FROM emerging_phrases
WHERE week > (SELECT max(week) FROM documents WHERE week <= current_date)
             - INTERVAL (getvariable('emerging_weeks')) WEEK;
