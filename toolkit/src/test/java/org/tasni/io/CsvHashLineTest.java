package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * A line starting with '#': a comment before the header line (an ECSV file's YAML header, a CSV file's notes), a row
 * after it, as astropy's CSV reader has it; never dropped unseen.
 */
class CsvHashLineTest {

    @TempDir
    Path dir;

    @Test
    void aCsvRowStartingWithHashIsARow() throws IOException {
        Table t = TableIO.read(TestFiles.text(dir, "h.csv", "s,n\n#tag,1\nb,2\n"));
        assertEquals(List.of("#tag", "b"), t.stringColumn("s").asList());
        assertEquals(List.of(1, 2), t.intColumn("n").asList());
        // a number column's '#' cell is a word, as anywhere else in the file: the column is read as strings
        Table u = TableIO.read(TestFiles.text(dir, "n.csv", "n,s\n1,a\n# 2,b\n"));
        assertEquals(List.of("1", "# 2"), u.stringColumn("n").asList());
    }

    @Test
    void commentLinesBeforeTheHeaderAreSkippedAndLinesStillCounted() throws IOException {
        Path p = TestFiles.text(dir, "c.csv", "\uFEFF# written by hand\n\n  # indented note, with \"a quote\n#,\ns,n\n#tag,1\n\nb\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertEquals("c.csv: line 8 has 1 cell; the header has 2. Check that row's commas and quotes.", e.getMessage());
        Table t = TableIO.read(TestFiles.text(dir, "d.csv", "# note\r\ns,n\r\n#tag,1\r\n"));
        assertEquals(List.of("s", "n"), t.columnNames());
        assertEquals(List.of("#tag"), t.stringColumn("s").asList());
        Path bad = TestFiles.text(dir, "b.csv", "# note\n# more\nx\n1.5\n1e999\n");
        assertTrue(assertThrows(TasniException.class, () -> TableIO.read(bad)).getMessage()
                .startsWith("b.csv: line 5, column 'x': '1e999'"));
        Path only = TestFiles.text(dir, "only.csv", "# nothing\n#\n");
        assertEquals("only.csv: the file is empty; expected a header line with the column names.",
                assertThrows(TasniException.class, () -> TableIO.read(only)).getMessage());
    }

    @Test
    void anEcsvRowStartingWithHashIsARowAsAstropyWritesIt() throws IOException {
        // astropy 5.2 writes the string '#tag' unquoted: Table({'s': ['#tag', 'b'], 'n': [1, 2]}).write('w.ecsv')
        Table t = TableIO.read(TestFiles.text(dir, "w.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - {name: s, datatype: string}",
                "# - {name: n, datatype: int64}",
                "# schema: astropy-2.0",
                "s n",
                "#tag 1",
                "b 2", "")));
        assertEquals(List.of("#tag", "b"), t.stringColumn("s").asList());
        assertEquals(List.of(1L, 2L), t.longColumn("n").asList());
        // in a number column it is refused, naming its line, rather than dropped
        Path p = TestFiles.text(dir, "x.ecsv", "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: ra, datatype: float64}\nra\n1.5\n#2\n");
        assertEquals("x.ecsv: line 7, column 'ra': '#2' is not a valid float64 (the type the ECSV header declares).",
                assertThrows(TasniException.class, () -> TableIO.read(p)).getMessage());
    }

    @Test
    void ourOwnFilesKeepAHashStringThroughCsvAndEcsv() {
        Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("s", "#tag", "# x", "b"));
        for (String ext : List.of("csv", "ecsv")) {
            Path p = dir.resolve("own." + ext);
            TableIO.write(t, p);
            assertEquals(List.of("#tag", "# x", "b"), TableIO.read(p).stringColumn("s").asList(), ext);
        }
    }
}
