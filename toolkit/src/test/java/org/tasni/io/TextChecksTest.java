package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Text a file cannot hold is refused before the write, naming the column and row: a lone surrogate in any format
 * (Parquet and Arrow wrote '?' in its place, a CSV failed naming no row), a control character in a VOTable (U+0000
 * cut the string short, others came back as '¿'). What each format can hold round-trips.
 */
class TextChecksTest {

    @TempDir
    Path dir;

    private static Table table(String value, String name) {
        return Table.create("t", StringColumn.create(name, "ok", "fine", value), IntColumn.create("n", 1, 2, 3));
    }

    @Test
    void aLoneSurrogateIsRefusedInEveryFormat() throws java.io.IOException {
        for (String ext : List.of("parquet", "csv", "ecsv", "arrow", "vot")) {
            Path p = dir.resolve("out." + ext);
            String msg = assertThrows(TasniException.class, () -> TableIO.write(table("x\uD800y", "s"), p), ext)
                    .getMessage();
            assertTrue(msg.startsWith("out." + ext + ": column 's' holds a value with a character "), msg);
            assertTrue(msg.endsWith(" at data row 3 ('x\\uD800y')."), msg);
            assertFalse(Files.exists(p), "nothing written");
            // and through the row-subset write the crossmatch uses
            msg = assertThrows(TasniException.class, () -> TableIO.write(table("\uDC00", "s"), new int[] {0, 2}, p), ext)
                    .getMessage();
            assertTrue(msg.endsWith(" at data row 2 ('\\uDC00')."), msg);
            // a row not written is not judged
            TableIO.write(table("\uDC00", "s"), new int[] {0, 1}, p);
            assertEquals(2, TableIO.read(p).rowCount(), ext);
            Files.delete(p);
            msg = assertThrows(TasniException.class, () -> TableIO.write(table("a", "s\uD800"), p), ext).getMessage();
            assertTrue(msg.startsWith("out." + ext + ": the column name 's\\uD800' holds a character"), msg);
        }
    }

    @Test
    void aControlCharacterIsRefusedOnlyInAVOTable() {
        for (String bad : List.of("x\0y", "a\u0001b", "\uFFFF")) {
            Path vot = dir.resolve("out.vot");
            String msg = assertThrows(TasniException.class, () -> TableIO.write(table(bad, "s"), vot)).getMessage();
            assertTrue(msg.contains("that a VOTable (XML 1.0) cannot hold") && msg.contains("at data row 3"), msg);
            for (String ext : List.of("parquet", "arrow", "csv")) {
                Path p = dir.resolve("ctl." + ext);
                TableIO.write(table(bad, "s"), p);
                assertEquals(bad, TableIO.read(p).stringColumn("s").get(2), ext);
            }
        }
    }

    @Test
    void whatEachFormatHoldsRoundTrips() {
        String text = "tab\there, line\nbreak, ü€😀";
        for (String ext : List.of("parquet", "csv", "ecsv", "arrow", "vot")) {
            Path p = dir.resolve("good." + ext);
            TableIO.write(table(text, "name ü"), p);
            assertEquals(text, TableIO.read(p).stringColumn("name ü").get(2), ext);
        }
    }
}
