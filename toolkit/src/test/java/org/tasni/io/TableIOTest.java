package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;
import static org.tasni.io.TableAssert.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableIOTest {

    @TempDir
    Path dir;

    /** Every kind of column, with missing values and awkward strings. */
    static Table allKinds(int n) {
        var rnd = new SplittableRandom(9);
        double[] d = new double[n];
        float[] f = new float[n];
        long[] l = new long[n];
        int[] i = new int[n];
        short[] s = new short[n];
        String[] str = new String[n];
        BooleanColumn b = BooleanColumn.create("flag", n);
        String[] odd = {"plain", "with,comma", "with \"quote\"", "line\nbreak", "# hash", " padded", "ünïcødé ★"};
        for (int k = 0; k < n; k++) {
            d[k] = k % 17 == 3 ? Double.NaN : rnd.nextDouble(-1e6, 1e6) * (k % 5 == 0 ? 1e-300 : 1);
            f[k] = k % 13 == 4 ? Float.NaN : (float) rnd.nextDouble(5, 20);
            l[k] = k % 11 == 5 ? Long.MIN_VALUE : rnd.nextLong();
            i[k] = k % 7 == 6 ? Integer.MIN_VALUE : rnd.nextInt();
            s[k] = k % 9 == 2 ? Short.MIN_VALUE : (short) rnd.nextInt(-32767, 32767);
            str[k] = k % 10 == 1 ? "" : odd[k % odd.length];
            if (k % 8 == 7) {
                b.setMissing(k);
            } else {
                b.set(k, rnd.nextBoolean());
            }
        }
        return Table.create("kinds.parquet", DoubleColumn.create("ra", d), FloatColumn.create("w1mpro", f),
                LongColumn.create("source_id", l), IntColumn.create("cntr", i), ShortColumn.create("qual_frame", s),
                StringColumn.create("designation", str), b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "arrow", "ecsv", "vot"})
    void typedFormatsRoundTripExactly(String ext) {
        Table t = allKinds(5000);
        Path p = dir.resolve("t." + ext);
        TableIO.write(t, p);
        assertSameTable(t, TableIO.read(p));
    }

    @Test
    void rowsWrittenByIndexAreTheFileOfTheSelectedTable(@TempDir Path tmp) throws IOException {
        Table t = allKinds(3000);
        int[] rows = java.util.stream.IntStream.range(0, 3000).filter(k -> k % 3 != 1 && k % 7 != 2).toArray();
        for (String ext : List.of("parquet", "csv")) {
            Path byIndex = tmp.resolve("by_index." + ext), copied = tmp.resolve("copied." + ext);
            TableIO.write(t, rows, byIndex);
            TableIO.write(t.where(tech.tablesaw.selection.Selection.with(rows)), copied);
            assertArrayEquals(Files.readAllBytes(copied), Files.readAllBytes(byIndex), ext + ": the same bytes");
            assertEquals(rows.length, TableIO.read(byIndex).rowCount());
            TableIO.write(t, new int[0], byIndex);
            assertEquals(0, TableIO.read(byIndex).rowCount());
            assertEquals(t.columnNames(), TableIO.read(byIndex).columnNames());
        }
        Table back = TableIO.read(tmp.resolve("copied.parquet"));
        assertEquals(t.doubleColumn("ra").get(rows[5]), back.doubleColumn("ra").get(5));
        assertEquals(t.stringColumn("designation").get(rows[7]), back.stringColumn("designation").get(7));
    }

    @Test
    void plainCsvRoundTripsValues() {
        Table t = allKinds(3000);
        Path p = dir.resolve("t.csv");
        TableIO.write(t, p);
        Table back = TableIO.read(p);
        assertSameValues(t, back);
    }

    @Test
    void emptyTablesRoundTrip() {
        Table t = allKinds(0);
        for (String ext : List.of("parquet", "arrow", "ecsv", "vot")) {
            Path p = dir.resolve("empty." + ext);
            TableIO.write(t, p);
            Table back = TableIO.read(p);
            assertEquals(0, back.rowCount(), ext);
            assertEquals(t.columnNames(), back.columnNames(), ext);
        }
    }

    @Test
    void realEpochsReadExactly() {
        Table t = TableIO.read(realEpochs());
        assertEquals(38700, t.rowCount());
        assertEquals(List.of("ra", "dec", "mjd", "w1mpro_ep", "w1sigmpro_ep", "w2mpro_ep", "w2sigmpro_ep",
                "qual_frame", "source_table", "designation", "target_ra", "target_dec"), t.columnNames());
        assertInstanceOf(FloatColumn.class, t.column("w1mpro_ep"));
        assertInstanceOf(ShortColumn.class, t.column("qual_frame"));
        // NaN counts and a sample row from reference-pipeline.md §8
        assertEquals(11, t.column("w1mpro_ep").countMissing());
        assertEquals(182, t.column("w1sigmpro_ep").countMissing());
        assertEquals(51, t.column("w2mpro_ep").countMissing());
        assertEquals(78, t.column("w2sigmpro_ep").countMissing());
        assertEquals("J141629.02+342726.0", t.stringColumn("designation").get(0));
        assertEquals(14.102f, t.floatColumn("w1mpro_ep").getFloat(0));
        assertEquals(0.051f, t.floatColumn("w1sigmpro_ep").getFloat(0));
        assertEquals(56665.678817, t.doubleColumn("mjd").get(0), 1e-6);
        assertEquals(100, t.stringColumn("designation").countUnique());
        assertEquals(1791, t.shortColumn("qual_frame").isEqualTo(0).size());
        assertEquals(28191, t.shortColumn("qual_frame").isEqualTo(10).size());
    }

    @Test
    void realEpochsRoundTripThroughEveryFormat() {
        Table t = TableIO.read(realEpochs());
        for (String ext : List.of("parquet", "arrow", "ecsv", "vot")) {
            Path p = dir.resolve("epochs." + ext);
            TableIO.write(t, p);
            assertSameTable(t, TableIO.read(p));
        }
        Path csv = dir.resolve("epochs.csv");
        TableIO.write(t, csv);
        assertSameValues(t, TableIO.read(csv));
    }

    @Test
    void projectionDecodesOnlyTheNamedColumnsInOrder() {
        Table t = TableIO.read(realEpochs(), "designation", "mjd");
        assertEquals(List.of("designation", "mjd"), t.columnNames());
        assertEquals(38700, t.rowCount());
        Table full = TableIO.read(realEpochs());
        assertSameTable(full.selectColumns("designation", "mjd").setName(t.name()), t);
    }

    @Test
    void readingStreamsRowGroupByRowGroup() {
        Table t = allKinds(20000);
        Path p = dir.resolve("groups.parquet");
        ParquetIO.write(t, p, 64 * 1024);
        int[] groups = {0};
        int[] rows = {0};
        ParquetIO.forEachRowGroup(p, List.of("ra", "designation"), g -> {
            groups[0]++;
            rows[0] += g.rowCount();
            assertEquals(List.of("ra", "designation"), g.columnNames());
            assertTrue(g.rowCount() < 20000);
        });
        assertTrue(groups[0] >= 5, "row groups: " + groups[0]);
        assertEquals(20000, rows[0]);
        assertSameTable(t, ParquetIO.read(p, List.of()));
        assertEquals(20000, ParquetIO.rowCount(p));
    }

    @Test
    void missingColumnNamesFileAndColumn() {
        Path p = dir.resolve("wise_hp01234.parquet");
        TableIO.write(allKinds(10), p);
        var e = assertThrows(TasniException.class, () -> TableIO.read(p, "ra", "dec"));
        assertTrue(e.getMessage().startsWith("wise_hp01234.parquet: no column 'dec' (columns: ra, w1mpro"), e.getMessage());
        Path v = dir.resolve("wise.vot");
        TableIO.write(allKinds(10), v);
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(v, "decl"));
        assertTrue(e2.getMessage().startsWith("wise.vot: no column 'decl'"), e2.getMessage());
    }

    @Test
    void wrongTypeNamesFileAndColumn() {
        Table t = TableIO.read(writeAndName(allKinds(10), "gaia.parquet"));
        var e = assertThrows(TasniException.class, () -> Columns.doubles(t, "designation"));
        assertEquals("gaia.parquet: column 'designation' has type STRING; expected a number.", e.getMessage());
        var e2 = assertThrows(TasniException.class, () -> Columns.strings(t, "ra"));
        assertTrue(e2.getMessage().contains("column 'ra' has type DOUBLE; expected a string"));
        var e3 = assertThrows(TasniException.class, () -> Columns.longs(t, "source_id"));
        assertTrue(e3.getMessage().startsWith("gaia.parquet: column 'source_id' is empty at data row 6 "), e3.getMessage());
    }

    private Path writeAndName(Table t, String name) {
        Path p = dir.resolve(name);
        TableIO.write(t, p);
        return p;
    }

    @Test
    void corruptAndMissingFilesAreClearErrors() throws IOException {
        Path junk = dir.resolve("junk.parquet");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        var e = assertThrows(TasniException.class, () -> TableIO.read(junk));
        assertTrue(e.getMessage().startsWith("junk.parquet: not a readable Parquet file"), e.getMessage());

        // a real file cut in half: the footer is gone
        Path good = writeAndName(allKinds(2000), "half.parquet");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(good, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(good));
        assertTrue(e2.getMessage().startsWith("half.parquet: "), e2.getMessage());

        // data pages overwritten, footer intact: the column that fails is named
        Path mangled = writeAndName(allKinds(2000), "mangled.parquet");
        byte[] m = Files.readAllBytes(mangled);
        for (int k = 4; k < m.length / 3; k++) {
            m[k] = (byte) (k * 31);
        }
        Files.write(mangled, m);
        var e3 = assertThrows(TasniException.class, () -> TableIO.read(mangled));
        assertTrue(e3.getMessage().startsWith("mangled.parquet: "), e3.getMessage());

        var e4 = assertThrows(TasniException.class, () -> TableIO.read(dir.resolve("nope.parquet")));
        assertTrue(e4.getMessage().endsWith("nope.parquet: no such file."), e4.getMessage());
        Path arrow = dir.resolve("junk.arrow");
        Files.writeString(arrow, "not arrow at all");
        assertTrue(assertThrows(TasniException.class, () -> TableIO.read(arrow)).getMessage().startsWith("junk.arrow: "));
        Path vot = dir.resolve("junk.vot");
        Files.writeString(vot, "<html>not a votable</html>");
        assertTrue(assertThrows(TasniException.class, () -> TableIO.read(vot)).getMessage().startsWith("junk.vot: "));
        assertTrue(assertThrows(TasniException.class, () -> TableIO.read("x.fits")).getMessage().contains("unknown table format '.fits'"));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path p = writeAndName(allKinds(100), "keep.parquet");
        byte[] before = Files.readAllBytes(p);
        Table bad = Table.create("bad", DateColumn.create("when", 3));
        var e = assertThrows(TasniException.class, () -> TableIO.write(bad, p));
        assertTrue(e.getMessage().contains("column 'when' has type LOCAL_DATE"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("keep.parquet"), s.map(x -> x.getFileName().toString()).toList());
        }
        // a writer that dies half way: the target is untouched and the temporary is removed
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, tmp -> {
            Files.writeString(tmp, "half a file");
            throw new IllegalStateException("killed");
        }));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    /**
     * Floating-point columns get a dictionary when their values repeat (float32 magnitudes of three decimals, epochs
     * that many sources share: much smaller files) and none when they are mostly distinct (positions); either way the
     * values read back are those written.
     */
    @Test
    void repeatedFloatingPointValuesAreDictionaryEncodedDistinctOnesAreNot() throws IOException {
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(3);
        float[] mag = new float[n];
        double[] mjd = new double[n], ra = new double[n];
        for (int i = 0; i < n; i++) {
            mag[i] = Math.round((14 + 2 * r.nextDouble()) * 1000) / 1000f;
            mjd[i] = 56700 + (i % 300) * 0.5;
            ra[i] = 360 * r.nextDouble();
        }
        Table t = Table.create("t", FloatColumn.create("w1mpro_ep", mag), DoubleColumn.create("mjd", mjd),
                DoubleColumn.create("ra", ra));
        Path p = dir.resolve("encodings.parquet");
        TableIO.write(t, p);
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(p))) {
            for (var chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
                boolean dictionary = chunk.hasDictionaryPage();
                String name = chunk.getPath().toDotString();
                assertEquals(!name.equals("ra"), dictionary, name + ": " + chunk.getEncodings());
            }
        }
        assertSameTable(t, TableIO.read(p));
    }
}
