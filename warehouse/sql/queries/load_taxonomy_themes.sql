-- Every taxonomy version the batch carries is known, with every theme seen under it, so that
-- theme_weekly keeps a row (n_docs = 0) for a theme that no post carries any more.
INSERT INTO taxonomy_versions (version, sha256, file_text, themes, recorded_at)
SELECT d.taxonomy_version, NULL, NULL,
       coalesce(list_sort(list(DISTINCT t.theme) FILTER (WHERE t.theme IS NOT NULL)), []),
       getvariable('loaded_at')
FROM staged_documents d
LEFT JOIN staged_themes t USING (doc_id)
WHERE d.taxonomy_version IS NOT NULL
GROUP BY d.taxonomy_version
ON CONFLICT (version) DO UPDATE SET
    themes = list_sort(list_distinct(list_concat(taxonomy_versions.themes, excluded.themes)));
