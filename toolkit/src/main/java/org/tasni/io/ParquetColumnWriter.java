package org.tasni.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes tables into one Parquet file column by column: each row group's column chunks are encoded side by side
 * ({@link ParquetColumnChunk}, one thread per column where there are several) and then written in the schema's order.
 * The write side of {@link ParquetIO}, behind its {@link ParquetIO.Writer}.
 *
 * <p>The file is what parquet-java's record writer made of the same rows with the same settings: the schema of the
 * first table ({@link ParquetSchema#of}), snappy, parquet-java's default page and dictionary settings with the
 * dictionary off for mostly distinct columns, its statistics and page indexes, and its row-group size check at the
 * same rows. Each column decides on its own when a page is full, so a page, and with it the buffered size a check
 * sees, can end a few rows apart from the record writer's: files are equal in values, types and metadata, and in
 * bytes where no page ends elsewhere (the crossmatch benchmark's orphans); a 1M-row epochs file of 16 MB groups had
 * the same three groups with 50 rows moved from the second to the third.
 */
final class ParquetColumnWriter {
    /** How many leading values decide whether a floating-point column is mostly distinct. */
    private static final int DISTINCT_SAMPLE = 4096;
    /** Blocks smaller than this (a group's first 100 rows, a small part) are encoded in the calling thread. */
    private static final int PARALLEL_BLOCK = 8192;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "tasni-parquet-encode");
                t.setDaemon(true);
                return t;
            });

    private final Kind[] kinds;
    private final String[] names;
    private final ParquetColumnChunk[] chunks;
    private final ParquetFileWriter file;
    private final long rowGroupBytes;
    /** parquet-java's bounds on the rows before a group's first size check and between two checks. */
    private final int minCheck, maxCheck;
    private long rowsInGroup;
    /** The row count of the group at which its buffered size is checked next. */
    private long nextCheck;

    /** A file with the schema of {@code schema}'s columns, row groups of about {@code rowGroupBytes} buffered bytes. */
    ParquetColumnWriter(Table schema, OutputFile out, long rowGroupBytes) throws IOException {
        int n = schema.columnCount();
        kinds = new Kind[n];
        names = new String[n];
        MessageType message = ParquetSchema.of(schema);
        ParquetProperties.Builder props = ParquetProperties.builder();
        for (int k = 0; k < n; k++) {
            Column<?> c = schema.column(k);
            kinds[k] = Kind.of(schema, c);
            names[k] = c.name();
            if (mostlyDistinct(c)) {
                // positions, separations and designations hardly repeat: a dictionary would be hashed for the first
                // page of every chunk and then dropped for PLAIN, which parquet-java decides only after that page
                props.withDictionaryEncoding(names[k], false);
            }
        }
        ParquetProperties p = props.build();
        chunks = new ParquetColumnChunk[n];
        for (int k = 0; k < n; k++) {
            chunks[k] = new ParquetColumnChunk(kinds[k], message.getType(k), p);
        }
        this.rowGroupBytes = rowGroupBytes;
        minCheck = p.getMinRowCountForPageSizeCheck();
        maxCheck = p.getMaxRowCountForPageSizeCheck();
        nextCheck = minCheck;
        // parquet-java's record writer opens its file this way (ParquetWriter's defaults: create, 8 MB padding limit)
        file = new ParquetFileWriter(out, message, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, p);
        file.start();
        startGroup();
    }

    /**
     * Strings read with a deferred dictionary (known without building it) and floating-point columns more than half of
     * whose first values differ (positions, separations; not magnitudes of a few decimals or epochs shared by many
     * sources, which a dictionary makes much smaller).
     */
    static boolean mostlyDistinct(Column<?> c) {
        if (c instanceof StringColumn s) {
            return s.getDictionary() instanceof DeferredDictionary;
        }
        if (!(c instanceof DoubleColumn) && !(c instanceof FloatColumn)) {
            return false;
        }
        NumericColumn<?> d = (NumericColumn<?>) c;
        int n = Math.min(d.size(), DISTINCT_SAMPLE);
        HashSet<Long> seen = new HashSet<>(2 * n);
        for (int i = 0; i < n; i++) {
            seen.add(Double.doubleToLongBits(d.getDouble(i)));
        }
        return seen.size() > n / 2;
    }

    /**
     * Appends rows {@code rows} of {@code part} (every row if null), whose columns must have the file's names and
     * types; its primitive arrays are taken out once, here.
     */
    void append(Table part, int[] rows) throws IOException {
        bind(part);
        int n = rows == null ? part.rowCount() : rows.length;
        for (int from = 0; from < n; ) {
            // blocks end where parquet-java would check the group's size, so that groups end where it ends them
            int to = (int) Math.min(n, from + Math.max(1, nextCheck - rowsInGroup));
            encode(rows, from, to);
            rowsInGroup += to - from;
            from = to;
            if (rowsInGroup >= nextCheck) {
                checkGroupSize();
            }
        }
    }

    private void bind(Table table) {
        if (table.columnCount() != names.length) {
            throw new TasniException(table.name() + ": has " + table.columnCount() + " columns; the file being written has "
                    + names.length + " (" + String.join(", ", names) + ").");
        }
        for (int k = 0; k < names.length; k++) {
            Column<?> c = table.column(k);
            Kind kind = Kind.of(table, c);
            if (!c.name().equals(names[k]) || kind != kinds[k]) {
                throw new TasniException(table.name() + ": column " + k + " is '" + c.name() + "' (" + kind
                        + "); the file being written has '" + names[k] + "' (" + kinds[k] + ") there.");
            }
            chunks[k].bind(switch (kind) {
                case DOUBLE -> ((NumericColumn<?>) c).asDoubleArray();
                case FLOAT -> ((FloatColumn) c).asFloatArray();
                case LONG -> ((LongColumn) c).asLongArray();
                case INT -> ((IntColumn) c).asIntArray();
                case SHORT -> ((ShortColumn) c).asShortArray();
                case BOOLEAN -> c;
                case STRING -> c.asObjectArray();
            });
        }
    }

    /** Encodes rows {@code [from, to)} of every column: in parallel when the block is large enough to pay for it. */
    private void encode(int[] rows, int from, int to) throws IOException {
        if (chunks.length == 1 || to - from < PARALLEL_BLOCK) {
            for (ParquetColumnChunk c : chunks) {
                c.append(rows, from, to);
            }
            return;
        }
        List<Future<?>> running = new ArrayList<>(chunks.length - 1);
        for (int k = 1; k < chunks.length; k++) {
            ParquetColumnChunk c = chunks[k];
            running.add(POOL.submit(() -> c.append(rows, from, to)));
        }
        Throwable failed = null;
        try {
            chunks[0].append(rows, from, to);
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        // every task is waited for, failed or not: none may still be touching a chunk when the writer moves on
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed = failed == null ? e.getCause() : failed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while encoding", e);
            }
        }
        // thrown as it was thrown in its thread: an OutOfMemoryError must reach Main's advice on -Xmx as one
        if (failed instanceof RuntimeException r) {
            throw r;
        }
        if (failed instanceof Error err) {
            throw err;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
    }

    /**
     * parquet-java's row-group check (InternalParquetRecordWriter): a group is written when its buffered bytes come
     * within two rows of the size; otherwise the next check is halfway to where the rows so far say the size will be
     * reached, and never more than {@link #maxCheck} rows ahead.
     */
    private void checkGroupSize() throws IOException {
        long mem = 0;
        for (ParquetColumnChunk c : chunks) {
            mem += c.bufferedSize();
        }
        long rowSize = Math.max(1, mem / rowsInGroup); // 1, not 0: a next check at infinity would overflow
        if (mem > rowGroupBytes - 2 * rowSize) {
            long written = rowsInGroup;
            writeGroup();
            startGroup();
            nextCheck = Math.min(Math.max(minCheck, written / 2), maxCheck);
        } else {
            nextCheck = Math.min(Math.max(minCheck, (rowsInGroup + (long) (rowGroupBytes / (float) rowSize)) / 2),
                    rowsInGroup + maxCheck);
        }
    }

    private void startGroup() {
        for (ParquetColumnChunk c : chunks) {
            c.start();
        }
        rowsInGroup = 0;
    }

    private void writeGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        file.startBlock(rowsInGroup);
        for (ParquetColumnChunk c : chunks) {
            c.writeTo(file);
        }
        file.endBlock();
    }

    /** Writes the last row group and the footer, and closes the file. */
    void finish() throws IOException {
        writeGroup();
        discardChunks();
        // no key-value metadata: the record writer added none for this toolkit's write support either
        file.end(new HashMap<>());
    }

    /** Closes the file without finishing it (the caller deletes it). */
    void abort() {
        discardChunks();
        file.abort();
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the write is being abandoned; its error, if any, was already reported
        }
    }

    private void discardChunks() {
        for (ParquetColumnChunk c : chunks) {
            c.discard();
        }
    }
}
