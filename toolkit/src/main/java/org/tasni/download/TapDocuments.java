package org.tasni.download;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tasni.TasniException;
import org.tasni.io.VOTableIO;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * What a TAP server sends back, read: a result (VOTable or CSV) with its overflow status, the QUERY_STATUS of a
 * VOTable error document, and the title of an HTML page that stands where a document was expected. A body that is
 * cut short is a {@link TapTransport.Transient} fault, so that the transport tries again.
 */
final class TapDocuments {

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private TapDocuments() {}

    /** A result's rows, whether it may be truncated, and its size in bytes. */
    record Parsed(Table table, boolean overflow, long bytes) {}

    /**
     * The last {@code QUERY_STATUS} INFO of a VOTable: its value ({@code OK}, {@code OVERFLOW}, {@code ERROR}) and its
     * text; both null where the document has none.
     */
    record QueryStatus(String status, String message) {

        boolean isError() {
            return "ERROR".equals(status);
        }
    }

    /**
     * What one streaming read of an XML document finds: its last QUERY_STATUS INFO, whether any QUERY_STATUS said
     * OVERFLOW, and whether it is a whole VOTABLE document (well-formed to its end, VOTABLE its root element).
     */
    private record Scan(QueryStatus status, boolean overflow, boolean complete, String error) {}

    /** A document's last bytes close its VOTABLE root (with or without a prefix): it was not cut short. */
    private static final Pattern ENDS_AS_VOTABLE = Pattern.compile("</(\\w+:)?VOTABLE\\s*>\\s*$");

