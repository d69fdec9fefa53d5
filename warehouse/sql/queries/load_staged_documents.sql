-- The newest valid version of each document in the batch, in the column order of `documents`
-- (loaded_at is filled in by the write).
SELECT
    doc_id, source, platform, url, thread_id, thread_title, post_id, parent_id, quoted_ids,
    author_hash, author_role, published_at, week, month, edited_at, editor_hash, position,
    coalesce(nullif(trim(lang), ''), 'und') AS lang, lang_hint, n_tokens, text, content_hash,
    taxonomy_version, pipeline_version, fetched_at, _run_date AS run_date, version_key, row_hash,
    _path
FROM candidates
WHERE reject_reason IS NULL AND version_rank = 1
