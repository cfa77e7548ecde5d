package org.tasni.variability;

import org.tasni.TasniException;

/**
 * How light curves are cleaned, measured and classified. Start from a preset and change what you need with the
 * {@code with…} methods, which return copies:
 * <pre>{@code
 * var config = VariabilityConfig.standard().withFadingMaxP(0.001).withBinVisits(true);
 * }</pre>
 *
 * <h2>Presets</h2>
 * <ul>
 *   <li>{@link #standard()}: quality cuts, NaN-skipping, inverse-variance weights, WLS trends with p-values, Stetson
 *       (1996) J and K. FADING needs a significant positive slope (p &lt; {@code fadingMaxP}), at least
 *       {@code minTrendMagYr} and a baseline of at least {@code minBaselineYears}.</li>
 *   <li>{@link #tasniLegacy()}: the reference pipeline's published {@code golden_variability.csv} (its Implementation
 *       A with χ² &gt; 5.0 and |trend| &gt; 0.02 mag/yr), defects included: no cuts, unweighted means, NaN-propagating
 *       RMS, "Stetson J" divided by √n, OLS trends, additive scores.</li>
 *   <li>{@link #tasniTier5()}: the reference's {@code tier5_variability.parquet} (Implementation D: rows with any NaN
 *       dropped, χ² &gt; 5.0, trend &gt; 0.015 mag/yr with a baseline over 2 yr, exclusive scores).</li>
 * </ul>
 *
 * @param name             preset name, for reports
 * @param method           which statistics: STANDARD, LEGACY (Implementation A) or TIER5 (Implementation D)
 * @param minEpochs        fewer usable epochs than this gives INSUFFICIENT_DATA
 * @param qualFrameMin     keep exposures with qual_frame &gt; this (−1 disables)
 * @param qiFactMin        keep exposures with qi_fact ≥ this (NaN disables)
 * @param saaSepMin        keep exposures with saa_sep &gt; this, degrees (NaN disables)
 * @param moonMaskedOk     keep exposures whose moon_masked equals this ("" disables)
 * @param ccFlagsPrefix    keep exposures whose cc_flags starts with this ("" disables)
 * @param binVisits        average each visit (exposures closer than {@code visitGapDays}) in flux before the statistics
 * @param visitGapDays     a gap longer than this starts a new visit, days
 * @param stableRms        STABLE needs RMS below this in both bands, mag
 * @param stableChi2       STABLE needs reduced χ² below this in both bands
 * @param variableRms      VARIABLE if RMS exceeds this in either band, mag (standard: NaN, unused)
 * @param variableChi2     VARIABLE if reduced χ² exceeds this in either band
 * @param minTrendMagYr    |trend| needed for FADING/BRIGHTENING, mag/yr
 * @param fadingMaxP       two-sided p-value the trend needs (standard); NaN for none (legacy)
 * @param minBaselineYears baseline needed for FADING/BRIGHTENING, years
 */
