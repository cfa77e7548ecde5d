package org.tasni.variability;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.apache.commons.math3.special.Gamma;

/**
 * The exact generalised Lomb–Scargle periodogram (Zechmeister &amp; Kürster 2009, A&amp;A 496, 577; doi:10.1051/0004-6361/200811296)
 * with weights 1/σ², a floating mean and astropy's "standard" normalisation, so that
 * P(f) = (χ²₀ − χ²(f)) / χ²₀ ∈ [0, 1]: the fraction of the weighted variance about the mean that a sinusoid of
 * frequency f explains. With normalised weights w, ŷ = y − Σwy and, at each f, c = cos 2πft, s = sin 2πft:
 * <pre>  C = Σwc, S = Σws, YC = Σwŷc, YS = Σwŷs, CC = Σwc² − C², SS = Σws² − S², CS = Σwcs − CS, YY = Σwŷ²
 *   P = (SS·YC² + CC·YS² − 2·CS·YC·YS) / (YY·(CC·SS − CS²))</pre>
 *
 * <p>On a linear grid f_k = f0 + k·df each point's cos and sin are advanced by a rotation (the angle-addition
 * recurrence), so the inner loop has no trigonometric call; {@link PeriodogramKernel} computes the six sums, vectorised
 * across frequencies. The rounding error is ~1e-12, far below the 1e-6 the powers are tested to against a least-squares
 * fit. Written by hand: no Java library on Maven Central has a weighted, floating-mean GLS.
 *
 * <p>The false-alarm probability is Baluev's (2008, MNRAS 385, 1279) as astropy computes it
 * ({@code false_alarm_probability(method="baluev")}), for a given maximum frequency.
 */
final class LombScargle {

    private LombScargle() {}

    /** Per-thread work arrays. */
    static final class Work {
        final PeriodogramKernel.Work kernel = new PeriodogramKernel.Work();
        double[] tt = new double[0];
        /** One block's determinants, between the two loops of {@code combine}. */
        final double[] den = new double[PeriodogramKernel.LANES];

        void ensure(int n) {
            kernel.ensure(n);
            if (tt.length < n) {
                tt = new double[n];
            }
        }
    }

    /**
     * Powers at f0 + k·df, k = 0..nf−1 (frequencies in cycles per unit of t), of points {@code [from, to)}, into
     * {@code power[0..nf)}. Points must have finite t, y and σ &gt; 0.
     */
    static void power(double[] t, double[] y, double[] dy, int from, int to, double f0, double df, int nf,
            double[] power, Work work) {
        power(t, y, dy, from, to, f0, df, nf, power, 0, work);
    }

    /**
     * Below this relative weighted spread, magnitudes are one value up to rounding: P = 0/0, which rounding turns into
     * any number (10⁵ was seen). Real light curves vary by 10⁻³ mag or more; float32 magnitudes resolve 10⁻⁶ of 15.
     */
    private static final double CONSTANT_SPREAD = 1e-9;

    /** The inverse-variance weighted mean of x and the weighted variance about it (weights normalised to 1). */
    private record Moments(double mean, double variance) {}

    /** The {@link Moments} of x[from, to) with weights 1/dy². */
    private static Moments weightedMoments(double[] x, double[] dy, int from, int to) {
        double sw = 0, swx = 0;
        for (int i = from; i < to; i++) {
            double w = 1 / (dy[i] * dy[i]);
            sw += w;
            swx += w * x[i];
        }
        double mean = swx / sw, var = 0;
        for (int i = from; i < to; i++) {
            double w = 1 / (dy[i] * dy[i]) / sw, d = x[i] - mean;
            var += w * d * d;
        }
        return new Moments(mean, var);
    }

    /** Whether the points' weighted variance about their weighted mean is zero up to rounding. */
    static boolean constant(double[] y, double[] dy, int from, int to) {
        Moments m = weightedMoments(y, dy, from, to);
        return isConstant(m.variance(), m.mean());
    }

    private static boolean isConstant(double yy, double ybar) {
        double scale = CONSTANT_SPREAD * Math.max(1, Math.abs(ybar));
        return !(yy > scale * scale);
    }

    /** As above, into {@code power[at .. at+nf)}; NaN for a constant light curve. */
    static void power(double[] t, double[] y, double[] dy, int from, int to, double f0, double df, int nf,
            double[] power, int at, Work work) {
        power(t, y, dy, from, to, f0, df, nf, power, at, work, PeriodogramKernel.FUSED);
    }

