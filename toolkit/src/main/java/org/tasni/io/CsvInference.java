package org.tasni.io;

import org.tasni.TasniException;

/**
 * Type inference for one plain CSV column (see {@link CsvIO}'s class comment for the rules): what its cells have shown
 * so far, and the first line of each sign that decides its type, so that a refusal can name it.
 */
final class CsvInference {

    /** Integers beyond this magnitude have no exact double. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    boolean integer, decimal, inf, nan, bool, word, needsLong;
    int wordLine, wideLine, fractionLine;
    String wordCell, wideCell, fractionCell, markerCell;
    int markerLine;

    void see(String cell, int line) {
        if (word) {
            return; // a string column already: nothing later changes that
        }
        CsvToken t = CsvToken.of(cell);
        switch (t) {
            case EMPTY, NA -> { }
            case NAN -> nan = true;
            case INF, DECIMAL -> {
                if (t == CsvToken.INF) {
                    inf = true;
                } else {
                    decimal = true;
                }
                if (fractionCell == null) {
                    fractionCell = cell;
                    fractionLine = line;
                }
            }
            case BOOLEAN -> bool = true;
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
                } catch (NumberFormatException e) {
                    // beyond 64 bits: only a string keeps it exact
                    seeWord(cell, line);
                    return;
                }
                if (v == Long.MIN_VALUE && markerCell == null) {
                    // Tablesaw's missing-value marker for longs: refused in kind() unless a word makes the
                    // column a string column anyway
                    markerCell = cell;
                    markerLine = line;
                }
                if (CsvToken.leadingZero(cell)) {
                    // "007", "00", "0000" (IRSA's cc_flags, moon_masked): a code, not a number; as an integer
                    // "007" and "7" would become the same id. Only a string keeps the digits as written.
                    seeWord(cell, line);
                    return;
                }
                integer = true;
                needsLong |= v <= Integer.MIN_VALUE || v > Integer.MAX_VALUE;
                if ((v > EXACT_IN_DOUBLE || v < -EXACT_IN_DOUBLE) && wideCell == null) {
                    wideCell = cell;
                    wideLine = line;
                }
            }
            case WORD -> seeWord(cell, line);
        }
    }

    private void seeWord(String cell, int line) {
        if (!word) {
            word = true;
            wordCell = cell;
            wordLine = line;
        }
    }

    Kind kind(String file, String column) {
        if (word || (bool && (integer || decimal || inf || nan))) {
            return Kind.STRING;
        }
        if (markerCell != null) {
            throw CsvToken.marker(file, markerLine, column, markerCell, Kind.LONG);
        }
        if (bool) {
            return Kind.BOOLEAN;
        }
        if (decimal || inf) {
            if (wideCell != null) {
                throw new TasniException(file + ": column '" + column + "' holds the integer " + wideCell
                        + " (line " + wideLine + ") and the non-integer '" + fractionCell + "' (line " + fractionLine
                        + "); a double cannot hold such an integer exactly (an id?). Fix the odd cell, or use"
                        + " a typed format (.ecsv, .parquet).");
            }
            return Kind.DOUBLE;
        }
        if (integer) {
            return needsLong ? Kind.LONG : Kind.INT;
        }
        return nan ? Kind.DOUBLE : Kind.STRING;
    }
}