public record VariabilityConfig(String name, Method method, int minEpochs, int qualFrameMin, double qiFactMin,
        double saaSepMin, String moonMaskedOk, String ccFlagsPrefix, boolean binVisits, double visitGapDays,
        double stableRms, double stableChi2, double variableRms, double variableChi2, double minTrendMagYr,
        double fadingMaxP, double minBaselineYears) {

    /** Which statistics a preset computes. */
    public enum Method { STANDARD, LEGACY, TIER5 }

    public VariabilityConfig {
        if (minEpochs < 2) {
            throw new TasniException("minEpochs must be at least 2 (got " + minEpochs + ").");
        }
        if (!(visitGapDays > 0)) {
            throw new TasniException("visitGapDays must be > 0 days (got " + visitGapDays + ").");
        }
        if (!Double.isNaN(fadingMaxP) && !(fadingMaxP > 0 && fadingMaxP < 1)) {
            throw new TasniException("fadingMaxP must be a probability in (0, 1) (got " + fadingMaxP + ").");
        }
        if (!(minTrendMagYr >= 0) || !(minBaselineYears >= 0)) {
            throw new TasniException("minTrendMagYr and minBaselineYears must be >= 0.");
        }
    }

    /**
     * The corrected analysis: NEOWISE quality cuts (qual_frame &gt; 0, qi_fact ≥ 0.9, saa_sep &gt; 0, moon_masked "00",
     * cc_flags "00…"), ≥ 10 epochs per band, STABLE below 0.05 mag and χ²_ν 2, VARIABLE above χ²_ν 3, FADING for a
     * slope ≥ 0.01 mag/yr with p &lt; 0.01 over ≥ 2 years.
     */
    public static VariabilityConfig standard() {
        return new VariabilityConfig("standard", Method.STANDARD, 10, 0, 0.9, 0, "00", "00", false, 50, 0.05, 2.0,
                Double.NaN, 3.0, 0.01, 0.01, 2.0);
    }

    /** The reference's published golden_variability.csv, exactly (Implementation A, C = 5.0, T = 0.02). */
    public static VariabilityConfig tasniLegacy() {
        return new VariabilityConfig("tasni-legacy", Method.LEGACY, 10, -1, Double.NaN, Double.NaN, "", "", false, 50,
                0.05, 2.0, 0.15, 5.0, 0.02, Double.NaN, 0);
    }

    /** The reference's tier5_variability.parquet (Implementation D, C = 5.0, T = 0.015, baseline over 2 yr). */
    public static VariabilityConfig tasniTier5() {
        return new VariabilityConfig("tasni-tier5", Method.TIER5, 10, -1, Double.NaN, Double.NaN, "", "", false, 50,
                0.05, 2.0, 0.15, 5.0, 0.015, Double.NaN, 2.0);
    }

    /** A preset by name: standard, tasni-legacy or tasni-tier5. */
    public static VariabilityConfig preset(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "tasni-legacy" -> tasniLegacy();
            case "tasni-tier5" -> tasniTier5();
            default -> throw new TasniException("unknown preset '" + name + "' (expected standard, tasni-legacy or tasni-tier5).");
        };
    }

    public VariabilityConfig withFadingMaxP(double p) {
        return new VariabilityConfig(name, method, minEpochs, qualFrameMin, qiFactMin, saaSepMin, moonMaskedOk,
                ccFlagsPrefix, binVisits, visitGapDays, stableRms, stableChi2, variableRms, variableChi2, minTrendMagYr,
                p, minBaselineYears);
    }

    public VariabilityConfig withBinVisits(boolean bin) {
        return new VariabilityConfig(name, method, minEpochs, qualFrameMin, qiFactMin, saaSepMin, moonMaskedOk,
                ccFlagsPrefix, bin, visitGapDays, stableRms, stableChi2, variableRms, variableChi2, minTrendMagYr,
                fadingMaxP, minBaselineYears);
    }

    public VariabilityConfig withMinTrendMagYr(double t) {
        return new VariabilityConfig(name, method, minEpochs, qualFrameMin, qiFactMin, saaSepMin, moonMaskedOk,
                ccFlagsPrefix, binVisits, visitGapDays, stableRms, stableChi2, variableRms, variableChi2, t, fadingMaxP,
                minBaselineYears);
    }

    public VariabilityConfig withVariableChi2(double c) {
        return new VariabilityConfig(name, method, minEpochs, qualFrameMin, qiFactMin, saaSepMin, moonMaskedOk,
                ccFlagsPrefix, binVisits, visitGapDays, stableRms, stableChi2, variableRms, c, minTrendMagYr, fadingMaxP,
                minBaselineYears);
    }

    /** Without any quality cut. */
    public VariabilityConfig withoutQualityCuts() {
        return new VariabilityConfig(name, method, minEpochs, -1, Double.NaN, Double.NaN, "", "", binVisits,
                visitGapDays, stableRms, stableChi2, variableRms, variableChi2, minTrendMagYr, fadingMaxP,
                minBaselineYears);
    }
}
