package org.tasni.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tasni.TasniException;
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
 * <p>Every problem (no such file, a corrupt file, a missing column, an unsupported type, a cell the column cannot
 * hold, a row with too many or too few cells) is a {@link org.tasni.TasniException} whose one-line message names the
 * file, the column and, where one is at fault, the row. Every format reads and writes zero-row tables.
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
        Set<String> seen = new HashSet<>();
        for (String c : cols) {
            if (!seen.add(c)) {
                throw new TasniException(path.getFileName() + ": column '" + c + "' is asked for twice.");
            }
        }
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

    /**
     * Copies {@code in} to {@code out} in the format of {@code out}'s extension, keeping only {@code columns} (in that
     * order) if any are named. An {@code out} that is {@code in} (the same path, a symbolic or a hard link) or that lies
     * under a regular file is refused before anything is read.
     *
     * @return the table written
     */
    public static Table convert(Path in, Path out, String... columns) {
        OutputPaths.refuseInputs(out, in);
        Format.of(out);
        Table t = read(in, columns);
        write(t, out);
        return t;
    }

    /** Writes a table, atomically, in the format of the path's extension. */
    public static void write(Table table, String path) {
        write(table, Path.of(path));
    }

    /** Writes a table, atomically, in the format of the path's extension. */
    public static void write(Table table, Path path) {
        OutputPaths.requireDirectoryPossible(path);
        switch (Format.of(path)) {
            case PARQUET -> ParquetIO.write(table, path);
            case CSV -> CsvIO.writeCsv(table, path);
            case ECSV -> CsvIO.writeEcsv(table, path);
            case ARROW -> ArrowIO.write(table, path);
            case VOTABLE -> VOTableIO.write(table, path);
        }
    }
}
