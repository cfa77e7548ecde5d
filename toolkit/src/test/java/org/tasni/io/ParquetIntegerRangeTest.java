package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tasni.TasniException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;

/**
 * An INT32 column declared INT(8|16) holding a value outside that type (a writer's fault, or corruption) is refused
 * naming the file, column and row, by the toolkit's own page decoder and by parquet-java's column reader alike: read
 * into a 16-bit column it had been wrapped (40000 as −25536) or turned into the missing marker (32768 as −32768),
 * silently. The type's own extremes read as written.
 */
class ParquetIntegerRangeTest {

    @TempDir
    Path dir;

    private static final int ROWS = 3000, AT = 2500;

    @ParameterizedTest
    @EnumSource(PageLayout.class)
    void aValueOutsideItsDeclaredTypeIsRefusedNamingItsRow(PageLayout pages) throws IOException {
        refused(pages, "INT_16", 32768, "INT(16, signed) (-32768 to 32767)");
        refused(pages, "INT_16", 40000, "INT(16, signed) (-32768 to 32767)");
        refused(pages, "INT_16", -40000, "INT(16, signed) (-32768 to 32767)");
        refused(pages, "INT_8", 300, "INT(8, signed) (-128 to 127)");
        refused(pages, "UINT_8", 32768, "INT(8, unsigned) (0 to 255)");
        refused(pages, "UINT_16", -1, "INT(16, unsigned) (0 to 65535)");
        // the marker itself, inside the type: refused as before, as the marker
        TasniException e = assertThrows(TasniException.class, () -> ParquetIO.read(file(pages, "INT_16", -32768), null));
        assertTrue(e.getMessage().contains("holds -32768 at data row " + (AT + 1) + ", the smallest"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PageLayout.class)
    void theTypesExtremesReadAsWritten(PageLayout pages) throws IOException {
        ShortColumn s = assertInstanceOf(ShortColumn.class, ParquetIO.read(file(pages, "INT_16", 32767), null).column("v"));
        assertEquals(32767, s.getShort(AT));
        assertTrue(s.isMissing(0), "row 0 is a null");
        assertEquals(1, s.getShort(1));
        s = assertInstanceOf(ShortColumn.class, ParquetIO.read(file(pages, "INT_16", -32767), null).column("v"));
        assertEquals(-32767, s.getShort(AT));
        s = assertInstanceOf(ShortColumn.class, ParquetIO.read(file(pages, "UINT_8", 255), null).column("v"));
        assertEquals(255, s.getShort(AT));
        Table t = ParquetIO.read(file(pages, "UINT_16", 65535), null);
        assertEquals(65535, assertInstanceOf(IntColumn.class, t.column("v")).getInt(AT));
        assertEquals(ROWS, t.rowCount());
    }

    private void refused(PageLayout pages, String type, int value, String range) throws IOException {
        Path p = file(pages, type, value);
        TasniException e = assertThrows(TasniException.class, () -> ParquetIO.read(p, null), type + " " + value);
        assertEquals(p.getFileName() + ": column 'v' holds " + value + " at data row " + (AT + 1) + ", outside its type " + range
                + ".", e.getMessage());
    }

    /** One column v of {@code type}: null every 10th row, else the row's number mod 100, and {@code value} at AT. */
    private Path file(PageLayout pages, String type, int value) throws IOException {
        Path out = dir.resolve(pages + "_" + type + "_" + value + ".parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional int32 v (" + type + "); }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = pages.writer(out, schema)) {
            for (int i = 0; i < ROWS; i++) {
                Group g = groups.newGroup();
                if (i == AT) {
                    g.add("v", value);
                } else if (i % 10 != 0) {
                    g.add("v", i % 100);
                }
                w.write(g);
            }
        }
        return out;
    }
}
