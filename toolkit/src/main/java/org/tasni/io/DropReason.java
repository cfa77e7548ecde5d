package org.tasni.io;

import java.util.Locale;
import org.tasni.TasniException;

/**
 * Why a stage did not use an input row. Every stage counts the rows it leaves out by one of these reasons, in its
 * report, its summary line and its stats JSON ({@link #key()}); nothing is dropped without being counted.
 */
public enum DropReason {
    /** ra or dec is NaN or infinite. */
    NONFINITE_POSITION("non-finite ra/dec"),
    /** dec outside [-90, 90] or ra outside [0, 360]. */
    POSITION_OUT_OF_RANGE("ra/dec out of range"),
    /** pmra or pmdec is infinite, or absurdly large (the row is then kept unmoved only if NaN, see the stage). */
    NONFINITE_PROPER_MOTION("non-finite proper motion"),
    /** mjd is NaN or infinite. */
    NONFINITE_MJD("non-finite mjd"),
    /** mjd outside the WISE/NEOWISE span. */
    MJD_OUT_OF_RANGE("mjd outside the WISE/NEOWISE span"),
    /** a magnitude is NaN or infinite. */
    NONFINITE_MAGNITUDE("non-finite magnitude"),
    /**
     * a magnitude is finite but outside [{@value #MAG_MIN}, {@value #MAG_MAX}]: no WISE measurement is there (the
     * brightest stars saturate near W1 ≈ −3, the deepest unWISE detections are fainter than 22 mag), while sentinels
     * such as 99, −99 or 1e300 are; kept, such a value would swamp every mean, RMS and trend of its light curve.
     */
    MAGNITUDE_OUT_OF_RANGE("magnitude out of range"),
    /**
     * a magnitude error is NaN, infinite, zero or negative, or outside [{@value #ERROR_MIN}, {@value #ERROR_MAX}]
     * ({@link #usableError}).
     */
    BAD_ERROR("magnitude error not in [1e-50, 1e50]"),
    /** the same row (id, or id and time) was already seen. */
    DUPLICATE("duplicate"),
    /** the row's position is not in the HEALPix pixel its tile file is named after. */
    WRONG_TILE("not in its tile's pixel"),
    /**
     * an epoch row a service returned that cannot be its query's: a designation not among the targets asked for, or a
     * position farther from its target than the cone radius.
     */
    OUTSIDE_CONE("not in its target's cone"),
    /** the id is missing (null, empty or blank). */
    MISSING_ID("missing id");

    /**
     * The accepted mjd span, days ({@link #MJD_OUT_OF_RANGE}). WISE's first light was 2009-12-14 (MJD 55179) and
     * NEOWISE's last exposures 2024-08-01 (MJD ~60523); the slack on both sides (2009-06-18 to 2025-11-26) keeps any
     * real exposure, and an mjd outside it is a unit or epoch mistake (JD, seconds, a year) that would stretch the
     * baseline and the trend.
     */
    public static final double MJD_MIN = 55_000, MJD_MAX = 61_000;

    /** The range of usable magnitudes, mag ({@link #MAGNITUDE_OUT_OF_RANGE}). */
    public static final double MAG_MIN = -5, MAG_MAX = 30;

    /**
     * The range of usable magnitude errors, mag ({@link #BAD_ERROR}). No photometry comes near either end, and float
     * columns cannot reach them. Inside it the inverse-variance weights 1/σ² lie in [1e-100, 1e100], so the weighted
     * sums and their products (a trend's determinant, χ², Stetson's δ²) stay far inside a double's range; an error of
     * 1e-200 (weight +∞) or 1e200 (σ² = +∞) had turned a whole light curve's mean, χ², trend and Stetson J into NaN.
     */
    public static final double ERROR_MIN = 1e-50, ERROR_MAX = 1e50;

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /**
     * Why a sky position cannot be used, or null when it can: {@link #NONFINITE_POSITION} for a NaN or infinite ra or
     * dec, {@link #POSITION_OUT_OF_RANGE} for a dec outside [-90, 90] or an ra outside [0, 360] degrees. Every stage
     * classifies positions here, so they all drop the same rows for the same reason.
     */
    public static DropReason ofPosition(double ra, double dec) {
        if (!Double.isFinite(ra) || !Double.isFinite(dec)) {
            return NONFINITE_POSITION;
        }
        return dec >= -90 && dec <= 90 && ra >= 0 && ra <= 360 ? null : POSITION_OUT_OF_RANGE;
    }

    /**
     * Whether {@code sigma} can weight a measurement: within [{@link #ERROR_MIN}, {@link #ERROR_MAX}] (NaN, ±∞, zero
     * and negative errors are not). The one rule for every stage and statistic that weights by 1/σ².
     */
    public static boolean usableError(double sigma) {
        return sigma >= ERROR_MIN && sigma <= ERROR_MAX;
    }

    /**
     * Whether a time column is wrong as a whole: it has finite mjds (of rows with a source id) and none inside
     * [{@link #MJD_MIN}, {@link #MJD_MAX}]. That is a JD or a date in other units, refused with {@link #noMjdInSpan}; a
     * few rows outside the span are dropped and counted ({@link #MJD_OUT_OF_RANGE}).
     */
    public static boolean noneInSpan(long finite, long outside) {
        return finite > 0 && outside == finite;
    }

    /**
     * The refusal of an mjd column with no finite value inside [{@link #MJD_MIN}, {@link #MJD_MAX}]: a mistake about the
     * whole file (a JD, a date in seconds), not rows to drop. {@code row} (from 1) and {@code mjd} are its first value.
     */
    public static TasniException noMjdInSpan(String file, long row, double mjd) {
        return new TasniException(String.format(Locale.ROOT, "%s: column 'mjd' has no value in the WISE/NEOWISE span "
                + "[%.0f, %.0f] (data row %d: %s). Is it a JD (MJD = JD - 2400000.5) or in other units?", file, MJD_MIN,
                MJD_MAX, row, mjd));
    }

    /** The stats JSON key, e.g. {@code n_dropped_nonfinite_position}. */
    public String key() {
        return "n_dropped_" + name().toLowerCase(Locale.ROOT);
    }

    /** A short phrase for summary lines. */
    public String label() {
        return label;
    }
}
