package org.tasni.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Records → a Tablesaw {@link Table}: one row per record, one column per record component, in declaration order. It
 * is how a report prints as a table ({@code report.toTable()}) and how a stage builds its summary from row records,
 * instead of a hand-written accumulator per table.
 *
 * <pre>{@code
 * record Row(long tile, TileStatus status, Integer nRows, double seconds) {}
 * Table t = RecordTables.toTable("tiles", Row.class, rows);   // tile, status, n_rows, seconds
 * }</pre>
 *
 * <h2>Columns</h2>
 * A component {@code marginRows} becomes the column {@code margin_rows} (camelCase to snake_case); {@link Name}
 * gives another name where that rule cannot ({@code @Name("max_in_1s") int maxIn1s}). Types: {@code long}/{@code
 * Long} → {@link LongColumn}, {@code int}/{@code Integer} (and {@code short}) → {@link IntColumn}, {@code double}/{@code
 * Double} → {@link DoubleColumn}, {@code float}/{@code Float} → {@link FloatColumn}, {@code boolean}/{@code Boolean} →
 * {@link BooleanColumn}, and {@code String}, an enum (its {@code name()}) or anything else (its {@code toString()})
 * → {@link StringColumn}. A null boxed number or boolean is a missing value; a null string is the empty string.
 *
 * <p>Reflection reads each component once per row: meant for summaries and reports (thousands of rows), not for
 * result tables of millions of rows, which stages build from primitive arrays.
 */
public final class RecordTables {

    /** The column name of a record component, where the camelCase to snake_case rule does not give it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
    public @interface Name {
        /** The column name. */
        String value();
    }

    private RecordTables() {}

    /** One row per record of {@code rows}, with the columns of {@code type} (also when {@code rows} is empty). */
    public static <R extends Record> Table toTable(String name, Class<R> type, List<? extends R> rows) {
        RecordComponent[] comps = type.getRecordComponents();
        List<Column<?>> cols = new ArrayList<>(comps.length);
        for (RecordComponent c : comps) {
            cols.add(column(c, rows));
        }
        return Table.create(name, cols);
    }

    /** A one-row table of {@code r}, named after its type: how a report record becomes a table. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Table toTable(R r) {
        return toTable(r.getClass().getSimpleName(), (Class<R>) r.getClass(), List.of(r));
    }

    /** The column name of a component: its {@link Name}, or its name in snake_case. */
    public static String columnName(RecordComponent c) {
        Name n = c.getAnnotation(Name.class);
        if (n == null) {
            n = c.getAccessor().getAnnotation(Name.class);
        }
        return n != null ? n.value() : snakeCase(c.getName());
    }

    /** {@code marginRows} → {@code margin_rows}, {@code nDroppedWise} → {@code n_dropped_wise}. */
    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static Column<?> column(RecordComponent c, List<? extends Record> rows) {
        String name = columnName(c);
        Class<?> t = c.getType();
        Column<?> col;
        if (t == long.class || t == Long.class) {
            col = LongColumn.create(name);
        } else if (t == int.class || t == Integer.class || t == short.class || t == Short.class) {
            col = IntColumn.create(name);
        } else if (t == double.class || t == Double.class) {
            col = DoubleColumn.create(name);
        } else if (t == float.class || t == Float.class) {
            col = FloatColumn.create(name);
        } else if (t == boolean.class || t == Boolean.class) {
            col = BooleanColumn.create(name);
        } else {
            col = StringColumn.create(name);
        }
        boolean text = col instanceof StringColumn;
        for (Record r : rows) {
            Object v = value(c, r);
            if (v == null) {
                col.appendMissing();
            } else if (text) {
                col.appendObj(v instanceof Enum<?> e ? e.name() : v.toString());
            } else {
                col.appendObj(v instanceof Short sh ? Integer.valueOf(sh) : v);
            }
        }
        return col;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // records nested in a stage are often private
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }
}
