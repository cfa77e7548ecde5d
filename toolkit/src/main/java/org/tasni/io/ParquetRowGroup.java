package org.tasni.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One row group of a Parquet file decoded into a table, its columns in parallel: each column chunk is decompressed
 * and decoded by a task of a shared pool. A chunk {@link ParquetPages} handles (the common case) is decoded page by
 * page into primitive arrays; any other goes through parquet-java's value-by-value column reader, replaying the same
 * pages. Errors name the file, the column and the row group (and the row where a value is refused).
 */
final class ParquetRowGroup {

    /**
     * Decoding threads, shared by every read: one per core. Daemon threads, so that an idle pool never keeps the JVM
     * alive; a plain executor rather than fork/join, so that a task's exception reaches the caller as thrown.
     */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "tasni-parquet-decode");
                t.setDaemon(true);
                return t;
            });

    static {
        // Tablesaw's column classes and ColumnType initialise each other: two decoding threads that create the first
        // columns of a JVM at once can deadlock in class initialisation (seen: DoubleColumn and FloatColumn). Every
        // column class is initialised here, in the reading thread, before any task runs.
        Table.create("init", DoubleColumn.create("d", 0), FloatColumn.create("f", 0), IntColumn.create("i", 0),
                LongColumn.create("l", 0), ShortColumn.create("s", 0), StringColumn.create("t", 0),
                BooleanColumn.create("b", 0));
    }

    private final String file;
    private final int group;
    private final long firstRow;
    private final int rows;
    private final MessageType projection;
    private final List<Kind> kinds;
    private final String createdBy;
    private final PageReadStore pages;
    private final List<Future<Column<?>>> columns = new ArrayList<>();

    /** Starts decoding every column of {@code pages}, row group {@code group} of {@code file}, in the pool. */
    ParquetRowGroup(String file, int group, long firstRow, PageReadStore pages, MessageType projection, List<Kind> kinds,
            String createdBy) {
        this.file = file;
        this.group = group;
        this.firstRow = firstRow;
        if (pages.getRowCount() < 0 || pages.getRowCount() > Integer.MAX_VALUE - 16) {
            throw new TasniException(file + ": row group " + group + " says it holds " + pages.getRowCount()
                    + " rows, more than a column can; the file is corrupt, or needs reading in parts.");
        }
        this.rows = (int) pages.getRowCount();
        this.projection = projection;
        this.kinds = kinds;
        this.createdBy = createdBy;
        this.pages = pages;
        List<ColumnDescriptor> ds = projection.getColumns();
        for (int k = 0; k < ds.size(); k++) {
            ColumnDescriptor d = ds.get(k);
            Kind kind = kinds.get(k);
            columns.add(POOL.submit(() -> column(pages.getPageReader(d), d, kind)));
        }
    }

    /** The rows of the group. */
    int rows() {
        return rows;
    }

    /**
     * The decoded table: waits for every column, and throws the error of the first column (in the file's order) that
     * failed, so that the message does not depend on which thread finished first.
     */
    Table table() {
        Table t = Table.create(file);
        try {
            for (Future<Column<?>> f : columns) {
                ReadChecks.add(t, file, f.get());
            }
        } catch (ExecutionException e) {
            cancel();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new TasniException(file + ": row group " + group + " could not be decoded (" + e.getCause() + ").", e);
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new TasniException(file + ": reading row group " + group + " was interrupted.", e);
        } catch (RuntimeException e) {
            cancel();
            throw e;
        }
        return t;
    }

    /**
     * Gives the group's chunk buffers back to the reader for a later group's bytes: after {@link #table} returned,
     * when every column is decoded and no page is read again.
     */
    void recycle() {
        if (pages instanceof ParquetChunks chunks) {
            chunks.recycle();
        }
    }

    /** Stops the columns not yet decoded (a failed or abandoned read). */
    void cancel() {
        columns.forEach(f -> f.cancel(true));
    }

    private Column<?> column(PageReader reader, ColumnDescriptor d, Kind kind) {
        String column = d.getPath()[0];
        try {
            DictionaryPage dictionary = reader.readDictionaryPage();
            List<DataPage> pages = new ArrayList<>();
            for (DataPage p = reader.readPage(); p != null; p = reader.readPage()) {
                pages.add(p);
            }
            requireRows(column, pages);
            ParquetChunks.Pages own = reader instanceof ParquetChunks.Pages p ? p : null;
            if (ParquetPages.supports(d, dictionary, pages)) {
                return ParquetPages.decode(file, d, kind, dictionary, pages, rows, firstRow, own);
            }
            if (own != null) {
                pages = own.decompressed(pages);
            }
            PageReadStore replay = new Replay(dictionary, pages, reader.getTotalValueCount(), rows);
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(replay,
                    new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
            return valueByValue(store.getColumnReader(d), d, kind, column);
        } catch (TasniException e) {
            throw e;
        } catch (Exception e) {
            throw new TasniException(file + ": column '" + column + "' in row group " + group
                    + " could not be decoded (" + e.getMessage() + ").", e);
        } catch (InternalError e) {
            // a mapped chunk (ChunkBuffers.maps) whose file was cut short after it was mapped: the JVM's answer to the
            // bus error of reading past the file's new end
            throw new TasniException(file + ": column '" + column + "' in row group " + group
                    + " could not be read: the file changed while it was being read (" + e.getMessage() + ").", e);
        }
    }

    /**
     * A flat column has a value (or a null) in every row of its group: pages that hold more or fewer than the group's
     * rows (a corrupt footer's row count, or a lost page) are refused, not read up to the row count, which left the
     * others out silently, nor sized by a row count of billions.
     */
    private void requireRows(String column, List<DataPage> pages) {
        long values = 0;
        for (DataPage p : pages) {
            values += p.getValueCount();
        }
        if (values != rows) {
            throw new TasniException(file + ": column '" + column + "' in row group " + group + " has " + values
                    + " values in its pages, but the row group says it holds " + rows + " rows; the file is corrupt.");
        }
    }

    /** parquet-java's column reader, one value at a time: every type {@link ParquetSchema#kindOf} accepts. */
    private Column<?> valueByValue(ColumnReader r, ColumnDescriptor d, Kind kind, String column) {
        int maxDef = d.getMaxDefinitionLevel();
        PrimitiveTypeName physical = d.getPrimitiveType().getPrimitiveTypeName();
        int scale = d.getPrimitiveType().getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec ? dec.getScale() : -1;
        ColumnBuilder b = new ColumnBuilder(file, column, kind, rows);
        IntegerRange range = IntegerRange.of(d.getPrimitiveType());
        CharsetDecoder utf8 = physical == PrimitiveTypeName.BINARY ? ReadChecks.strictUtf8() : null;
        for (int i = 0; i < rows; i++) {
            if (r.getCurrentDefinitionLevel() < maxDef) {
                b.addMissing();
            } else if (scale >= 0) {
                BigInteger unscaled = switch (physical) {
                    case INT32 -> BigInteger.valueOf(r.getInteger());
                    case INT64 -> BigInteger.valueOf(r.getLong());
                    default -> new BigInteger(r.getBinary().getBytes());
                };
                if (scale == 0) {
                    if (unscaled.bitLength() > 63 || unscaled.longValue() == Long.MIN_VALUE) {
                        throw new TasniException(file + ": column '" + column + "' (DECIMAL, scale 0) holds " + unscaled
                                + " at data row " + (firstRow + i + 1) + ", which does not fit a 64-bit integer.");
                    }
                    b.addLong(unscaled.longValueExact());
                } else {
                    b.addDouble(new BigDecimal(unscaled, scale).doubleValue());
                }
            } else {
                switch (physical) {
                    case DOUBLE -> b.addDouble(r.getDouble());
                    case FLOAT -> b.addFloat(r.getFloat());
                    case INT32 -> {
                        long v = kind == Kind.LONG ? Integer.toUnsignedLong(r.getInteger()) : r.getInteger();
                        b.addLong(ParquetReader.checked(v, kind, range, file, column, firstRow + i));
                    }
                    case INT64 -> b.addLong(
                            ParquetReader.checked(r.getLong(), kind, range, file, column, firstRow + i));
                    case BOOLEAN -> b.addBoolean(r.getBoolean());
                    case BINARY -> b.addString(utf8(utf8, r.getBinary(), column, firstRow + i));
                    default -> throw new IllegalStateException("unreachable: " + physical);
                }
            }
            r.consume();
        }
        return b.build();
    }

    /** A value's string, refused where its bytes are not UTF-8 (parquet-java's own decoding puts U+FFFD there). */
    private String utf8(CharsetDecoder decoder, Binary v, String column, long row) {
        try {
            return decoder.decode(v.toByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw ParquetReader.notUtf8(file, column, row);
        }
    }

    /** The pages of one column chunk, already read, handed again to parquet-java's column reader. */
    private static final class Replay implements PageReadStore, PageReader {
        private final DictionaryPage dictionary;
        private final Iterator<DataPage> pages;
        private final long values;
        private final int rows;

        Replay(DictionaryPage dictionary, List<DataPage> pages, long values, int rows) {
            this.dictionary = dictionary;
            this.pages = pages.iterator();
            this.values = values;
            this.rows = rows;
        }

        @Override
        public PageReader getPageReader(ColumnDescriptor descriptor) {
            return this;
        }

        @Override
        public long getRowCount() {
            return rows;
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return values;
        }

        @Override
        public DataPage readPage() {
            return pages.hasNext() ? pages.next() : null;
        }
    }
}
