-- Verbatim quotes (as stored: redacted) for the given themes in the reported
-- week, from the warehouse's representative examples, best first.
SELECT theme, rank, doc_id, source, lang, url, published_at, text, evidence
FROM theme_examples
WHERE week = $week AND list_contains($themes, theme) AND rank <= $per_theme
ORDER BY theme, rank
