package org.tasni.variability;

import tech.tablesaw.api.Table;

/**
 * One way of turning a source's epochs into a row of statistics and a flag: a strategy of
 * {@link VariabilityAnalyzer}, one class per {@link VariabilityConfig.Method}. Each method owns its output schema and
 * reads every threshold from its configuration. Shared conventions: one row per source, {@code designation} first
 * except for tasni-legacy (whose columns and order are the reference's published CSV), the flag column
 * {@value VariabilityFlag#COLUMN} (tasni-legacy: {@value VariabilityFlag#LEGACY_COLUMN}), per-band columns suffixed
 * {@code _w1}/{@code _w2} ({@link Band#suffix()}).
 */
interface VariabilityMethod {

    /** The method of {@code config}. */
    static VariabilityMethod of(VariabilityConfig config) {
        return switch (config.method()) {
            case STANDARD -> new StandardMethod(config);
            case LEGACY -> new LegacyMethod(config);
            case TIER5 -> new Tier5Method(config);
        };
    }

    /** One row per source of {@code e}, computed over {@code loop}'s threads. */
    Table compute(Epochs e, SourceLoop loop);

    /**
     * Whether the analyzer counts the unusable band measurements before {@link #compute} (true), or the method counts
     * them itself as it drops rows (tasni-tier5).
     */
    default boolean countsUnusableUpFront() {
        return true;
    }

    /** The result of several streamed parts appended, in this method's row order. */
    default Table finish(Table appended) {
        return appended;
    }
}
