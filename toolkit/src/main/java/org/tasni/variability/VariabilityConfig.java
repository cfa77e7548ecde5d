package org.tasni.variability;

import java.util.Optional;
import java.util.OptionalDouble;
import org.tasni.TasniException;

/**
 * How light curves are cleaned ({@link Cuts}), measured ({@link Statistics}) and classified ({@link Classification}).
 * Start from a preset and change what you need with the {@code with…} methods, which return copies:
 * <pre>{@code
 * var config = VariabilityConfig.standard().withFadingMaxP(0.001).withBinVisits(true);
 * var loose = VariabilityConfig.standard().withCuts(VariabilityConfig.Cuts.none());
 * var std = VariabilityConfig.standard();
 * var relaxed = std.withStatistics(std.statistics().withMinEpochs(5)).withClassification(
 *         std.classification().withMinBaselineYears(1));
 * }</pre>
 * The settings of one group are changed with that group's withers; the most common ones also have a shortcut here.
 *
 * <h2>"Off" has one spelling</h2>
 * A setting that can be switched off (a quality cut, the RMS limit of VARIABLE, the p-value FADING needs) is an
 * {@link OptionalDouble} or an {@link Optional}: empty means off, for every such setting. No −1, NaN or "" stands for
 * "off"; a NaN given to a wither is refused.
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
 * Every method reads every threshold of {@link Classification} from here; none is written into a method.
 *
 * @param name           preset name, for reports
 * @param method         which statistics and output schema (one class per method)
 * @param cuts           which exposures are used
 * @param statistics     how many epochs, and whether visits are averaged first
 * @param classification the thresholds of the flags
 */
