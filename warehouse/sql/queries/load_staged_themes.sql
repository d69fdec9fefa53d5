-- Theme rows of the staged documents; a theme listed twice in one document keeps its best
-- score and all its evidence.
WITH tags AS (
    SELECT doc_id, taxonomy_version, week, month, source,
           coalesce(nullif(trim(lang), ''), 'und') AS lang, unnest(themes) AS tag
    FROM candidates
    WHERE reject_reason IS NULL AND version_rank = 1
)
SELECT
    doc_id, tag.theme AS theme, max(tag.score) AS score,
    flatten(list(coalesce(tag.evidence, []) ORDER BY tag.score DESC)) AS evidence,
    any_value(taxonomy_version) AS taxonomy_version, any_value(week) AS week,
    any_value(month) AS month, any_value(source) AS source, any_value(lang) AS lang
FROM tags
GROUP BY doc_id, tag.theme
