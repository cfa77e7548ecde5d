package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;

/** How result documents are read: XML is read as XML, whatever its quoting and prefixes. */
class TapDocumentsTest {

    static final URI URL = URI.create("http://example.org/tap/sync");

    /** A three-row result; {@code q} quotes the INFO attributes, {@code p} prefixes every element. */
    static String result(String q, String p, String status) {
        String xmlns = p.isEmpty() ? "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
                : "xmlns:" + p.substring(0, p.length() - 1) + "=\"http://www.ivoa.net/xml/VOTable/v1.3\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + p + "VOTABLE version=\"1.4\" " + xmlns + ">\n<" + p
                + "RESOURCE type=\"results\">\n<" + p + "INFO name=" + q + "QUERY_STATUS" + q + " value=" + q + "OK" + q
                + "/>\n<" + p + "TABLE>\n<" + p + "FIELD name=\"cntr\" datatype=\"long\"/>\n<" + p
                + "FIELD name=\"ra\" datatype=\"double\"/>\n<" + p + "DATA><" + p + "TABLEDATA>\n"
                + ("<" + p + "TR><" + p + "TD>%d</" + p + "TD><" + p + "TD>1.5</" + p + "TD></" + p + "TR>\n").formatted(1)
                + ("<" + p + "TR><" + p + "TD>%d</" + p + "TD><" + p + "TD>1.5</" + p + "TD></" + p + "TR>\n").formatted(2)
                + ("<" + p + "TR><" + p + "TD>%d</" + p + "TD><" + p + "TD>1.5</" + p + "TD></" + p + "TR>\n").formatted(3)
                + "</" + p + "TABLEDATA></" + p + "DATA></" + p + "TABLE>\n<" + p + "INFO name=" + q + "QUERY_STATUS" + q
                + " value=" + q + status + q + "/>\n</" + p + "RESOURCE>\n</" + p + "VOTABLE>\n";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void overflowIsSeenWhateverTheQuotesAndPrefix() throws Exception {
        for (String q : new String[] {"\"", "'"}) {
            for (String p : new String[] {"", "vot:"}) {
                TapDocuments.Parsed ok = TapDocuments.parse(URL, bytes(result(q, p, "OK")), 2_000_000);
                assertEquals(3, ok.table().rowCount(), q + p);
                assertFalse(ok.overflow(), q + p);
                TapDocuments.Parsed over = TapDocuments.parse(URL, bytes(result(q, p, "OVERFLOW")), 2_000_000);
                assertEquals(3, over.table().rowCount(), q + p);
                assertTrue(over.overflow(), "quote " + q + ", prefix '" + p + "': a truncated result is never complete");
            }
        }
        // spaces around '=' and another attribute order are the same attribute
        String spaced = result("'", "", "OVERFLOW").replace("<INFO name='QUERY_STATUS' value='OVERFLOW'/>",
                "<INFO value = 'OVERFLOW'\n name = 'QUERY_STATUS' />");
        assertTrue(TapDocuments.parse(URL, bytes(spaced), 0).overflow());
    }

    @Test
    void aDocumentCutShortIsRetriedWhateverThePrefix() {
        for (String p : new String[] {"", "vot:"}) {
            String whole = result("'", p, "OK");
            String cut = whole.substring(0, whole.indexOf("</" + p + "VOTABLE>"));
            var e = assertThrows(TapTransport.Transient.class, () -> TapDocuments.parse(URL, bytes(cut), 0));
            assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        }
        // the closing tag inside a comment is not the end of the document
        String whole = result("\"", "", "OK");
        String fake = whole.substring(0, whole.indexOf("</TABLEDATA>")) + "<!-- </VOTABLE> -->\n";
        assertThrows(TapTransport.Transient.class, () -> TapDocuments.parse(URL, bytes(fake), 0));
    }

    /** A whole document that is not well-formed is refused at once: asked again, the service sends the same. */
    @Test
    void aWholeDocumentThatIsNotWellFormedIsRefusedNotRetried() {
        String bad = result("\"", "", "OK").replace("<TD>1.5</TD></TR>\n<TR><TD>2", "<TD>1.5 & 2</TD></TR>\n<TR><TD>2");
        var e = assertThrows(TasniException.class, () -> TapDocuments.parse(URL, bytes(bad), 0));
        assertTrue(e.getMessage().startsWith(URL + ": the answer is not well-formed XML ("), e.getMessage());
    }

    @Test
    void anErrorDocumentIsAnErrorWhateverTheQuotesAndPrefix() {
        for (String q : new String[] {"\"", "'"}) {
            for (String p : new String[] {"", "vot:"}) {
                String doc = "<?xml version='1.0'?>\n<" + p + "VOTABLE version='1.4' xmlns" + (p.isEmpty() ? "" : ":vot")
                        + "='http://www.ivoa.net/xml/VOTable/v1.3'><" + p + "RESOURCE type='results'><" + p + "INFO name="
                        + q + "QUERY_STATUS" + q + " value=" + q + "ERROR" + q + ">Query timed out after 600 s &amp; more</"
                        + p + "INFO></" + p + "RESOURCE></" + p + "VOTABLE>\n";
                TasniException e = assertThrows(TasniException.class, () -> TapDocuments.parse(URL, bytes(doc), 0),
                        "not a Transient: retrying an error answer only repeats it");
                assertTrue(e.getMessage().endsWith("the server reports an error: Query timed out after 600 s & more"),
                        e.getMessage());
                assertEquals("Query timed out after 600 s & more", TapDocuments.errorMessage(doc));
            }
        }
    }

    @Test
    void aWholeDocumentThatCannotBeReadIsRefusedAtOnce() {
        // an array-valued column: well-formed and complete, so another try would only give the same answer
        String doc = result("\"", "", "OK").replace("<FIELD name=\"ra\" datatype=\"double\"/>",
                "<FIELD name=\"ra\" datatype=\"double\" arraysize=\"2\"/>").replace("<TD>1.5</TD>", "<TD>1.5 2.5</TD>");
        TasniException e = assertThrows(TasniException.class, () -> TapDocuments.parse(URL, bytes(doc), 0));
        assertTrue(e.getMessage().startsWith(URL + ": ") && e.getMessage().contains("'ra'"), e.getMessage());
    }
}
