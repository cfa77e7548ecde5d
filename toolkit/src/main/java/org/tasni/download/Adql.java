package org.tasni.download;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tasni.TasniException;

/**
 * Builds ADQL from checked parts, so that no user string can change a query: table and column names must match an
 * identifier pattern, and numbers are formatted here (finite, '.' as decimal point) rather than pasted in.
 */
public final class Adql {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private Adql() {}

    /** A table or column name, checked: letters, digits and '_', optionally one schema prefix. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new TasniException("'" + name + "' is not a plain table or column name (letters, digits, _ and one"
                    + " optional schema prefix); refusing to put it into ADQL.");
        }
        return name;
    }

    /** A finite number, in a form every ADQL parser reads. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new TasniException("ADQL: a position or radius must be a finite number (got " + v + ").");
        }
        return String.format(Locale.ROOT, "%.10f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** SELECT columns FROM table WHERE the position lies in a cone (degrees). */
    public static String cone(String table, List<String> columns, String raColumn, String decColumn, double raDeg,
            double decDeg, double radiusDeg) {
        if (!(radiusDeg > 0 && radiusDeg <= 180)) {
            throw new TasniException("cone radius must be in (0, 180] degrees (got " + radiusDeg + ").");
        }
        StringBuilder cols = new StringBuilder();
        for (String c : columns) {
            cols.append(cols.length() > 0 ? ", " : "").append(identifier(c));
        }
        return "SELECT " + cols + " FROM " + identifier(table) + " WHERE 1=CONTAINS(POINT('ICRS', " + identifier(raColumn)
                + ", " + identifier(decColumn) + "), CIRCLE('ICRS', " + number(raDeg) + ", " + number(decDeg) + ", "
                + number(radiusDeg) + "))";
    }
}
