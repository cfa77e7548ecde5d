package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;
import static org.tasni.io.DuckDbInteropTest.scalar;
import static org.tasni.io.TableAssert.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * {@link ParquetPlainWriter} against parquet-java's own writer ({@link ParquetIO.Writer}, the reference): the same
 * bytes up to the footer and the same footer but for {@code created_by}; then read back by parquet-java's record
 * reader, DuckDB and our reader as the selected rows.
 */
class ParquetPlainWriterTest {

    @TempDir
    Path dir;

    /** An orphans-like table (id, designation, positions, separation, plus a float and an int), read back from Parquet. */
    private Table orphansLike(int n, long seed) {
        Random rnd = new Random(seed);
        long[] ids = rnd.longs(n, 1, Long.MAX_VALUE).toArray();
        StringColumn name = StringColumn.create("designation");
        DoubleColumn ra = DoubleColumn.create("ra", n), dec = DoubleColumn.create("dec", n), sep = DoubleColumn.create("sep", n);
        FloatColumn mag = FloatColumn.create("mag", n);
        IntColumn count = IntColumn.create("count", n);
        for (int i = 0; i < n; i++) {
            // some non-ASCII designations: the statistics order UTF-8 bytes unsigned
            name.append(String.format("J%06d.%02d%s%06d", rnd.nextInt(1_000_000), i % 100, i % 7 == 0 ? "−" : "+", i));
            ra.set(i, 1e-3 + rnd.nextDouble() * 359);
            dec.set(i, rnd.nextDouble() * 180 - 89.999 + (i % 2 == 0 ? 0.0001 : 0));
            sep.set(i, i % 1000 == 5 ? Double.POSITIVE_INFINITY : 3 + rnd.nextDouble() * 60);
            mag.set(i, 5 + rnd.nextFloat() * 10);
            count.set(i, i * 7 - n);
        }
        // -n..: a zero appears at i = n/7 only when n is divisible by 7; not in the sizes below
        Table t = Table.create("t", LongColumn.create("cntr", ids), name, ra, dec, sep, mag, count);
        Path src = dir.resolve("src" + n + ".parquet");
        ParquetIO.write(t, src);
        // read back: the designations get the reader's deferred dictionary, as the crossmatch's left table has
        return TableIO.read(src);
    }

    private static byte[] footerBytes(byte[] file) {
        int len = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(file, file.length - 8 - len, file.length - 8);
    }

    private static FileMetaData footer(byte[] file) throws IOException {
        return Util.readFileMetaData(new ByteArrayInputStream(footerBytes(file)));
    }

    /** The reference: parquet-java's column writer, fed the same rows. */
    private static void reference(Table t, int[] rows, Path p) {
        try (ParquetIO.Writer w = ParquetIO.writer(t, p, ParquetIO.DEFAULT_ROW_GROUP_BYTES)) {
            w.write(t, rows);
            w.commit();
        }
    }

    private void assertSameAsParquetJava(Table t, int[] rows) throws Exception {
        assertNotNull(ParquetPlainWriter.plan(t, rows), "the table should take the PLAIN path");
        Path ref = dir.resolve("ref.parquet"), ours = dir.resolve("ours.parquet");
        Files.deleteIfExists(ref);
        Files.deleteIfExists(ours);
        reference(t, rows, ref);
        ParquetIO.write(t, rows, ours);
        byte[] a = Files.readAllBytes(ref), b = Files.readAllBytes(ours);
        FileMetaData fa = footer(a), fb = footer(b);
        assertEquals(ParquetPlainWriter.CREATED_BY, fb.getCreated_by());
        assertTrue(fa.getCreated_by().startsWith("parquet-mr"), fa.getCreated_by());
        fb.setCreated_by(fa.getCreated_by());
        // every field of the footer: schema, column orders, row group, chunk metadata, statistics, index offsets
        assertEquals(fa, fb);
        int dataEnd = a.length - 8 - footerBytes(a).length;
        assertEquals(dataEnd, b.length - 8 - footerBytes(b).length);
        // pages (levels, values, snappy, CRC), column indexes and offset indexes, byte for byte
        assertArrayEquals(Arrays.copyOf(a, dataEnd), Arrays.copyOf(b, dataEnd));
        Table expected = t.where(Selection.with(rows));
        assertSameValues(expected, TableIO.read(ours));
        assertParquetJavaReads(expected, ours);
        assertDuckDbSees(ref, ours, rows.length);
    }

