package org.tasni.pipeline.report;

import java.util.List;
import java.util.Locale;
import org.tasni.notebook.Html;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The report's HTML pieces and number formats. Every string from data goes through {@link #esc}; numbers are
 * formatted by what they are (magnitudes to 3 decimals, p-values and FAPs in scientific notation), always in the root
 * locale, so the page's bytes do not depend on the machine.
 */
final class Markup {

    private Markup() {}

    /** Text as HTML. */
    static String esc(String s) {
        return Html.escape(s == null ? "" : s);
    }

    /** A section with an anchor, a heading and a body (already HTML). */
    static String section(String id, String title, String body) {
        return "<section id=\"" + id + "\">\n<h2>" + esc(title) + "</h2>\n" + body + "</section>\n";
    }

    /** A paragraph saying what is missing and why. */
    static String missing(String why) {
        return "<p class=\"missing\">" + esc(why) + "</p>\n";
    }

    /** A paragraph of text. */
    static String p(String text) {
        return "<p>" + esc(text) + "</p>\n";
    }

    /** A table of text cells (escaped here), with a header row. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (String c : r) {
                sb.append("<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /** A count with thousands separators, or "?" when unknown (negative). */
    static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A magnitude (or colour) to the millimagnitude. */
    static String mag(double m) {
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.3f", m);
    }

    /** A p-value or false-alarm probability, in scientific notation. */
    static String prob(double p) {
        return Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.2e", p);
    }

    /** A number with {@code decimals} decimals, "–" for NaN. */
    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** One cell of a pipeline table, formatted by its column's meaning (see the class comment). */
    static String cell(Table t, String column, int row) {
        Column<?> c = t.column(column);
        if (c.isMissing(row)) {
            return c instanceof NumberColumn ? "–" : "";
        }
        if (!(c instanceof NumberColumn<?, ?> n) || isInteger(c)) {
            return String.valueOf(c.get(row));
        }
        double v = n.getDouble(row);
        String name = column.toLowerCase(Locale.ROOT);
        if (name.endsWith("_p") || name.contains("fap") || name.endsWith("_p_value")) {
            return prob(v);
        }
        if (name.equals("ra") || name.equals("dec")) {
            return fixed(v, 5);
        }
        if (name.contains("mag_yr")) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.4f", v);
        }
        if (name.contains("mpro") || name.equals("w1_w2") || name.contains("mean_w") || name.startsWith("score")) {
            return mag(v);
        }
        if (name.contains("period") || name.contains("years") || name.endsWith("_s") || name.endsWith("_mb")) {
            return fixed(v, 2);
        }
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static boolean isInteger(Column<?> c) {
        return switch (c.type().name()) {
            case "INTEGER", "LONG", "SHORT" -> true;
            default -> false;
        };
    }
}
