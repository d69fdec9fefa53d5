SELECT _path, _source, _run_date AS run_date, url, post_id, nullif(trim(doc_id), '') AS doc_id,
       reject_reason AS reason
FROM candidates
WHERE reject_reason IS NOT NULL