    /** A parser factory of its own per document: the JDK does not promise that one may be shared between threads. */
    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // a result is data, never a reason to fetch or expand anything
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // names are matched on their local part, so a prefixed <vot:INFO> counts even where its prefix is not declared
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /**
     * Reads {@code doc} with the JDK's XML parser, as far as it is well-formed: attribute quoting, namespace prefixes,
     * entities and comments are the parser's business, not a pattern's.
     */
    private static Scan scan(byte[] doc) {
        String status = null, message = null;
        boolean overflow = false, complete = false;
        String root = null, error = null;
        XMLStreamReader r = null;
        try {
            r = xmlFactory().createXMLStreamReader(new ByteArrayInputStream(doc));
            StringBuilder text = null; // the text of the QUERY_STATUS INFO being read
            int depth = 0;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    String name = local(r.getLocalName());
                    if (root == null) {
                        root = name;
                    }
                    if (text != null) {
                        depth++;
                    } else if (name.equals("INFO") && "QUERY_STATUS".equals(attribute(r, "name"))) {
                        status = attribute(r, "value");
                        overflow |= "OVERFLOW".equals(status);
                        message = null;
                        text = new StringBuilder();
                        depth = 0;
                    }
                } else if (text != null && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA)) {
                    text.append(r.getText());
                } else if (text != null && e == XMLStreamConstants.END_ELEMENT && depth-- == 0) {
                    message = text.toString().trim();
                    message = message.isEmpty() ? null : message;
                    text = null;
                }
            }
            complete = "VOTABLE".equals(root);
        } catch (XMLStreamException | RuntimeException e) {
            // cut short or not XML at all: what was read so far still counts (an ERROR before the cut is an ERROR)
            error = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
        } finally {
            close(r);
        }
        return new Scan(new QueryStatus(status, message), overflow, complete, error);
    }

    private static String local(String name) {
        return name.substring(name.indexOf(':') + 1);
    }

    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (local(r.getAttributeLocalName(i)).equals(name)) {
                return r.getAttributeValue(i).trim();
            }
        }
        return null;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // an in-memory document holds nothing to release
            }
        }
    }

    /** The last QUERY_STATUS INFO in a VOTable, or one of nulls. */
    static QueryStatus queryStatus(String xml) {
        return scan(xml.getBytes(StandardCharsets.UTF_8)).status();
    }

    /** The message of a UWS job's error document: its QUERY_STATUS text, else the document's words. */
    static String errorMessage(String doc) {
        String info = queryStatus(doc).message();
        return info != null ? info : doc.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
    }

    /** The rows of a result body from {@code url}; maxrec > 0 marks a result of that many rows as overflowing. */
    static Parsed parse(URI url, byte[] body, long maxrec) throws TapTransport.Transient {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading();
        Table t;
        boolean overflow;
        if (head.startsWith("<")) {
            Scan scan = scan(body);
            if (scan.status().isError()) {
                throw new TasniException(url + ": the server reports an error: " + scan.status().message());
            }
            if (!scan.complete()) {
                String tail = new String(body, Math.max(0, body.length - 64), Math.min(64, body.length),
                        StandardCharsets.UTF_8);
                if (scan.error() != null && ENDS_AS_VOTABLE.matcher(tail).find()) {
                    // whole but not well-formed (an unescaped '&', junk mid-document): the same answer comes again
                    throw new TasniException(url + ": the answer is not well-formed XML (" + scan.error() + ").");
                }
                throw new TapTransport.Transient("VOTable cut short (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = VOTableIO.read(body, "tap");
            } catch (IOException e) {
                throw new TapTransport.Transient("VOTable could not be read (" + e.getMessage() + ")", Double.NaN);
            } catch (TasniException e) {
                // a whole, well-formed document that STIL refuses (an array column, a bad cell) will be refused again
                throw new TasniException(url + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new TapTransport.Transient("VOTable could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = scan.overflow();
        } else {
            // CSV carries no status: a body not ending in a line break was cut mid-row
            if (body.length > 0 && body[body.length - 1] != '\n') {
                throw new TapTransport.Transient("CSV cut mid-row (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = body.length == 0 ? Table.create("tap")
                        : Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(body)).tableName("tap"));
                if (t.columnCount() == 0 && body.length > 0) {
                    t = headerOnly(body);
                }
            } catch (RuntimeException e) {
                throw new TapTransport.Transient("CSV could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = false;
        }
        overflow |= maxrec > 0 && t.rowCount() >= maxrec;
        return new Parsed(t, overflow, body.length);
    }

    /**
     * The empty result of a CSV body that is only a header line (a query that found nothing), with the header's columns
     * as text columns without rows: Tablesaw reads such a body as a table without columns, which every reader would
     * take for a result without the columns asked for.
     */
    private static Table headerOnly(byte[] body) {
        String[] names = new CsvParser(new CsvParserSettings()).parseLine(new String(body, StandardCharsets.UTF_8).strip());
        Table t = Table.create("tap");
        for (String n : names == null ? new String[0] : names) {
            if (n != null && !n.isBlank()) {
                t.addColumns(StringColumn.create(n.strip()));
            }
        }
        return t;
    }

    /**
     * The title of an HTML page (or its first heading, or its first words), or null if the body is not HTML. A
     * VOTable or UWS document served as text/html is not taken for a page.
     */
    static String htmlTitle(HttpHeaders headers, byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        boolean looksHtml = head.startsWith("<!doctype html") || head.startsWith("<html")
                || (headers.firstValue("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("text/html"))
                        .orElse(false) && head.startsWith("<") && !head.startsWith("<?xml") && !head.contains("<votable")
                        && !head.contains("uws") && !head.contains("ivoa.net/xml"));
        if (!looksHtml) {
            return null;
        }
        String doc = new String(body, 0, Math.min(body.length, 65536), StandardCharsets.UTF_8);
        for (Pattern p : List.of(TITLE, H1)) {
            Matcher m = p.matcher(doc);
            if (m.find()) {
                String t = text(m.group(1));
                if (!t.isEmpty()) {
                    return t.substring(0, Math.min(160, t.length()));
                }
            }
        }
        String t = text(doc.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " "));
        return t.isEmpty() ? "(an empty page)" : t.substring(0, Math.min(160, t.length()));
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&nbsp;", " ").replace("&#39;", "'").replace("&quot;", "\"").replaceAll("\\s+", " ").trim();
    }
}
