package org.tasni.sky;

import org.tasni.TasniException;

/**
 * Positions on the unit sphere: RA/Dec ↔ unit vectors, angular separations, chord ↔ angle.
 *
 * <p>Angles are in degrees unless a name says otherwise ({@code Rad}, {@code Arcsec}). Separations use
 * {@code atan2(|a×b|, a·b)} (the vector form of Vincenty's formula), which keeps full relative precision at tiny
 * separations, where {@code acos(a·b)} loses everything below about 0.01″.
 */
public final class SkyMath {

    /** Arcseconds per radian. */
    public static final double ARCSEC_PER_RAD = 180.0 * 3600.0 / Math.PI;

    private SkyMath() {}

    /** Writes the unit vector of (ra, dec) into {@code out[off..off+2]}. */
    public static void toVector(double raDeg, double decDeg, double[] out, int off) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double cd = Math.cos(dec);
        out[off] = cd * Math.cos(ra);
        out[off + 1] = cd * Math.sin(ra);
        out[off + 2] = Math.sin(dec);
    }

    /** The unit vector of (ra, dec), as a new array {x, y, z}. */
    public static double[] toVector(double raDeg, double decDeg) {
        double[] v = new double[3];
        toVector(raDeg, decDeg, v, 0);
        return v;
    }

    /** RA in [0, 360) degrees of a (not necessarily normalised) vector. */
    public static double ra(double x, double y) {
        return normalizeRa(Math.toDegrees(Math.atan2(y, x)));
    }

    /** Dec in degrees of a (not necessarily normalised) vector. */
    public static double dec(double x, double y, double z) {
        return Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
    }

    /** RA folded into [0, 360). NaN stays NaN. */
    public static double normalizeRa(double raDeg) {
        double r = raDeg % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        // -1e-17 % 360 + 360 rounds to exactly 360.0
        return r >= 360.0 ? 0.0 : r;
    }

    /** Angular separation in degrees between two positions given in degrees. */
    public static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
        double dra = Math.toRadians(ra2 - ra1);
        double d1 = Math.toRadians(dec1);
        double d2 = Math.toRadians(dec2);
        double sdra = Math.sin(dra);
        double cdra = Math.cos(dra);
        double c1 = Math.cos(d1);
        double s1 = Math.sin(d1);
        double c2 = Math.cos(d2);
        double s2 = Math.sin(d2);
        double num1 = c2 * sdra;
        double num2 = c1 * s2 - s1 * c2 * cdra;
        double den = s1 * s2 + c1 * c2 * cdra;
        return Math.toDegrees(Math.atan2(Math.hypot(num1, num2), den));
    }

    /** Angular separation in arcsec between two positions given in degrees. */
    public static double separationArcsec(double ra1, double dec1, double ra2, double dec2) {
        return separationDeg(ra1, dec1, ra2, dec2) * 3600.0;
    }

    /** Angle in radians between two unit vectors stored at {@code a[i..i+2]} and {@code b[j..j+2]}. */
    public static double angleRad(double[] a, int i, double[] b, int j) {
        double ax = a[i], ay = a[i + 1], az = a[i + 2];
        double bx = b[j], by = b[j + 1], bz = b[j + 2];
        double cx = ay * bz - az * by;
        double cy = az * bx - ax * bz;
        double cz = ax * by - ay * bx;
        double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
        return Math.atan2(cross, ax * bx + ay * by + az * bz);
    }

    /** The chord length between two points of the unit sphere separated by {@code angleRad}: 2 sin(θ/2). */
    public static double chordFromAngle(double angleRad) {
        return 2.0 * Math.sin(0.5 * angleRad);
    }

    /** The angle in radians subtended by a chord of the unit sphere: 2 asin(c/2), clipped to [0, π]. */
    public static double angleFromChord(double chord) {
        return 2.0 * Math.asin(Math.min(1.0, Math.max(0.0, 0.5 * chord)));
    }

    /**
     * Checks one position and returns its RA folded into [0, 360).
     *
     * @param where names the row for the message, e.g. {@code "allwise.parquet row 17"}
     * @throws TasniException if a coordinate is not finite or Dec is outside [−90, 90]
     */
    public static double checkPosition(double raDeg, double decDeg, String where) {
        if (!Double.isFinite(raDeg)) {
            throw new TasniException(where + ": ra is not a finite number (got " + raDeg + ").");
        }
        if (!(decDeg >= -90.0 && decDeg <= 90.0)) {
            throw new TasniException(where + ": dec must be in [-90, 90] degrees (got " + decDeg + ").");
        }
        return normalizeRa(raDeg);
    }
}
