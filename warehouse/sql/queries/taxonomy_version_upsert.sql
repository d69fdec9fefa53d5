-- Keep a taxonomy version: its file text when known (a text found later fills the gap, an
-- existing one is never replaced) and the union of the theme ids seen under it.
INSERT INTO taxonomy_versions (version, sha256, file_text, themes, recorded_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (version) DO UPDATE SET
    sha256 = coalesce(taxonomy_versions.sha256, excluded.sha256),
    file_text = coalesce(taxonomy_versions.file_text, excluded.file_text),
    themes = list_sort(list_distinct(list_concat(taxonomy_versions.themes, excluded.themes)));
