-- Per language: documents and an order-independent fingerprint of (doc_id, content).
SELECT lang, count(*) AS n_docs,
       bit_xor(hash(doc_id || '|' || coalesce(content_hash, md5(text)))) AS digest
FROM documents
GROUP BY lang
ORDER BY lang
