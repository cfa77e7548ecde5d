package org.tasni.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.io.LocalOutputFile;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * Parquet files ↔ Tablesaw tables through parquet-java, with no Hadoop file system involved.
 *
 * <p>Reading streams one row group at a time and decodes only the requested columns, so memory follows the row
 * group, not the file ({@link #forEachRowGroup}). Flat schemas of double, float, int8/16/32/64, boolean, string and
 * DECIMAL columns are supported; anything else is an error that names the file and the column. A DECIMAL with scale 0
 * (an id, say) reads as a long, exactly, and one that does not fit 64 bits is refused naming the row; a DECIMAL with a
 * fraction reads as the nearest double, so precisions beyond about 15 significant digits are rounded.
 *
 * <p>Writing uses snappy, keeps float32 as float32 and int16 as int16, and marks every column optional: a missing
 * value (NaN, Tablesaw's integer marker, or an empty string) is written as a Parquet null, which pandas, pyarrow and
 * DuckDB read as NaN/None/NULL. Files are written atomically ({@link AtomicFiles}).
 *
 * <p>This class is the entry point. The type mapping is {@link ParquetSchema}, the streaming reader
 * {@link ParquetReader}, the column-wise writer {@link ParquetColumnWriter}.
 */
public final class ParquetIO {

    /** Row-group size in uncompressed bytes (the architecture's convention). */
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L * 1024 * 1024;

    /**
     * Row groups of files that later stages read row group by row group (NEOWISE epochs, the pipeline's outputs): 16 MB
     * uncompressed, so that a reader holds about that much at a time whatever the file's size.
     */
    public static final long STREAMING_ROW_GROUP_BYTES = 16L << 20;

    private ParquetIO() {}

    /**
     * Loads the snappy codec that Parquet writes use in a background daemon thread, for a command that will write
     * a Parquet file after a long read and match. Its first call unpacks and loads snappy-java's native library:
     * 0.27 s cold on a loaded 2-core machine (a second call 0.2 ms), which then overlaps the reads instead of
     * adding to the write. Nothing fails here: a codec that cannot load is reported by the write itself.
     */
    public static void loadCodecInBackground() {
        Thread t = new Thread(() -> {
            try {
                org.xerial.snappy.Snappy.compress(new byte[64]);
            } catch (Throwable ignored) {
                // the write calls the codec again and reports what goes wrong, in its own words
            }
        }, "tasni-snappy-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The configuration every reader and writer is opened with: Hadoop's without its default resources. The codecs
     * that parquet-java makes through Hadoop read no setting that core-default.xml sets differently from their own
     * defaults, and parsing that file (what a plain or default configuration does on first use) cost about 0.07 s of
     * CPU at every start, a tenth of a cold {@code convert}.
     */
    static ParquetConfiguration configuration() {
        return new HadoopParquetConfiguration(new Configuration(false));
    }

    /** Reads the whole file, or only {@code columns} (in that order) if any are named. */
    public static Table read(Path path, List<String> columns) {
        List<TableSlices.Part> parts = new ArrayList<>();
        forEachRowGroup(path, columns, t -> parts.add(TableSlices.Part.of(t)));
        // joined as arrays: Tablesaw's append copies value by value, with a hash lookup per string
        return parts.size() == 1 ? parts.get(0).table() : TableSlices.join(parts.get(0).table().name(), parts);
    }
    /**
     * Calls {@code action} with one table per row group, holding only {@code columns} (all if empty). A file with no
     * row groups gives one empty table with the file's columns.
     */
    public static void forEachRowGroup(Path path, List<String> columns, Consumer<Table> action) {
        ParquetReader.forEachRowGroup(path, columns, action);
    }

    /** The number of rows, from the footer alone. */
    public static long rowCount(Path path) {
        return ParquetReader.rowCount(path);
    }

    /** An empty table with the file's columns, of the types they read as, from the footer alone. */
    public static Table schema(Path path) {
        return ParquetReader.schema(path);
    }

    /** The column names, from the footer alone. */
    public static List<String> columnNames(Path path) {
        return ParquetReader.columnNames(path);
    }

    /** Writes {@code table} with the default row-group size. */
    public static void write(Table table, Path path) {
        write(table, path, DEFAULT_ROW_GROUP_BYTES);
    }

    /**
     * Writes rows {@code rows} of {@code table} (row indices, written in the order given) with the default row-group
     * size, without copying the rows into a table first.
     */
    public static void write(Table table, int[] rows, Path path) {
        ParquetPlainWriter plain = ParquetPlainWriter.plan(table, rows);
        if (plain != null) {
            // the crossmatch command's orphans: the same file as below, without parquet-java's cold per-value path
            AtomicFiles.write(path, plain::write);
            return;
        }
        try (Writer w = writer(table, path, DEFAULT_ROW_GROUP_BYTES)) {
            w.write(table, rows);
            w.commit();
        }
    }

    /** Writes {@code table}, starting a new row group every {@code rowGroupBytes} uncompressed bytes. */
    public static void write(Table table, Path path, long rowGroupBytes) {
        try (Writer w = writer(table, path, rowGroupBytes)) {
            w.write(table);
            w.commit();
        }
    }

    /**
     * A writer that appends tables with the columns of {@code schema} (names and types) and appears under
     * {@code path} only at {@link Writer#commit()}: a merge of many parts streams through it without holding them all.
     */
    public static Writer writer(Table schema, Path path, long rowGroupBytes) {
        return new Writer(schema, path, rowGroupBytes);
    }

    /** Streams tables into one Parquet file, written to a temporary file and renamed into place on commit. */
    public static final class Writer implements AutoCloseable {
        private final Path path;
        private final Path tmp;
        private final ParquetColumnWriter out;
        private boolean done;

        private Writer(Table schema, Path path, long rowGroupBytes) {
            this.path = path;
            this.tmp = AtomicFiles.temporaryFor(path);
            try {
                this.out = new ParquetColumnWriter(schema, new LocalOutputFile(tmp), rowGroupBytes);
            } catch (IOException e) {
                throw new TasniException(path + ": could not write the file (" + AtomicFiles.reason(e) + ").", e);
            }
        }

        /** Appends every row of {@code part}, whose columns must have the schema's names and types. */
        public void write(Table part) {
            append(part, null);
        }

        /** Appends rows {@code rows} of {@code part} (row indices, in the order given), as {@link #write(Table)}. */
        public void write(Table part, int[] rows) {
            append(part, rows);
        }

        private void append(Table part, int[] rows) {
            try {
                out.append(part, rows);
            } catch (IOException e) {
                throw new TasniException(path + ": could not write the file (" + AtomicFiles.reason(e) + ").", e);
            }
        }

        /** Finishes the file and moves it to its final name. */
        public void commit() {
            try {
                AtomicFiles.write(path, target -> {
                    out.finish();
                    done = true;
                    Files.move(tmp, target);
                });
            } finally {
                AtomicFiles.released(tmp);
            }
        }

        /** Without a commit, discards the temporary file. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                out.abort();
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do for a temporary file
                }
                AtomicFiles.released(tmp);
            }
        }
    }
}
