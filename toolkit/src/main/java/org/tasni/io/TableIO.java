package org.tasni.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * Reads and writes catalogue tables, choosing the format by file extension ({@link Format}).
 *
 * <pre>{@code
 * var wise = TableIO.read("data-samples/tiles/wise_hp06044.parquet");     // the table is named after its file
 * var lite = TableIO.read("gaia.parquet", "source_id", "ra", "dec");      // only these columns are decoded
 * var all  = TableIO.read("data-samples/tiles/wise_hp*.parquet");         // every match, appended in name order
 * var two  = TableIO.read(List.of(Path.of("a.parquet"), Path.of("b.csv")));   // these files, in this order
 * TableIO.write(wise, "wise.arrow");                                      // atomic: temp file, then rename
 * }</pre>
 *
 * <p>Every problem (no such file, a corrupt file, a missing column, an unsupported type, a cell the column cannot
 * hold, a row with too many or too few cells, files read together whose columns differ) is a
 * {@link TasniException} whose one-line message names the file, the column and, where one is at fault, the row.
 * Every format reads and writes zero-row tables; a table of no columns, or with a column of no name, is not written.
 */
public final class TableIO {

    private TableIO() {}

    /**
     * Reads a table, or every file a glob matches appended into one.
     *
     * <p>A {@code path} with {@code *}, {@code ?}, {@code [} or {@code {} that is not itself a file is a glob
     * ({@link java.nio.file.FileSystems#getPathMatcher} syntax; {@code **} crosses directories): the files it matches
     * are read in the order of their names and appended, as {@link #read(List, String...)} does. The table is then
     * named after the pattern and the count, e.g. {@code "wise_hp*.parquet (12 files)"}.
     *
     * @param path    a file ({@code "data/allwise.parquet"}) or a glob ({@code "data/tiles/wise_hp*.parquet"})
     * @param columns the columns to keep, in this order; none keeps all
     * @throws TasniException if no file matches, or as {@link #read(Path, String...)} and {@link #read(List, String...)}
     */
    public static Table read(String path, String... columns) {
        TasniException.requireGiven(path, "the file to read");
        if (TableFiles.isGlob(path)) {
            List<Path> files = TableFiles.glob(path);
            return TableFiles.readAll(files, TableFiles.name(Path.of(path).getFileName().toString(), files.size()), columns);
        }
        return read(Path.of(path), columns);
    }

    /**
     * Reads several files, in the order given, and appends them into one table: the rows of the first file, then the
     * second's, and so on. The files may be of different formats, but each must have the same columns with the same
     * types (in any order; the first file's order is kept). The table is named after the first and last file and the
     * count, e.g. {@code "wise_hp06044.parquet … wise_hp06050.parquet (7 files)"}; one file keeps its own name.
     *
     * <p>Row numbers in later messages count rows of the appended table, not of one file.
     *
     * @param paths   the files, each once
     * @param columns the columns to keep from every file, in this order; none keeps all
     * @throws TasniException if no file is given, one is given twice, or a file lacks a column of the first, has one
     *                        the first lacks, or types it differently (the message names the file and the column);
     *                        and for any problem {@link #read(Path, String...)} reports
     */
    public static Table read(List<Path> paths, String... columns) {
        return TableFiles.readAll(paths, paths.isEmpty() ? "" : TableFiles.name(paths), columns);
    }

