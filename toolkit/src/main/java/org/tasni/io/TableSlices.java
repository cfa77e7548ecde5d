package org.tasni.io;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * Row ranges of tables, cut and joined through primitive arrays: what a stage that streams row groups does at each
 * group's edge (the rows of a source that continues in the next group). Tablesaw's {@code inRange} and
 * {@code append} copy value by value, and for a string column look every value up in a hash map; here numbers are
 * array copies and strings move as their dictionary keys, one lookup per distinct value.
 */
public final class TableSlices {

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code table}. */
    public record Part(Table table, int from, int to) {

        /** Every row of {@code table}. */
        public static Part of(Table table) {
            return new Part(table, 0, table.rowCount());
        }
    }

    private TableSlices() {}

    /** Rows {@code from … to} of {@code table}, as a new table of the same name and columns. */
    public static Table slice(Table table, int from, int to) {
        return join(table.name(), List.of(new Part(table, from, to)));
    }

    /** The rows of {@code a} then those of {@code b}, which must have the same column names and types. */
    public static Table concat(Table a, Table b) {
        return join(a.name(), List.of(Part.of(a), Part.of(b)));
    }

    /**
     * The parts' rows in order, as a table named {@code name}; every part has the first's columns, by position, of
     * the kinds catalogue files carry (numbers, strings, booleans).
     */
    public static Table join(String name, List<Part> parts) {
        Table first = parts.get(0).table();
        int rows = parts.stream().mapToInt(p -> p.to() - p.from()).sum();
        Table out = Table.create(name);
        for (int k = 0; k < first.columnCount(); k++) {
            out.addColumns(column(first.column(k).name(), k, parts, rows));
        }
        return out;
    }

    private static Column<?> column(String name, int k, List<Part> parts, int rows) {
        Table t0 = parts.get(0).table();
        Kind kind = Kind.of(t0, t0.column(k));
        for (Part p : parts) {
            if (Kind.of(p.table(), p.table().column(k)) != kind) {
                throw new IllegalArgumentException("column " + name + " is " + Kind.of(p.table(), p.table().column(k))
                        + " in " + p.table().name() + ", " + kind + " in " + t0.name());
            }
        }
        if (kind == Kind.STRING) {
            return strings(name, k, parts, rows);
        }
        if (kind == Kind.BOOLEAN) {
            // rare in catalogues: value by value (Tablesaw's inRange refuses an empty range)
            BooleanColumn c = BooleanColumn.create(name);
            for (Part p : parts) {
                BooleanColumn src = (BooleanColumn) p.table().column(k);
                for (int r = p.from(); r < p.to(); r++) {
                    if (src.isMissing(r)) {
                        c.appendMissing();
                    } else {
                        c.append(src.get(r));
                    }
                }
            }
            return c;
        }
        Object out = switch (kind) {
            case DOUBLE -> new double[rows];
            case FLOAT -> new float[rows];
            case INT -> new int[rows];
            case LONG -> new long[rows];
            default -> new short[rows];
        };
        int at = 0;
        for (Part p : parts) {
            Column<?> c = p.table().column(k);
            Object src = switch (kind) {
                case DOUBLE -> ((DoubleColumn) c).asDoubleArray();
                case FLOAT -> ((FloatColumn) c).asFloatArray();
                case INT -> ((IntColumn) c).asIntArray();
                case LONG -> ((LongColumn) c).asLongArray();
                default -> ((ShortColumn) c).asShortArray();
            };
            System.arraycopy(src, p.from(), out, at, p.to() - p.from());
            at += p.to() - p.from();
        }
        return switch (kind) {
            case DOUBLE -> DoubleColumn.create(name, (double[]) out);
            case FLOAT -> FloatColumn.create(name, (float[]) out);
            case INT -> IntColumn.create(name, (int[]) out);
            case LONG -> LongColumn.create(name, (long[]) out);
            default -> ShortColumn.create(name, (short[]) out);
        };
    }

    /** Each row's dictionary key mapped to a code per distinct key; the strings themselves are looked up once. */
    private static StringColumn strings(String name, int k, List<Part> parts, int rows) {
        int[] codes = new int[rows];
        String[] values = new String[16];
        int count = 0, at = 0;
        for (Part p : parts) {
            DictionaryMap dict = ((StringColumn) p.table().column(k)).getDictionary();
            Int2IntOpenHashMap local = new Int2IntOpenHashMap();
            local.defaultReturnValue(-1);
            for (int r = p.from(); r < p.to(); r++) {
                int key = dict.getKeyForIndex(r);
                int code = local.get(key);
                if (code < 0) {
                    if (count == values.length) {
                        values = Arrays.copyOf(values, count * 2);
                    }
                    values[count] = dict.getValueForKey(key);
                    code = count++;
                    local.put(key, code);
                }
                codes[at++] = code;
            }
        }
        return StringDictionaries.column(name, codes, rows, values, count);
    }
}
