package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Hostile files and paths for the IO layer: each case checks the values read, or the refusal and its file/line/column. */
class IoHostileInputTest {

    /** A real Gaia DR3 source_id: above 2^53, so a double would round it (to ...928). */
    static final long GAIA_ID = 3404089202185340828L;

    @TempDir
    Path dir;

    // --- case 1: an output that is the input ---

    @Test
    void convertRefusesItsInputAsOutputBySameNameSymlinkOrHardLink() throws IOException {
        Path in = TestFiles.text(dir, "t.csv", "ra,dec\n1.5,2.5\n");
        byte[] before = Files.readAllBytes(in);
        Path sym = Files.createSymbolicLink(dir.resolve("sym.csv"), in);
        Path hard = Files.createLink(dir.resolve("hard.csv"), in);
        for (Path out : List.of(in, dir.resolve("./t.csv"), sym, hard)) {
            var e = assertThrows(TasniException.class, () -> TableIO.convert(in, out, "ra", "dec"), out.toString());
            assertTrue(TestFiles.oneLine(e).contains("refusing to overwrite an input"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(in), "input unchanged after " + out);
        }
        // a different file is fine, and holds the input's values
        Table t = TableIO.convert(in, dir.resolve("copy.parquet"), "dec");
        assertEquals(2.5, TableIO.read(dir.resolve("copy.parquet")).doubleColumn("dec").get(0));
        assertEquals(1, t.rowCount());
    }

    // --- case 2: nan / inf / NA in plain CSV ---

    @Test
    void plainCsvReadsNanInfAndNaMarkersAsNumbers() throws IOException {
        // as astropy, pandas and R write them; each row's expectation is in the comment column
        Path p = TestFiles.text(dir, "markers.csv", String.join("\n",
                "source_id,ra,flag,note",
                "3404089202185340828,nan,True,a",
                "9223372036854775807,inf,False,b",
                "NA,-inf,,c",
                "1,NaN,null,d",
                ",Infinity,NA,e",
                "-5,-Infinity,true,f",
                "null,1.25,FALSE,g",
                "7,,None,h",
                "8,NA,<NA>,i",
                "9,null,N/A,j",
                "10,None,False,NA",
                ""));
        Table t = TableIO.read(p);
        LongColumn id = assertInstanceOf(LongColumn.class, t.column("source_id"));
        DoubleColumn ra = assertInstanceOf(DoubleColumn.class, t.column("ra"));
        BooleanColumn flag = assertInstanceOf(BooleanColumn.class, t.column("flag"));
        assertInstanceOf(StringColumn.class, t.column("note"));
        assertEquals(11, t.rowCount());
        assertEquals(GAIA_ID, id.getLong(0));
        assertEquals(Long.MAX_VALUE, id.getLong(1));
        assertTrue(id.isMissing(2) && id.isMissing(4) && id.isMissing(6));
        assertEquals(-5L, id.getLong(5));
        double[] expected = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.25, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ra.getDouble(i), 0.0, "ra row " + i);
        }
        assertEquals(List.of(true, false), List.of(flag.get(0), flag.get(1)));
        for (int i : new int[] {2, 3, 4, 7, 8, 9}) {
            assertTrue(flag.isMissing(i), "flag missing at row " + i);
        }
        assertEquals(true, flag.get(5));
        // in a string column a marker is just text
        assertEquals("NA", t.stringColumn("note").get(10));
    }

    @Test
    void aStrayWordInANumberColumnIsNamedWithItsRow() throws IOException {
        Path p = TestFiles.text(dir, "stray.csv", "ra,dec\n1.0,2.0\n1.5,oops\n2.0,3.0\n");
        Table t = TableIO.read(p);
        assertEquals(1.5, t.doubleColumn("ra").get(1));
        var e = assertThrows(TasniException.class, () -> Columns.doubles(t, "dec"));
        assertEquals("stray.csv: column 'dec' has type STRING; expected a number. Data row 2 (counted from 1, the header "
                + "not counted) holds 'oops' among 2 numbers; fix that cell so the column reads as numbers.", TestFiles.oneLine(e));
        var e2 = assertThrows(TasniException.class, () -> Columns.longs(t, "dec"));
        assertTrue(e2.getMessage().startsWith("stray.csv: column 'dec' has type STRING; expected an integer. Data row 2"),
                e2.getMessage());
    }

    @Test
    void aBigIntegerAmongFractionsIsRefusedNamingBothLines() throws IOException {
        Path p = TestFiles.text(dir, "mixed.csv", "source_id\n1\n3404089202185340828\n2.5\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertEquals("mixed.csv: column 'source_id' holds the integer 3404089202185340828 (line 3) and the non-integer "
                + "'2.5' (line 4); a double cannot hold such an integer exactly (an id?). Fix the odd cell, or use a typed "
                + "format (.ecsv, .parquet).", TestFiles.oneLine(e));
        // small integers with fractions are an ordinary double column
        Table t = TableIO.read(TestFiles.text(dir, "small.csv", "x\n1\n2.5\n-3\n"));
        assertArrayEquals(new double[] {1, 2.5, -3}, t.doubleColumn("x").asDoubleArray());
    }

    // --- case 2: ECSV as astropy writes it ---

    @Test
    void ecsvTakesAstropysNanAndInfAndMaskedCells() throws IOException {
        Path p = TestFiles.text(dir, "astropy.ecsv", String.join("\n",
                "# %ECSV 1.0", "# ---", "# datatype:",
                "# - {name: source_id, datatype: int64}", "# - {name: ra, datatype: float64}",
                "# - {name: dec, datatype: float32}", "# - {name: name, datatype: string}",
                "# - {name: flag, datatype: bool}", "# schema: astropy-2.0",
                "source_id ra dec name flag",
                "3404089202185340828 1.5 -inf \"a b\" True",
                "9223372036854775807 nan 2.0 \"\" \"\"",
                "\"\" inf 3.0 x,y False", ""));
        Table t = TableIO.read(p);
        assertEquals(GAIA_ID, t.longColumn("source_id").getLong(0));
        assertEquals(Long.MAX_VALUE, t.longColumn("source_id").getLong(1));
        assertTrue(t.longColumn("source_id").isMissing(2));
        assertEquals(1.5, t.doubleColumn("ra").get(0));
        assertTrue(Double.isNaN(t.doubleColumn("ra").getDouble(1)));
        assertEquals(Double.POSITIVE_INFINITY, t.doubleColumn("ra").get(2));
        assertEquals(Float.NEGATIVE_INFINITY, t.floatColumn("dec").getFloat(0));
        assertEquals(List.of("a b", "", "x,y"), t.stringColumn("name").asList());
        assertTrue(t.booleanColumn("flag").isMissing(1));
        // a bad cell in a typed column names the line and column
        Path bad = TestFiles.text(dir, "bad.ecsv", Files.readString(p).replace("9223372036854775807 nan", "92233720368547758070 nan"));
        var e = assertThrows(TasniException.class, () -> TableIO.read(bad));
        assertEquals("bad.ecsv: line 12, column 'source_id': '92233720368547758070' is not a valid int64 (the type the "
                + "ECSV header declares).", TestFiles.oneLine(e));
    }

    /** Writes a table with astropy itself (space- and comma-delimited ECSV, and plain CSV) and reads it back. */
    @Test
    void readsWhatAstropyWrites() throws Exception {
        String script = String.join("\n",
                "import sys",
                "from astropy.table import Table, MaskedColumn",
                "import numpy as np",
                "t = Table()",
                "t['source_id'] = np.array([3404089202185340828, 9223372036854775807, -1], dtype=np.int64)",
                "t['ra'] = [1.5, np.nan, np.inf]",
                "t['dec'] = np.array([-np.inf, 2.0, 3.0], dtype=np.float32)",
                "t['name'] = ['a b', 'q', 'x,y']",
                "t['m'] = MaskedColumn([1.0, 2.0, 3.0], mask=[False, True, False])",
                "t['mi'] = MaskedColumn([1, 2, 3], mask=[False, True, False])",
                "t['flag'] = [True, False, True]",
                "d = sys.argv[1]",
                "t.write(d + '/space.ecsv', overwrite=True)",
                "t.write(d + '/comma.ecsv', overwrite=True, delimiter=',')",
                "t.write(d + '/plain.csv', overwrite=True, format='ascii.csv')",
                "");
        Path py = TestFiles.text(dir, "write.py", script);
        String log = TestFiles.python(py, dir.toString());
        for (String f : List.of("space.ecsv", "comma.ecsv", "plain.csv")) {
            Table t = TableIO.read(dir.resolve(f));
            assertEquals(List.of(GAIA_ID, Long.MAX_VALUE, -1L), t.longColumn("source_id").asList(), f);
            assertEquals(1.5, t.doubleColumn("ra").get(0), f);
            assertTrue(Double.isNaN(t.doubleColumn("ra").getDouble(1)), f);
            assertEquals(Double.POSITIVE_INFINITY, t.doubleColumn("ra").get(2), f);
            assertEquals(Double.NEGATIVE_INFINITY, ((tech.tablesaw.api.NumericColumn<?>) t.column("dec")).getDouble(0), f);
            assertEquals(List.of("a b", "q", "x,y"), t.stringColumn("name").asList(), f);
            assertTrue(t.column("m").isMissing(1) && !t.column("m").isMissing(2), f);
            assertTrue(t.column("mi").isMissing(1), f);
            assertEquals(3L, ((tech.tablesaw.api.NumericColumn<?>) t.column("mi")).getDouble(2), 0.0, f);
            assertEquals(List.of(true, false, true), t.booleanColumn("flag").asList(), f);
        }
        assertInstanceOf(FloatColumn.class, TableIO.read(dir.resolve("space.ecsv")).column("dec"));
    }

    @Test
    void awkwardColumnNamesRoundTripThroughEcsvAndCsv() {
        Table t = Table.create("names", DoubleColumn.create("it's", 1.0), DoubleColumn.create("a,b", 2.0),
                DoubleColumn.create("#x", 3.0));
        for (String ext : List.of("ecsv", "csv")) {
            Path p = dir.resolve("names." + ext);
            TableIO.write(t, p);
            assertEquals(t.columnNames(), TableIO.read(p).columnNames(), ext);
        }
    }

    // --- case 3: a byte-order mark ---

    @Test
    void aUtf8BomIsSkippedInCsvAndEcsv() throws IOException {
        Table csv = TableIO.read(TestFiles.text(dir, "bom.csv", "\uFEFFsource_id,ra\n3404089202185340828,1.5\n"));
        assertEquals(List.of("source_id", "ra"), csv.columnNames());
        assertEquals(GAIA_ID, csv.longColumn("source_id").getLong(0));
        Path plain = dir.resolve("plain.ecsv");
        TableIO.write(csv, plain);
        Path bom = TestFiles.text(dir, "bom.ecsv", "\uFEFF" + Files.readString(plain));
        Table ecsv = TableIO.read(bom);
        assertEquals(List.of("source_id", "ra"), ecsv.columnNames());
        assertEquals(GAIA_ID, ecsv.longColumn("source_id").getLong(0));
    }

    // --- case 4: ragged rows ---

    @Test
    void aRaggedRowIsRefusedNamingItsLineAndCellCounts() throws IOException {
        // line 2 holds a quoted line break, so the short row is line 5 as an editor shows it
        Path few = TestFiles.text(dir, "few.csv", "name,ra,dec\n\"two\nlines\",1,2\nb,3,4\nc,5\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(few));
        assertEquals("few.csv: line 5 has 2 cells; the header has 3. Check that row's commas and quotes.", TestFiles.oneLine(e));
        Path many = TestFiles.text(dir, "many.csv", "ra,dec\n1,2\n3,4,5\n");
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(many));
        assertEquals("many.csv: line 3 has 3 cells; the header has 2. Check that row's commas and quotes.", TestFiles.oneLine(e2));
        Path unclosed = TestFiles.text(dir, "open.csv", "name,ra\n\"never closed,1\n");
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(unclosed)))
                .startsWith("open.csv: line 2: a quoted cell is not closed"));
        Path dup = TestFiles.text(dir, "dup.csv", "ra,ra\n1,2\n");
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(dup)))
                .contains("names column 'ra' twice"));
    }

    // --- case 5 and 10: zero rows ---

    @Test
    void aHeaderOnlyCsvIsAZeroRowTableThatEveryFormatWrites() throws IOException {
        Path p = TestFiles.text(dir, "header.csv", "source_id,ra,dec\n");
        Table t = TableIO.read(p);
        assertEquals(0, t.rowCount());
        assertEquals(List.of("source_id", "ra", "dec"), t.columnNames());
        for (String ext : List.of("parquet", "csv", "ecsv", "arrow", "vot")) {
            Path out = dir.resolve("empty." + ext);
            TableIO.convert(p, out);
            Table back = TableIO.read(out);
            assertEquals(0, back.rowCount(), ext);
            assertEquals(t.columnNames(), back.columnNames(), ext);
        }
    }

    @Test
    void aZeroRowParquetFromDuckDbKeepsItsSchema() throws Exception {
        Path p = dir.resolve("zero.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1::BIGINT AS source_id, 1.5::DOUBLE AS ra, 'x' AS designation WHERE false) TO '" + p
                    + "' (FORMAT PARQUET)");
        }
        Table t = TableIO.read(p);
        assertEquals(0, t.rowCount());
        assertEquals(List.of("source_id", "ra", "designation"), t.columnNames());
        assertInstanceOf(LongColumn.class, t.column("source_id"));
        assertInstanceOf(DoubleColumn.class, t.column("ra"));
        assertEquals(0, TableIO.read(p, "ra").rowCount());
    }

    @Test
    void aNonParquetOrTruncatedParquetIsOneLineNamingTheFile() throws IOException {
        Path html = TestFiles.text(dir, "tile.parquet", "<html><body>Service under maintenance</body></html>\n");
        String why = TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(html)));
        assertTrue(why.startsWith("tile.parquet: not a readable Parquet file (the file is not a Parquet file"), why);
        assertFalse(why.contains("LocalInputFile@"), why);
        Path good = dir.resolve("cut.parquet");
        TableIO.write(ids(), good);
        byte[] b = Files.readAllBytes(good);
        Files.write(good, java.util.Arrays.copyOf(b, b.length - 7));
        var e = assertThrows(TasniException.class, () -> TableIO.read(good));
        assertTrue(e.getMessage().startsWith("cut.parquet: "), e.getMessage());
        Path empty = TestFiles.text(dir, "empty.parquet", "");
        assertTrue(assertThrows(TasniException.class, () -> TableIO.read(empty)).getMessage().startsWith("empty.parquet: "));
    }

    // --- case 6: an output under a regular file ---

    @Test
    void anOutputUnderARegularFileIsRefusedByEveryWritePath() throws IOException {
        Path file = TestFiles.text(dir, "afile", "x");
        Table t = ids();
        for (String ext : List.of("parquet", "csv", "ecsv", "arrow", "vot")) {
            Path out = file.resolve("sub/out." + ext);
            var e = assertThrows(TasniException.class, () -> TableIO.write(t, out), ext);
            assertTrue(TestFiles.oneLine(e).contains("is a file, not a directory"), e.getMessage());
        }
        var e = assertThrows(TasniException.class, () -> ParquetIO.writer(t, file.resolve("w.parquet"), 1 << 20));
        assertTrue(TestFiles.oneLine(e).contains("is a file, not a directory"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    // --- case 7: type errors name the file ---

    @Test
    void typeErrorsNameFileColumnAndRow() throws IOException {
        Table t = TableIO.read(TestFiles.text(dir, "ids.csv", "cntr,designation\n1,J1\n,J2\n"));
        var e = assertThrows(TasniException.class, () -> Columns.longs(t, "cntr"));
        assertEquals("ids.csv: column 'cntr' is empty at data row 2 (counted from 1, the header not counted); expected an "
                + "integer.", TestFiles.oneLine(e));
        var e2 = assertThrows(TasniException.class, () -> Columns.doubles(t, "designation"));
        assertEquals("ids.csv: column 'designation' has type STRING; expected a number.", TestFiles.oneLine(e2));
        var e3 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "t.ecsv", "# %ECSV 1.0\n# ---\n# datatype:\n"
                + "# - {name: ra, datatype: float64}\nra\n1.0\nabc\n")));
        assertEquals("t.ecsv: line 7, column 'ra': 'abc' is not a valid float64 (the type the ECSV header declares).",
                TestFiles.oneLine(e3));
        var e4 = assertThrows(TasniException.class, () -> TableIO.read(dir.resolve("ids.csv"), "cntr", "cntr"));
        assertEquals("ids.csv: column 'cntr' is asked for twice.", TestFiles.oneLine(e4));
    }

    // --- case 8: DECIMAL written by DuckDB ---

    @Test
    void decimalColumnsFromDuckDbReadAsDuckDbReadsThem() throws Exception {
        Path p = dir.resolve("decimal.parquet");
        List<Object[]> expected = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            // DECIMAL(18,0) holds an 18-digit id; a full 19-digit Gaia id needs DECIMAL(19,0), which DuckDB stores in 16 bytes
            st.execute("CREATE TABLE d AS SELECT * FROM (VALUES "
                    + "(123456.789012::DECIMAL(18,6), '12345678901234567890.0123456789'::DECIMAL(38,10), 1234567.89::DECIMAL(9,2), 999999999999999999::DECIMAL(18,0), 3404089202185340828::DECIMAL(19,0)),"
                    + "(-0.000001::DECIMAL(18,6), -0.0000000001::DECIMAL(38,10), -0.01::DECIMAL(9,2), -340408920218534082::DECIMAL(18,0), 9223372036854775807::DECIMAL(19,0)),"
                    + "(NULL, NULL, NULL, NULL, NULL)) v(mag, flux, ra, cntr, source_id)");
            st.execute("COPY d TO '" + p + "' (FORMAT PARQUET)");
            try (ResultSet rs = st.executeQuery("SELECT mag, flux, ra, cntr, source_id FROM read_parquet('" + p + "')")) {
                while (rs.next()) {
                    expected.add(new Object[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT path_in_schema, type FROM parquet_metadata('" + p + "')")) {
                List<String> physical = new ArrayList<>();
                while (rs.next()) {
                    physical.add(rs.getString(1) + ":" + rs.getString(2));
                }
                // the three physical backings are all exercised
                assertTrue(physical.contains("mag:INT64") && physical.contains("flux:FIXED_LEN_BYTE_ARRAY")
                        && physical.contains("ra:INT32") && physical.contains("cntr:INT64")
                        && physical.contains("source_id:FIXED_LEN_BYTE_ARRAY"), physical.toString());
            }
        }
        Table t = TableIO.read(p);
        assertEquals(3, t.rowCount());
        assertInstanceOf(DoubleColumn.class, t.column("mag"));
        assertInstanceOf(DoubleColumn.class, t.column("flux"));
        assertInstanceOf(DoubleColumn.class, t.column("ra"));
        LongColumn cntr = assertInstanceOf(LongColumn.class, t.column("cntr"));
        LongColumn id = assertInstanceOf(LongColumn.class, t.column("source_id"));
        for (int i = 0; i < 2; i++) {
            Object[] e = expected.get(i);
            assertEquals(((BigDecimal) e[0]).doubleValue(), t.doubleColumn("mag").getDouble(i), 0.0, "mag " + i);
            assertEquals(((BigDecimal) e[1]).doubleValue(), t.doubleColumn("flux").getDouble(i), 0.0, "flux " + i);
            assertEquals(((BigDecimal) e[2]).doubleValue(), t.doubleColumn("ra").getDouble(i), 0.0, "ra " + i);
            assertEquals(((BigDecimal) e[3]).longValueExact(), cntr.getLong(i), "cntr " + i);
            assertEquals(((BigDecimal) e[4]).longValueExact(), id.getLong(i), "source_id " + i);
        }
        assertEquals(123456.789012, t.doubleColumn("mag").getDouble(0));
        assertEquals(GAIA_ID, id.getLong(0));
        assertEquals(Long.MAX_VALUE, id.getLong(1));
        for (String c : t.columnNames()) {
            assertTrue(t.column(c).isMissing(2), c + " NULL");
        }
    }

    // --- case 9: ids exact in every format ---

    static Table ids() {
        long[] v = {GAIA_ID, Long.MAX_VALUE, Long.MIN_VALUE, -GAIA_ID, 1, Long.MIN_VALUE + 1};
        LongColumn id = LongColumn.create("source_id", v); // Long.MIN_VALUE is Tablesaw's missing marker: row 2 is missing
        return Table.create("ids", id, DoubleColumn.create("ra", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "ecsv", "arrow", "vot"})
    void sixtyFourBitIdsRoundTripExactlyWithAMissingOne(String ext) {
        Table t = ids();
        assertTrue(t.column("source_id").isMissing(2));
        Path p = dir.resolve("ids." + ext);
        TableIO.write(t, p);
        Table back = TableIO.read(p);
        LongColumn id = assertInstanceOf(LongColumn.class, back.column("source_id"), ext + " reads ids as longs");
        assertEquals(6, id.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(t.column("source_id").isMissing(i), id.isMissing(i), ext + " row " + i);
            if (!id.isMissing(i)) {
                assertEquals(t.longColumn("source_id").getLong(i), id.getLong(i), ext + " row " + i);
            }
        }
        // and through a second conversion, as a pipeline would chain them
        Path again = dir.resolve("again." + ext);
        TableIO.convert(p, again);
        assertEquals(id.asList(), TableIO.read(again).longColumn("source_id").asList(), ext);
    }

    @Test
    void csvIdsAreLongsNeverDoubles() throws IOException {
        Table t = TableIO.read(TestFiles.text(dir, "gaia.csv", "source_id,ra\n3404089202185340828,1.0\n,2.0\n9223372036854775807,3.0\n"));
        assertEquals(GAIA_ID, Columns.longs(t.dropRows(1), "source_id")[0]);
        assertEquals(Long.MAX_VALUE, t.longColumn("source_id").getLong(2));
        assertTrue(t.longColumn("source_id").isMissing(1));
        // a nan among ids is a missing id, not a reason to make the column double
        Table nan = TableIO.read(TestFiles.text(dir, "nan.csv", "# a comment line\r\nsource_id\r\n3404089202185340828\r\nnan\r\n\r\n-7\r\n"));
        LongColumn ids = assertInstanceOf(LongColumn.class, nan.column("source_id"));
        assertEquals(3, ids.size());
        assertEquals(GAIA_ID, ids.getLong(0));
        assertTrue(ids.isMissing(1));
        assertEquals(-7L, ids.getLong(2));
        // small integers stay int, and a 64-bit one makes the column long
        assertInstanceOf(IntColumn.class, TableIO.read(TestFiles.text(dir, "small.csv", "cntr\n1\n-2\n")).column("cntr"));
    }

    // --- case 12: dead writers' temporary files ---

    @Test
    void aConvertRemovesDeadWritersTemporariesAndKeepsLiveOnes() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        assertFalse(ProcessHandle.of(dead).map(ProcessHandle::isAlive).orElse(false));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path stale = Files.writeString(out.resolve(".x.parquet.tmp-" + dead + "-1"), "half");
        Path live = Files.writeString(out.resolve(".y.parquet.tmp-" + ProcessHandle.current().pid() + "-99"), "busy");
        Path in = TestFiles.text(dir, "in.csv", "ra\n1.5\n");
        TableIO.convert(in, out.resolve("x.parquet"));
        assertFalse(Files.exists(stale), "a dead writer's temporary is removed");
        assertTrue(Files.exists(live), "a live writer's temporary is kept");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(".y.parquet.tmp-" + ProcessHandle.current().pid() + "-99", "x.parquet"),
                    s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void onlyTheTemporariesOfDeadWritersOnThisHostAreRemoved() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        // the name this host's writers give: .NAME.tmp-HOST-PID-N (learnt in another directory: the first write into
        // a directory is the one that cleans it)
        Path probe = AtomicFiles.temporaryFor(dir.resolve("probe/z.parquet"));
        AtomicFiles.released(probe);
        String host = probe.getFileName().toString().replaceAll("^\\.z\\.parquet\\.tmp-(.+)-\\d+-\\d+$", "$1");
        assertNotEquals(probe.getFileName().toString(), host);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path stale = Files.writeString(out.resolve(".a.parquet.tmp-" + host + "-" + dead + "-1"), "half");
        // a directory several machines mount: another host's process id says nothing about its writer here
        Path otherHost = Files.writeString(out.resolve(".b.parquet.tmp-another_host-" + dead + "-1"), "busy elsewhere");
        // hidden files of the user's that merely contain ".tmp-"
        Path notes = Files.writeString(out.resolve(".notes.tmp-backup"), "mine");
        Path results = Files.writeString(out.resolve(".results.tmp-99999999-x"), "mine");
        // the shape of an earlier version's name (no host), but not after a name this toolkit writes
        Path dated = Files.writeString(out.resolve(".notes.tmp-" + dead + "-01"), "mine");
        // a valid name of 250 bytes: its temporary file's name is cut to fit the file system's 255
        String longName = "a".repeat(242) + ".parquet";
        TableIO.convert(TestFiles.text(dir, "in.csv", "ra\n1.5\n"), out.resolve(longName));
        assertFalse(Files.exists(stale), "a dead writer's temporary on this host is removed");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(otherHost, notes, results, dated, out.resolve(longName)).stream()
                    .map(x -> x.getFileName().toString()).sorted().toList(),
                    s.map(x -> x.getFileName().toString()).sorted().toList());
        }
        assertEquals(1, TableIO.read(out.resolve(longName)).rowCount());
    }

    @Test
    void aStoredSmallestLongIsRefusedNotReadAsMissing() throws Exception {
        Path p = dir.resolve("min.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT (-9223372036854775807 - 1)::BIGINT AS source_id) TO '" + p + "' (FORMAT PARQUET)");
        }
        var e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertTrue(TestFiles.oneLine(e).startsWith("min.parquet: column 'source_id' holds -9223372036854775808 at data row 1"),
                e.getMessage());
    }

    // --- fix round: leading zeros, case-only duplicate names, the long marker, header-only files, directories ---

    @Test
    void leadingZeroIdsStayDistinctStrings() throws IOException {
        Path in = TestFiles.text(dir, "lz.csv", "designation,ra,dec,flags,n,x\n007,10,20,0000,0,0.5\n7,10.1,20,01,-3,-0.5\n");
        Table t = TableIO.read(in);
        assertEquals(List.of("007", "7"), t.stringColumn("designation").asList());
        assertEquals(List.of("0000", "01"), t.stringColumn("flags").asList());
        assertEquals(List.of(0, -3), t.intColumn("n").asList(), "'0' alone is a number");
        assertEquals(List.of(0.5, -0.5), t.doubleColumn("x").asList());
        Path ecsv = dir.resolve("lz.ecsv");
        TableIO.convert(in, ecsv);
        Table back = TableIO.read(ecsv);
        assertEquals(List.of("007", "7"), back.stringColumn("designation").asList());
        assertEquals(2, back.stringColumn("designation").unique().size());
    }

    @Test
    void ownCsvOfNeowiseEpochsReadsBackWithFlagStrings() throws IOException {
        Path sample = Path.of(System.getProperty("user.dir")).resolve("../data-samples/neowise_epochs.parquet");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "data-samples not found");
        Table epochs = TableIO.read(sample);
        Path csv = dir.resolve("e.csv");
        TableIO.write(epochs, csv);
        Table back = TableIO.read(csv);
        assertEquals(epochs.rowCount(), back.rowCount());
        for (String c : new String[] {"moon_masked", "cc_flags"}) {
            assertEquals(epochs.stringColumn(c).asList(), back.stringColumn(c).asList(), c);
        }
    }

    @Test
    void columnNamesDifferingOnlyInCaseAreRefusedInEveryFormat() throws IOException {
        Path csv = TestFiles.text(dir, "case.csv", "source_id,ra,dec,RA\n1,10,20,11\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(csv));
        assertEquals("case.csv: columns 'ra' and 'RA' differ only in case; column names must differ ignoring case."
                + " Rename one.", TestFiles.oneLine(e));
        Path ecsv = TestFiles.text(dir, "case.ecsv", "# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n"
                + "# - {name: ra, datatype: float64}\n# - {name: RA, datatype: float64}\n# schema: astropy-2.0\nra,RA\n1,2\n");
        e = assertThrows(TasniException.class, () -> TableIO.read(ecsv));
        assertTrue(TestFiles.oneLine(e).startsWith("case.ecsv: columns 'ra' and 'RA' differ only in case"), e.getMessage());
        // Tablesaw cannot hold such a table, so the binary formats are written by hand with their own writers' schema:
        // a table with 'ra' and 'Rb' is written, then the file's bytes renamed 'Rb' -> 'RA' (same length)
        Table t = Table.create("t", DoubleColumn.create("ra", 1.0), DoubleColumn.create("Rb", 2.0));
        for (String ext : new String[] {"parquet", "arrow", "vot"}) {
            Path f = dir.resolve("case." + ext);
            TableIO.write(t, f);
            byte[] b = Files.readAllBytes(f);
            int hits = 0;
            for (int i = 0; i + 1 < b.length; i++) {
                if (b[i] == 'R' && b[i + 1] == 'b') {
                    b[i + 1] = 'A';
                    hits++;
                }
            }
            assertTrue(hits > 0, ext);
            Files.write(f, b);
            e = assertThrows(TasniException.class, () -> TableIO.read(f), ext);
            assertTrue(TestFiles.oneLine(e).startsWith("case." + ext + ": columns 'ra' and 'RA' differ only in case"),
                    e.getMessage());
        }
    }

    @Test
    void smallestLongInACsvIdColumnIsRefusedLikeEcsv() throws IOException {
        Path csv = TestFiles.text(dir, "minl.csv", "source_id,ra\n1,10\n-9223372036854775808,11\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(csv));
        assertTrue(TestFiles.oneLine(e).startsWith("minl.csv: line 3, column 'source_id': -9223372036854775808 is the smallest"),
                e.getMessage());
        Path ecsv = TestFiles.text(dir, "minl.ecsv", "# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n"
                + "# - {name: source_id, datatype: int64}\n# schema: astropy-2.0\nsource_id\n1\n-9223372036854775808\n");
        e = assertThrows(TasniException.class, () -> TableIO.read(ecsv));
        assertTrue(TestFiles.oneLine(e).startsWith("minl.ecsv: line 9, column 'source_id': -9223372036854775808 is the smallest"),
                e.getMessage());
        // among words the column is a string column anyway, and the cell is just text
        Table t = TableIO.read(TestFiles.text(dir, "minw.csv", "name\nJ1\n-9223372036854775808\n"));
        assertEquals(List.of("J1", "-9223372036854775808"), t.stringColumn("name").asList());
    }

    @Test
    void headerOnlyCsvGivesEmptyNumberArrays() throws IOException {
        Table t = TableIO.read(TestFiles.text(dir, "h.csv", "source_id,ra,dec\n"));
        assertEquals(0, t.rowCount());
        assertEquals(0, Columns.doubles(t, "ra").length);
        assertEquals(0, Columns.longs(t, "source_id").length);
        // a string column with rows is still refused
        Table w = TableIO.read(TestFiles.text(dir, "w.csv", "ra\nabc\n"));
        assertThrows(TasniException.class, () -> Columns.doubles(w, "ra"));
    }

    @Test
    void directoryAsInputIsNamedAsSuch() throws IOException {
        for (String ext : new String[] {"parquet", "csv", "ecsv", "arrow", "vot"}) {
            Path d = Files.createDirectories(dir.resolve("part." + ext));
            var e = assertThrows(TasniException.class, () -> TableIO.read(d), ext);
            assertEquals(d + ": is a directory (a partitioned dataset?); give a file.", TestFiles.oneLine(e));
        }
    }

    @Test
    void statsJsonEqualToOutIsTheOtherOutput() {
        Path out = dir.resolve("same.csv");
        var e = assertThrows(TasniException.class, () -> OutputPaths.refuseClash(out, dir.resolve("./same.csv")));
        assertTrue(TestFiles.oneLine(e).contains("is the other output"), e.getMessage());
        assertFalse(e.getMessage().contains("is the input"), e.getMessage());
        OutputPaths.refuseClash(out, null);
        OutputPaths.refuseClash(out, dir.resolve("s.json"));
    }
}
