package org.tasni.sky;

/**
 * Moves positions from one epoch to another by their proper motion.
 *
 * <p>Model: straight-line space motion with zero radial velocity, applied to the unit vector,
 * <pre>  u(t) = normalise( u₀ + Δt (μ_α* ê_α + μ_δ ê_δ) ),</pre>
 * where ê_α = (−sin α, cos α, 0) and ê_δ = (−sin δ cos α, −sin δ sin α, cos δ) are the local east and north unit
 * vectors and μ_α* = pmra includes cos δ. For zero radial velocity this is the rigorous propagation of ESA's Gaia
 * documentation (no perspective acceleration, no light-time), exact at the poles and over any interval, unlike
 * adding Δα = μ_α* Δt / cos δ in the tangent plane.
 *
 * <p>Units: pmra and pmdec in mas/yr, epochs in Julian years (e.g. 2016.0 for Gaia DR3, ≈2010.5 for AllWISE).
 */
public final class ProperMotion {

    private static final double MAS_TO_RAD = Math.PI / (180.0 * 3600.0 * 1000.0);

    private ProperMotion() {}

    /**
     * Writes the position at {@code t0 + dtYears} into {@code out[off..off+2]} as a unit vector.
     *
     * @return false (and the unmoved vector) if pmra or pmdec is NaN
     */
    public static boolean propagateToVector(double raDeg, double decDeg, double pmraMasYr, double pmdecMasYr,
            double dtYears, double[] out, int off) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double sa = Math.sin(ra), ca = Math.cos(ra), sd = Math.sin(dec), cd = Math.cos(dec);
        double x = cd * ca, y = cd * sa, z = sd;
        if (Double.isNaN(pmraMasYr) || Double.isNaN(pmdecMasYr)) {
            out[off] = x;
            out[off + 1] = y;
            out[off + 2] = z;
            return false;
        }
        double a = pmraMasYr * MAS_TO_RAD * dtYears;
        double d = pmdecMasYr * MAS_TO_RAD * dtYears;
        x += -sa * a - sd * ca * d;
        y += ca * a - sd * sa * d;
        z += cd * d;
        double n = Math.sqrt(x * x + y * y + z * z);
        out[off] = x / n;
        out[off + 1] = y / n;
        out[off + 2] = z / n;
        return true;
    }

    /** The position {ra, dec} in degrees after {@code dtYears}; unmoved if a proper motion is NaN. */
    public static double[] propagate(double raDeg, double decDeg, double pmraMasYr, double pmdecMasYr,
            double dtYears) {
        double[] v = new double[3];
        propagateToVector(raDeg, decDeg, pmraMasYr, pmdecMasYr, dtYears, v, 0);
        return new double[] {SkyMath.ra(v[0], v[1]), SkyMath.dec(v[0], v[1], v[2])};
    }

    /**
     * Propagates whole columns from {@code fromEpoch} to {@code toEpoch} into {@code raOut}/{@code decOut} (which
     * may be the input arrays).
     *
     * @return the number of rows left unmoved because pmra or pmdec is NaN
     */
    public static int propagate(double[] ra, double[] dec, double[] pmra, double[] pmdec, double fromEpoch,
            double toEpoch, double[] raOut, double[] decOut) {
        double dt = toEpoch - fromEpoch;
        double[] v = new double[3];
        int unmoved = 0;
        for (int i = 0; i < ra.length; i++) {
            if (!propagateToVector(ra[i], dec[i], pmra[i], pmdec[i], dt, v, 0)) {
                unmoved++;
                raOut[i] = ra[i];
                decOut[i] = dec[i];
                continue;
            }
            raOut[i] = SkyMath.ra(v[0], v[1]);
            decOut[i] = SkyMath.dec(v[0], v[1], v[2]);
        }
        return unmoved;
    }
}
