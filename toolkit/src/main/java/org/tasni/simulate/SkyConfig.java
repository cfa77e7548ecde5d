package org.tasni.simulate;

import org.tasni.TasniException;

/**
 * Settings of the sky simulator. Start from {@link #defaults()} (real AllWISE and Gaia DR3 densities) and change
 * what you need with the {@code with…} methods, which return copies.
 *
 * @param seed               random seed; the same seed and tiles give byte-identical catalogues
 * @param gaiaDensity        Gaia sources per deg² (DR3 mean at mid latitudes: about 44,000)
 * @param wiseDensity        AllWISE sources per deg² (about 18,000)
 * @param densityScale       multiplies both densities (small sample sets use 0.1)
 * @param matchedFraction    fraction of WISE sources that are a Gaia source seen by WISE (0.54)
 * @param positionSigmaArcsec WISE position error per axis, arcsec (0.25)
 * @param highPmFraction     fraction of Gaia sources with proper motion 500–5000 mas/yr; all have a WISE
 *                           counterpart, as nearby high-proper-motion stars do
 * @param nanPmFraction      fraction of Gaia sources with a two-parameter solution (NaN pmra, pmdec, parallax): 0.19
 * @param redOrphanFraction  fraction of WISE-only sources with W1−W2 ≥ 0.5 (the thermal-orphan candidates)
 * @param wiseEpoch          epoch of WISE positions, Julian years (2010.5)
 * @param gaiaEpoch          epoch of Gaia positions, Julian years (2016.0, stored as {@code ref_epoch})
 */
public record SkyConfig(long seed, double gaiaDensity, double wiseDensity, double densityScale,
        double matchedFraction, double positionSigmaArcsec, double highPmFraction, double nanPmFraction,
        double redOrphanFraction, double wiseEpoch, double gaiaEpoch) {

    public SkyConfig {
        check("gaiaDensity", gaiaDensity, 0, 1e7);
        check("wiseDensity", wiseDensity, 0, 1e7);
        check("densityScale", densityScale, 0, 100);
        check("matchedFraction", matchedFraction, 0, 1);
        check("positionSigmaArcsec", positionSigmaArcsec, 0, 60);
        check("highPmFraction", highPmFraction, 0, 1);
        check("nanPmFraction", nanPmFraction, 0, 1);
        check("redOrphanFraction", redOrphanFraction, 0, 1);
        if (matchedFraction * wiseDensity > gaiaDensity) {
            throw new TasniException("simulate: matchedFraction × wiseDensity (" + matchedFraction * wiseDensity
                    + "/deg²) exceeds gaiaDensity (" + gaiaDensity + "/deg²): not enough Gaia sources to match.");
        }
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new TasniException("simulate: " + name + " must be in [" + lo + ", " + hi + "] (got " + v + ").");
        }
    }

    /** Real densities, seed 42. */
    public static SkyConfig defaults() {
        return new SkyConfig(42, 44_000, 18_000, 1.0, 0.54, 0.25, 0.0005, 0.19, 0.025, 2010.5, 2016.0);
    }

    /** A copy with another random seed. */
    public SkyConfig withSeed(long s) {
        return new SkyConfig(s, gaiaDensity, wiseDensity, densityScale, matchedFraction, positionSigmaArcsec,
                highPmFraction, nanPmFraction, redOrphanFraction, wiseEpoch, gaiaEpoch);
    }

    /** A copy whose Gaia and WISE densities are multiplied by {@code x} (0.1 for small sample sets), in [0, 100]. */
    public SkyConfig withDensityScale(double x) {
        return new SkyConfig(seed, gaiaDensity, wiseDensity, x, matchedFraction, positionSigmaArcsec,
                highPmFraction, nanPmFraction, redOrphanFraction, wiseEpoch, gaiaEpoch);
    }

    /** A copy with this fraction of Gaia sources moving 500–5000 mas/yr, in [0, 1]. */
    public SkyConfig withHighPmFraction(double x) {
        return new SkyConfig(seed, gaiaDensity, wiseDensity, densityScale, matchedFraction, positionSigmaArcsec,
                x, nanPmFraction, redOrphanFraction, wiseEpoch, gaiaEpoch);
    }
}
