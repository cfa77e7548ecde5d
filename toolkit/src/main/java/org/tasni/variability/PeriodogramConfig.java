package org.tasni.variability;

import org.tasni.TasniException;

/**
 * The frequency grid and false-alarm rule of the periodogram. Start from a preset and change what you need with the
 * {@code with…} methods, which return copies:
 * <pre>{@code
 * var config = PeriodogramConfig.standard().withFap(0.001, false).withMinPoints(20);
 * }</pre>
 *
 * @param name           preset name
 * @param fMin           lowest frequency, d⁻¹
 * @param fMax           highest frequency, d⁻¹
 * @param nFrequencies   a linear grid of this many frequencies from fMin to fMax inclusive (1: fMin alone, as
 *                       numpy's {@code linspace(fMin, fMax, 1)}); 0 for steps of 1/(samplesPerPeak · baseline), as
 *                       astropy's autofrequency spaces them
 * @param samplesPerPeak grid density when nFrequencies is 0
 * @param nyquistFactor  when &gt; 0 (and nFrequencies is 0), the grid is astropy's {@code autofrequency} exactly:
 *                       from df/2 to nyquistFactor · N / (2T); fMin and fMax are then ignored
 * @param fapAutoFmax    true: the FAP uses astropy's automatic maximum frequency (≈ 2.5 N / T, what the reference did,
 *                       which understates the FAP); false: the maximum frequency actually searched (correct)
 * @param fapThreshold   a band is periodic when its FAP is below this
 * @param minPoints      fewer usable points than this give no period for the band
 * @param extraColumns   add second_period and alias per band (the reference's CSV has neither)
 */
