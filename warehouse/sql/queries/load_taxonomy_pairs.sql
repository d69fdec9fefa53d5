-- Posts this load re-tags under another taxonomy version with their text unchanged, grouped
-- by (stored version, new version): the sample a taxonomy change is measured on.
SELECT a.stored_taxonomy_version, s.taxonomy_version, list(a.doc_id ORDER BY a.doc_id)
FROM load_actions a
JOIN staged_documents s USING (doc_id)
WHERE a.action = 'updated' AND a.same_content
  AND a.stored_taxonomy_version IS NOT NULL AND s.taxonomy_version IS NOT NULL
  AND a.stored_taxonomy_version <> s.taxonomy_version
GROUP BY ALL