    /**
     * Reads a table, keeping only {@code columns} (in that order) if any are named, each by its exact name (case
     * counts, as in every format's file). For Parquet only those columns are decoded; other formats are read whole
     * and then projected. The table is named after the file.
     *
     * @param path    the file; its extension chooses the format ({@link Format})
     * @param columns the columns to keep, in this order; none keeps all
     * @throws TasniException if the file is missing, unreadable or corrupt, a column is missing or asked for twice,
     *                        or a cell does not fit its column (the message names the file, column and row)
     */
    public static Table read(Path path, String... columns) {
        TasniException.requireGiven(path, "the file to read");
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
        // by exact name, as Parquet's projection takes them: Tablesaw's own lookup ignores case, so 'RA' took 'ra'
        // from every format but Parquet, and i,I asked for one column twice
        List<String> names = t.columnNames();
        Table out = Table.create(t.name());
        for (String c : cols) {
            int k = names.indexOf(c);
            if (k < 0) {
                throw Columns.missing(t, c);
            }
            out.addColumns(t.column(k));
        }
        return out;
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

    /**
     * Writes rows {@code rows} of {@code table}, atomically, in the format of the path's extension, in the order
     * given (a row given twice is written twice). Parquet takes the rows straight from the table's columns, without
     * a copy.
     *
     * @param rows row indices of {@code table} (a selection's, ascending, are copied fastest); null for every row
     * @throws TasniException naming the first index that is not a row of {@code table}, before anything is written
     */
    public static void write(Table table, int[] rows, Path path) {
        if (rows == null) {
            write(table, path);
            return;
        }
        TasniException.requireGiven(table, "the table to write");
        TasniException.requireGiven(path, "the file to write");
        OutputPaths.requireDirectoryPossible(path);
        requireRows(table, rows, path);
        if (Format.of(path) == Format.PARQUET) {
            requireColumns(table, path);
            TextChecks.requireWritable(table, rows, path, Format.PARQUET);
            ParquetIO.write(table, rows, path);
        } else {
            write(rowsOf(table, rows), path);
        }
    }

    /** Writes a table, atomically, in the format of the path's extension. */
    public static void write(Table table, Path path) {
        TasniException.requireGiven(table, "the table to write");
        TasniException.requireGiven(path, "the file to write");
        OutputPaths.requireDirectoryPossible(path);
        requireColumns(table, path);
        TextChecks.requireWritable(table, null, path, Format.of(path));
        switch (Format.of(path)) {
            case PARQUET -> ParquetIO.write(table, path);
            case CSV -> CsvIO.writeCsv(table, path);
            case ECSV -> CsvIO.writeEcsv(table, path);
            case ARROW -> ArrowIO.write(table, path);
            case VOTABLE -> VOTableIO.write(table, path);
        }
    }

    /**
     * Refuses a table no format can hold and read back: one of no columns (Parquet cannot write its schema; a CSV or
     * ECSV file of no columns is refused on reading) or with a column named "" (ECSV's header needs a name).
     */
    private static void requireColumns(Table table, Path path) {
        if (table.columnCount() == 0) {
            throw new TasniException(path.getFileName() + ": table '" + Columns.label(table) + "' has no columns, and "
                    + "a table file needs at least one; nothing was written.");
        }
        for (int k = 0; k < table.columnCount(); k++) {
            if (table.column(k).name().isEmpty()) {
                throw new TasniException(path.getFileName() + ": column " + (k + 1) + " of table '"
                        + Columns.label(table) + "' has an empty name, which a file cannot hold and read back; give "
                        + "it a name.");
            }
        }
    }

    /** Refuses an index of {@code rows} that is not a row of {@code table}, naming it and where it is in rows. */
    private static void requireRows(Table table, int[] rows, Path path) {
        int n = table.rowCount();
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= n) {
                throw new TasniException(path.getFileName() + ": row index " + rows[k] + " (rows[" + k + "]) is not a "
                        + "row of table '" + Columns.label(table) + "', which has " + (n == 0 ? "no rows"
                        : n + " row" + (n == 1 ? " (index 0)" : "s (indices 0 to " + (n - 1) + ")"))
                        + "; nothing was written.");
            }
        }
    }

    /**
     * Rows {@code rows} of {@code table}, in that order: a selection (the fast copy) sorts its rows and drops repeats,
     * which Parquet's writer, taking the rows one by one, does not.
     */
    private static Table rowsOf(Table table, int[] rows) {
        boolean ascending = true;
        for (int k = 1; k < rows.length && ascending; k++) {
            ascending = rows[k - 1] < rows[k];
        }
        if (ascending) {
            return table.where(Selection.with(rows)).setName(table.name());
        }
        Table t = Table.create(table.name());
        for (Column<?> c : table.columns()) {
            t.addColumns(c.subset(rows));
        }
        return t;
    }
}
