package org.tasni.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.format.BoundaryOrder;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnIndex;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.IEEE754TotalOrder;
import org.apache.parquet.format.IntType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.PageLocation;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.SizeStatistics;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.TypeDefinedOrder;
import org.apache.parquet.format.Util;
import tech.tablesaw.api.Table;

/**
 * A Parquet writer for the common output of a match (the orphans: an id, a designation, positions, a separation) that
 * bypasses parquet-java's per-value column writer, whose cold first run was most of the crossmatch command's write.
 *
 * <p>It takes a table only where parquet-java's {@link ParquetColumnWriter} would write every column PLAIN in one row
 * group of full 20,000-row pages, and then writes what that writer writes: the same pages (levels, values, snappy,
 * CRC), statistics, column and offset indexes, schema and column orders, in the same places. Only
 * {@code created_by} says who wrote it. Everything else ({@link #plan} returns null) goes to parquet-java:
 * <ul>
 *   <li>a column other than double, float, long, int or string, or a null anywhere (NaN, Tablesaw's integer marker,
 *       an empty string): parquet-java's levels for nulls are not reproduced;</li>
 *   <li>a column parquet-java would dictionary-encode: doubles, floats and strings not mostly distinct (its own
 *       test, {@link ParquetColumnWriter#mostlyDistinct}), integers whose first page repeats a value (all distinct, a
 *       dictionary is as large as the values, and parquet-java falls back to PLAIN after that page);</li>
 *   <li>a ±0.0 (parquet-java's statistics treat zeros specially), a string over 64 bytes (its column index truncates
 *       them), a string page over 512 KB or a table over 64 MB (its size checks could end a page or a group early).</li>
 * </ul>
 */
