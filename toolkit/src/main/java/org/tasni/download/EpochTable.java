package org.tasni.download;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The output table of {@link NeowiseEpochs}: the checkpoints' parts in one table, in a fixed order. */
final class EpochTable {

    private EpochTable() {}

    /**
     * No epochs (every target left out, failed, or without exposures): the columns with IRSA's types, so the file can be
     * written and read like any other (a Parquet file needs at least one column).
     */
    static Table empty() {
        Table t = Table.create("neowise_epochs", StringColumn.create("designation"));
        for (String c : NeowiseEpochs.COLUMNS) {
            t.addColumns(switch (c) {
                case "ra", "dec", "mjd" -> DoubleColumn.create(c);
                case "qual_frame", "nb", "na" -> ShortColumn.create(c);
                case "moon_masked", "cc_flags" -> StringColumn.create(c);
                default -> FloatColumn.create(c);
            });
        }
        return t.addColumns(DoubleColumn.create("target_ra"), DoubleColumn.create("target_dec"));
    }

    /**
     * {@code t}'s output columns cast to the types of {@link #empty()}, so that every checkpoint has one schema whatever
     * the service declared (a float or a double, an integer or text designation), or a refusal naming {@code source},
     * the column and, for a value that has no such type, its data row (from 1). Integer designations become their exact
     * digits; a number sent as text (a CSV answer) is parsed, "nan" included; integers are never widened through a
     * double where they must stay exact. Nothing is written before this succeeds, so a refused answer leaves no
     * checkpoint behind and is asked again on the next run.
     */
    static Table conform(Table t, String source) {
        Table out = Table.create("epochs");
        for (Column<?> want : empty().columns()) {
            if (!t.containsColumn(want.name())) {
                throw new TasniException(source + ": no column '" + want.name() + "' (columns: "
                        + String.join(", ", t.columnNames()) + ").");
            }
            out.addColumns(cast(t.column(want.name()), want, source));
        }
        return out;
    }

    private static Column<?> cast(Column<?> c, Column<?> want, String source) {
        if (c.getClass() == want.getClass()) { // by class: ColumnType instances can differ for one type (see io.Kind)
            return c.copy();
        }
        int n = c.size();
        String name = want.name();
        if (want instanceof StringColumn) {
            if (!(c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn)) {
                throw new TasniException(String.format("%s: column '%s' has type %s; expected text.", source, name,
                        c.type().name()));
            }
            // a CSV reader takes the flags "0000" and "01" for the integers 0 and 1; IRSA's flags have a fixed width
            // (cc_flags 4 characters, moon_masked 2), so their leading zeros are restored exactly, as the quality cuts
            // compare them as text
            int width = switch (name) {
                case "cc_flags" -> 4;
                case "moon_masked" -> 2;
                default -> 0;
            };
            StringColumn s = StringColumn.create(name);
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    s.appendMissing();
                    continue;
                }
                long v = integer(c, i);
                String digits = Long.toString(v);
                if (width > 0 && (v < 0 || digits.length() > width)) {
                    throw notA(source, i, name, digits, "a flag of " + width + " characters");
                }
                s.append(width > digits.length() ? "0".repeat(width - digits.length()) + digits : digits);
            }
            return s;
        }
        if (c instanceof BooleanColumn) {
            throw new TasniException(String.format("%s: column '%s' has type %s; expected a number.", source, name,
                    c.type().name()));
        }
        if (want instanceof ShortColumn) {
            ShortColumn s = ShortColumn.create(name);
            for (int i = 0; i < n; i++) {
                if (missing(c, i)) {
                    s.appendMissing();
                    continue;
                }
                double v = c instanceof StringColumn ? number(c, i, source) : ((NumericColumn<?>) c).getDouble(i);
                if (v != Math.rint(v) || v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw notA(source, i, name, c.getString(i), "a small integer");
                }
                s.append((short) v);
            }
            return s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = missing(c, i) ? Double.NaN : c instanceof StringColumn ? number(c, i, source)
                    : ((NumericColumn<?>) c).getDouble(i);
        }
        if (want instanceof FloatColumn) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) v[i];
            }
            return FloatColumn.create(name, f);
        }
        return DoubleColumn.create(name, v);
    }

    private static boolean missing(Column<?> c, int i) {
        return c instanceof StringColumn s ? s.get(i).isBlank() : c.isMissing(i);
    }

    private static long integer(Column<?> c, int i) {
        return c instanceof LongColumn l ? l.getLong(i) : c instanceof IntColumn k ? k.getInt(i) : ((ShortColumn) c).getShort(i);
    }

    private static double number(Column<?> c, int i, String source) {
        String v = c.getString(i).strip();
        if (v.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw notA(source, i, c.name(), v, "a number");
        }
    }

    private static TasniException notA(String source, int row, String column, String value, String what) {
        return new TasniException(String.format("%s: data row %d (counted from 1) of column '%s' holds '%s', which is not "
                + "%s.", source, row + 1, column, value.length() > 40 ? value.substring(0, 40) + "…" : value, what));
    }

    /** The parts in one table, ordered by target index, mjd, ra, dec (exactly, whatever order the server sent). */
    static Table ordered(List<Table> parts, String[] designations) {
        if (parts.isEmpty()) {
            return empty();
        }
        Table all = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            all.append(parts.get(i));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = designations.length - 1; i >= 0; i--) {
            index.put(designations[i], i);
        }
        StringColumn des = Columns.strings(all, "designation");
        int[] target = new int[all.rowCount()];
        for (int i = 0; i < target.length; i++) {
            target[i] = index.getOrDefault(des.get(i), Integer.MAX_VALUE);
        }
        double[] mjd = Columns.doubles(all, "mjd"), ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        int[] perm = IntStream.range(0, target.length).toArray();
        it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, (a, b) -> {
            int c = Integer.compare(target[a], target[b]);
            c = c != 0 ? c : Double.compare(mjd[a], mjd[b]);
            c = c != 0 ? c : Double.compare(ra[a], ra[b]);
            return c != 0 ? c : Double.compare(dec[a], dec[b]);
        });
        Table out = Table.create("neowise_epochs");
        for (Column<?> col : all.columns()) {
            out.addColumns(col.subset(perm));
        }
        return out;
    }
}
