-- Is a table or view called $name visible on this connection (temporary ones included)?
SELECT count(*) AS n
FROM (
    SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal
    UNION ALL
    SELECT view_name FROM duckdb_views() WHERE NOT internal
)
WHERE name = $name
