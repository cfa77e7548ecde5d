package org.tasni;

/**
 * A problem the user can fix: a bad file, a missing or mistyped column, a bad option or coordinate.
 *
 * <p>It is unchecked so that notebook cells and lambdas stay clean. The message follows one shape, <em>where: what is
 * wrong (got X; expected Y). What to do.</em>, and names the file, row or column. The CLI prints only the message and
 * exits 1; anything that is not a {@code TasniException} is an internal error (exit 2).
 */
public class TasniException extends RuntimeException {

    public TasniException(String message) {
        super(message);
    }

    public TasniException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code value}, or a refusal naming {@code what} when it is null: a notebook cell that passes a variable never
     * assigned gets this line rather than a NullPointerException from deep inside a stage.
     */
    public static <T> T requireGiven(T value, String what) {
        if (value == null) {
            throw new TasniException(what + " is missing (null); give one.");
        }
        return value;
    }
}
