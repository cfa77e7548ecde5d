package org.tasni.notebook;

import org.tasni.TasniException;

/** Argument checks of the notebook API, whose users read the message in a cell rather than a stack trace. */
final class Arguments {

    private Arguments() {}

    /**
     * {@code value}, or a TasniException naming it ("LightCurvePlot.create: epochs is null."), where Java would give a
     * bare NullPointerException from deep inside Tablesaw.
     */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new TasniException(what + " is null; pass a value.");
        }
        return value;
    }
}
