package org.tasni.pipeline;

import java.util.Locale;

/** Why a candidate's place in the ranking deserves a second look; the ranked table's {@code caveats} column lists them. */
public enum Caveat {
    /** the match-radius disc reaches a tile without Gaia: the source may be a false orphan */
    MISSING_NEIGHBOUR_TILE,
    /** no NEOWISE exposure was found (or fetched): nothing is known of its variability */
    NO_LIGHT_CURVE,
    /** fewer than {@link Ranking#MIN_VISITS} visits: the trend rests on too few points in time */
    FEW_VISITS,
    /**
     * a band's best period is significant (FAP below the periodogram's threshold) but flagged as an alias of the NEOWISE
     * cadence (182.6 d) or its harmonics: the sampling's peak, which scores nothing ({@link Ranking})
     */
    CADENCE_ALIAS;

    /** "missing_neighbour_tile": how the ranked table spells it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
