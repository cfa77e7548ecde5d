package org.tasni.io;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.xerial.snappy.Snappy;
import tech.tablesaw.api.BooleanColumn;

/**
 * One column's chunk of the row group being written, encoded on its own: a column store and a page store of a
 * one-column schema, so that the columns of a row group can be encoded at the same time in different threads and
 * then written to the file one after the other, in the schema's order. Pages are split, dictionary-encoded, given
 * statistics and compressed by parquet-java's column writer exactly as when it writes whole records; only the path
 * from a value to that writer is shorter (no record consumer, one loop per column kind), and that path was most of a
 * cold write's time.
 */
final class ParquetColumnChunk {
    private static final BytesInputCompressor SNAPPY = new SnappyPages();
    private final Kind kind;
    private final MessageType schema;
    private final ColumnDescriptor descriptor;
    private final ParquetProperties props;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter writer;
    /** The bound table's values: a primitive array, an Object[] of strings, or the BooleanColumn itself. */
    private Object data;

    ParquetColumnChunk(Kind kind, Type field, ParquetProperties props) {
        this.kind = kind;
        this.schema = new MessageType("schema", field);
        this.descriptor = schema.getColumns().get(0);
        this.props = props;
    }

    /** Starts a new chunk (the first of a row group); the previous one must have been written or discarded. */
    void start() {
        // not parquet-java's cached compressor, which keeps state between calls and so cannot serve parallel chunks.
        // The constructor, not 1.18's builder: on Spark's class path (tasni-spark) Spark's Parquet 1.17 wins, which
        // has no builder; this store holds one column, so one compressor is all the builder's provider would give.
        pages = new ColumnChunkPageWriteStore(SNAPPY, schema, props.getAllocator(), props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled());
        store = props.newColumnWriteStore(schema, pages, pages);
        writer = store.getColumnWriter(descriptor);
    }

    /** Makes {@code values} (taken out of a table once, see {@link ParquetColumnWriter#bind}) the source of rows. */
    void bind(Object values) {
        this.data = values;
    }

    /** Bytes this chunk holds so far, as parquet-java counts them to decide when a row group is full. */
    long bufferedSize() {
        return store.getBufferedSize();
    }

    /**
     * Appends rows {@code rows[from..to)} of the bound values ({@code from..to} themselves if {@code rows} is null). A
     * missing value (NaN, Tablesaw's integer marker, an empty string) is a Parquet null: definition level 0.
     */
    void append(int[] rows, int from, int to) {
        ColumnWriter w = writer;
        ColumnWriteStore s = store;
        switch (kind) {
            case DOUBLE -> {
                double[] a = (double[]) data;
                for (int j = from; j < to; j++) {
                    double v = a[rows == null ? j : rows[j]];
                    if (Double.isNaN(v)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v, 0, 1);
                    }
                    s.endRecord();
                }
            }
            case FLOAT -> {
                float[] a = (float[]) data;
                for (int j = from; j < to; j++) {
                    float v = a[rows == null ? j : rows[j]];
                    if (Float.isNaN(v)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v, 0, 1);
                    }
                    s.endRecord();
                }
            }
            case LONG -> {
                long[] a = (long[]) data;
                for (int j = from; j < to; j++) {
                    long v = a[rows == null ? j : rows[j]];
                    if (v == Long.MIN_VALUE) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v, 0, 1);
                    }
                    s.endRecord();
                }
            }
            case INT -> {
                int[] a = (int[]) data;
                for (int j = from; j < to; j++) {
                    int v = a[rows == null ? j : rows[j]];
                    if (v == Integer.MIN_VALUE) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(v, 0, 1);
                    }
                    s.endRecord();
                }
            }
            case SHORT -> {
                short[] a = (short[]) data;
                for (int j = from; j < to; j++) {
                    short v = a[rows == null ? j : rows[j]];
                    if (v == Short.MIN_VALUE) {
                        w.writeNull(0, 0);
                    } else {
                        w.write((int) v, 0, 1);
                    }
                    s.endRecord();
                }
            }
            case BOOLEAN -> {
                BooleanColumn c = (BooleanColumn) data;
                for (int j = from; j < to; j++) {
                    int i = rows == null ? j : rows[j];
                    if (c.isMissing(i)) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(c.get(i), 0, 1);
                    }
                    s.endRecord();
                }
            }
            case STRING -> {
                Object[] a = (Object[]) data;
                for (int j = from; j < to; j++) {
                    Object v = a[rows == null ? j : rows[j]];
                    String t = v == null ? "" : v.toString();
                    if (t.isEmpty()) {
                        w.writeNull(0, 0);
                    } else {
                        w.write(Binary.fromString(t), 0, 1);
                    }
                    s.endRecord();
                }
            }
        }
    }

    /** Finishes the chunk's last page and writes the chunk (dictionary, pages, statistics) into the open row group. */
    void writeTo(ParquetFileWriter file) throws IOException {
        store.flush();
        pages.flushToFileWriter(file);
        discard();
    }

    /** Releases the chunk's buffers without writing them. */
    void discard() {
        if (store != null) {
            store.close();
            pages.close();
            store = null;
            pages = null;
            writer = null;
        }
    }

    /**
     * Snappy through snappy-java's stateless call: the same raw snappy blocks parquet-java's codec makes, safe in any
     * thread, and without its stream and direct-buffer set-up.
     */
    private static final class SnappyPages implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
            // nothing held between calls
        }
    }
}