public record PeriodogramConfig(String name, double fMin, double fMax, int nFrequencies, double samplesPerPeak,
        double nyquistFactor, boolean fapAutoFmax, double fapThreshold, int minPoints, boolean extraColumns) {

    /** NEOWISE cadence period window the alias check uses, days. */
    public static final double CADENCE_DAYS = 182.6;

    /**
     * The most frequencies one band's grid may have: 40 MB of powers per thread. The standard grid over the whole
     * WISE/NEOWISE span needs about 60,000; a grid beyond this comes from an absurd baseline or setting, and is refused.
     */
    public static final int MAX_FREQUENCIES = 5_000_000;

    /**
     * @throws TasniException unless fMin and fMax are finite with 0 &lt; fMin &lt; fMax, nFrequencies is in
     *                        [0, {@link #MAX_FREQUENCIES}], samplesPerPeak is finite and &gt; 0, nyquistFactor finite and
     *                        &gt;= 0, minPoints &gt;= 4 and fapThreshold in (0, 1). A NaN Nyquist factor had run the
     *                        standard grid under the name astropy-auto, an infinite samples per peak had been refused
     *                        as a grid of "-9,223,372,036,854,776,000 frequencies": a value no grid can use is said here,
     *                        by its name, before anything runs.
     */
    public PeriodogramConfig {
        if (!(fMin > 0 && Double.isFinite(fMin))) {
            throw new TasniException("periodogram grid: fMin (the lowest frequency, d⁻¹) must be finite and > 0 (got " + fMin
                    + ").");
        }
        if (!(fMax > fMin && Double.isFinite(fMax))) {
            throw new TasniException("periodogram grid: fMax (the highest frequency, d⁻¹) must be finite and above fMin = "
                    + fMin + " (got " + fMax + ").");
        }
        if (nFrequencies < 0) {
            throw new TasniException("periodogram grid: nFrequencies must be >= 0 (0: steps of 1/(samplesPerPeak · baseline)); "
                    + "got " + nFrequencies + ".");
        }
        if (!(samplesPerPeak > 0 && Double.isFinite(samplesPerPeak))) {
            throw new TasniException("periodogram grid: samplesPerPeak must be finite and > 0 (got " + samplesPerPeak + ").");
        }
        if (!(nyquistFactor >= 0 && Double.isFinite(nyquistFactor))) {
            throw new TasniException("periodogram grid: nyquistFactor must be finite and >= 0 (0: no astropy autofrequency "
                    + "grid); got " + nyquistFactor + ".");
        }
        if (nFrequencies > MAX_FREQUENCIES) {
            throw new TasniException("periodogram grid: nFrequencies " + nFrequencies + " is more than the limit of "
                    + MAX_FREQUENCIES + ".");
        }
        if (minPoints < 4) {
            throw new TasniException("minPoints must be >= 4 (a floating-mean sinusoid has 3 parameters and Baluev's FAP "
                    + "needs more points; got " + minPoints + ").");
        }
        if (!(fapThreshold > 0 && fapThreshold < 1)) {
            throw new TasniException("fapThreshold must be in (0, 1) (got " + fapThreshold + ").");
        }
    }

    /** Periods from 0.5 to 1000 days, 5 samples per peak, FAP over the searched band, periodic below 1%. */
    public static PeriodogramConfig standard() {
        return new PeriodogramConfig("standard", 1.0 / 1000, 1 / 0.5, 0, 5, 0, false, 0.01, 10, true);
    }

    /** The reference's periodogram_results.csv: 10,000 linear steps from 1/1000 to 2 d⁻¹, astropy's auto fmax in the FAP. */
    public static PeriodogramConfig tasniLegacy() {
        return new PeriodogramConfig("tasni-legacy", 1.0 / 1000, 1 / 0.5, 10_000, 5, 0, true, 0.01, 10, false);
    }

    /**
     * astropy's {@code LombScargle.autopower()} grid: samples per peak and Nyquist factor, FAP over that same grid. For
     * NEOWISE it stops near 2.5 N / T (≈ 0.16 d⁻¹ unbinned), far below the periods within a visit can reach.
     */
    public static PeriodogramConfig astropyAuto(double samplesPerPeak, double nyquistFactor) {
        if (!(nyquistFactor > 0)) {
            // 0 is the constructor's "no autofrequency grid": the standard grid would run under this preset's name
            throw new TasniException("astropy-auto: nyquistFactor must be finite and > 0 (got " + nyquistFactor + ").");
        }
        return new PeriodogramConfig("astropy-auto", 1.0 / 1000, 1 / 0.5, 0, samplesPerPeak, nyquistFactor, false, 0.01,
                10, true);
    }

    /** The named presets, as the CLI's {@code --preset} spells them; tasni-tier5 uses tasni-legacy's grid. */
    public enum Preset {
        STANDARD, TASNI_LEGACY, TASNI_TIER5, ASTROPY_AUTO;

        /** The preset's configuration. */
        public PeriodogramConfig config() {
            return switch (this) {
                case STANDARD -> standard();
                case TASNI_LEGACY, TASNI_TIER5 -> tasniLegacy();
                case ASTROPY_AUTO -> astropyAuto(5, 5);
            };
        }

        /** "standard", "tasni-legacy", "tasni-tier5" or "astropy-auto": the name, lower case, with hyphens. */
        @Override
        public String toString() {
            return PresetNames.label(this);
        }

        /** The preset called {@code name} ("astropy-auto"), or its constant's name, ignoring case. */
        public static Preset of(String name) {
            return PresetNames.find(values(), name, "periodogram preset");
        }
    }

    /** A preset by name: standard, tasni-legacy (also for tasni-tier5) or astropy-auto. */
    public static PeriodogramConfig forPreset(String preset) {
        return Preset.of(preset).config();
    }

    /** The same configuration under another name (reports show it). */
    public PeriodogramConfig withName(String n) {
        return new PeriodogramConfig(n, fMin, fMax, nFrequencies, samplesPerPeak, nyquistFactor, fapAutoFmax, fapThreshold,
                minPoints, extraColumns);
    }

    /** Frequencies from {@code min} to {@code max}, d⁻¹. */
    public PeriodogramConfig withFrequencyRange(double min, double max) {
        return new PeriodogramConfig(name, min, max, nFrequencies, samplesPerPeak, nyquistFactor, fapAutoFmax, fapThreshold,
                minPoints, extraColumns);
    }

    /** A linear grid of {@code n} frequencies (1: fMin alone); 0 for steps of 1/(samplesPerPeak · baseline). */
    public PeriodogramConfig withNFrequencies(int n) {
        return new PeriodogramConfig(name, fMin, fMax, n, samplesPerPeak, nyquistFactor, fapAutoFmax, fapThreshold,
                minPoints, extraColumns);
    }

    /**
     * The false-alarm rule: a band is periodic when its FAP is below {@code threshold}; with {@code autoFmax} the FAP
     * uses astropy's automatic maximum frequency (the reference's, which understates it), else the searched one.
     */
    public PeriodogramConfig withFap(double threshold, boolean autoFmax) {
        return new PeriodogramConfig(name, fMin, fMax, nFrequencies, samplesPerPeak, nyquistFactor, autoFmax, threshold,
                minPoints, extraColumns);
    }

    /** Grid density when nFrequencies is 0. */
    public PeriodogramConfig withSamplesPerPeak(double samples) {
        return new PeriodogramConfig(name, fMin, fMax, nFrequencies, samples, nyquistFactor, fapAutoFmax, fapThreshold,
                minPoints, extraColumns);
    }

    /** astropy's autofrequency grid when &gt; 0 (and nFrequencies is 0). */
    public PeriodogramConfig withNyquistFactor(double factor) {
        return new PeriodogramConfig(name, fMin, fMax, nFrequencies, samplesPerPeak, factor, fapAutoFmax, fapThreshold,
                minPoints, extraColumns);
    }

    /** Fewer usable points than {@code n} give no period. */
    public PeriodogramConfig withMinPoints(int n) {
        return new PeriodogramConfig(name, fMin, fMax, nFrequencies, samplesPerPeak, nyquistFactor, fapAutoFmax, fapThreshold,
                n, extraColumns);
    }

    /** Whether second_period, alias and note are added per band. */
    public PeriodogramConfig withExtraColumns(boolean extra) {
        return new PeriodogramConfig(name, fMin, fMax, nFrequencies, samplesPerPeak, nyquistFactor, fapAutoFmax, fapThreshold,
                minPoints, extra);
    }
}