final class ParquetPlainWriter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Who wrote the file: not parquet-mr, so that no reader applies its workarounds for old parquet-mr versions. */
    static final String CREATED_BY = "tasni-toolkit version 0.1.0 (PLAIN column writer)";

    private final Kind[] kinds;
    private final String[] names;
    /** Per column: the values array of the table's column (by row), or a byte[][] of strings in output order. */
    private final Object[] values;
    private final int[] rows;
    private final int n;

    private ParquetPlainWriter(Kind[] kinds, String[] names, Object[] values, int[] rows, int n) {
        this.kinds = kinds;
        this.names = names;
        this.values = values;
        this.rows = rows;
        this.n = n;
    }

    /**
     * A writer of rows {@code rows} of {@code table} (every row if null), or null when parquet-java might write the
     * table otherwise than PLAIN in one group of full pages (see the class comment and {@link ParquetPlainColumns}).
     */
    static ParquetPlainWriter plan(Table table, int[] rows) {
        ParquetPlainColumns c = ParquetPlainColumns.of(table, rows);
        return c == null ? null : new ParquetPlainWriter(c.kinds(), c.names(), c.values(), rows, c.count());
    }

    /** Encodes every column (in parallel) and writes the file at {@code path}. */
    void write(Path path) throws IOException {
        ParquetPlainChunk[] chunks = new ParquetPlainChunk[kinds.length];
        IOException[] failed = new IOException[1];
        IntStream.range(0, kinds.length).parallel().forEach(k -> {
            try {
                // strings are already in output order; the other columns are read through the row indices
                chunks[k] = ParquetPlainChunk.encode(kinds[k], values[k], kinds[k] == Kind.STRING ? null : rows, n);
            } catch (IOException e) {
                synchronized (failed) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            writeFile(out, chunks);
        }
    }

    private void writeFile(OutputStream out, ParquetPlainChunk[] chunks) throws IOException {
        long pos = 0;
        out.write(MAGIC);
        pos += MAGIC.length;
        List<ColumnChunk> columns = new ArrayList<>();
        List<List<PageLocation>> locations = new ArrayList<>();
        long totalBytes = 0, totalCompressed = 0;
        for (int k = 0; k < chunks.length; k++) {
            ParquetPlainChunk c = chunks[k];
            long start = pos, uncompressed = 0;
            List<PageLocation> pl = new ArrayList<>();
            long firstRow = 0;
            for (ParquetPlainChunk.Page p : c.pages()) {
                pl.add(new PageLocation(pos, p.compressedTotal(), firstRow));
                out.write(p.header());
                out.write(p.body());
                pos += p.compressedTotal();
                uncompressed += p.uncompressedTotal();
                firstRow += p.rows();
            }
            locations.add(pl);
            ColumnMetaData md = new ColumnMetaData(type(kinds[k]),
                    List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED), List.of(names[k]),
                    CompressionCodec.SNAPPY, n, uncompressed, pos - start, start);
            md.setStatistics(statistics(c));
            md.setEncoding_stats(List.of(new PageEncodingStats(PageType.DATA_PAGE, Encoding.PLAIN, c.pages().size())));
            SizeStatistics size = new SizeStatistics();
            if (kinds[k] == Kind.STRING) {
                size.setUnencoded_byte_array_data_bytes(c.pages().stream().mapToLong(ParquetPlainChunk.Page::stringBytes).sum());
            }
            md.setSize_statistics(size);
            ColumnChunk cc = new ColumnChunk(0);
            cc.setMeta_data(md);
            columns.add(cc);
            totalBytes += uncompressed;
            totalCompressed += pos - start;
        }
        // parquet-java's order after the last row group: every column index, then every offset index, then the footer
        for (int k = 0; k < chunks.length; k++) {
            byte[] b = serialise(columnIndex(chunks[k]));
            columns.get(k).setColumn_index_offset(pos).setColumn_index_length(b.length);
            out.write(b);
            pos += b.length;
        }
        for (int k = 0; k < chunks.length; k++) {
            OffsetIndex oi = new OffsetIndex(locations.get(k));
            if (kinds[k] == Kind.STRING) {
                oi.setUnencoded_byte_array_data_bytes(chunks[k].pages().stream().map(ParquetPlainChunk.Page::stringBytes).toList());
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            Util.writeOffsetIndex(oi, b);
            columns.get(k).setOffset_index_offset(pos).setOffset_index_length(b.size());
            b.writeTo(out);
            pos += b.size();
        }
        RowGroup group = new RowGroup(columns, totalBytes, n);
        group.setFile_offset(MAGIC.length);
        group.setTotal_compressed_size(totalCompressed);
        group.setOrdinal((short) 0);
        FileMetaData meta = new FileMetaData(1, schema(), n, List.of(group));
        meta.setCreated_by(CREATED_BY);
        List<ColumnOrder> orders = new ArrayList<>();
        for (Kind kind : kinds) {
            orders.add(kind == Kind.DOUBLE || kind == Kind.FLOAT ? ColumnOrder.IEEE_754_TOTAL_ORDER(new IEEE754TotalOrder())
                    : ColumnOrder.TYPE_ORDER(new TypeDefinedOrder()));
        }
        meta.setColumn_orders(orders);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, footer);
        footer.writeTo(out);
        out.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
        out.write(MAGIC);
    }

    private static byte[] serialise(ColumnIndex ci) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Util.writeColumnIndex(ci, b);
        return b.toByteArray();
    }

    private static boolean floating(Kind k) {
        return k == Kind.DOUBLE || k == Kind.FLOAT;
    }

    /** The chunk's statistics: min and max also in the deprecated fields for signed orders (not for strings). */
    private static Statistics statistics(ParquetPlainChunk c) {
        Statistics s = new Statistics();
        if (c.kind() != Kind.STRING) {
            s.setMax(c.max()).setMin(c.min());
        }
        s.setNull_count(0).setMax_value(c.max()).setMin_value(c.min());
        if (floating(c.kind())) {
            s.setNan_count(0);
        }
        return s;
    }

    private static ColumnIndex columnIndex(ParquetPlainChunk c) {
        List<ParquetPlainChunk.Page> pages = c.pages();
        List<ByteBuffer> mins = new ArrayList<>(), maxs = new ArrayList<>();
        boolean ascending = true, descending = true;
        for (int p = 0; p < pages.size(); p++) {
            mins.add(ByteBuffer.wrap(pages.get(p).min()));
            maxs.add(ByteBuffer.wrap(pages.get(p).max()));
            if (p > 0) {
                int lo = c.compare(pages.get(p - 1).min(), pages.get(p).min());
                int hi = c.compare(pages.get(p - 1).max(), pages.get(p).max());
                ascending &= lo <= 0 && hi <= 0;
                descending &= lo >= 0 && hi >= 0;
            }
        }
        // one page (or all equal) is ascending, as parquet-java's boundary-order check finds first
        BoundaryOrder order = ascending ? BoundaryOrder.ASCENDING
                : descending ? BoundaryOrder.DESCENDING : BoundaryOrder.UNORDERED;
        ColumnIndex ci = new ColumnIndex(new ArrayList<>(Collections.nCopies(pages.size(), false)), mins, maxs, order);
        ci.setNull_counts(new ArrayList<>(Collections.nCopies(pages.size(), 0L)));
        if (floating(c.kind())) {
            ci.setNan_counts(new ArrayList<>(Collections.nCopies(pages.size(), 0L)));
        }
        return ci;
    }

    private static Type type(Kind k) {
        return switch (k) {
            case DOUBLE -> Type.DOUBLE;
            case FLOAT -> Type.FLOAT;
            case LONG -> Type.INT64;
            case INT -> Type.INT32;
            default -> Type.BYTE_ARRAY;
        };
    }

    /** {@link ParquetSchema#of}'s schema in the footer's form: every column optional, integers and strings annotated. */
    private List<SchemaElement> schema() {
        List<SchemaElement> out = new ArrayList<>();
        out.add(new SchemaElement("schema").setNum_children(kinds.length));
        for (int k = 0; k < kinds.length; k++) {
            SchemaElement e = new SchemaElement(names[k]).setType(type(kinds[k]))
                    .setRepetition_type(FieldRepetitionType.OPTIONAL);
            switch (kinds[k]) {
                case LONG -> e.setConverted_type(ConvertedType.INT_64).setLogicalType(LogicalType.INTEGER(new IntType((byte) 64, true)));
                case INT -> e.setConverted_type(ConvertedType.INT_32).setLogicalType(LogicalType.INTEGER(new IntType((byte) 32, true)));
                case STRING -> e.setConverted_type(ConvertedType.UTF8).setLogicalType(LogicalType.STRING(new StringType()));
                default -> { }
            }
            out.add(e);
        }
        return out;
    }
}
