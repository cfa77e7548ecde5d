package org.tasni.pipeline;

import java.util.Arrays;
import java.util.Locale;
import org.tasni.TasniException;

/** The pipeline's phases, in the order they run; each reads only what the phases before it wrote. */
public enum Phase {
    /** tiles and their margins from the source */
    DOWNLOAD,
    /** the tiled, margin-safe, proper-motion-propagated anti-join of AllWISE against Gaia */
    CROSSMATCH,
    /** the reference's photometric cuts and the thermal colour cut, each counted */
    FILTER,
    /** the NEOWISE exposures of the candidates */
    EPOCHS,
    /** light-curve statistics and a flag per candidate */
    VARIABILITY,
    /** Lomb–Scargle periods of the sources flagged FADING or VARIABLE */
    PERIODOGRAM,
    /** one row per candidate, fading thermal orphans first, the score explained column by column */
    RANK,
    /** one self-contained HTML page */
    REPORT;

    /** "crossmatch": how the CLI ({@code --phase}), the timing file and the status table spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase called {@code name}, any case. */
    public static Phase of(String name) {
        for (Phase p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new TasniException("unknown phase '" + name + "' (expected " + String.join(", ",
                Arrays.stream(values()).map(Phase::toString).toList()) + ", or all).");
    }
}
