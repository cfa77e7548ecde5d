package org.tasni.crossmatch;

import java.util.List;

/**
 * The names of a catalogue's position and id columns: {@code ra} and {@code dec} in degrees (ICRS) and an integer or
 * string id.
 *
 * @param ra  right ascension column, degrees
 * @param dec declination column, degrees
 * @param id  id column (copied exactly into {@code match_id}, {@code left_id} or {@code right_id})
 */
public record PositionColumns(String ra, String dec, String id) {

    /** {@code ra}, {@code dec} and {@code source_id} (Gaia's names). */
    public static PositionColumns defaults() {
        return new PositionColumns("ra", "dec", "source_id");
    }

    /** The three names in order ra, dec, id. */
    public List<String> names() {
        return List.of(ra, dec, id);
    }
}
