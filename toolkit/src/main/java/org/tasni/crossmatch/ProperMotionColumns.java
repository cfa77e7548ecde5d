package org.tasni.crossmatch;

import java.util.List;

/**
 * The names of a catalogue's proper-motion columns, in mas/yr.
 *
 * @param pmra  proper motion in RA, including the cos δ factor, mas/yr
 * @param pmdec proper motion in Dec, mas/yr
 */
public record ProperMotionColumns(String pmra, String pmdec) {

    /** {@code pmra} and {@code pmdec} (Gaia's names). */
    public static ProperMotionColumns defaults() {
        return new ProperMotionColumns("pmra", "pmdec");
    }

    /** The two names in order pmra, pmdec. */
    public List<String> names() {
        return List.of(pmra, pmdec);
    }
}
