-- Drift tests over two windows with weighted Benjamini-Hochberg (warehouse/drift.py):
-- which window decided each cell, both windows' p-values and the cell's BH weight.
-- The CUSUM is no longer computed: theme_drift.cusum stays, NULL, for older readers.

ALTER TABLE theme_drift ADD COLUMN window_weeks INTEGER;       -- 1: this week; 2: this week and the one before
ALTER TABLE theme_drift ADD COLUMN p_value_week DOUBLE;        -- mid-p Fisher, this week, the theme's bad direction
ALTER TABLE theme_drift ADD COLUMN p_value_two_weeks DOUBLE;   -- the same over the last two weeks pooled (NULL: not tested)
ALTER TABLE theme_drift ADD COLUMN bh_weight DOUBLE;           -- the cell's weight in the week's weighted BH
