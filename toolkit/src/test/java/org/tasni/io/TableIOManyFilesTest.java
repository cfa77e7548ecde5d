package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code TableIO.read} of a glob and of a list: the rows of every file, appended in a known order, ids exact. */
class TableIOManyFilesTest {

    @TempDir
    Path dir;

    /** Ids above 2^53, which a detour through double would change; each file's ids are its own. */
    private static Table tile(int k, int rows) {
        long[] id = new long[rows];
        double[] ra = new double[rows];
        String[] des = new String[rows];
        for (int i = 0; i < rows; i++) {
            id[i] = (1L << 60) + 1000L * k + i;
            ra[i] = 10 * k + i * 0.25;
            des[i] = "J" + k + "_" + i;
        }
        return Table.create("t", LongColumn.create("source_id", id), DoubleColumn.create("ra", ra),
                StringColumn.create("designation", des));
    }

    private static long[] ids(Table t) {
        return Columns.longs(t, "source_id");
    }

    @Test
    void aGlobAppendsEveryMatchInTheOrderOfTheirNames() {
        // written out of order, and with a file the glob must not take
        TableIO.write(tile(2, 5), dir.resolve("wise_hp00002.parquet"));
        TableIO.write(tile(0, 3), dir.resolve("wise_hp00000.parquet"));
        TableIO.write(tile(1, 4), dir.resolve("wise_hp00001.parquet"));
        TableIO.write(tile(9, 2), dir.resolve("gaia_hp00000.parquet"));
        Table all = TableIO.read(dir + "/wise_hp*.parquet");
        assertEquals(3 + 4 + 5, all.rowCount());
        long[] expected = new long[12];
        int r = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3 + k; i++) {
                expected[r++] = (1L << 60) + 1000L * k + i;
            }
        }
        assertArrayEquals(expected, ids(all));
        assertEquals("J0_0", all.getString(0, "designation"));
        assertEquals("J2_4", all.getString(11, "designation"));
        assertEquals(List.of("source_id", "ra", "designation"), all.columnNames());
        assertEquals("wise_hp*.parquet (3 files)", all.name());
    }

    @Test
    void aListIsReadInTheOrderGivenAndProjected() {
        Path a = dir.resolve("a.parquet"), b = dir.resolve("b.ecsv");
        TableIO.write(tile(1, 4), a);
        TableIO.write(tile(2, 2), b); // another format, the same types
        Table t = TableIO.read(List.of(b, a), "designation", "source_id");
        assertEquals(6, t.rowCount());
        assertArrayEquals(new long[] {(1L << 60) + 2000, (1L << 60) + 2001, (1L << 60) + 1000, (1L << 60) + 1001,
                (1L << 60) + 1002, (1L << 60) + 1003}, ids(t));
        assertEquals(List.of("designation", "source_id"), t.columnNames());
        assertEquals("b.ecsv, a.parquet (2 files)", t.name());
        assertEquals("a.parquet", TableIO.read(List.of(a)).name());
    }

    @Test
    void anotherColumnOrderIsAppendedByName() {
        Path a = dir.resolve("p1.parquet"), b = dir.resolve("p2.parquet");
        TableIO.write(tile(1, 2), a);
        Table t2 = tile(2, 3);
        TableIO.write(t2.selectColumns("designation", "ra", "source_id"), b);
        Table t = TableIO.read(dir + "/p?.parquet");
        assertEquals(List.of("source_id", "ra", "designation"), t.columnNames());
        assertArrayEquals(new double[] {10, 10.25, 20, 20.25, 20.5}, t.doubleColumn("ra").asDoubleArray());
        assertEquals("J2_2", t.getString(4, "designation"));
    }

    @Test
    void twoStarsCrossDirectories() throws Exception {
        Files.createDirectories(dir.resolve("x/y"));
        TableIO.write(tile(2, 1), dir.resolve("x/y/t.parquet"));
        TableIO.write(tile(1, 1), dir.resolve("x/t.parquet"));
        Table t = TableIO.read(dir + "/**/t.parquet");
        // sorted by the path below the fixed directory: "x/t.parquet" < "x/y/t.parquet"
        assertArrayEquals(new long[] {(1L << 60) + 1000, (1L << 60) + 2000}, ids(t));
    }

    @Test
    void filesThatDisagreeAreNamedWithTheColumn() {
        Path a = dir.resolve("f1.parquet");
        TableIO.write(tile(1, 2), a);

        Path missing = dir.resolve("f2.parquet");
        TableIO.write(tile(2, 2).removeColumns("ra"), missing);
        var e = assertThrows(TasniException.class, () -> TableIO.read(List.of(a, missing)));
        assertTrue(e.getMessage().startsWith("f2.parquet: no column 'ra', which f1.parquet has"), e.getMessage());

        Path extra = dir.resolve("f3.parquet");
        TableIO.write(tile(3, 2).addColumns(IntColumn.create("w1cc", new int[] {1, 2})), extra);
        e = assertThrows(TasniException.class, () -> TableIO.read(List.of(a, extra)));
        assertTrue(e.getMessage().startsWith("f3.parquet: column 'w1cc' is not in f1.parquet"), e.getMessage());

        Path typed = dir.resolve("f4.parquet");
        Table t4 = tile(4, 2);
        t4.replaceColumn("ra", StringColumn.create("ra", "1", "2"));
        TableIO.write(t4, typed);
        e = assertThrows(TasniException.class, () -> TableIO.read(List.of(a, typed)));
        assertTrue(e.getMessage().startsWith("f4.parquet: column 'ra' is STRING here but DOUBLE in f1.parquet"), e.getMessage());
    }

    @Test
    void noMatchNoFilesAndTwiceAreClearErrors() {
        var e = assertThrows(TasniException.class, () -> TableIO.read(dir + "/wise_hp*.parquet"));
        assertTrue(e.getMessage().startsWith(dir + "/wise_hp*.parquet: no file matches"), e.getMessage());
        e = assertThrows(TasniException.class, () -> TableIO.read(dir + "/nowhere/*.parquet"));
        assertTrue(e.getMessage().contains("no directory"), e.getMessage());
        e = assertThrows(TasniException.class, () -> TableIO.read(List.of()));
        assertTrue(e.getMessage().contains("no files given"), e.getMessage());
        Path a = dir.resolve("a.parquet");
        TableIO.write(tile(1, 1), a);
        e = assertThrows(TasniException.class, () -> TableIO.read(List.of(a, dir.resolve("./a.parquet"))));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void aFileWhoseNameLooksLikeAGlobIsReadAsItself() {
        Path odd = dir.resolve("odd[1].parquet");
        TableIO.write(tile(1, 2), odd);
        Table t = TableIO.read(odd.toString());
        assertEquals("odd[1].parquet", t.name());
        assertEquals(2, t.rowCount());
    }
}
