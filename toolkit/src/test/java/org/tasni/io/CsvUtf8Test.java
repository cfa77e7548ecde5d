package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * A CSV or ECSV file's bytes that are not UTF-8 are refused with their line, wherever the parser's buffers fall; the
 * parser's own decoding had put U+FFFD in their place. UTF-8 beyond ASCII, with sequences across buffer ends, reads as
 * written.
 */
class CsvUtf8Test {

    @TempDir
    Path dir;

    private Path file(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(Path p) {
        return assertThrows(TasniException.class, () -> TableIO.read(p)).getMessage();
    }

    @Test
    void badBytesAreRefusedWithTheirLine() throws IOException {
        byte[] bad = {'a', (byte) 0xff, (byte) 0xfe, 'b'};
        Path small = file("small.csv", text("# note\nname,x\nok,1\n\"two\nlines\",2\n"), bad, text(",3\n"));
        assertEquals("small.csv: line 6 holds bytes that are not UTF-8; a CSV or ECSV file must be UTF-8 (save it again"
                + " as UTF-8).", refusal(small));
        // far beyond the parser's first buffer
        StringBuilder many = new StringBuilder("name,x\n");
        for (int i = 0; i < 150_000; i++) {
            many.append("J").append(i).append(",").append(i).append('\n');
        }
        Path big = file("big.csv", text(many.toString()), bad, text(",1\n"));
        assertTrue(refusal(big).startsWith("big.csv: line 150002 holds bytes that are not UTF-8"), refusal(big));
        // a sequence the file ends inside, and a lone continuation byte
        Path cut = file("cut.csv", text("name,x\nok,1\nend"), new byte[] {(byte) 0xe2, (byte) 0x82});
        assertTrue(refusal(cut).startsWith("cut.csv: line 3 holds"), refusal(cut));
        Path lone = file("lone.ecsv", text("# %ECSV 1.0\n# ---\n# datatype:\n# - {name: name, datatype: string}\n"
                + "# schema: astropy-2.0\nname\nok\n"), new byte[] {(byte) 0x80}, text("\n"));
        assertTrue(refusal(lone).startsWith("lone.ecsv: line 8 holds"), refusal(lone));
    }

    @Test
    void utf8ReadsAsWrittenAcrossTheParsersBuffers() throws IOException {
        // 3- and 4-byte sequences at every offset, so that some straddle the end of a read
        StringBuilder sb = new StringBuilder("name,x\n");
        String word = "€😀ü";
        for (int i = 0; i < 20_000; i++) {
            sb.append(word.repeat(1 + i % 3)).append(i % 7 == 0 ? "x" : "").append(',').append(i).append('\n');
        }
        Path p = file("utf8.csv", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text(sb.toString()));
        Table t = TableIO.read(p);
        assertEquals(20_000, t.rowCount());
        for (int i = 0; i < 20_000; i += 997) {
            assertEquals(word.repeat(1 + i % 3) + (i % 7 == 0 ? "x" : ""), t.stringColumn("name").get(i), "row " + i);
        }
    }
}
