/**
 * Light-curve statistics, classification and periods of NEOWISE single-exposure epochs: one row per source, with a
 * flag (FADING, BRIGHTENING, VARIABLE, STABLE, NORMAL, …) and, separately, Lomb–Scargle periods per band.
 *
 * <p>Start with {@link org.tasni.variability.VariabilityAnalyzer} and {@link org.tasni.variability.Periodogram}:
 * <pre>{@code
 * var stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs);   // one row per source
 * stats.report();                                                                    // counts, drops, timing
 * var fading = VariabilityFlag.FADING.in(stats);
 * var periods = Periodogram.of(PeriodogramConfig.standard()).run(epochs, fading.stringColumn("designation")
 *         .asList().toArray(String[]::new));
 * var legacy = VariabilityAnalyzer.of(VariabilityConfig.tasniLegacy()).analyze(epochs);  // the reference's numbers
 * }</pre>
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@code VariabilityAnalyzer}: the entry point. It groups the epochs by source ({@code Epochs}, O(rows)),
 *       applies the quality cuts, runs the configuration's method over the sources in parallel, streams Parquet
 *       files row group by row group, and writes the {@link org.tasni.variability.VariabilityReport}.</li>
 *   <li>One class per method ({@code StandardMethod}, {@code LegacyMethod}, {@code Tier5Method}), each owning its
 *       output schema and reading every threshold from {@link org.tasni.variability.VariabilityConfig}.</li>
 *   <li>Kernels on primitive arrays and a {@code [from, to)} slice, each returning a small record:
 *       {@code BandStatistics} (weighted mean, RMS, χ², η, WLS trend), {@code StetsonIndices} (Stetson 1996 J and
 *       K), {@code LegacyStatistics} (the reference's formulas, defects included), {@code VisitBinning} (flux means
 *       per visit) and {@code LombScargle} (the generalised periodogram and Baluev's FAP). They import no Tablesaw
 *       and report no progress.</li>
 *   <li>{@link org.tasni.variability.LightCurve}: one source's usable points per {@link org.tasni.variability.Band},
 *       what the plots draw.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Input columns are {@code designation} (or another id column), {@code mjd} (days) and, per band, IRSA's
 * {@code w1mpro, w1sigmpro} or the reference's {@code w1mpro_ep, w1sigmpro_ep} ({@link org.tasni.variability.Band}
 * knows both). Trends are in mag/yr, positive meaning fading. The flag column is {@code flag}, except in the
 * tasni-legacy result whose columns are the reference's ({@code variability_flag}, designation last);
 * {@link org.tasni.variability.VariabilityFlag} selects rows from either. A setting that can be off is an empty
 * {@code Optional}. Exposures that no method can use are dropped and counted by reason in the report, never
 * silently. Grouping costs O(rows); the statistics O(rows) with a robust-mean iteration per band; a periodogram
 * O(points × frequencies) per band, with the grid bounded by {@link org.tasni.variability.PeriodogramConfig#MAX_FREQUENCIES}.
 */
package org.tasni.variability;
