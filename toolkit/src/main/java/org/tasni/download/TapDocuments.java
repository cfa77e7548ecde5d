package org.tasni.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;
import org.tasni.io.VOTableIO;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * What a TAP server sends back, read: a result (VOTable or CSV) with its overflow status, the QUERY_STATUS of a
 * VOTable error document, and the title of an HTML page that stands where a document was expected. A body that is
 * cut short is a {@link TapTransport.Transient} fault, so that the transport tries again.
 */
final class TapDocuments {

    private static final Pattern INFO = Pattern.compile("<INFO\\b([^>]*?)(/>|>(.*?)</INFO>)", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
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

        boolean isOverflow() {
            return "OVERFLOW".equals(status);
        }
    }

    /** The last QUERY_STATUS INFO in a VOTable, or one of nulls. */
    static QueryStatus queryStatus(String xml) {
        String status = null, message = null;
        Matcher m = INFO.matcher(xml);
        while (m.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher am = ATTR.matcher(m.group(1));
            while (am.find()) {
                attrs.put(am.group(1), am.group(2));
            }
            if ("QUERY_STATUS".equals(attrs.get("name"))) {
                status = attrs.get("value");
                message = m.group(3) == null ? null : m.group(3).trim();
            }
        }
        return new QueryStatus(status, message);
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
            String xml = new String(body, StandardCharsets.UTF_8);
            QueryStatus qs = queryStatus(xml);
            if (qs.isError()) {
                throw new TasniException(url + ": the server reports an error: " + qs.message());
            }
            if (!xml.stripTrailing().endsWith("</VOTABLE>")) {
                throw new TapTransport.Transient("VOTable cut short (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = VOTableIO.read(body, "tap");
            } catch (IOException | RuntimeException e) {
                throw new TapTransport.Transient("VOTable could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = qs.isOverflow() || xml.contains("value=\"OVERFLOW\"");
        } else {
            // CSV carries no status: a body not ending in a line break was cut mid-row
            if (body.length > 0 && body[body.length - 1] != '\n') {
                throw new TapTransport.Transient("CSV cut mid-row (" + body.length + " bytes)", Double.NaN);
            }
            try {
                t = body.length == 0 ? Table.create("tap")
                        : Table.read().usingOptions(CsvReadOptions.builder(new ByteArrayInputStream(body)).tableName("tap"));
            } catch (RuntimeException e) {
                throw new TapTransport.Transient("CSV could not be read (" + e.getMessage() + ")", Double.NaN);
            }
            overflow = false;
        }
        overflow |= maxrec > 0 && t.rowCount() >= maxrec;
        return new Parsed(t, overflow, body.length);
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
