package org.tasni.io;

import org.tasni.TasniException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Refuses, before a table is written, text that the file cannot hold as it is: a lone UTF-16 surrogate (no UTF-8
 * encodes it: Java's encoder writes '?' in its place, and a CSV write failed naming no row), and in a VOTable a
 * character XML 1.0 does not allow (U+0000 cut a string short, other controls came back as '¿'). Each refusal names
 * the file, the column and the first row that holds such a value.
 */
final class TextChecks {

    private TextChecks() {}

    /**
     * Checks the column names and the string values of rows {@code rows} of {@code table} (null: all) for a file at
     * {@code path} of {@code format}; a refusal's row is the output's.
     */
    static void requireWritable(Table table, int[] rows, java.nio.file.Path path, Format format) {
        boolean xml = format == Format.VOTABLE;
        String file = path.getFileName().toString();
        for (Column<?> c : table.columns()) {
            if (!writable(c.name(), xml)) {
                throw new TasniException(file + ": the column name '" + printable(c.name()) + "' holds a character "
                        + what(xml) + ".");
            }
            if (c instanceof StringColumn s) {
                // values read from Parquet were checked as UTF-8 there, and UTF-8 holds no lone surrogate
                if (!xml && s.getDictionary() instanceof DeferredDictionary) {
                    continue;
                }
                for (String v : s.getDictionary().asSet()) {
                    if (!writable(v, xml)) {
                        int row = firstRow(s, v, rows);
                        if (row < 0) {
                            continue; // a dictionary entry no written row uses
                        }
                        throw new TasniException(file + ": column '" + c.name() + "' holds a value with a character "
                                + what(xml) + " at data row " + (row + 1) + " ('" + printable(v) + "').");
                    }
                }
            }
        }
    }

    private static String what(boolean xml) {
        return xml ? "that a VOTable (XML 1.0) cannot hold, or a lone UTF-16 surrogate"
                : "that UTF-8 cannot encode (a lone UTF-16 surrogate)";
    }

    /** The first of the written rows (of {@code rows}, or all) that holds {@code v}, counted in the output; or −1. */
    private static int firstRow(StringColumn s, String v, int[] rows) {
        int n = rows == null ? s.size() : rows.length;
        for (int k = 0; k < n; k++) {
            if (s.get(rows == null ? k : rows[k]).equals(v)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether {@code s} has no lone surrogate and, for XML, only characters XML 1.0 allows (§2.2 Char). */
    static boolean writable(String s, boolean xml) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            } else if (xml && (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF)) {
                return false;
            }
        }
        return true;
    }

    /** The string with its controls and surrogates as \\uXXXX, for a message. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