public record VariabilityConfig(String name, Method method, Cuts cuts, Statistics statistics,
        Classification classification) {

    /**
     * The shortest baseline, days, over which any method fits a trend: a shorter light curve gets NaN trend columns
     * and no FADING/BRIGHTENING, whatever the preset's {@code minBaselineYears} (tasni-legacy's is 0). NEOWISE sees a
     * position for 1–2 days every 182.6 days, so points all within 50 days are one visit: a slope fitted inside a
     * visit measures the scatter of a night, and expressed in mag/yr it is multiplied by ~700 (12 exposures in half a
     * day gave +80 mag/yr). A secular trend needs at least two visits. It is the periodogram's "one visit" span; no
     * source of the reference's data comes near it (their baselines are years), so the legacy outputs are unchanged.
     */
    public static final double MIN_TREND_BASELINE_DAYS = Periodogram.VISIT_GAP_DAYS;

    /** Whether a trend may be fitted over this baseline, years (false for NaN). */
    static boolean trendMeasurable(double baselineYears) {
        return baselineYears * 365.25 >= MIN_TREND_BASELINE_DAYS;
    }

    /** Which statistics a preset computes, each with its own output schema. */
    public enum Method {
        /** Quality-cut, weighted statistics ({@code StandardMethod}). */
        STANDARD,
        /** The reference's Implementation A ({@code LegacyMethod}). */
        LEGACY,
        /** The reference's Implementation D ({@code Tier5Method}). */
        TIER5
    }

    /** The named presets, as the CLI's {@code --preset} spells them ({@code tasni-legacy}: see {@link #toString()}). */
    public enum Preset {
        STANDARD, TASNI_LEGACY, TASNI_TIER5;

        /** The preset's configuration. */
        public VariabilityConfig config() {
            return switch (this) {
                case STANDARD -> standard();
                case TASNI_LEGACY -> tasniLegacy();
                case TASNI_TIER5 -> tasniTier5();
            };
        }

        /** "standard", "tasni-legacy" or "tasni-tier5": the name, lower case, with hyphens. */
        @Override
        public String toString() {
            return PresetNames.label(this);
        }

        /** The preset called {@code name} ("tasni-legacy"), or its constant's name, ignoring case. */
        public static Preset of(String name) {
            return PresetNames.find(values(), name, "preset");
        }
    }

    /**
     * The single-exposure quality cuts of NEOWISE practice; an empty value switches that cut off.
     *
     * @param qualFrameMin  keep exposures with qual_frame &gt; this
     * @param qiFactMin     keep exposures with qi_fact ≥ this
     * @param saaSepMin     keep exposures with saa_sep &gt; this, degrees
     * @param moonMasked    keep exposures whose moon_masked equals this
     * @param ccFlagsPrefix keep exposures whose cc_flags starts with this
     */
    public record Cuts(OptionalDouble qualFrameMin, OptionalDouble qiFactMin, OptionalDouble saaSepMin,
            Optional<String> moonMasked, Optional<String> ccFlagsPrefix) {

        public Cuts {
            for (OptionalDouble v : new OptionalDouble[] {qualFrameMin, qiFactMin, saaSepMin}) {
                if (v.isPresent() && !Double.isFinite(v.getAsDouble())) {
                    throw new TasniException("a quality cut must be a finite number, or empty to switch it off (got "
                            + v.getAsDouble() + ").");
                }
            }
        }

        /** qual_frame &gt; 0, qi_fact ≥ 0.9, saa_sep &gt; 0, moon_masked "00", cc_flags "00…". */
        public static Cuts neowise() {
            return new Cuts(OptionalDouble.of(0), OptionalDouble.of(0.9), OptionalDouble.of(0), Optional.of("00"),
                    Optional.of("00"));
        }

        /** No cut at all. */
        public static Cuts none() {
            return new Cuts(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
                    Optional.empty());
        }

        /** With qual_frame &gt; {@code min}. */
        public Cuts withQualFrameMin(double min) {
            return new Cuts(OptionalDouble.of(min), qiFactMin, saaSepMin, moonMasked, ccFlagsPrefix);
        }

        /** With qi_fact ≥ {@code min}. */
        public Cuts withQiFactMin(double min) {
            return new Cuts(qualFrameMin, OptionalDouble.of(min), saaSepMin, moonMasked, ccFlagsPrefix);
        }

        /** With saa_sep &gt; {@code min} degrees. */
        public Cuts withSaaSepMin(double min) {
            return new Cuts(qualFrameMin, qiFactMin, OptionalDouble.of(min), moonMasked, ccFlagsPrefix);
        }

        /** With moon_masked equal to {@code value}. */
        public Cuts withMoonMasked(String value) {
            return new Cuts(qualFrameMin, qiFactMin, saaSepMin,
                    Optional.of(TasniException.requireGiven(value, "the moon_masked value")), ccFlagsPrefix);
        }

        /** With cc_flags starting with {@code prefix}. */
        public Cuts withCcFlagsPrefix(String prefix) {
            return new Cuts(qualFrameMin, qiFactMin, saaSepMin, moonMasked,
                    Optional.of(TasniException.requireGiven(prefix, "the cc_flags prefix")));
        }
    }

    /**
     * What the statistics need.
     *
     * @param minEpochs    fewer usable epochs than this gives INSUFFICIENT_DATA (tier5: UNKNOWN)
     * @param binVisits    average each visit (exposures closer than {@code visitGapDays}) in flux before the
     *                     statistics (standard method)
     * @param visitGapDays a gap longer than this starts a new visit, days
     */
    public record Statistics(int minEpochs, boolean binVisits, double visitGapDays) {

        public Statistics {
            if (minEpochs < 2) {
                throw new TasniException("minEpochs must be at least 2 (got " + minEpochs + ").");
            }
            if (!(visitGapDays > 0)) {
                throw new TasniException("visitGapDays must be > 0 days (got " + visitGapDays + ").");
            }
        }

        /** Fewer usable epochs than {@code n} give INSUFFICIENT_DATA. */
        public Statistics withMinEpochs(int n) {
            return new Statistics(n, binVisits, visitGapDays);
        }

        /** Average each visit in flux before the statistics (standard method). */
        public Statistics withBinVisits(boolean bin) {
            return new Statistics(minEpochs, bin, visitGapDays);
        }

        /** A gap longer than {@code days} starts a new visit. */
        public Statistics withVisitGapDays(double days) {
            return new Statistics(minEpochs, binVisits, days);
        }
    }

    /**
     * The thresholds of the flags.
     *
     * @param stableRms        STABLE needs RMS below this in both bands, mag
     * @param stableChi2       STABLE needs reduced χ² below this in both bands
     * @param variableRms      VARIABLE if RMS exceeds this in either band, mag; empty: RMS alone never makes VARIABLE
     * @param variableChi2     VARIABLE if reduced χ² exceeds this in either band
     * @param minTrendMagYr    |trend| needed for FADING/BRIGHTENING, mag/yr
     * @param fadingMaxP       two-sided p-value the trend needs; empty: no significance test (the reference's)
     * @param minBaselineYears baseline needed for FADING/BRIGHTENING, years
     */
    public record Classification(double stableRms, double stableChi2, OptionalDouble variableRms, double variableChi2,
            double minTrendMagYr, OptionalDouble fadingMaxP, double minBaselineYears) {

        public Classification {
            if (fadingMaxP.isPresent() && !(fadingMaxP.getAsDouble() > 0 && fadingMaxP.getAsDouble() < 1)) {
                throw new TasniException("fadingMaxP must be a probability in (0, 1) (got " + fadingMaxP.getAsDouble() + ").");
            }
            if (!(minTrendMagYr >= 0) || !(minBaselineYears >= 0)) {
                throw new TasniException("minTrendMagYr and minBaselineYears must be >= 0 (got " + minTrendMagYr + ", "
                        + minBaselineYears + ").");
            }
            if (!(stableRms >= 0) || !(stableChi2 >= 0) || !(variableChi2 >= 0)
                    || variableRms.isPresent() && !(variableRms.getAsDouble() >= 0)) {
                throw new TasniException("stableRms, stableChi2, variableRms and variableChi2 must be numbers >= 0.");
            }
        }

        /** STABLE below {@code rms} (mag) and reduced χ² {@code chi2} in every measured band. */
        public Classification withStable(double rms, double chi2) {
            return new Classification(rms, chi2, variableRms, variableChi2, minTrendMagYr, fadingMaxP, minBaselineYears);
        }

        /** VARIABLE also when the RMS exceeds {@code rms} (mag) in a band. */
        public Classification withVariableRms(double rms) {
            return new Classification(stableRms, stableChi2, OptionalDouble.of(rms), variableChi2, minTrendMagYr,
                    fadingMaxP, minBaselineYears);
        }

        /** VARIABLE above reduced χ² {@code chi2} in a band. */
        public Classification withVariableChi2(double chi2) {
            return new Classification(stableRms, stableChi2, variableRms, chi2, minTrendMagYr, fadingMaxP, minBaselineYears);
        }

        /** The |trend| FADING/BRIGHTENING needs, mag/yr. */
        public Classification withMinTrendMagYr(double magYr) {
            return new Classification(stableRms, stableChi2, variableRms, variableChi2, magYr, fadingMaxP, minBaselineYears);
        }

        /** The two-sided p-value a trend needs. */
        public Classification withFadingMaxP(double p) {
            return new Classification(stableRms, stableChi2, variableRms, variableChi2, minTrendMagYr, OptionalDouble.of(p),
                    minBaselineYears);
        }

        /** The baseline FADING/BRIGHTENING needs, years. */
        public Classification withMinBaselineYears(double years) {
            return new Classification(stableRms, stableChi2, variableRms, variableChi2, minTrendMagYr, fadingMaxP, years);
        }

        /** Whether a trend with two-sided p-value {@code p} passes the significance test (always, when it is off). */
        boolean significant(double p) {
            return fadingMaxP.isEmpty() || p < fadingMaxP.getAsDouble();
        }

        /** Whether {@code rms} alone makes a band VARIABLE (never, when the limit is off). */
        boolean variableByRms(double rms) {
            return variableRms.isPresent() && rms > variableRms.getAsDouble();
        }
    }

    public VariabilityConfig {
        if (name == null || method == null || cuts == null || statistics == null || classification == null) {
            throw new TasniException("a variability configuration needs a name, a method, cuts, statistics and a "
                    + "classification (got null).");
        }
        // only the standard method bins visits; the reference's methods never did, and silently ignoring the
        // setting would give unbinned statistics to someone who asked for binned ones
        if (statistics.binVisits() && method != Method.STANDARD) {
            throw new TasniException("visit binning (--bin-visits) is only for the standard preset; " + name
                    + " reproduces the reference, which does not bin visits.");
        }
    }

    /**
     * The corrected analysis: NEOWISE quality cuts ({@link Cuts#neowise()}), ≥ 10 epochs per band, STABLE below
     * 0.05 mag and χ²_ν 2, VARIABLE above χ²_ν 3, FADING for a slope ≥ 0.01 mag/yr with p &lt; 0.01 over ≥ 2 years.
     */
    public static VariabilityConfig standard() {
        return new VariabilityConfig("standard", Method.STANDARD, Cuts.neowise(), new Statistics(10, false, 50),
                new Classification(0.05, 2.0, OptionalDouble.empty(), 3.0, 0.01, OptionalDouble.of(0.01), 2.0));
    }

    /** The reference's published golden_variability.csv, exactly (Implementation A, C = 5.0, T = 0.02). */
    public static VariabilityConfig tasniLegacy() {
        return new VariabilityConfig("tasni-legacy", Method.LEGACY, Cuts.none(), new Statistics(10, false, 50),
                new Classification(0.05, 2.0, OptionalDouble.of(0.15), 5.0, 0.02, OptionalDouble.empty(), 0));
    }

    /** The reference's tier5_variability.parquet (Implementation D, C = 5.0, T = 0.015, baseline over 2 yr). */
    public static VariabilityConfig tasniTier5() {
        return new VariabilityConfig("tasni-tier5", Method.TIER5, Cuts.none(), new Statistics(10, false, 50),
                new Classification(0.05, 2.0, OptionalDouble.of(0.15), 5.0, 0.015, OptionalDouble.empty(), 2.0));
    }

    /** A preset by name: standard, tasni-legacy or tasni-tier5. */
    public static VariabilityConfig preset(String name) {
        return Preset.of(name).config();
    }

    /** The same configuration under another name (reports show it). */
    public VariabilityConfig withName(String n) {
        return new VariabilityConfig(n, method, cuts, statistics, classification);
    }

    /** With other quality cuts ({@link Cuts#none()}, {@link Cuts#neowise()} or one changed by its withers). */
    public VariabilityConfig withCuts(Cuts c) {
        return new VariabilityConfig(name, method, c, statistics, classification);
    }

    /** With other statistics settings ({@code statistics().withMinEpochs(5)}, …). */
    public VariabilityConfig withStatistics(Statistics s) {
        return new VariabilityConfig(name, method, cuts, s, classification);
    }

    /** With other flag thresholds ({@code classification().withStable(0.03, 1.5)}, …). */
    public VariabilityConfig withClassification(Classification c) {
        return new VariabilityConfig(name, method, cuts, statistics, c);
    }

    /** Without any quality cut. */
    public VariabilityConfig withoutQualityCuts() {
        return withCuts(Cuts.none());
    }

    /**
     * Average each visit in flux before the statistics (standard method).
     *
     * @throws TasniException for the tasni-legacy and tasni-tier5 methods, which reproduce the reference's unbinned
     *                        statistics
     */
    public VariabilityConfig withBinVisits(boolean bin) {
        return withStatistics(statistics.withBinVisits(bin));
    }

    /** The two-sided p-value a trend needs for FADING/BRIGHTENING. */
    public VariabilityConfig withFadingMaxP(double p) {
        return withClassification(classification.withFadingMaxP(p));
    }

    /** The |trend| FADING/BRIGHTENING needs, mag/yr. */
    public VariabilityConfig withMinTrendMagYr(double magYr) {
        return withClassification(classification.withMinTrendMagYr(magYr));
    }

    /** VARIABLE above this reduced χ² in either band. */
    public VariabilityConfig withVariableChi2(double chi2) {
        return withClassification(classification.withVariableChi2(chi2));
    }
}
