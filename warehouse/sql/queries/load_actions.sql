-- What the load does with each staged document, decided against what is stored.
CREATE OR REPLACE TEMP TABLE load_actions AS
SELECT
    s.doc_id,
    s._path,
    CASE
        WHEN d.doc_id IS NULL THEN 'new'
        WHEN d.row_hash = s.row_hash THEN 'unchanged'
        WHEN s.version_key >= d.version_key THEN 'updated'
        ELSE 'superseded'
    END AS action,
    d.taxonomy_version AS stored_taxonomy_version,
    d.content_hash = s.content_hash AS same_content
FROM staged_documents s
LEFT JOIN documents d USING (doc_id);
