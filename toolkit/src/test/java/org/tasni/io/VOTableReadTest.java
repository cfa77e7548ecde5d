package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * TABLEDATA cells that STIL alone reads as nulls (or as an infinity) are refused with their row and field; the values
 * that VOTable allows are read as they are.
 */
class VOTableReadTest {

    @TempDir
    Path dir;

    private static final String FIELDS = "<FIELD name=\"source_id\" datatype=\"long\"/><FIELD name=\"n\" datatype=\"short\">"
            + "<VALUES null=\"-99\"/></FIELD><FIELD name=\"mag\" datatype=\"double\"/><FIELD name=\"f\" datatype=\"float\"/>"
            + "<FIELD name=\"ok\" datatype=\"boolean\"/><FIELD name=\"s\" datatype=\"char\" arraysize=\"*\"/>";

    private static String doc(String... rows) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\" "
                + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>" + FIELDS + "<DATA><TABLEDATA>\n");
        for (String r : rows) {
            sb.append("<TR>");
            for (String c : r.split("\\|", -1)) {
                sb.append("<TD>").append(c).append("</TD>");
            }
            sb.append("</TR>\n");
        }
        return sb.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n").toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String GOOD = "6917529027641081855|7|1.5|2.5|T|a b";

    @Test
    void whatVOTableAllowsIsReadAsItIs() throws IOException {
        Path p = write("good.vot", doc(GOOD, "4295806720|-99|NaN|-Inf|F|", "|0x10|+Inf|1e38|?|x", " 5 | 12 | 1e-300 |nan|1|"));
        Table t = TableIO.read(p);
        LongColumn id = t.longColumn("source_id");
        assertEquals(6917529027641081855L, id.get(0));
        assertEquals(4295806720L, id.get(1));
        assertTrue(id.isMissing(2));
        assertEquals(5L, id.get(3));
        assertEquals((short) 7, t.shortColumn("n").getShort(0));
        assertTrue(t.shortColumn("n").isMissing(1), "the field's null value");
        assertEquals((short) 16, t.shortColumn("n").getShort(2), "hexadecimal");
        assertEquals((short) 12, t.shortColumn("n").getShort(3));
        assertEquals(Double.POSITIVE_INFINITY, t.doubleColumn("mag").get(2));
        assertEquals(1e-300, t.doubleColumn("mag").get(3));
        assertEquals(Float.NEGATIVE_INFINITY, t.floatColumn("f").get(1));
        assertTrue(t.floatColumn("f").isMissing(3), "nan");
        // the same document gzipped, and held in memory as a TAP result
        Path gz = dir.resolve("good.vot.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(p));
        }
        TableAssert.assertSameTable(t, VOTableIO.read(Files.readAllBytes(p), "good.vot"));
    }

    @Test
    void aCellThatIsNotItsFieldsTypeIsRefusedWithItsRow() throws IOException {
        String[][] cases = {
            {"4295806720.5|7|1.5|2.5|T|a", "field 'source_id' (long) holds '4295806720.5' at data row 2"},
            {"99999999999999999999|7|1.5|2.5|T|a", "field 'source_id' (long) holds '99999999999999999999' at data row 2"},
            {"1|abc|1.5|2.5|T|a", "field 'n' (short) holds 'abc' at data row 2"},
            {"1|40000|1.5|2.5|T|a", "field 'n' (short) holds '40000' at data row 2"},
            {"1|7|1e400|2.5|T|a", "field 'mag' (double) holds '1e400' at data row 2, which is not a double value (or "
                + "overflows it; STIL reads an infinity only as +Inf or -Inf)."},
            // infinities STIL does not take: it reads them as NaN
            {"1|7|Inf|2.5|T|a", "field 'mag' (double) holds 'Inf' at data row 2"},
            {"1|7|1.5|+InF|T|a", "field 'f' (float) holds '+InF' at data row 2"},
            {"1|7|1.5|1e39|T|a", "field 'f' (float) holds '1e39' at data row 2"},
            {"1|7|1.5|2.5|yes|a", "field 'ok' (boolean) holds 'yes' at data row 2"},
            {"1|7", "data row 2 has 2 cell(s) for the table's 6 fields"},
            {"1|7|1.5|2.5|T|a|EXTRA", "data row 2 has more cells than the table's 6 fields"},
        };
        for (String[] c : cases) {
            Path p = write("bad.vot", doc(GOOD, c[0]));
            String msg = assertThrows(TasniException.class, () -> TableIO.read(p), c[0]).getMessage();
            assertTrue(msg.startsWith("bad.vot: " + c[1]), msg);
            String mem = assertThrows(TasniException.class,
                    () -> VOTableIO.read(doc(GOOD, c[0]).getBytes(StandardCharsets.UTF_8), "tap")).getMessage();
            assertTrue(mem.startsWith("tap: " + c[1]), mem);
        }
    }

    /** The toolkit's own BINARY2 files are not scanned cell by cell, and round-trip. */
    @Test
    void binaryDataAreReadAsBefore() throws IOException {
        Table t = TableIO.read(write("good.vot", doc(GOOD, GOOD)));
        Path out = dir.resolve("out.vot");
        TableIO.write(t, out);
        TableAssert.assertSameTable(t, TableIO.read(out));
    }

    /**
     * STIL reads a document's first table: the others were dropped without a word. A document of several tables is
     * refused, naming them, whether the first's data are TABLEDATA or BINARY2 (the scan goes on past its stream).
     */
    @Test
    void aDocumentOfSeveralTablesIsRefusedNamingThem() throws IOException {
        Path multi = write("multi.vot", "<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.3\" "
                + "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE>\n"
                + "<TABLE name=\"one\"><FIELD name=\"a\" datatype=\"int\"/><DATA><TABLEDATA><TR><TD>1</TD></TR>"
                + "</TABLEDATA></DATA></TABLE>\n"
                + "<TABLE name=\"two\"><FIELD name=\"b\" datatype=\"int\"/><DATA><TABLEDATA><TR><TD>2</TD></TR>"
                + "</TABLEDATA></DATA></TABLE>\n"
                + "</RESOURCE><RESOURCE><TABLE><FIELD name=\"c\" datatype=\"int\"/></TABLE></RESOURCE></VOTABLE>\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(multi));
        assertEquals("multi.vot: the VOTable holds 3 tables ('one', 'two', (no name)); this toolkit reads one table "
                + "per file. Save each table to a file of its own.", TestFiles.oneLine(e));
        // the toolkit's own BINARY2 table, its TABLE element twice
        Path one = dir.resolve("one.vot");
        TableIO.write(TableIO.read(write("good.vot", doc(GOOD, GOOD))), one);
        String text = Files.readString(one);
        int from = text.indexOf("<TABLE"), to = text.indexOf("</TABLE>") + "</TABLE>".length();
        assertTrue(text.substring(from, to).contains("BINARY2"));
        Path two = write("two.vot", text.substring(0, to) + text.substring(from, to) + text.substring(to));
        e = assertThrows(TasniException.class, () -> TableIO.read(two));
        assertTrue(TestFiles.oneLine(e).startsWith("two.vot: the VOTable holds 2 tables ("), e.getMessage());
        assertEquals(2, TableIO.read(one).rowCount());
    }
}
