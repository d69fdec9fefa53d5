-- Flagged theme x source x week cells, newest first, with the source's overall drift that week
-- and whether a taxonomy change may explain it.
CREATE OR REPLACE VIEW drift_alerts AS
SELECT
    d.alert_id, d.week, d.source, d.theme, d.direction, d.method,
    d.n_docs, d.n_docs_total, d.share, d.baseline_share,
    d.share - d.baseline_share AS share_change,
    CASE WHEN d.baseline_share > 0 THEN d.share / d.baseline_share END AS share_ratio,
    d.p_value, d.q_value, d.cusum, d.dispersion, d.taxonomy_changed,
    s.jsd AS source_jsd, s.psi AS source_psi, s.flag AS source_flag
FROM theme_drift d
LEFT JOIN source_drift s USING (week, source)
WHERE d.flag
ORDER BY d.week DESC, d.q_value NULLS LAST, d.source, d.theme;
