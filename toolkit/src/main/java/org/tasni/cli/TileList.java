package org.tasni.cli;

import java.util.ArrayList;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.io.TileLayout;

/** Parses tile lists of the nside-32 tiling: {@code A-B} (inclusive), {@code a,b,c}, or a mix such as {@code 1,5-8}. */
final class TileList {

    private TileList() {}

    static long[] parse(String value) {
        long npix = TileLayout.TILING.npix();
        List<Long> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                long a = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                long b = dash < 0 ? a : Long.parseLong(p.substring(dash + 1).trim());
                if (a < 0 || b >= npix || b < a) {
                    throw new TasniException("tiles: '" + p + "' is not a range within [0, " + (npix - 1) + "].");
                }
                for (long t = a; t <= b; t++) {
                    out.add(t);
                }
            } catch (NumberFormatException e) {
                throw new TasniException("tiles: '" + p + "' is not a tile number or an inclusive range A-B.");
            }
        }
        return out.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    }
}
