-- Apply load_actions: updated documents lose their old row and themes, then new and updated
-- ones are inserted with their themes (week, month, source and lang copied onto each theme).
DELETE FROM document_themes
WHERE doc_id IN (SELECT doc_id FROM load_actions WHERE action = 'updated');

DELETE FROM documents
WHERE doc_id IN (SELECT doc_id FROM load_actions WHERE action = 'updated');

INSERT INTO documents (
    doc_id, source, platform, url, thread_id, thread_title, post_id, parent_id, quoted_ids,
    author_hash, author_role, published_at, week, month, edited_at, editor_hash, position,
    lang, lang_hint, n_tokens, text, content_hash, taxonomy_version, pipeline_version,
    fetched_at, loaded_at, run_date, version_key, row_hash
)
SELECT
    s.doc_id, s.source, s.platform, s.url, s.thread_id, s.thread_title, s.post_id, s.parent_id,
    s.quoted_ids, s.author_hash, s.author_role, s.published_at, s.week, s.month, s.edited_at,
    s.editor_hash, s.position, s.lang, s.lang_hint, s.n_tokens, s.text, s.content_hash,
    s.taxonomy_version, s.pipeline_version, s.fetched_at, getvariable('loaded_at'), s.run_date,
    s.version_key, s.row_hash
FROM staged_documents s
JOIN load_actions a USING (doc_id)
WHERE a.action IN ('new', 'updated');

INSERT INTO document_themes (doc_id, theme, score, evidence, taxonomy_version, week, month, source, lang)
SELECT t.doc_id, t.theme, t.score, t.evidence, t.taxonomy_version, t.week, t.month, t.source, t.lang
FROM staged_themes t
JOIN load_actions a USING (doc_id)
WHERE a.action IN ('new', 'updated');
