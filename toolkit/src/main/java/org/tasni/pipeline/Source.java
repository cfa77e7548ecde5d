package org.tasni.pipeline;

import java.util.Locale;

/** Where the pipeline's tiles and NEOWISE epochs come from. */
public enum Source {
    /** the simulated files of a data directory such as {@code data-samples/}, read in place (offline) */
    SAMPLES,
    /** any TAP service with IRSA- and Gaia-shaped tables ({@code --tap-url}); the tests use a local DaCHS */
    TAP,
    /** the real archives: IRSA for AllWISE and NEOWISE, the ESA Gaia archive for Gaia DR3 */
    IRSA;

    /** "samples", "tap" or "irsa", as the CLI's {@code --source} spells it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
