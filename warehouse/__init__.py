"""The warehouse stage: DuckDB schema, idempotent loads from the lake, trends and drift.

``connection`` is the one place that opens DuckDB; SQL lives in ``sql/`` (numbered
migrations, named views and named queries). See docs/analyst-guide.md for the
relations analysts read.
"""
