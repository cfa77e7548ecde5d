package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * A string value whose bytes are not UTF-8 is refused with its row, by the toolkit's page decoder and parquet-java's
 * alike: decoded as before, each bad byte read as U+FFFD, a changed value no one saw. UTF-8 beyond ASCII reads as
 * written.
 */
class ParquetUtf8Test {

    @TempDir
    Path dir;

    private static final int ROWS = 3000, AT = 2500;
    private static final byte[] BAD = {'a', (byte) 0xff, (byte) 0xfe, 'b'};

    @ParameterizedTest
    @EnumSource(PageLayout.class)
    void bytesThatAreNotUtf8AreRefusedWithTheirRow(PageLayout pages) throws IOException {
        Path p = file(pages, BAD);
        TasniException e = assertThrows(TasniException.class, () -> ParquetIO.read(p, null));
        assertEquals(p.getFileName() + ": column 's' holds bytes that are not UTF-8 at data row " + (AT + 1)
                + "; a Parquet string must be UTF-8.", e.getMessage());
        // the streamed read too
        assertThrows(TasniException.class, () -> ParquetIO.forEachRowGroup(p, List.of("s"), g -> { }));
    }

    @ParameterizedTest
    @EnumSource(PageLayout.class)
    void utf8BeyondAsciiReadsAsWritten(PageLayout pages) throws IOException {
        String text = "ü€😀 J0123";
        Table t = ParquetIO.read(file(pages, text.getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(text, t.stringColumn("s").get(AT));
        assertEquals("", t.stringColumn("s").get(0), "row 0 is a null");
        assertEquals("J" + 1 % 50, t.stringColumn("s").get(1));
        assertEquals(ROWS, t.rowCount());
    }

    /** One string column s: null every 10th row, else "J" and the row's number mod 50, and {@code value} at AT. */
    private Path file(PageLayout pages, byte[] value) throws IOException {
        Path out = dir.resolve(pages + "_" + value.length + ".parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional binary s (STRING); }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = pages.writer(out, schema)) {
            for (int i = 0; i < ROWS; i++) {
                Group g = groups.newGroup();
                if (i == AT) {
                    g.add("s", Binary.fromConstantByteArray(value));
                } else if (i % 10 != 0) {
                    g.add("s", "J" + i % 50);
                }
                w.write(g);
            }
        }
        return out;
    }
}
