-- Complaint posts of the newest weeks, for the emerging-phrase finder: (week, lang, text).
WITH newest AS (
    SELECT max(week) AS week FROM documents WHERE week <= current_date
)
SELECT d.week, d.lang, d.text
FROM documents d, newest
WHERE d.week > newest.week - INTERVAL (getvariable('emerging_weeks')) WEEK
  AND d.week <= newest.week
  AND EXISTS (
      SELECT 1 FROM document_themes t
      WHERE t.doc_id = d.doc_id AND NOT list_contains(getvariable('non_complaint_themes'), t.theme)
  )
ORDER BY d.week, d.doc_id
