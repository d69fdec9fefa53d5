-- Record one reviewer's verdict on a drift alert or emerging phrase. Reviews are
-- never updated: a later verdict on the same id supersedes the earlier one.
INSERT INTO drift_reviews (alert_id, verdict, note, reviewer, reviewed_at)
VALUES ($alert_id, $verdict, $note, $reviewer, $reviewed_at)
