package org.tasni.variability;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.util.FastMath;

/**
 * The two-sided p-value of Student's t, I_{df/(df+t²)}(df/2, 1/2), equal to the bit to Commons Math's
 * {@link Beta#regularizedBeta(double, double, double)}: the same expression and the same continued fraction (modified
 * Lentz, ε = 1e-14), evaluated in the same order.
 *
 * <p>Why not call Commons Math: for every source it recomputed log B(df/2, 1/2) and log(df/2), which depend only on
 * df (n − 2, nearly always the same few values), and it evaluates the fraction through an anonymous class's virtual
 * calls with an {@code n % 2} per term. Here those logarithms come from a table made once per degree of freedom
 * below {@value #TABLE} (other df go to Commons Math), and the fraction's even and odd terms are one loop turn.
 */
final class StudentT {

    /** Degrees of freedom with tabulated logarithms: [1, TABLE). A light curve of NEOWISE has at most a few thousand epochs. */
    static final int TABLE = 4096;
    private static final double EPSILON = 1e-14;
    private static final double SMALL = 1e-50;
    private static final double LOG_HALF = FastMath.log(0.5);
    /** Per df: its logarithms, null until made (on demand: a first call needs only a few). */
    private static final Logs[] LOGS = new Logs[TABLE];

    /**
     * log(df/2) and log B(df/2, 1/2). Final fields: a thread that reads a slot another one has just filled sees both
     * values, without a lock; a race only makes the same values twice.
     */
    private record Logs(double logA, double logBeta) {}

    private StudentT() {}

    /** Two-sided p of t with df degrees of freedom (NaN t: NaN; infinite t: 0). */
    static double twoSidedP(double tStat, double df) {
        if (Double.isNaN(tStat)) {
            return Double.NaN;
        }
        if (Double.isInfinite(tStat)) {
            return 0;
        }
        int d = (int) df;
        if (d != df || d < 1 || d >= TABLE) {
            return Beta.regularizedBeta(df / (df + tStat * tStat), 0.5 * df, 0.5);
        }
        Logs logs = LOGS[d];
        if (logs == null) {
            logs = LOGS[d] = new Logs(FastMath.log(0.5 * df), Beta.logBeta(0.5 * df, 0.5));
        }
        return regularized(df / (df + tStat * tStat), 0.5 * df, 0.5, logs.logA(), LOG_HALF, logs.logBeta());
    }

    /**
     * Commons Math's regularizedBeta(x, a, b) with log(a), log(b) and log B(a, b) given (B is symmetric, so the
     * swapped call reuses them). x, a and b are finite, a and b &gt; 0.
     */
    private static double regularized(double x, double a, double b, double logA, double logB, double logBeta) {
        if (x < 0 || x > 1) {
            return Double.NaN;
        }
        if (x > (a + 1) / (2 + b + a) && 1 - x <= (b + 1) / (2 + b + a)) {
            return 1 - regularized(1 - x, b, a, logB, logA, logBeta);
        }
        return FastMath.exp((a * FastMath.log(x)) + (b * FastMath.log1p(-x)) - logA - logBeta) * 1.0 / fraction(x, a, b);
    }

    /**
     * Commons Math's ContinuedFraction.evaluate for the incomplete beta (all A_n = 1), term by term the same
     * operations: B_n = m (b − m) x / ((a + 2m − 1)(a + 2m)) for even n = 2m, −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
     * for odd n = 2m + 1.
     */
    private static double fraction(double x, double a, double b) {
        double dPrev = 0.0, cPrev = 1.0, hPrev = 1.0;
        for (int n = 1; ; n++) {
            double bn;
            if ((n & 1) == 0) {
                double m = n / 2.0;
                bn = (m * (b - m) * x) / ((a + (2 * m) - 1) * (a + (2 * m)));
            } else {
                double m = (n - 1.0) / 2.0;
                bn = -((a + m) * (a + b + m) * x) / ((a + (2 * m)) * (a + (2 * m) + 1.0));
            }
            double dN = 1.0 + bn * dPrev;
            if (Math.abs(dN) <= SMALL) {
                dN = SMALL;
            }
            double cN = 1.0 + bn / cPrev;
            if (Math.abs(cN) <= SMALL) {
                cN = SMALL;
            }
            dN = 1 / dN;
            double deltaN = cN * dN;
            double hN = hPrev * deltaN;
            if (!Double.isFinite(hN)) {
                return Double.NaN; // Commons Math throws here; it cannot happen for 0 ≤ x ≤ 1, a, b > 0
            }
            if (Math.abs(deltaN - 1.0) < EPSILON) {
                return hN;
            }
            dPrev = dN;
            cPrev = cN;
            hPrev = hN;
        }
    }
}