    /** As above, with or without {@link Math#fma} in the sums (tests run both forms). */
    static void power(double[] t, double[] y, double[] dy, int from, int to, double f0, double df, int nf,
            double[] power, int at, Work work, boolean fused) {
        power(t, y, dy, from, to, f0, df, nf, power, at, work, fused, null);
    }

    /**
     * As above, telling {@code chunkDone} (when not null) how many more frequencies are done, chunk by chunk: long
     * grids report their progress without being cut into separate calls, which would redo the per-point work that
     * every chunk shares.
     */
    static void power(double[] t, double[] y, double[] dy, int from, int to, double f0, double df, int nf,
            double[] power, int at, Work work, boolean fused, IntConsumer chunkDone) {
        int n = to - from;
        work.ensure(n);
        double yy = weigh(y, dy, from, n, work.kernel.w, work.kernel.wy);
        if (Double.isNaN(yy)) {
            Arrays.fill(power, at, at + nf, Double.NaN);
            if (chunkDone != null) {
                chunkDone.accept(nf);
            }
            return;
        }
        relativeTimes(t, from, n, work.tt);
        PeriodogramKernel.sums(work.tt, n, f0, df, nf, work.kernel, fused,
                (k, m, sums) -> combine(sums, yy, m, power, at + k, work.den), null,
                chunkDone);
    }

    /**
     * The powers of two bands measured at the same times {@code t[from, to)} (magnitudes y1, y2 with errors dy1, dy2;
     * an error of +∞ and a finite magnitude stand for a point the band lacks: its weight is exactly 0),
     * into {@code power1} and {@code power2} at {@code [at, at+nf)}: the same numbers as two calls of
     * {@link #power(double[], double[], double[], int, int, double, double, int, double[], int, Work, boolean)}, in
     * about two thirds of their time, since the cos and sin of every point and frequency serve both bands.
     */
    static void powerPair(double[] t, double[] y1, double[] dy1, double[] y2, double[] dy2, int from, int to, double f0,
            double df, int nf, double[] power1, double[] power2, int at, Work work, boolean fused) {
        powerPair(t, y1, dy1, y2, dy2, from, to, f0, df, nf, power1, power2, at, work, fused, null);
    }

    /** As above, telling {@code chunkDone} (when not null) how many more frequencies are done, both bands counted. */
    static void powerPair(double[] t, double[] y1, double[] dy1, double[] y2, double[] dy2, int from, int to, double f0,
            double df, int nf, double[] power1, double[] power2, int at, Work work, boolean fused, IntConsumer chunkDone) {
        int n = to - from;
        work.ensure(n);
        work.kernel.ensureSecond(n);
        double yy1 = weigh(y1, dy1, from, n, work.kernel.w, work.kernel.wy);
        double yy2 = weigh(y2, dy2, from, n, work.kernel.w2, work.kernel.wy2);
        if (Double.isNaN(yy1) || Double.isNaN(yy2)) {
            // a constant band: nothing to share
            power(t, y1, dy1, from, to, f0, df, nf, power1, at, work, fused, chunkDone);
            power(t, y2, dy2, from, to, f0, df, nf, power2, at, work, fused, chunkDone);
            return;
        }
        relativeTimes(t, from, n, work.tt);
        PeriodogramKernel.sums(work.tt, n, f0, df, nf, work.kernel, fused,
                (k, m, sums) -> combine(sums, yy1, m, power1, at + k, work.den),
                (k, m, sums) -> combine(sums, yy2, m, power2, at + k, work.den),
                chunkDone == null ? null : m -> chunkDone.accept(2 * m));
    }

