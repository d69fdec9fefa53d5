-- Reviewers' verdicts on drift alerts (theme_drift.alert_id) and emerging phrases
-- (the phrase_id shown in the drift review page). Append-only: a later row for
-- the same alert_id supersedes earlier ones, which stay as the history.
--   real      the change is real: people talk about this more (or less)
--   taxonomy  the change comes from the taxonomy (a cue added, removed or too broad)
--   noise     nothing to act on (a spam wave, a duplicate thread, chance)
CREATE TABLE IF NOT EXISTS drift_reviews (
    alert_id    VARCHAR NOT NULL,
    verdict     VARCHAR NOT NULL CHECK (verdict IN ('real', 'taxonomy', 'noise')),
    note        VARCHAR NOT NULL DEFAULT '',
    reviewer    VARCHAR NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL
);
