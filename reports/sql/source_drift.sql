-- Distribution-level drift per source in the reported week: how far the mix of
-- themes moved from the baseline (Jensen-Shannon divergence, PSI) and the flag.
SELECT source, jsd, psi, flag
FROM source_drift
WHERE week = $week
ORDER BY flag DESC, jsd DESC, source