    /**
     * The normalised weights w of the points {@code [from, from+n)} into {@code w[0..n)}, their weighted deviations
     * w·(y − Σwy) into {@code wy[0..n)}; returns Σwŷ², or NaN for a constant light curve.
     */
    private static double weigh(double[] y, double[] dy, int from, int n, double[] w, double[] wy) {
        double sw = 0;
        for (int i = 0; i < n; i++) {
            double e = dy[from + i];
            w[i] = 1 / (e * e);
            sw += w[i];
        }
        double ybar = 0;
        for (int i = 0; i < n; i++) {
            w[i] /= sw;
            ybar += w[i] * y[from + i];
        }
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double yh = y[from + i] - ybar;
            yy += w[i] * yh * yh;
            wy[i] = w[i] * yh;
        }
        return isConstant(yy, ybar) ? Double.NaN : yy;
    }

    /** Times relative to the first point: the phases are then small numbers, which keeps the recurrence exact. */
    private static void relativeTimes(double[] t, int from, int n, double[] tt) {
        double tRef = t[from];
        for (int i = 0; i < n; i++) {
            tt[i] = t[from + i] - tRef;
        }
    }

    /**
     * P from the weighted sums (weights normalised, so Σw s² = 1 − Σw c²) of lanes {@code 0 … m − 1} into
     * {@code power[at … at + m)}; 0 where the sinusoid's design is degenerate (d ≤ 0), and a fraction of the variance
     * otherwise: rounding may step just outside [0, 1]. Two loops: the arithmetic without a branch, which C2
     * vectorises (a division per frequency), then the clamp; {@code den} keeps each lane's d between them.
     */
    private static void combine(double[] sums, double yy, int m, double[] power, int at, double[] den) {
        final int l = PeriodogramKernel.LANES;
        for (int j = 0; j < m; j++) {
            double c = sums[j], s = sums[l + j], yc = sums[2 * l + j], ys = sums[3 * l + j], scc = sums[4 * l + j];
            double cc = scc - c * c, sS = (1 - scc) - s * s, cs = sums[5 * l + j] - c * s;
            double d = cc * sS - cs * cs;
            den[j] = d;
            power[at + j] = (sS * yc * yc + cc * ys * ys - 2 * cs * yc * ys) / (yy * d);
        }
        for (int j = 0; j < m; j++) {
            double p = power[at + j];
            power[at + j] = !(yy > 0 && den[j] > 0) ? 0 : p > 1 ? 1 : p > 0 ? p : 0;
        }
    }

    /**
     * astropy's {@code autofrequency(samples_per_peak, nyquist_factor)} for n points over a baseline T:
     * df = 1/(spp·T), f_min = df/2, N_f = 1 + round((nyq·n/(2T) − f_min)/df).
     *
     * <p>Computed with astropy's operations in astropy's order, and rounded half to even as {@code np.round} rounds:
     * with the default 5 and 5, (f_max − f_min)/df = 12.5·n − 0.5 is an exact half for every even n, and
     * {@link Math#round} (half up) gave one frequency more than astropy there, a last frequency one df higher and so a
     * Baluev FAP ~3e-4 (relative) off. The same quotient, to the bit, needs the same operations: 1/T/spp, not
     * 1/(spp·T), can differ in the last bit and move a tie.
     */
    static Grid autoGrid(int n, double baseline, double samplesPerPeak, double nyquistFactor) {
        double df = 1.0 / baseline / samplesPerPeak;
        double fMin = 0.5 * df;
        double avgNyquist = 0.5 * n / baseline;
        double fMax = nyquistFactor * avgNyquist;
        double nf = 1 + Math.rint((fMax - fMin) / df);
        return new Grid(fMin, df, nf);
    }

    /**
     * A linear frequency grid: f_k = f0 + k·df for k = 0 … count − 1.
     *
     * @param f0    the first frequency, d⁻¹
     * @param df    the step, d⁻¹
     * @param count the number of frequencies (a double, so that an absurd grid can be measured before it is refused)
     */
    record Grid(double f0, double df, double count) {
        /** The number of frequencies, once {@link #count()} is known to fit. */
        int n() {
            return (int) count;
        }

        /** The last frequency, d⁻¹. */
        double last() {
            return f0 + df * (count - 1);
        }
    }

    /**
     * Baluev's false-alarm probability of a peak of power z among frequencies up to fMax, for the points
     * {@code [from, to)}: FAP = −expm1(−τ) + (1−z)^{(n−3)/2} e^{−τ}, with
     * τ = γ(n−1) · fMax √(4π Var_w(t)) · (1−z)^{(n−4)/2} · √((n−1) z / 2) and
     * γ(N) = √(2/N) exp(lnΓ(N/2) − lnΓ((N−1)/2)).
     */
    static double fapBaluev(double z, double fMax, double[] t, double[] dy, int from, int to) {
        int n = to - from;
        double nh = n - 1, nk = n - 3;
        double var = weightedMoments(t, dy, from, to).variance();
        double gamma = Math.sqrt(2 / nh) * Math.exp(Gamma.logGamma(nh / 2) - Gamma.logGamma((nh - 1) / 2));
        double tau = gamma * fMax * Math.sqrt(4 * Math.PI * var) * Math.pow(1 - z, 0.5 * (nk - 1)) * Math.sqrt(0.5 * nh * z);
        double single = Math.pow(1 - z, 0.5 * nk);
        return -Math.expm1(-tau) + single * Math.exp(-tau);
    }
}
