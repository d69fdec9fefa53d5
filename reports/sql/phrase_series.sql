-- How many posts in language $lang contain $phrase (at the start of a word, any
-- case), per week from $first_week to $last_week, out of all posts in that language.
SELECT week,
       count(*) FILTER (
           WHERE regexp_matches(text, '(?i)(^|[^\pL\pN_])' || regexp_escape($phrase))
       )::BIGINT AS n_docs,
       count(*)::BIGINT AS n_docs_total,
       n_docs / n_docs_total AS share
FROM documents
WHERE lang = $lang AND week BETWEEN $first_week AND $last_week
GROUP BY week
ORDER BY week
