package org.tasni.io;

import java.util.Locale;
import org.tasni.TasniException;

/** What a CSV cell looks like, for type inference and parsing; and the cell rules that both share. */
enum CsvToken {
    EMPTY, NA, NAN, INF, INTEGER, DECIMAL, BOOLEAN, WORD;

    static CsvToken of(String s) {
        int n = s.length();
        if (n == 0) {
            return EMPTY;
        }
        char c = s.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            CsvToken num = number(s);
            if (num != null) {
                return num;
            }
        }
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "nan", "-nan", "+nan" -> NAN;
            case "na", "n/a", "null", "none", "<na>" -> NA;
            case "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity" -> INF;
            case "true", "false" -> BOOLEAN;
            default -> WORD;
        };
    }

    /** INTEGER for [+-]digits, DECIMAL for [+-](digits[.digits]|.digits)[e[+-]digits], else null. */
    private static CsvToken number(String s) {
        int i = 0, n = s.length();
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int intDigits = 0, fracDigits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        boolean decimal = false;
        if (i < n && s.charAt(i) == '.') {
            decimal = true;
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            decimal = true;
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return null;
            }
        }
        return i < n ? null : decimal ? DECIMAL : INTEGER;
    }

    /** Whether a cell is a number, or a marker a number column may hold (missing, nan, ±inf). */
    static boolean numberOrMissing(String cell) {
        CsvToken t = CsvToken.of(cell.strip());
        return t != WORD && t != BOOLEAN;
    }

    /**
     * Whether an integer cell has a leading zero ("007", "-01", "00"; not "0" alone): such a column is read as
     * strings, so that ids and flag codes keep their digits (see {@link CsvIO}'s class comment).
     */
    static boolean leadingZero(String cell) {
        int i = cell.startsWith("+") || cell.startsWith("-") ? 1 : 0;
        return cell.length() - i > 1 && cell.charAt(i) == '0';
    }

    /**
     * The refusal of the smallest value of an integer column's {@code kind} (-9223372036854775808 in a CSV or int64
     * column, -32768 in an int16 one), which it holds as missing: CSV and ECSV alike.
     */
    static TasniException marker(String file, int line, String column, String cell, Kind kind) {
        return new TasniException(file + ": line " + line + ", column '" + column + "': " + cell + " is "
                + kind.markerReason() + "; leave the cell empty for a missing value.");
    }
}
