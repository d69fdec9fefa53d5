-- Posts of the newest weeks for the emerging-phrase finder: (week, lang, text). Every post
-- except those that only praise: a new complaint that no theme covers yet is usually in a
-- post that carries no theme at all, so untagged posts are in.
WITH newest AS (
    SELECT max(week) AS week FROM documents WHERE week <= current_date
)
SELECT d.week, d.lang, d.text
FROM documents d, newest
WHERE d.week > newest.week - INTERVAL (getvariable('emerging_weeks')) WEEK
  AND d.week <= newest.week
  AND NOT (
      EXISTS (SELECT 1 FROM document_themes t WHERE t.doc_id = d.doc_id)
      AND NOT EXISTS (
          SELECT 1 FROM document_themes t
          WHERE t.doc_id = d.doc_id AND NOT list_contains(getvariable('non_complaint_themes'), t.theme)
      )
  )
ORDER BY d.week, d.doc_id
