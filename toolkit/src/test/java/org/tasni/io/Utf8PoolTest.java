package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The values of a string chunk kept as UTF-8 until read: each value, and its bytes for a writer, as {@code new
 * String(bytes, UTF_8)} and {@code getBytes(UTF_8)} give them, whatever the bytes (multi-byte, malformed, empty); and
 * a column read from Parquet written out again as it was.
 */
class Utf8PoolTest {

    @TempDir
    Path dir;

    /** Length-prefixed values, as a PLAIN page holds them, with a few bytes before and after. */
    private static byte[] page(List<byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x55);
        for (byte[] v : values) {
            out.write(v.length & 0xFF);
            out.write(v.length >>> 8 & 0xFF);
            out.write(v.length >>> 16 & 0xFF);
            out.write(v.length >>> 24 & 0xFF);
            out.writeBytes(v);
        }
        out.write(0x77);
        return out.toByteArray();
    }

    @Test
    void readsEachValueAsTheStringDecoderDoes() {
        List<byte[]> values = new ArrayList<>();
        values.add("J054308.15+180525.9".getBytes(StandardCharsets.UTF_8));
        values.add("é–ü 𝛼".getBytes(StandardCharsets.UTF_8));
        values.add(new byte[0]);
        values.add(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF}); // malformed: U+FFFD where the decoder puts it
        byte[] p = page(values);
        Utf8Pool pool = new Utf8Pool();
        int empty = pool.addEmpty();
        int first = pool.addPlain(p, 1, p.length - 1, values.size());
        int again = pool.addPlain(p, 1, p.length - 1, values.size());
        assertEquals(0, empty);
        assertEquals(1, first);
        assertEquals(1 + values.size(), again);
        assertEquals(1 + 2 * values.size(), pool.size());
        assertEquals("", pool.get(empty));
        assertArrayEquals(new byte[0], pool.utf8(empty));
        String[] all = pool.strings();
        for (int k = 0; k < values.size(); k++) {
            String expected = new String(values.get(k), StandardCharsets.UTF_8);
            for (int i : new int[] {first + k, again + k}) {
                assertEquals(expected, pool.get(i), "value " + k);
                assertEquals(expected, all[i], "value " + k);
                assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), pool.utf8(i), "value " + k);
            }
        }
    }

    @Test
    void refusesAValueThatRunsPastItsPage() {
        byte[] p = page(List.of("abc".getBytes(StandardCharsets.UTF_8), "defgh".getBytes(StandardCharsets.UTF_8)));
        Utf8Pool pool = new Utf8Pool();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.addPlain(p, 1, p.length - 3, 2));
        assertTrue(e.getMessage().contains("string 1 of 2"), e.getMessage());
    }

    @Test
    void aDistinctColumnReadFromParquetIsWrittenOutAsItWas() throws Exception {
        int n = 30_000;
        String[] des = new String[n];
        long[] id = new long[n];
        for (int i = 0; i < n; i++) {
            des[i] = (i % 3 == 0 ? "Jé" : "J") + String.format("%06d.%02d+%06d", i, i % 100, 7 * i);
            id[i] = 1000L + i;
        }
        Path in = dir.resolve("in.parquet"), out = dir.resolve("out.parquet");
        ParquetIO.write(Table.create("t", StringColumn.create("designation", des), LongColumn.create("id", id)), in);
        Table read = TableIO.read(in);
        assertInstanceOf(DeferredDictionary.class, read.stringColumn("designation").getDictionary());
        // every other row, as the crossmatch writes its orphans: the rows picked out of the table read, whose
        // column's values are still the file's bytes
        int[] even = new int[n / 2];
        for (int k = 0; k < even.length; k++) {
            even[k] = 2 * k;
        }
        ParquetIO.write(read, even, out);
        assertNotNull(((DeferredDictionary) read.stringColumn("designation").getDictionary()).utf8(0),
                "the writer read the bytes, not a built dictionary");
        Table back = TableIO.read(out);
        assertEquals(n / 2, back.rowCount());
        for (int r = 0; r < back.rowCount(); r++) {
            int i = (int) (back.longColumn("id").getLong(r) - 1000);
            assertEquals(des[i], back.stringColumn("designation").get(r), "row " + r);
        }
    }
}
