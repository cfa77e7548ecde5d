package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a format writes, the toolkit reads back as it was; what it could not, is refused at the write, naming the
 * file, the column and the row. Columns are asked for by their exact names, in every format.
 */
class WriteReadAgreementTest {

    @TempDir
    Path dir;

    private static final String[] FORMATS = {"parquet", "csv", "ecsv", "arrow", "vot"};

    /** A value longer than the CSV reader takes was written, then read back as 'an unclosed quote?'. */
    @Test
    void aCsvCellLongerThanTheReaderTakesIsRefusedAtTheWrite() {
        // at the limit, with quotes and commas (the file's cell is longer than the value): written and read back
        String atLimit = "\"a,\"" + "x".repeat(CsvRecords.MAX_CELL_CHARS - 4);
        String over = "y".repeat(CsvRecords.MAX_CELL_CHARS + 1);
        for (String ext : new String[] {"csv", "ecsv"}) {
            Path ok = dir.resolve("ok." + ext);
            TableIO.write(Table.create("t", StringColumn.create("s", "a", atLimit)), ok);
            assertEquals(List.of("a", atLimit), TableIO.read(ok).stringColumn("s").asList(), ext);
            Path f = dir.resolve("long." + ext);
            var e = assertThrows(TasniException.class,
                    () -> TableIO.write(Table.create("t", StringColumn.create("s", "a", over)), f));
            assertEquals("long." + ext + ": column 's' holds a value of 1048577 characters at data row 2, longer than a"
                    + " CSV or ECSV cell may be (1048576 characters, what this toolkit reads back); write .parquet or"
                    + " .arrow for such values.", TestFiles.oneLine(e));
            assertFalse(Files.exists(f), ext);
            // a column name is a cell of the header line
            e = assertThrows(TasniException.class, () -> TableIO.write(Table.create("t", StringColumn.create(over,
                    "a")), f));
            assertEquals("long." + ext + ": a column name of 1048577 characters (column 1) is longer than a CSV or ECSV"
                    + " cell may be (1048576 characters, what this toolkit reads back); give it a shorter name.",
                    TestFiles.oneLine(e));
            assertFalse(Files.exists(f), ext);
        }
    }

    /** Parquet threw InvalidSchemaException; CSV and ECSV wrote files they then refused to read. */
    @Test
    void aTableOfNoColumnsIsRefusedInEveryFormat() {
        for (String ext : FORMATS) {
            Path f = dir.resolve("zc." + ext);
            var e = assertThrows(TasniException.class, () -> TableIO.write(Table.create("zc"), f), ext);
            assertEquals("zc." + ext + ": table 'zc' has no columns, and a table file needs at least one; nothing was"
                    + " written.", TestFiles.oneLine(e));
            assertThrows(TasniException.class, () -> TableIO.write(Table.create("zc"), new int[0], f), ext);
            assertFalse(Files.exists(f), ext);
        }
        // an Arrow file of no columns (as other writers make) reads, and is not converted
        Path zc = dir.resolve("in.arrow");
        ArrowIO.write(Table.create("zc"), zc);
        var e = assertThrows(TasniException.class, () -> TableIO.convert(zc, dir.resolve("out.parquet")));
        assertTrue(TestFiles.oneLine(e).startsWith("out.parquet: table 'in.arrow' has no columns"), e.getMessage());
    }

    /** A column named "" was written by ECSV and then refused on reading. */
    @Test
    void aColumnWithAnEmptyNameIsRefusedInEveryFormat() {
        Table t = Table.create("em", IntColumn.create("i", new int[] {1}), IntColumn.create("", new int[] {2}));
        for (String ext : FORMATS) {
            Path f = dir.resolve("em." + ext);
            var e = assertThrows(TasniException.class, () -> TableIO.write(t, f), ext);
            assertEquals("em." + ext + ": column 2 of table 'em' has an empty name, which a file cannot hold and read "
                    + "back; give it a name.", TestFiles.oneLine(e));
            assertThrows(TasniException.class, () -> TableIO.write(t, new int[] {0}, f), ext);
            assertFalse(Files.exists(f), ext);
        }
    }

