package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The page decoder ({@link ParquetPages}, {@link HybridDecoder}) against independent implementations: every value
 * of files DuckDB writes in each of its layouts (v1 and v2 pages, each codec, dictionary and plain, several row
 * groups, nulls in every column) read as DuckDB itself reads it, and the hybrid decoder against parquet-java's encoder.
 */
class ParquetFastReadTest {

    @TempDir
    Path dir;

    private static final String COLUMNS = "SELECT i AS id, "
            + "CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.25 END::DOUBLE AS d, "
            + "CASE WHEN i % 11 = 5 THEN NULL ELSE round(14 + (i % 97) / 100.0, 3) END::FLOAT AS f, "
            + "CASE WHEN i % 13 = 1 THEN NULL ELSE (i % 10)::SMALLINT END AS s, "
            + "CASE WHEN i % 5 = 2 THEN NULL ELSE (i * 37 - 1000000)::INTEGER END AS n, "
            + "CASE WHEN i % 17 = 4 THEN NULL ELSE i * 1000003 END::BIGINT AS l, "
            + "CASE WHEN i % 19 = 0 THEN NULL ELSE 'J' || lpad((i // 300)::VARCHAR, 6, '0') || '.00+000000.0' END AS des, "
            + "CASE WHEN i % 23 = 0 THEN NULL ELSE 'unique-' || i || '-é' END AS u, "
            // and columns without nulls, whose pages take the decoder's other branches
            + "round(12 + (i % 50) / 100.0, 2)::FLOAT AS f2, ((i % 1000) * 0.5)::DOUBLE AS d2, (i % 7)::INTEGER AS n2, "
            + "(i % 9)::BIGINT AS l2, 'S' || (i // 100) AS des2, i * 1.5 AS d3 "
            + "FROM range(25000) t(i)";

