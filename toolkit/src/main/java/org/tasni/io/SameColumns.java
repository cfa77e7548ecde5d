package org.tasni.io;

import java.util.Optional;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How one file's columns differ from another's, in words: the one comparison behind every refusal of files that are
 * to become one table (files read together, WISE tiles whose orphans are merged, one catalogue's files on Spark).
 * Each caller adds why its files must agree. Types are compared by name, not by {@code ColumnType} instance, which can
 * differ for one type (see {@link Kind}).
 */
public final class SameColumns {

    private SameColumns() {}

    /**
     * Where {@code other} differs from {@code first} (read from {@code firstFile}) in its column names, their order or
     * their types; empty where they agree. For files merged column by column, as Parquet files are.
     */
    public static Optional<String> inOrder(Table first, String firstFile, Table other) {
        if (!other.columnNames().equals(first.columnNames())) {
            return Optional.of("its columns (" + Columns.list(other) + ") are not those of " + firstFile + " ("
                    + Columns.list(first) + ")");
        }
        for (int i = 0; i < first.columnCount(); i++) {
            Optional<String> t = typeDiffers(first.column(i), firstFile, other.column(i));
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /**
     * Where {@code other} differs from {@code first} in its column names or their types, in any order; empty where they
     * agree. For tables appended by column name.
     */
    public static Optional<String> byName(Table first, String firstFile, Table other) {
        for (Column<?> c : first.columns()) {
            if (!other.containsColumn(c.name())) {
                return Optional.of("no column '" + c.name() + "', which " + firstFile + " has (columns: "
                        + Columns.list(other) + ")");
            }
            Optional<String> t = typeDiffers(c, firstFile, other.column(c.name()));
            if (t.isPresent()) {
                return t;
            }
        }
        for (Column<?> o : other.columns()) {
            if (!first.containsColumn(o.name())) {
                return Optional.of("column '" + o.name() + "' is not in " + firstFile + " (columns: "
                        + Columns.list(first) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> typeDiffers(Column<?> first, String firstFile, Column<?> other) {
        String a = first.type().name(), b = other.type().name();
        return a.equals(b) ? Optional.empty()
                : Optional.of("column '" + other.name() + "' is " + b + " here but " + a + " in " + firstFile);
    }
}
