package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tasni.io.ParquetIO;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Phases that read a file proportional to the data (orphans, epochs) go through it row group by row group, so that
 * the heap holds one row group, not the file: the pipeline's memory is bounded by the row group size, not by the sky
 * area. The files the pipeline writes use {@link #ROW_GROUP_BYTES} so that the phases after it stream in small steps.
 */
final class RowGroups {

    /** Row groups of the pipeline's own large outputs, bytes uncompressed (the default is 128 MB). */
    static final long ROW_GROUP_BYTES = ParquetIO.STREAMING_ROW_GROUP_BYTES;

    private RowGroups() {}

    /**
     * Writes the rows of {@code in} that {@code keep} selects, in order, to {@code out} (atomically).
     *
     * @return the rows read and written
     */
    static long[] filter(Path in, Function<Table, Selection> keep, Path out) {
        return filter(in, keep, () -> {}, out);
    }

    /**
     * As {@link #filter(Path, Function, Path)}, with {@code check} run once every row group is seen and before the
     * file is committed: a check that judges the whole input (and throws) leaves {@code out} as it was.
     */
    static long[] filter(Path in, Function<Table, Selection> keep, Runnable check, Path out) {
        long[] counts = new long[2];
        Sink sink = new Sink(out);
        try (sink) {
            ParquetIO.forEachRowGroup(in, List.of(), g -> {
                counts[0] += g.rowCount();
                Table kept = g.where(keep.apply(g));
                counts[1] += kept.rowCount();
                sink.accept(kept);
            });
            check.run();
            sink.commit();
        }
        return counts;
    }

    /** A Parquet file written part by part, whose schema is the first part's; with no rows, an empty file of it. */
    static final class Sink implements Consumer<Table>, AutoCloseable {
        private final Path out;
        private ParquetIO.Writer writer;
        private Table schema;

        Sink(Path out) {
            this.out = out;
        }

        @Override
        public void accept(Table part) {
            if (writer == null) {
                schema = part.emptyCopy();
                writer = ParquetIO.writer(schema, out, ROW_GROUP_BYTES);
            }
            if (part.rowCount() > 0) {
                writer.write(part);
            }
        }

        void commit() {
            if (writer == null) {
                throw new IllegalStateException("no part, not even an empty one, was given for " + out);
            }
            writer.commit();
        }

        @Override
        public void close() {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