    @ParameterizedTest
    @ValueSource(strings = {"COMPRESSION SNAPPY", "COMPRESSION ZSTD", "COMPRESSION GZIP", "COMPRESSION UNCOMPRESSED",
        "PARQUET_VERSION V2", "ROW_GROUP_SIZE 4000", "PARQUET_VERSION V2, ROW_GROUP_SIZE 3000, COMPRESSION SNAPPY"})
    void readsEveryValueOfDuckDbFilesAsDuckDbDoes(String options) throws Exception {
        Path p = dir.resolve("duck.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (" + COLUMNS + ") TO '" + p + "' (FORMAT PARQUET, " + options + ")");
            assertSameAsDuckDb(st, p, TableIO.read(p));
        }
    }

    @Test
    void readsOurOwnFilesWithNullsAsDuckDbDoes() throws Exception {
        Path duck = dir.resolve("duck.parquet"), ours = dir.resolve("ours.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (" + COLUMNS + ") TO '" + duck + "' (FORMAT PARQUET)");
            // our writer, in small row groups so that the pipeline of row groups is exercised
            ParquetIO.write(TableIO.read(duck), ours, 64 << 10);
            Table back = TableIO.read(ours);
            assertSameAsDuckDb(st, ours, back);
            List<Integer> sizes = new ArrayList<>();
            ParquetIO.forEachRowGroup(ours, List.of("id"), g -> sizes.add(g.rowCount()));
            assertTrue(sizes.size() > 2, "row groups: " + sizes);
        }
    }

    /**
     * Chunks of a file of one row group from {@link ChunkBuffers#MAP_BYTES} on are mapped, not read: every value of such
     * files, with DuckDB's v1 and v2 pages, snappy and uncompressed, and our own writer's, against the values written;
     * a string column of mostly distinct designations with missing ones (the crossmatch's left catalogue) among them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"COMPRESSION SNAPPY", "COMPRESSION UNCOMPRESSED", "PARQUET_VERSION V2, COMPRESSION SNAPPY",
        "PARQUET_VERSION V2, COMPRESSION UNCOMPRESSED", "ours"})
    void readsTheMappedChunksOfALargeRowGroup(String options) throws Exception {
        int n = 700_000; // 5.6 MB of distinct doubles, which snappy cannot shrink below the mapping's threshold
        Path p = dir.resolve("large.parquet");
        double[] x = new double[n];
        long[] id = new long[n];
        String[] des = new String[n];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-90, 90);
            id[i] = 4_000_000_000_000_000L + 3L * i;
            des[i] = i % 97 == 5 ? "" : String.format("J%06d.%02d%s%06d.%d", i, i % 100, i % 3 == 0 ? "−" : "+", 7 * i, i % 10);
        }
        Table written = Table.create("large", DoubleColumn.create("x", x), LongColumn.create("id", id),
                StringColumn.create("designation", des));
        ParquetIO.write(written, dir.resolve("ours.parquet"));
        if (options.equals("ours")) {
            p = dir.resolve("ours.parquet");
        } else {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                st.execute("COPY (SELECT * FROM read_parquet('" + dir.resolve("ours.parquet") + "')) TO '" + p
                        + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1000000, " + options + ")");
            }
        }
        List<Integer> groups = new ArrayList<>();
        ParquetIO.forEachRowGroup(p, List.of("x"), g -> groups.add(g.rowCount()));
        assertEquals(List.of(n), groups, "one row group");
        try (var ch = java.nio.channels.FileChannel.open(p)) {
            ParquetFooter f = ParquetFooter.read(ch);
            assertNotNull(f, "a file the own reader takes");
            assertTrue(f.groups().get(0).chunks().get(0).length() >= ChunkBuffers.MAP_BYTES, "x's chunk is mapped");
            assertTrue(f.groups().get(0).chunks().get(2).length() >= ChunkBuffers.MAP_BYTES, "designation's is mapped");
        }
        Table back = TableIO.read(p);
        assertArrayEquals(x, back.doubleColumn("x").asDoubleArray());
        assertArrayEquals(id, back.longColumn("id").asLongArray());
        StringColumn d = back.stringColumn("designation");
        for (int i = 0; i < n; i++) {
            assertEquals(des[i], d.get(i), "designation row " + i);
            assertEquals(des[i].isEmpty(), d.isMissing(i), "designation row " + i);
        }
        assertEquals(n / 97 + (n % 97 > 5 ? 1 : 0), d.countMissing());
    }

    /** Each row and column of {@code ours} against DuckDB's reading of {@code p}, in file order. */
    private static void assertSameAsDuckDb(Statement st, Path p, Table ours) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + p + "')")) {
            int n = rs.getMetaData().getColumnCount();
            assertEquals(n, ours.columnCount());
            int row = 0;
            while (rs.next()) {
                for (int k = 0; k < n; k++) {
                    Column<?> c = ours.column(k);
                    Object theirs = rs.getObject(k + 1);
                    String where = c.name() + " row " + row;
                    if (theirs == null) {
                        assertTrue(c.isMissing(row) || (c instanceof StringColumn s && s.get(row).isEmpty()), where);
                    } else if (c instanceof DoubleColumn d) {
                        assertEquals(((Number) theirs).doubleValue(), d.getDouble(row), where);
                    } else if (c instanceof FloatColumn f) {
                        assertEquals(((Number) theirs).floatValue(), f.getFloat(row), where);
                    } else if (c instanceof ShortColumn s) {
                        assertEquals(((Number) theirs).shortValue(), s.getShort(row), where);
                    } else if (c instanceof IntColumn i) {
                        assertEquals(((Number) theirs).intValue(), i.getInt(row), where);
                    } else if (c instanceof LongColumn l) {
                        assertEquals(((Number) theirs).longValue(), l.getLong(row), where);
                    } else {
                        assertEquals(theirs.toString(), ((StringColumn) c).get(row), where);
                    }
                }
                row++;
            }
            assertEquals(row, ours.rowCount());
        }
        // the string columns' dictionaries are whole: distinct values as DuckDB counts them (plus "" for the nulls)
        try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT des), count(DISTINCT u) FROM read_parquet('" + p + "')")) {
            rs.next();
            assertEquals(rs.getLong(1) + 1, ours.stringColumn("des").countUnique());
            assertEquals(rs.getLong(2) + 1, ours.stringColumn("u").countUnique());
            assertEquals(rs.getLong(1) + 1, ours.stringColumn("des").unique().size());
        }
    }

    @Test
    void hybridDecoderReadsWhatParquetJavaEncodes() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int width = 0; width <= 32; width++) {
            long max = width == 0 ? 0 : (1L << width) - 1;
            int n = 5000 + rnd.nextInt(100);
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                // runs (RLE) and noise (bit-packed), and the largest value of the width
                boolean run = (i / 200) % 2 == 0;
                values[i] = (int) (run ? max : rnd.nextLong(max + 1));
            }
            RunLengthBitPackingHybridEncoder enc = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                    new HeapByteBufferAllocator());
            for (int v : values) {
                enc.writeInt(v);
            }
            byte[] bytes = enc.toBytes().toByteArray();
            int[] out = new int[n];
            HybridDecoder.decode(bytes, 0, bytes.length, width, out, n);
            assertArrayEquals(values, out, "bit width " + width);
        }
    }

    @Test
    void hybridDecoderReadsBitPackedGroupsAnywhereInABuffer() throws Exception {
        // the group loops read 8 bytes at a time: a run that starts at any byte of a larger buffer, with bytes set
        // after it or ending flush with the buffer, and a count that stops inside a group, decodes to the same values
        SplittableRandom rnd = new SplittableRandom(11);
        for (int width = 0; width <= 32; width++) {
            long max = width == 0 ? 0 : (1L << width) - 1;
            int n = 997;
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = (int) rnd.nextLong(max + 1);
            }
            RunLengthBitPackingHybridEncoder enc = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                    new HeapByteBufferAllocator());
            for (int v : values) {
                enc.writeInt(v);
            }
            byte[] run = enc.toBytes().toByteArray();
            for (int before : new int[] {0, 3}) {
                for (int after : new int[] {0, 1, 7, 40}) {
                    byte[] buf = new byte[before + run.length + after];
                    Arrays.fill(buf, (byte) 0xFF);
                    System.arraycopy(run, 0, buf, before, run.length);
                    for (int take : new int[] {n, n - 5, 8, 3}) {
                        int[] out = new int[take];
                        HybridDecoder.decode(buf, before, before + run.length, width, out, take);
                        assertArrayEquals(Arrays.copyOf(values, take), out,
                                "bit width " + width + ", " + before + " bytes before, " + after + " after, " + take + " values");
                    }
                }
            }
        }
    }

    @Test
    void onlyOneRunOfPresentValuesIsASingleRun() throws Exception {
        for (int zeroAt : new int[] {-1, 0, 500, 999}) {
            RunLengthBitPackingHybridEncoder enc = new RunLengthBitPackingHybridEncoder(1, 64, 1 << 20,
                    new HeapByteBufferAllocator());
            for (int i = 0; i < 1000; i++) {
                enc.writeInt(i == zeroAt ? 0 : 1);
            }
            byte[] b = enc.toBytes().toByteArray();
            assertEquals(zeroAt < 0, HybridDecoder.isSingleRun(b, 0, b.length, 1, 1000, 1), "a 0 at " + zeroAt);
            // a run shorter than the page is not enough
            assertFalse(HybridDecoder.isSingleRun(b, 0, b.length, 1, 1001, 1));
        }
    }

    @Test
    void aTruncatedRunIsAnErrorNotGarbage() throws Exception {
        RunLengthBitPackingHybridEncoder enc = new RunLengthBitPackingHybridEncoder(7, 64, 1 << 20, new HeapByteBufferAllocator());
        for (int i = 0; i < 1000; i++) {
            enc.writeInt(i % 100);
        }
        byte[] bytes = enc.toBytes().toByteArray();
        assertThrows(IllegalStateException.class, () -> HybridDecoder.decode(bytes, 0, bytes.length / 2, 7, new int[1000], 1000));
    }
}
