-- Tagged lake rows (registered as `incoming`, with _path and _run_date of their partition)
-- become candidate document versions: week and month of publication, a key that orders
-- versions of one post (the newest observation wins), a hash of everything loaded (equal
-- hash = nothing to do), and a reason where the row cannot be loaded.
CREATE OR REPLACE TEMP TABLE candidates AS
WITH typed AS (
    SELECT
        *,
        list_sort(coalesce(themes, [])) AS sorted_themes,
        CASE
            WHEN doc_id IS NULL OR trim(doc_id) = '' THEN 'no doc_id'
            WHEN source IS NULL OR trim(source) = '' THEN 'no source'
            WHEN text IS NULL THEN 'no text'
            WHEN fetched_at IS NULL THEN 'no fetched_at'
            WHEN list_bool_or(list_transform(coalesce(themes, []),
                              t -> t.theme IS NULL OR trim(t.theme) = '')) THEN 'a theme without an id'
        END AS reject_reason
    FROM incoming
)
SELECT
    * EXCLUDE (sorted_themes),
    date_trunc('week', published_at)::DATE AS week,
    date_trunc('month', published_at)::DATE AS month,
    strftime(fetched_at, '%Y-%m-%dT%H:%M:%S.%fZ')
        || '|' || coalesce(strftime(edited_at, '%Y-%m-%dT%H:%M:%S.%fZ'), '')
        || '|' || CAST(_run_date AS VARCHAR) AS version_key,
    md5(to_json({
        'doc_id': doc_id, 'source': source, 'platform': platform, 'url': url,
        'thread_id': thread_id, 'thread_title': thread_title, 'post_id': post_id,
        'parent_id': parent_id, 'quoted_ids': list_sort(coalesce(quoted_ids, [])),
        'author_hash': author_hash, 'author_role': author_role, 'published_at': published_at,
        'edited_at': edited_at, 'editor_hash': editor_hash, 'position': position, 'text': text,
        'lang_hint': lang_hint, 'content_hash': content_hash, 'lang': lang, 'n_tokens': n_tokens,
        'themes': sorted_themes, 'taxonomy_version': taxonomy_version,
        'pipeline_version': pipeline_version
    })) AS row_hash,
    row_number() OVER (
        PARTITION BY CASE WHEN reject_reason IS NULL THEN doc_id END
        ORDER BY version_key DESC, row_hash DESC
    ) AS version_rank
FROM typed;
