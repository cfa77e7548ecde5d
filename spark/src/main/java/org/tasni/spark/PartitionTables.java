package org.tasni.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.OutputColumns;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What a task does with Tablesaw tables: read partition files, sort by {@code _row}, run the toolkit's matcher, and
 * write a part. Sorting by {@code _row} makes a partition's row order the input's, so the kernel's ties (to the lower
 * right row) fall as they do when the CPU backend matches the whole catalogue.
 */
final class PartitionTables {

    /** The pair columns that order {@link MatchMode#ALL}'s output as the CPU's: left row, then right row. */
    static final String ROW_LEFT = "_row_left", ROW_RIGHT = "_row_right";

    private PartitionTables() {}

    /** The files' rows (all columns, or {@code columns}), in {@code _row} order; an empty list gives null. */
    static Table read(List<Path> files, String... columns) {
        if (files.isEmpty()) {
            return null;
        }
        return TableIO.read(files, columns).sortAscendingOn(PartitionedCatalog.ROW);
    }

    /** {@code a} with {@code b}'s rows appended, in {@code _row} order (either may be null). */
    static Table union(Table a, Table b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.copy().append(b).sortAscendingOn(PartitionedCatalog.ROW);
    }

    /**
     * Runs {@code mode} for {@code left} against {@code right}. {@code NEAREST} and {@code ORPHANS} are the matcher's
     * own tables; {@code ALL} is matched on {@code _row} and its ids copied exactly from the columns the CPU's
     * {@code all} would take them from, with {@link #ROW_LEFT} and {@link #ROW_RIGHT} for the order.
     */
    static Table match(CrossMatcher m, MatchMode mode, Table left, Table right) {
        if (mode != MatchMode.ALL) {
            return m.run(mode, left, right);
        }
        String leftId = m.leftIdColumn(left), rightId = m.rightColumnNames().id();
        CrossMatcher byRow = m.leftColumns(m.leftColumnNames().ra(), m.leftColumnNames().dec(), PartitionedCatalog.ROW)
                .rightColumns(m.rightColumnNames().ra(), m.rightColumnNames().dec(), PartitionedCatalog.ROW);
        Table pairs = byRow.all(left, right);
        long[] lRows = pairs.longColumn("left_id").asLongArray(), rRows = pairs.longColumn("right_id").asLongArray();
        int[] li = indices(left, lRows), ri = indices(right, rRows);
        return Table.create("pairs", OutputColumns.ids("left_id", left.column(leftId), li),
                OutputColumns.ids("right_id", right.column(rightId), ri),
                DoubleColumn.create("sep_arcsec", pairs.doubleColumn("sep_arcsec").asDoubleArray()),
                LongColumn.create(ROW_LEFT, lRows), LongColumn.create(ROW_RIGHT, rRows));
    }

    /** The index in {@code t} (sorted by {@code _row}) of each {@code _row} value. */
    private static int[] indices(Table t, long[] rows) {
        long[] sorted = t.longColumn(PartitionedCatalog.ROW).asLongArray();
        int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = Arrays.binarySearch(sorted, rows[k]);
        }
        return out;
    }

    /** Writes {@code t} to {@code file} (atomically, creating its directory); nothing for an empty or null table. */
    static void write(Table t, Path file) {
        if (t == null || t.rowCount() == 0) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new TasniException(file.getParent() + ": cannot create (" + e.getMessage() + ").", e);
        }
        TableIO.write(t, file);
    }
}
