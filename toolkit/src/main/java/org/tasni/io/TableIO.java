package org.tasni.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Reads and writes catalogue tables, choosing the format by file extension ({@link Format}).
 *
 * <pre>{@code
 * var wise = TableIO.read("data-samples/tiles/wise_hp06044.parquet");     // the table is named after its file
 * var lite = TableIO.read("gaia.parquet", "source_id", "ra", "dec");      // only these columns are decoded
 * TableIO.write(wise, "wise.arrow");                                      // atomic: temp file, then rename
 * }</pre>
 *
 * <p>Every problem (no such file, a corrupt file, a missing column, an unsupported type) is a
 * {@link org.tasni.TasniException} whose message names the file and the column.
 */
public final class TableIO {

    private TableIO() {}

    /** Reads a table. */
    public static Table read(String path, String... columns) {
        return read(Path.of(path), columns);
    }

    /**
     * Reads a table, keeping only {@code columns} (in that order) if any are named. For Parquet only those columns
     * are decoded; other formats are read whole and then projected.
     */
    public static Table read(Path path, String... columns) {
        List<String> cols = Arrays.asList(columns);
        Format f = Format.of(path);
        if (f == Format.PARQUET) {
            return ParquetIO.read(path, cols);
        }
        Table t = switch (f) {
            case CSV -> CsvIO.readCsv(path);
            case ECSV -> CsvIO.readEcsv(path);
            case ARROW -> ArrowIO.read(path);
            case VOTABLE -> VOTableIO.read(path);
            case PARQUET -> throw new IllegalStateException();
        };
        if (cols.isEmpty()) {
            return t;
        }
        for (String c : cols) {
            Columns.require(t, c);
        }
        return t.selectColumns(columns).setName(t.name());
    }

    /** Writes a table, atomically, in the format of the path's extension. */
    public static void write(Table table, String path) {
        write(table, Path.of(path));
    }

    /** Writes a table, atomically, in the format of the path's extension. */
    public static void write(Table table, Path path) {
        switch (Format.of(path)) {
            case PARQUET -> ParquetIO.write(table, path);
            case CSV -> CsvIO.writeCsv(table, path);
            case ECSV -> CsvIO.writeEcsv(table, path);
            case ARROW -> ArrowIO.write(table, path);
            case VOTABLE -> VOTableIO.write(table, path);
        }
    }
}
