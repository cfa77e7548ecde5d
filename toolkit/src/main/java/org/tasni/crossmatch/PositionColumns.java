package org.tasni.crossmatch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tasni.TasniException;

/**
 * The names of a catalogue's position and id columns: {@code ra} and {@code dec} in degrees (ICRS) and an integer or
 * string id.
 *
 * @param ra  right ascension column, degrees
 * @param dec declination column, degrees
 * @param id  id column (copied exactly into {@code match_id}, {@code left_id} or {@code right_id})
 */
public record PositionColumns(String ra, String dec, String id) {

    /**
     * Refuses a blank name and a column named twice: ra read as dec too puts every source on the line ra = dec, and
     * the match then runs without complaint on positions that are not the catalogue's. Tables look names up ignoring
     * case, so the comparison does too.
     */
    public PositionColumns {
        List<String> names = Arrays.asList(ra, dec, id); // List.of refuses nulls
        List<String> roles = List.of("ra", "dec", "id");
        for (int i = 0; i < 3; i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                throw new TasniException("the " + roles.get(i) + " column's name is empty; give three column names: "
                        + "RA,DEC,ID.");
            }
            for (int j = 0; j < i; j++) {
                if (names.get(i).toLowerCase(Locale.ROOT).equals(names.get(j).toLowerCase(Locale.ROOT))) {
                    throw new TasniException("column '" + names.get(i) + "' is named as both " + roles.get(j) + " and "
                            + roles.get(i) + "; give three different columns: RA,DEC,ID.");
                }
            }
        }
    }

    /** {@code ra}, {@code dec} and {@code source_id} (Gaia's names). */
    public static PositionColumns defaults() {
        return new PositionColumns("ra", "dec", "source_id");
    }

    /** The three names in order ra, dec, id. */
    public List<String> names() {
        return List.of(ra, dec, id);
    }
}
