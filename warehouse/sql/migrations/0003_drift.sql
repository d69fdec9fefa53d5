-- Drift: one row per tested week x source x theme cell, and one per week x source for the
-- distribution over all themes. Rebuilt whole by refresh_trends (alert_id is stable).

CREATE TABLE theme_drift (
    alert_id          VARCHAR NOT NULL,   -- stable hash of week, source and theme
    week              DATE NOT NULL,
    source            VARCHAR NOT NULL,
    theme             VARCHAR NOT NULL,
    n_docs            BIGINT NOT NULL,
    n_docs_total      BIGINT NOT NULL,
    share             DOUBLE NOT NULL,
    baseline_share    DOUBLE NOT NULL,
    baseline_weeks    INTEGER NOT NULL,   -- earlier weeks with data in the baseline window
    baseline_n_docs_total BIGINT NOT NULL,
    method            VARCHAR NOT NULL,   -- what raised the flag: fisher_bh | cusum | fisher_bh+cusum | none
    statistic         DOUBLE,             -- standardised difference of this week's share from the baseline
    p_value           DOUBLE,             -- Fisher's exact test, two-sided (twice the smaller one-sided p)
    q_value           DOUBLE,             -- Benjamini-Hochberg across all cells of the week
    cusum             DOUBLE,             -- CUSUM statistic in the flag's direction after this week
    dispersion        DOUBLE,             -- over-dispersion factor applied (1 = binomial)
    flag              BOOLEAN NOT NULL,
    direction         VARCHAR NOT NULL,   -- up | down
    taxonomy_changed  BOOLEAN NOT NULL    -- week and baseline were tagged under different taxonomies
);

CREATE TABLE source_drift (
    week              DATE NOT NULL,
    source            VARCHAR NOT NULL,
    n_docs_total      BIGINT NOT NULL,
    baseline_weeks    INTEGER NOT NULL,
    jsd               DOUBLE,             -- Jensen-Shannon divergence (base 2, 0..1) of theme mix vs baseline
    psi               DOUBLE,             -- population stability index of the same
    p_value           DOUBLE,             -- G-test of this week's theme mix against the baseline's
    q_value           DOUBLE,             -- Benjamini-Hochberg across the sources of the week
    flag              BOOLEAN NOT NULL,
    top_theme         VARCHAR,            -- theme contributing most to the PSI
    taxonomy_changed  BOOLEAN NOT NULL
);
