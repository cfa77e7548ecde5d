package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;
import static org.tasni.io.TableAssert.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/** DuckDB is an independent Parquet implementation: what we write, it must read as the original, and vice versa. */
class DuckDbInteropTest {

    @TempDir
    Path dir;

    private static List<String> describe(Statement st, Path p) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + p + "')")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    /** The first column of the query's first row, as a long (ParquetPlainWriterTest uses it too). */
    static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void duckDbReadsOurCopyOfTheRealEpochsAsTheOriginal() throws Exception {
        Path original = realEpochs().toAbsolutePath();
        Path ours = dir.resolve("epochs.parquet");
        TableIO.write(TableIO.read(original), ours);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(describe(st, original), describe(st, ours));
            assertTrue(describe(st, ours).contains("w1mpro_ep:FLOAT"));
            assertTrue(describe(st, ours).contains("qual_frame:SMALLINT"));
            String a = "read_parquet('" + original + "')", b = "read_parquet('" + ours + "')";
            assertEquals(38700, scalar(st, "SELECT count(*) FROM " + b));
            // set difference in both directions, NULLs compared as values
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"));
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"));
            assertEquals(182, scalar(st, "SELECT count(*) FROM " + b + " WHERE w1sigmpro_ep IS NULL"));
            // and the row order is kept
            assertEquals(0, scalar(st, "SELECT count(*) FROM (SELECT row_number() OVER () r, * FROM " + a
                    + ") x JOIN (SELECT row_number() OVER () r, * FROM " + b + ") y USING (r) WHERE x.mjd <> y.mjd"
                    + " OR x.designation <> y.designation"));
        }
    }

    @Test
    void weReadWhatDuckDbWrites() throws Exception {
        Path p = dir.resolve("duck.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1.5::DOUBLE AS d, 2.25::FLOAT AS f, 7::SMALLINT AS s, 8::INTEGER AS i, "
                    + "9::BIGINT AS l, true AS b, 'J000000.00+000000.0' AS str, 3::TINYINT AS t "
                    + "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) TO '" + p
                    + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
        Table t = TableIO.read(p);
        assertEquals(List.of("d", "f", "s", "i", "l", "b", "str", "t"), t.columnNames());
        assertEquals(1.5, t.doubleColumn("d").get(0));
        assertEquals(2.25f, t.floatColumn("f").getFloat(0));
        assertEquals((short) 7, t.shortColumn("s").get(0));
        assertEquals(8, t.intColumn("i").get(0));
        assertEquals(9L, t.longColumn("l").get(0));
        assertEquals(true, t.booleanColumn("b").get(0));
        assertEquals("J000000.00+000000.0", t.stringColumn("str").get(0));
        assertEquals((short) 3, t.shortColumn("t").get(0));
        for (int k = 0; k < t.columnCount(); k++) {
            assertTrue(t.column(k).isMissing(1), t.column(k).name() + " null");
        }
    }

    /**
     * A codec the jar cannot decode (BROTLI, LZO) is named, where parquet-java's missing Hadoop class was reported as a
     * corrupt row group; the codecs it can decode read as DuckDB wrote them.
     */
    @Test
    void aCodecThatCannotBeReadIsNamed() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String codec : List.of("BROTLI", "GZIP", "ZSTD", "LZ4", "UNCOMPRESSED", "SNAPPY")) {
                Path p = dir.resolve(codec + ".parquet");
                st.execute("COPY (SELECT range AS id, range * 0.5 AS x FROM range(5000)) TO '" + p
                        + "' (FORMAT PARQUET, COMPRESSION " + codec + ")");
                if (codec.equals("BROTLI")) {
                    var e = assertThrows(TasniException.class, () -> TableIO.read(p));
                    assertEquals("BROTLI.parquet: column 'id' is compressed with BROTLI, which this toolkit cannot read"
                            + " (it reads Parquet uncompressed or compressed with snappy, gzip, zstd or lz4); write the"
                            + " file again with one of those.", e.getMessage());
                } else {
                    Table t = TableIO.read(p);
                    assertEquals(5000, t.rowCount(), codec);
                    assertEquals(4999L, t.longColumn("id").get(4999), codec);
                    assertEquals(2499.5, t.doubleColumn("x").get(4999), codec);
                }
            }
        }
    }

    @Test
    void unsupportedColumnTypesNameTheColumn() throws Exception {
        Path p = dir.resolve("dates.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1.0::DOUBLE AS ra, DATE '2016-01-01' AS obs_date, [1, 2] AS xs) TO '" + p + "' (FORMAT PARQUET)");
        }
        var e = assertThrows(TasniException.class, () -> TableIO.read(p, "ra", "obs_date"));
        assertTrue(e.getMessage().startsWith("dates.parquet: column 'obs_date' has Parquet type INT32 (DATE)"), e.getMessage());
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertTrue(e2.getMessage().contains("column 'xs' is nested or repeated"), e2.getMessage());
        assertEquals(1.0, TableIO.read(p, "ra").doubleColumn("ra").get(0), "projection avoids the bad columns");
    }
}
