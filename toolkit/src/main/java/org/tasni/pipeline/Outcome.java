package org.tasni.pipeline;

import java.util.List;

/**
 * What a phase's computation returns.
 *
 * @param rowsIn   rows it read
 * @param rowsOut  rows of its main output
 * @param notes    counts and facts for the user
 * @param warnings caveats on the result that the report and the summary repeat (e.g. tiles bordering missing Gaia)
 * @param failures tiles or sources that failed, each with its reason; the others were still computed
 */
record Outcome(long rowsIn, long rowsOut, List<String> notes, List<String> warnings, List<String> failures) {

    Outcome {
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        failures = List.copyOf(failures);
    }

    static Outcome of(long rowsIn, long rowsOut, String... notes) {
        return new Outcome(rowsIn, rowsOut, List.of(notes), List.of(), List.of());
    }
}
