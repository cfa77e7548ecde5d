package org.tasni.io;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * Row ranges of tables, cut and joined through primitive arrays: what a stage that streams row groups does at each
 * group's edge (the rows of a source that continues in the next group). Tablesaw's {@code inRange} and
 * {@code append} copy value by value, and for a string column look every value up in a hash map; here numbers are
 * array copies of the range alone and strings move as their dictionary keys, one lookup per distinct value.
 */
public final class TableSlices {

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code table}. */
    public record Part(Table table, int from, int to) {

        public Part {
            // checked here: a column's own array may be longer than the column, so a copy would not catch it
            Objects.checkFromToIndex(from, to, table.rowCount());
        }

        /** Every row of {@code table}. */
        public static Part of(Table table) {
            return new Part(table, 0, table.rowCount());
        }
    }

    /**
     * Tablesaw's dictionary key of the empty string (its missing value) in a column of many distinct values (an
     * {@code IntDictionaryMap}, as Tablesaw's appends and the Parquet reader build it): far above the other keys,
     * which count up from {@code Integer.MIN_VALUE + 1}, so that a span of keys over both overflows an int. Byte and
     * short dictionaries keep their missing value at their own maximum, a small span.
     */
    public static final int EMPTY_KEY = Integer.MAX_VALUE;

    private TableSlices() {}

    /**
     * The column itself where its values carry dictionary keys, else a copy that does: Tablesaw may keep a column of
     * more than 65,535 distinct values, made by {@code StringColumn.create} or appends, as its strings alone
     * ({@code NullDictionaryMap}, whose {@code getKeyAtIndex} throws), and a grouping by key needs the keys.
     */
    public static StringColumn keyed(StringColumn c) {
        if (!(c.getDictionary() instanceof NullDictionaryMap)) {
            return c;
        }
        return strings(c.name(), 0, List.of(Part.of(Table.create(c.name(), c))), c.size());
    }

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
            // the column's own array, not asDoubleArray() and the like, which copy the whole column to give a range
            Object src = switch (kind) {
                case DOUBLE -> WrappedColumns.elements((DoubleColumn) c);
                case FLOAT -> WrappedColumns.elements((FloatColumn) c);
                case INT -> WrappedColumns.elements((IntColumn) c);
                case LONG -> WrappedColumns.elements((LongColumn) c);
                default -> WrappedColumns.elements((ShortColumn) c);
            };
            System.arraycopy(src, p.from(), out, at, p.to() - p.from());
            at += p.to() - p.from();
        }
        // around the new array, which nothing else holds (Tablesaw's create would copy it)
        return switch (kind) {
            case DOUBLE -> WrappedColumns.doubles(name, (double[]) out);
            case FLOAT -> WrappedColumns.floats(name, (float[]) out);
            case INT -> WrappedColumns.ints(name, (int[]) out);
            case LONG -> WrappedColumns.longs(name, (long[]) out);
            default -> WrappedColumns.shorts(name, (short[]) out);
        };
    }

    /**
     * Each row's dictionary key mapped to a code per distinct key; the strings themselves are looked up once. The keys
     * of a part are read once into {@code codes} and mapped there through an array indexed by key where they span
     * little more than the part's rows (Tablesaw numbers a column's values up from {@code Integer.MIN_VALUE + 1}, so a
     * part of a row group spans at most the group's distinct values), else through a hash map: a hash lookup per row
     * was most of the cost of cutting a row group of designations.
     */
    private static StringColumn strings(String name, int k, List<Part> parts, int rows) {
        int[] codes = new int[rows];
        Values values = new Values();
        int at = 0;
        for (Part p : parts) {
            StringColumn column = (StringColumn) p.table().column(k);
            DictionaryMap dict = column.getDictionary();
            int n = p.to() - p.from(), end = at + n;
            if (dict instanceof NullDictionaryMap) {
                // no keys (see keyed): the strings are hashed here, one lookup per row
                Object2IntOpenHashMap<String> byValue = new Object2IntOpenHashMap<>();
                byValue.defaultReturnValue(-1);
                for (int r = at, i = p.from(); r < end; r++, i++) {
                    String v = column.get(i);
                    int code = byValue.getInt(v);
                    if (code < 0) {
                        code = values.add(v);
                        byValue.put(v, code);
                    }
                    codes[r] = code;
                }
                at = end;
                continue;
            }
            int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
            for (int r = at, i = p.from(); r < end; r++, i++) {
                int key = dict.getKeyForIndex(i);
                codes[r] = key;
                if (key != EMPTY_KEY) {
                    min = Math.min(min, key);
                    max = Math.max(max, key);
                }
            }
            // the empty string's key is far from the others (EMPTY_KEY): kept apart
            int[] byKey = null;
            Int2IntOpenHashMap sparse = null;
            if (min <= max && (long) max - min < 2L * n + 4096) {
                byKey = new int[max - min + 1];
                Arrays.fill(byKey, -1);
            } else if (min <= max) {
                sparse = new Int2IntOpenHashMap();
                sparse.defaultReturnValue(-1);
            }
            int missing = -1;
            for (int r = at; r < end; r++) {
                int key = codes[r];
                int code = key == EMPTY_KEY ? missing : byKey != null ? byKey[key - min] : sparse.get(key);
                if (code < 0) {
                    code = values.add(dict.getValueForKey(key));
                    if (key == EMPTY_KEY) {
                        missing = code;
                    } else if (byKey != null) {
                        byKey[key - min] = code;
                    } else {
                        sparse.put(key, code);
                    }
                }
                codes[r] = code;
            }
            at = end;
        }
        return StringDictionaries.column(name, codes, rows, values.values, values.count);
    }

    /** The values met so far, in order: a value's code is its index. */
    private static final class Values {
        String[] values = new String[16];
        int count;

        /** Adds v and returns its code. */
        int add(String v) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count] = v;
            return count++;
        }
    }
}
