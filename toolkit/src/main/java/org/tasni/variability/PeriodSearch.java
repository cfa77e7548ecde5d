package org.tasni.variability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.variability.LombScargle.Grid;

/**
 * The period search of one band of one light curve under a {@link PeriodogramConfig}: the frequency grid, its powers
 * (reported to a {@link Progress} in chunks), the best peak with its false-alarm probability, the second peak and the
 * cadence-alias check. {@link Periodogram} runs it over sources and bands and assembles the table.
 */
final class PeriodSearch {

    private final PeriodogramConfig config;
    private final Progress progress;
    /** One set of work arrays per thread (about 230 KB, 430 KB with a second band), not one per band: a run computes thousands of bands a second. */
    private final ThreadLocal<LombScargle.Work> work = ThreadLocal.withInitial(LombScargle.Work::new);

    PeriodSearch(PeriodogramConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * One band's period.
     *
     * @param period       the best period, days (the first maximum)
     * @param power        its power
     * @param fap          its Baluev false-alarm probability, in [0, 1]
     * @param frequency    the best frequency, d⁻¹
     * @param secondPeriod the highest peak away from f, 2f and f/2 if above 0.3 × the best power, else NaN, days
     * @param alias        whether the best frequency lies within 1/T of a harmonic of the NEOWISE cadence
     */
    record BandPeriod(double period, double power, double fap, double frequency, double secondPeriod, boolean alias) {
        /** No period, no alias. */
        static final BandPeriod NONE = new BandPeriod(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }


    /**
     * The grid for n points spanning {@code baseline} days.
     *
     * @param who the source and band, for the message
     * @throws TasniException if the grid has more than {@link PeriodogramConfig#MAX_FREQUENCIES} frequencies (said as a
     *                        number a reader can take in, however absurd the setting)
     */
    Grid grid(int n, double baseline, String who) {
        Grid g;
        if (config.nFrequencies() == 0 && config.nyquistFactor() > 0) {
            g = LombScargle.autoGrid(n, baseline, config.samplesPerPeak(), config.nyquistFactor());
        } else if (config.nFrequencies() > 0) {
            int nf = config.nFrequencies();
            // one frequency is fMin alone, as numpy's linspace(fMin, fMax, 1): (fMax − fMin)/0 was an infinite step,
            // which made every power NaN and the band "no power at any frequency"
            g = new Grid(config.fMin(), nf == 1 ? 0 : (config.fMax() - config.fMin()) / (nf - 1), nf);
        } else {
            double df = 1 / (config.samplesPerPeak() * baseline);
            g = new Grid(config.fMin(), df, Math.floor((config.fMax() - config.fMin()) / df) + 1);
        }
        // the grid grows with the baseline (and, for astropy-auto, with n): bound what any input can allocate
        if (!(g.count() >= 1 && g.count() <= PeriodogramConfig.MAX_FREQUENCIES)) {
            throw new TasniException(String.format("%s: the %s periodogram grid would have %s frequencies for %,d points "
                    + "over %,.1f days, more than the limit of %,d. Check the mjd column, or use a preset with a fixed grid "
                    + "(tasni-legacy) or fewer samples per peak.", who, config.name(), count(g.count()), n, baseline,
                    PeriodogramConfig.MAX_FREQUENCIES));
        }
        return g;
    }

    /**
     * A grid's number of frequencies for a message: in full below 10¹⁵, else in scientific notation. The count is a
     * double so that any grid can be measured before it is refused; samplesPerPeak = 1e300 had printed all 304 digits
     * of its count.
     */
    static String count(double c) {
        if (Double.isInfinite(c)) {
            return "infinitely many";
        }
        return c < 1e15 || Double.isNaN(c) ? String.format("%,.0f", c) : String.format("%.3g", c);
    }

    /** The powers of the grid; long work reports its progress chunk by chunk. */
    double[] powers(LightCurve.Points b, Grid g, AtomicLong done) {
        double[] power = new double[g.n()];
        LombScargle.power(b.mjd(), b.mag(), b.err(), 0, b.size(), g.f0(), g.df(), g.n(), power, 0, this.work.get(),
                PeriodogramKernel.FUSED, progress(done));
        return power;
    }

    /**
     * The powers of two bands on one set of times ({@link #onUnion}), each into its own array: the same numbers, up to
     * the order of additions, as {@link #powers} of each band's own points, computed together.
     */
    double[][] powersPair(LightCurve.Points b1, LightCurve.Points b2, Grid g, AtomicLong done) {
        int nf = g.n();
        double[] power1 = new double[nf], power2 = new double[nf];
        LombScargle.powerPair(b1.mjd(), b1.mag(), b1.err(), b2.mag(), b2.err(), 0, b1.size(), g.f0(), g.df(), nf, power1,
                power2, 0, this.work.get(), PeriodogramKernel.FUSED, progress(done));
        return new double[][] {power1, power2};
    }

    /** What adds the frequencies of each chunk to {@code done} and reports the total, or null without a count. */
    private IntConsumer progress(AtomicLong done) {
        if (done == null) {
            return null;
        }
        return m -> {
            synchronized (done) { // one bar, many threads: counts reported in order
                progress.onProgress(done.addAndGet(m));
            }
        };
    }

    /**
     * Both bands on the union of their times (each sorted, without repeats), a band's error +∞ (weight 0) and its
     * magnitude 0 where it has no point; null when the union has more than 5/4 of the bands' mean number of points. A
     * weight-0 point adds exactly 0 to every sum, so a band's powers on the union are its own; computing both bands
     * together costs about 0.8 of computing them apart per point of the union (the cos/sin recurrence is shared), so
     * above 5/4 the zero-weight points would cost more than the sharing saves.
     */
    static LightCurve.Points[] onUnion(LightCurve.Points b1, LightCurve.Points b2) {
        double[] t1 = b1.mjd(), t2 = b2.mjd();
        int n1 = t1.length, n2 = t2.length, nu = 0;
        for (int i = 0, j = 0; i < n1 || j < n2; nu++) {
            double t = Math.min(i < n1 ? t1[i] : Double.POSITIVE_INFINITY, j < n2 ? t2[j] : Double.POSITIVE_INFINITY);
            i += i < n1 && t1[i] == t ? 1 : 0;
            j += j < n2 && t2[j] == t ? 1 : 0;
        }
        if (4L * nu > 5L * (n1 + n2) / 2) {
            return null;
        }
        double[] t = new double[nu], y1 = new double[nu], e1 = new double[nu], y2 = new double[nu], e2 = new double[nu];
        for (int i = 0, j = 0, k = 0; k < nu; k++) {
            t[k] = Math.min(i < n1 ? t1[i] : Double.POSITIVE_INFINITY, j < n2 ? t2[j] : Double.POSITIVE_INFINITY);
            boolean in1 = i < n1 && t1[i] == t[k], in2 = j < n2 && t2[j] == t[k];
            y1[k] = in1 ? b1.mag()[i] : 0;
            e1[k] = in1 ? b1.err()[i++] : Double.POSITIVE_INFINITY;
            y2[k] = in2 ? b2.mag()[j] : 0;
            e2[k] = in2 ? b2.err()[j++] : Double.POSITIVE_INFINITY;
        }
        return new LightCurve.Points[] {new LightCurve.Points(t, y1, e1), new LightCurve.Points(t.clone(), y2, e2)};
    }

    /** The period of a band with at least minPoints points over more than one visit. */
    BandPeriod best(LightCurve.Points b, AtomicLong done) {
        int n = b.size();
        Grid g = grid(n, b.mjd()[n - 1] - b.mjd()[0], "");
        return best(b, g, powers(b, g, done));
    }

    /**
     * The periods of two such bands (W1 and W2 of one source), computed together when they share their grid and most
     * of their times (NEOWISE measures both in the same exposures; a band loses a point where its magnitude or error is
     * unusable): the cos and sin of each time and frequency then serve both bands. Otherwise each band alone.
     */
    BandPeriod[] bestPair(LightCurve.Points b1, LightCurve.Points b2, AtomicLong done) {
        int n1 = b1.size(), n2 = b2.size();
        Grid g = grid(n1, b1.mjd()[n1 - 1] - b1.mjd()[0], "");
        LightCurve.Points[] u = g.equals(grid(n2, b2.mjd()[n2 - 1] - b2.mjd()[0], "")) ? onUnion(b1, b2) : null;
        if (u == null) {
            return new BandPeriod[] {best(b1, g, powers(b1, g, done)), best(b2, done)};
        }
        double[][] p = powersPair(u[0], u[1], g, done);
        return new BandPeriod[] {best(b1, g, p[0]), best(b2, g, p[1])};
    }

    /** The period of band b from its powers on grid g. */
    private BandPeriod best(LightCurve.Points b, Grid g, double[] power) {
        int n = b.size(), nf = g.n();
        double baseline = b.mjd()[n - 1] - b.mjd()[0];
        int best = 0;
        for (int i = 1; i < nf; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        if (!(power[best] > 0)) {
            return BandPeriod.NONE; // no frequency explains any variance: no period
        }
        double fBest = g.f0() + best * g.df();
        double fMaxFap = fapMaxFrequency(n, baseline, g);
        double fap = LombScargle.fapBaluev(power[best], fMaxFap, b.mjd(), b.err(), 0, n);
        boolean alias = false;
        for (int h = 1; h <= 4; h++) {
            alias |= Math.abs(fBest - h / PeriodogramConfig.CADENCE_DAYS) < 1 / baseline;
        }
        return new BandPeriod(1 / fBest, power[best], fap >= 0 ? Math.min(1, fap) : Double.NaN, // a probability
                fBest, secondPeriod(power, g.f0(), g.df(), fBest, power[best]), alias);
    }

    /** The highest peak outside ±10% of f and 2f and ±5% of f/2, if above 0.3 × the best power; else NaN. */
    private static double secondPeriod(double[] power, double f0, double df, double fBest, double pBest) {
        int arg = -1;
        for (int i = 0; i < power.length; i++) {
            // the exclusion is tested only for a power above the highest kept so far, which few are: the same peak
            // as testing it first, without three comparisons at every frequency
            if (arg >= 0 && !(power[i] > power[arg])) {
                continue;
            }
            double f = f0 + i * df;
            if (Math.abs(f - fBest) < 0.1 * fBest || Math.abs(f - 2 * fBest) < 0.1 * fBest
                    || Math.abs(f - fBest / 2) < 0.05 * fBest) {
                continue;
            }
            arg = i;
        }
        return arg >= 0 && power[arg] > 0.3 * pBest ? 1 / (f0 + arg * df) : Double.NaN;
    }

    /** The power at which a peak of these points has false-alarm probability {@code fap}; NaN if it cannot be said. */
    double powerAtFap(LightCurve.Points b, double fap, String who) {
        int n = b.size();
        if (n < 4) {
            return Double.NaN;
        }
        double baseline = b.mjd()[n - 1] - b.mjd()[0];
        if (!(baseline > 0)) {
            return Double.NaN;
        }
        double fMax = fapMaxFrequency(n, baseline, grid(n, baseline, who));
        double lo = 0, hi = 1;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (LombScargle.fapBaluev(mid, fMax, b.mjd(), b.err(), 0, n) > fap) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The highest frequency the FAP accounts for: astropy's automatic one (tasni-legacy) or the grid's last. */
    private double fapMaxFrequency(int n, double baseline, Grid g) {
        return config.fapAutoFmax() ? LombScargle.autoGrid(n, baseline, 5, 5).last() : g.last();
    }
}