    /** parquet-java's record reader, value by value against the expected rows. */
    private static void assertParquetJavaReads(Table expected, Path p) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(p))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            int i = 0;
            for (PageReadStore pages; (pages = r.readNextRowGroup()) != null; ) {
                RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long k = 0; k < pages.getRowCount(); k++, i++) {
                    Group g = rr.read();
                    assertEquals(expected.longColumn("cntr").getLong(i), g.getLong("cntr", 0));
                    assertEquals(expected.stringColumn("designation").get(i), g.getString("designation", 0));
                    assertEquals(expected.doubleColumn("ra").getDouble(i), g.getDouble("ra", 0));
                    assertEquals(expected.doubleColumn("sep").getDouble(i), g.getDouble("sep", 0));
                    assertEquals(expected.floatColumn("mag").getFloat(i), g.getFloat("mag", 0));
                    assertEquals(expected.intColumn("count").getInt(i), g.getInteger("count", 0));
                }
            }
            assertEquals(expected.rowCount(), i);
        }
    }

    private static void assertDuckDbSees(Path ref, Path ours, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String a = "read_parquet('" + ref.toAbsolutePath() + "')", b = "read_parquet('" + ours.toAbsolutePath() + "')";
            assertEquals(rows, scalar(st, "SELECT count(*) FROM " + b));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"));
            // row order and the statistics DuckDB reads from the footer
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT row_number() OVER () r, * FROM " + a
                    + ") x JOIN (SELECT row_number() OVER () r, * FROM " + b + ") y USING (r) WHERE x.cntr <> y.cntr"));
            assertEquals(scalar(st, "SELECT count(*) FROM parquet_metadata('" + ref.toAbsolutePath() + "')"),
                    scalar(st, "SELECT count(*) FROM parquet_metadata('" + ours.toAbsolutePath() + "')"));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT stats_min, stats_max, stats_null_count, encodings"
                    + " FROM parquet_metadata('" + ref.toAbsolutePath() + "') EXCEPT ALL SELECT stats_min, stats_max,"
                    + " stats_null_count, encodings FROM parquet_metadata('" + ours.toAbsolutePath() + "'))"));
        }
    }

    @Test
    void selectedRowsOfSeveralPagesAreParquetJavasFile() throws Exception {
        Table t = orphansLike(130_001, 1);
        int[] rows = IntStream.range(0, t.rowCount()).filter(i -> i % 3 != 1).toArray(); // 86,667: five pages
        assertSameAsParquetJava(t, rows);
    }

    @Test
    void aPageOfFewerThanEightRowsIsParquetJavasFile() throws Exception {
        Table t = orphansLike(20_003, 2);
        assertSameAsParquetJava(t, IntStream.range(0, 20_003).toArray()); // a last page of 3 rows
        assertSameAsParquetJava(t, new int[] {5, 17, 400});
    }

    @Test
    void whatParquetJavaWritesOtherwiseIsLeftToIt() {
        int n = 25_001;
        int[] rows = IntStream.range(0, n).toArray();
        // each case on a fresh read: a change to a string column would build its dictionary (not mostly distinct then)
        assertNotNull(ParquetPlainWriter.plan(orphansLike(n, 3), rows));
        Table nan = orphansLike(n, 3);
        nan.doubleColumn("ra").set(10, Double.NaN); // a null
        assertNull(ParquetPlainWriter.plan(nan, rows));
        assertNotNull(ParquetPlainWriter.plan(nan, IntStream.range(11, n).toArray())); // not among the rows written
        Table zero = orphansLike(n, 3);
        zero.doubleColumn("sep").set(10, 0.0);
        assertNull(ParquetPlainWriter.plan(zero, rows));
        Table repeat = orphansLike(n, 3);
        repeat.longColumn("cntr").set(11, repeat.longColumn("cntr").getLong(10)); // a dictionary may pay
        assertNull(ParquetPlainWriter.plan(repeat, rows));
        // a repeat after the first page: parquet-java has already dropped its dictionary, PLAIN still
        Table later = orphansLike(n, 3);
        later.longColumn("cntr").set(21_000, later.longColumn("cntr").getLong(10));
        assertNotNull(ParquetPlainWriter.plan(later, rows));
        Table fewValues = orphansLike(n, 3);
        for (int i = 0; i < n; i++) {
            fewValues.floatColumn("mag").set(i, i % 10); // parquet-java's dictionary
        }
        assertNull(ParquetPlainWriter.plan(fewValues, rows));
        assertNull(ParquetPlainWriter.plan(orphansLike(n, 3), new int[0]));
    }

    @Test
    void aRepeatAfterTheFirstPageIsStillParquetJavasFile() throws Exception {
        Table t = orphansLike(45_000, 4);
        t.longColumn("cntr").set(30_000, t.longColumn("cntr").getLong(3));
        assertSameAsParquetJava(t, IntStream.range(0, 45_000).toArray());
    }
}
