package org.tasni.variability;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tasni.TasniException;

/** How presets are spelled: {@code TASNI_LEGACY} is "tasni-legacy" in the CLI, in reports and in messages. */
final class PresetNames {

    private PresetNames() {}

    /** The constant's name in lower case with hyphens: "tasni-legacy". */
    static String label(Enum<?> preset) {
        return preset.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The preset whose label or constant name is {@code name}, ignoring case.
     *
     * @param what "preset" or "periodogram preset", for the message
     * @throws TasniException naming the value and every choice
     */
    static <E extends Enum<E>> E find(E[] presets, String name, String what) {
        for (E p : presets) {
            if (label(p).equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new TasniException("unknown " + what + " '" + name + "' (expected "
                + Arrays.stream(presets).map(PresetNames::label).collect(Collectors.joining(", ")) + ").");
    }
}
