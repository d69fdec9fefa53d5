-- Taxonomy changes detected from $first_week up to the end of $week, each as a
-- per-theme diff of a re-tagged sample (old version's count vs the new one's).
SELECT detected_at, old_version, new_version, theme, n_sample, n_old, n_new, delta
FROM taxonomy_changes
WHERE detected_at >= $first_week::TIMESTAMPTZ
  AND detected_at < ($week + INTERVAL 7 DAY)::TIMESTAMPTZ
ORDER BY detected_at DESC, abs(delta) DESC, theme