    /** Tablesaw's lookup ignores case: 'RA' took 'ra' in every format but Parquet, and 'i,I' was an internal error. */
    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "ecsv", "arrow", "vot"})
    void columnsAreAskedForByTheirExactNames(String ext) {
        Path f = dir.resolve("t." + ext);
        TableIO.write(Table.create("t", DoubleColumn.create("ra", 1.5), DoubleColumn.create("Dec", 2.5)), f);
        assertEquals(List.of("Dec", "ra"), TableIO.read(f, "Dec", "ra").columnNames());
        for (String[] asked : new String[][] {{"RA"}, {"ra", "RA"}, {"dec"}}) {
            var e = assertThrows(TasniException.class, () -> TableIO.read(f, asked), Arrays.toString(asked));
            String missing = asked[asked.length - 1];
            assertEquals("t." + ext + ": no column '" + missing + "' (columns: ra, Dec).", TestFiles.oneLine(e));
        }
        var twice = assertThrows(TasniException.class, () -> TableIO.read(f, "ra", "ra"));
        assertEquals("t." + ext + ": column 'ra' is asked for twice.", TestFiles.oneLine(twice));
    }

    /**
     * Tablesaw trims column names: Parquet's ' y ' became 'y' in the output, 'y' could not be asked for while ' y '
     * could, and 'a' beside 'a ' was refused as differing only in case. Refused on reading, in every format.
     */
    @Test
    void aColumnNameWithLeadingOrTrailingWhitespaceIsRefusedInEveryFormat() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(TestFiles.text(dir, "t.csv", "x,\" y \"\n1,2\n"));
        files.add(TestFiles.text(dir, "t.ecsv", "# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n"
                + "# - {name: x, datatype: int64}\n# - {name: ' y ', datatype: int64}\n# schema: astropy-2.0\n"
                + "x,\" y \"\n1,2\n"));
        // Tablesaw cannot name a column ' y ': the binary formats are written with 'QyQ', then its bytes renamed
        Table t = Table.create("t", IntColumn.create("x", new int[] {1}), IntColumn.create("QyQ", new int[] {2}));
        for (String ext : new String[] {"parquet", "arrow", "vot"}) {
            Path f = dir.resolve("t." + ext);
            TableIO.write(t, f);
            byte[] b = Files.readAllBytes(f);
            String text = new String(b, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("QyQ"), ext);
            Files.write(f, text.replace("QyQ", " y ").getBytes(StandardCharsets.ISO_8859_1));
            files.add(f);
        }
        for (Path f : files) {
            var e = assertThrows(TasniException.class, () -> TableIO.read(f), f.toString());
            assertEquals(f.getFileName() + ": column ' y ' has leading or trailing whitespace in its name, which this "
                    + "toolkit's tables cannot keep (the name would become 'y'); rename the column in the file.",
                    TestFiles.oneLine(e));
            assertThrows(TasniException.class, () -> TableIO.read(f, "x"), f.toString());
        }
        // 'a' and 'a ' differ by a blank, not in case
        var e = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "a.csv", "a,\"a \"\n1,2\n")));
        assertTrue(TestFiles.oneLine(e).startsWith("a.csv: column 'a ' has leading or trailing whitespace"),
                e.getMessage());
        // a control character is shown as an escape, so the message stays one line
        e = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "n.csv", "a,\"b\n\"\n1,2\n")));
        assertTrue(TestFiles.oneLine(e).startsWith("n.csv: column 'b\\u000A' has leading"), e.getMessage());
    }

    /** Row indices outside the table threw ArrayIndexOutOfBounds or IndexOutOfBounds, naming nothing. */
    @Test
    void rowIndicesOutsideTheTableAreRefusedNamingTheIndex() {
        Table t = Table.create("t", IntColumn.create("i", 1, 2, 3));
        for (String ext : FORMATS) {
            Path f = dir.resolve("r." + ext);
            var e = assertThrows(TasniException.class, () -> TableIO.write(t, new int[] {0, 5}, f), ext);
            assertEquals("r." + ext + ": row index 5 (rows[1]) is not a row of table 't', which has 3 rows (indices 0 "
                    + "to 2); nothing was written.", TestFiles.oneLine(e));
            e = assertThrows(TasniException.class, () -> TableIO.write(t, new int[] {-1}, f), ext);
            assertTrue(TestFiles.oneLine(e).startsWith("r." + ext + ": row index -1 (rows[0]) is not a row"), ext);
            assertFalse(Files.exists(f), ext);
        }
    }

    /** Parquet wrote descending and repeated rows as given; the other formats sorted them and dropped repeats. */
    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "ecsv", "arrow", "vot"})
    void rowsAreWrittenInTheOrderGivenInEveryFormat(String ext) {
        IntColumn i = IntColumn.create("i", 1, 2, 3);
        i.setMissing(0);
        Table t = Table.create("t", i, StringColumn.create("s", "a", "b", "c"));
        Path f = dir.resolve("o." + ext);
        TableIO.write(t, new int[] {2, 0, 2, 1}, f);
        Table back = TableIO.read(f);
        assertEquals(List.of("c", "a", "c", "b"), back.stringColumn("s").asList());
        assertEquals(4, back.rowCount());
        assertEquals(List.of(false, true, false, false),
                List.of(back.column("i").isMissing(0), back.column("i").isMissing(1), back.column("i").isMissing(2),
                        back.column("i").isMissing(3)));
        assertEquals("3", back.column("i").getString(0));
        assertEquals("2", back.column("i").getString(3));
        // ascending rows, a selection's, as before
        TableIO.write(t, new int[] {1, 2}, f);
        assertEquals(List.of("b", "c"), TableIO.read(f).stringColumn("s").asList());
    }
}
