package org.tasni.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * Reads Parquet files one row group at a time, decoding only the requested columns, so that memory follows the row
 * group and not the file; and reads row counts and column names from the footer alone. Every error names the file,
 * and where it can the column, row group or row. The row groups' bytes come from the toolkit's own footer and chunk
 * reader where it takes the file, else from parquet-java's ({@link RowGroupSource}).
 */
final class ParquetReader {

    private ParquetReader() {}

    /**
     * Calls {@code action} with one table per row group, holding only {@code columns} (all if empty). A file with no
     * row groups gives one empty table with the file's columns.
     */
    static void forEachRowGroup(Path path, List<String> columns, Consumer<Table> action) {
        String name = path.getFileName().toString();
        ReadChecks.requireFile(path);
        try (RowGroupSource source = RowGroupSource.open(path, name)) {
            MessageType projection = ParquetSchema.project(name, source.schema(), columns);
            List<Kind> kinds = new ArrayList<>();
            for (ColumnDescriptor d : projection.getColumns()) {
                kinds.add(ParquetSchema.kindOf(name, d));
            }
            source.project(projection);
            // a pipeline of two row groups: while the caller works on group g, the pool decodes group g + 1 (whose bytes
            // this thread read while group g was decoded); memory holds about two row groups, whatever the file's size
            int group = 0;
            long firstRow = 0;
            boolean any = false;
            ParquetRowGroup current = start(source, name, group, firstRow, projection, kinds);
            try {
                while (current != null) {
                    ParquetRowGroup next;
                    try {
                        next = start(source, name, group + 1, firstRow + current.rows(), projection, kinds);
                    } catch (RuntimeException e) {
                        current.table(); // an error of the earlier group is reported first, as a sequential read would
                        throw e;
                    }
                    Table t;
                    try {
                        t = current.table();
                    } catch (RuntimeException e) {
                        if (next != null) {
                            next.cancel();
                        }
                        throw e;
                    }
                    // every column of the group is decoded: its chunk buffers can take group + 2's bytes
                    current.recycle();
                    firstRow += t.rowCount();
                    current = next;
                    group++;
                    any = true;
                    action.accept(t);
                }
            } catch (RuntimeException e) {
                if (current != null) {
                    current.cancel();
                }
                throw e;
            }
            if (!any) {
                action.accept(emptyTable(name, projection));
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read the Parquet file (" + e.getMessage() + ").", e);
        }
    }

    /** Reads row group {@code group}'s bytes and starts decoding it; null after the last. */
    private static ParquetRowGroup start(RowGroupSource source, String name, int group, long firstRow,
            MessageType projection, List<Kind> kinds) {
        PageReadStore pages = source.next(group);
        return pages == null ? null
                : new ParquetRowGroup(name, group, firstRow, pages, projection, kinds, source.createdBy());
    }

    /** The number of rows, from the footer alone. */
    static long rowCount(Path path) {
        ReadChecks.requireFile(path);
        ParquetFooter footer = RowGroupSource.footer(path);
        if (footer != null) {
            return footer.rows();
        }
        try (ParquetFileReader reader = open(path)) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read the Parquet footer (" + e.getMessage() + ").", e);
        }
    }

    /** An empty table with the file's columns and the kinds they read as, from the footer alone. */
    static Table schema(Path path) {
        String name = path.getFileName().toString();
        ReadChecks.requireFile(path);
        return emptyTable(name, ParquetSchema.project(name, fileSchema(path), List.of()));
    }

    /** The column names, from the footer alone. */
    static List<String> columnNames(Path path) {
        ReadChecks.requireFile(path);
        List<String> names = new ArrayList<>();
        for (Type t : fileSchema(path).getFields()) {
            names.add(t.getName());
        }
        return names;
    }

    /** The file's schema: from the toolkit's own footer reader where it takes the file, else parquet-java's. */
    private static MessageType fileSchema(Path path) {
        ParquetFooter footer = RowGroupSource.footer(path);
        if (footer != null) {
            return footer.schema();
        }
        try (ParquetFileReader reader = open(path)) {
            return reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read the Parquet footer (" + e.getMessage() + ").", e);
        }
    }

    private static Table emptyTable(String name, MessageType projection) {
        Table empty = Table.create(name);
        for (ColumnDescriptor d : projection.getColumns()) {
            ReadChecks.add(empty, name, new ColumnBuilder(d.getPath()[0], ParquetSchema.kindOf(name, d), 0).build());
        }
        return empty;
    }

    static ParquetFileReader open(Path path) throws IOException {
        LocalInputFile file = new LocalInputFile(path);
        try {
            var conf = ParquetIO.configuration();
            // the factory a builder of this configuration makes by itself, wrapped to be shared by decoding threads
            var codecs = new ParallelCodecs(HadoopCodecs.newFactory(conf, 0));
            return ParquetFileReader.open(file, ParquetReadOptions.builder(conf).withCodecFactory(codecs).build());
        } catch (RuntimeException | IOException e) {
            // parquet-java names the file by its object identity (LocalInputFile@3712b94): say "the file" instead
            String why = String.valueOf(e.getMessage()).replace(file.toString(), "the file")
                    // and writes a cut file's "footer is too large: 3712051550to be read" without the space
                    .replaceAll("(\\d)to be read", "$1 bytes to be read");
            throw new TasniException(path.getFileName() + ": not a readable Parquet file (" + why + ").", e);
        }
    }

    /**
     * {@code v} as read, or a refusal naming the file, column and row: where it lies outside its column's declared
     * {@code range} ({@link IntegerRange}), or equals the smallest value of its kind, which would read back as missing
     * (Tablesaw's marker), rather than a value silently wrapped or lost.
     */
    static long checked(long v, Kind kind, IntegerRange range, String file, String column, long row) {
        if (!range.holds(v)) {
            throw new TasniException(file + ": column '" + column + "' holds " + v + " at data row " + (row + 1)
                    + ", outside its type " + range.type() + " (" + range.min() + " to " + range.max() + ").");
        }
        if (kind.isMarker(v)) {
            throw ColumnBuilder.markerRefused(file, column, kind, v, row + 1);
        }
        return v;
    }

    /**
     * The refusal of a string value of {@code column} at data row {@code row} + 1 whose bytes are not UTF-8, which every
     * Parquet string must be: decoded anyway, each bad byte would read as U+FFFD, a changed value no one would see.
     */
    static TasniException notUtf8(String file, String column, long row) {
        return new TasniException(file + ": column '" + column + "' holds bytes that are not UTF-8 at data row "
                + (row + 1) + "; a Parquet string must be UTF-8.");
    }
}
