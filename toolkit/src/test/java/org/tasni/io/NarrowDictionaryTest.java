package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;
import tech.tablesaw.selection.Selection;

/**
 * String columns read with 16-bit codes ({@link StringDictionaries#column(String, short[], int, StringValues)}, the
 * Parquet reader's for a chunk of at most 65,534 values) against the same strings put into a column by Tablesaw
 * itself: every answer the same, at the widest such dictionary too, and the reader's choice of width per chunk.
 */
class NarrowDictionaryTest {

    @TempDir
    Path dir;

    /** Values with a repeat, a null and an empty one (both Tablesaw's missing value), and one no row uses. */
    private static final String[] VALUES = {"J000001.00+000000.0", "AAB", null, "J000001.00+000000.0", "", "ABU",
        "never used", "J123456.78-765432.1"};

    @Test
    void answersAsTablesawsOwnColumn() {
        int rows = 1000;
        short[] codes = new short[rows];
        String[] expected = new String[rows];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int r = 0; r < rows; r++) {
            int c;
            do {
                c = rnd.nextInt(VALUES.length);
            } while (c == 6);
            codes[r] = (short) c;
            expected[r] = VALUES[c] == null ? "" : VALUES[c];
        }
        StringColumn narrow = StringDictionaries.column("designation", codes, rows, StringValues.of(VALUES, VALUES.length));
        StringColumn eager = StringColumn.create("designation", expected);
        DictionaryMap d = narrow.getDictionary();
        assertInstanceOf(ShortDictionaryMap.class, d);
        assertEquals(eager.asList(), narrow.asList());
        for (int r = 0; r < rows; r++) {
            assertEquals(eager.isMissing(r), narrow.isMissing(r), "row " + r);
            int key = d.getKeyAtIndex(r);
            assertTrue(key > Short.MIN_VALUE && key <= Short.MAX_VALUE, "a 16-bit key, row " + r);
            assertEquals(expected[r].isEmpty(), key == Short.MAX_VALUE, "the missing value's key is Tablesaw's, row " + r);
        }
        assertEquals(eager.countMissing(), narrow.countMissing());
        assertEquals(eager.countUnique(), narrow.countUnique());
        assertEquals(eager.asSet(), narrow.asSet());
        assertFalse(narrow.asSet().contains("never used"));
        for (String v : new String[] {"AAB", "J000001.00+000000.0", "", "never used"}) {
            assertEquals(eager.isEqualTo(v).size(), narrow.isEqualTo(v).size(), v);
            assertEquals(eager.countOccurrences(v), narrow.countOccurrences(v), v);
        }
        Table byEager = eager.countByCategory().sortOn("Category"), byNarrow = narrow.countByCategory().sortOn("Category");
        assertEquals(byEager.stringColumn(0).asList(), byNarrow.stringColumn(0).asList());
        assertEquals(byEager.intColumn(1).asList(), byNarrow.intColumn(1).asList());
        assertEquals(eager.where(Selection.with(1, 5, 900)).asList(), narrow.where(Selection.with(1, 5, 900)).asList());
        StringColumn eagerSorted = eager.copy(), narrowSorted = narrow.copy();
        eagerSorted.sortAscending();
        narrowSorted.sortAscending();
        assertEquals(eagerSorted.asList(), narrowSorted.asList());
        narrow.append("new").set(0, "changed").appendMissing();
        eager.append("new").set(0, "changed").appendMissing();
        assertEquals(eager.asList(), narrow.asList());
        assertEquals(eager.unique().size(), narrow.unique().size());
    }

    /** 65,534 distinct values, every key Tablesaw's 16-bit dictionary has for them; one more promotes it, as Tablesaw does. */
    @Test
    void theWidestNarrowDictionaryAndItsPromotion() {
        int values = StringDictionaries.MAX_NARROW_VALUES, rows = 2 * values + 10;
        String[] v = new String[values];
        for (int i = 0; i < values; i++) {
            v[i] = "S" + i;
        }
        short[] codes = new short[rows];
        String[] expected = new String[rows];
        for (int r = 0; r < rows; r++) {
            int c = (int) ((r * 7919L) % values);
            codes[r] = (short) c; // above 32,767: the unsigned code's low 16 bits
            expected[r] = v[c];
        }
        StringColumn narrow = StringDictionaries.column("id", codes, rows, StringValues.of(v, values));
        assertInstanceOf(ShortDictionaryMap.class, narrow.getDictionary());
        assertEquals(values, narrow.countUnique());
        assertEquals(List.of(expected), narrow.asList());
        narrow.append("one more");
        assertEquals(values + 1, narrow.countUnique());
        assertEquals("one more", narrow.get(rows));
        assertEquals(expected[rows - 1], narrow.get(rows - 1));
        assertThrows(IllegalArgumentException.class, () -> StringDictionaries.column("id", new short[2], 2,
                StringValues.of(new String[values + 1], values + 1)));
    }

    /** Mostly distinct values in a small chunk keep the deferred dictionary, their codes widened. */
    @Test
    void mostlyDistinctValuesStayDeferred() {
        short[] codes = {0, 1, 2, 3, 2};
        String[] v = {"a", "b", null, "d"};
        StringColumn c = StringDictionaries.column("id", codes, codes.length, StringValues.of(v, v.length));
        assertInstanceOf(DeferredDictionary.class, c.getDictionary());
        assertEquals(List.of("a", "b", "", "d", ""), c.asList());
        assertEquals(2, c.countMissing());
    }

    /**
     * A Parquet row group's designations of a thousand sources (dictionary-encoded, with nulls) are read with 16-bit
     * keys, and a chunk whose dictionary holds more than 65,534 values with 32-bit ones, each with every value as
     * written; the two row groups joined as one column hold every value too.
     */
    @Test
    void theReaderPicksTheWidthPerChunk() throws Exception {
        Path p = dir.resolve("two.parquet");
        int first = 307_200, second = 147_456; // multiples of DuckDB's 2,048-row vectors, as its row groups are
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            // row group 1: 1,024 sources of 300 epochs, every 1,001st null; row group 2: 75,000 distinct values
            st.execute("COPY (SELECT CASE WHEN i < " + first + " THEN (CASE WHEN i % 1001 = 7 THEN NULL ELSE 'J' || "
                    + "lpad((i // 300)::VARCHAR, 6, '0') END) ELSE 'U' || (i % 75000) END AS designation FROM range("
                    + (first + second) + ") t(i)) TO '" + p + "' (FORMAT PARQUET, ROW_GROUP_SIZE " + first + ")");
        }
        List<Table> groups = new ArrayList<>();
        ParquetIO.forEachRowGroup(p, List.of("designation"), groups::add);
        assertEquals(List.of(first, second), groups.stream().map(Table::rowCount).toList());
        StringColumn low = groups.get(0).stringColumn("designation"), high = groups.get(1).stringColumn("designation");
        assertInstanceOf(ShortDictionaryMap.class, low.getDictionary(), "1,024 values: 16-bit keys");
        assertFalse(high.getDictionary() instanceof ShortDictionaryMap, "75,000 values: 32-bit keys");
        StringColumn joined = ParquetIO.read(p, List.of("designation")).stringColumn("designation");
        for (int i = 0; i < first + second; i++) {
            String expected = i < first ? (i % 1001 == 7 ? "" : String.format("J%06d", i / 300)) : "U" + (i % 75000);
            StringColumn group = i < first ? low : high;
            assertEquals(expected, group.get(i < first ? i : i - first), "row " + i);
            assertEquals(expected, joined.get(i), "joined row " + i);
        }
        assertEquals(first / 1001 + (first % 1001 > 7 ? 1 : 0), low.countMissing());
        assertEquals(1025, low.countUnique(), "1,024 designations and the missing value");
    }

    /**
     * A corrupt page's 32-bit dictionary index with its top bit set is refused, not wrapped by a 16-bit code into
     * another value: decoded by the reader itself from a hand-made chunk of a 3-value dictionary (16-bit codes) and of a
     * 70,000-value one (32-bit codes), beside the same page with a good index, which reads as written.
     */
    @Test
    void aNegativeDictionaryIndexIsRefusedAtEitherWidth() throws Exception {
        List<String> wide = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            wide.add("v" + i);
        }
        for (List<String> dict : List.of(List.of("a", "b", "c"), wide)) {
            StringColumn good = decodeOneRun(dict, 1, 1000);
            assertEquals(dict.size() <= 3, good.getDictionary() instanceof ShortDictionaryMap);
            assertEquals(Collections.nCopies(1000, dict.get(1)), good.asList());
            // -65,535: its low 16 bits are 1, the good index above
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> decodeOneRun(dict, 0xFFFF0001, 1000));
            assertTrue(e.getMessage().contains("dictionary index -65535 out of range"), e.getMessage());
        }
    }

    /** A required string column's chunk: {@code dict} as its PLAIN dictionary page, then one v1 page of n rows of index id. */
    private static StringColumn decodeOneRun(List<String> dict, int id, int n) throws Exception {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (String v : dict) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            values.write(le32(b.length));
            values.write(b);
        }
        DictionaryPage dictionary = new DictionaryPage(BytesInput.from(values.toByteArray()), dict.size(), Encoding.PLAIN);
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.write(32); // the indices' bit width
        page.write(varint(n << 1)); // an RLE run of n (the low bit 0), then its value in 4 bytes
        page.write(le32(id));
        byte[] body = page.toByteArray();
        List<DataPage> pages = List.of(new DataPageV1(BytesInput.from(body), n, body.length, null, Encoding.RLE,
                Encoding.RLE, Encoding.RLE_DICTIONARY));
        ColumnDescriptor c = new ColumnDescriptor(new String[] {"s"},
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("s"), 0, 0);
        assertTrue(ParquetPages.supports(c, dictionary, pages));
        return (StringColumn) ParquetPages.decode("corrupt.parquet", c, Kind.STRING, dictionary, pages, n, 0, null);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] varint(int v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        while ((v & ~0x7F) != 0) {
            o.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        o.write(v);
        return o.toByteArray();
    }
}
