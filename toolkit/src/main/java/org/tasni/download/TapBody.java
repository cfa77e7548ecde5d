package org.tasni.download;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tasni.TasniException;
import org.tasni.io.VOTableIO;
import tech.tablesaw.api.Table;

/**
 * A request body of the TAP protocol and its content type: the query's parameters form-encoded, or with uploaded
 * tables as multipart/form-data. Kept apart from the transport, which sends any body the same way.
 */
record TapBody(byte[] bytes, String contentType) {

    /** The parameters of a {@code doQuery} request in ADQL; maxrec ≤ 0 leaves the server's default. */
    static Map<String, String> query(String adql, long maxrec, String responseFormat) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("REQUEST", "doQuery");
        p.put("LANG", "ADQL");
        p.put("QUERY", adql);
        p.put("RESPONSEFORMAT", responseFormat);
        if (maxrec > 0) {
            p.put("MAXREC", Long.toString(maxrec));
        }
        return p;
    }

    /** Form-encoded ({@code ;} in a MIME type becomes %3B, which servers built on Twisted need). */
    static TapBody form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            sb.append(sb.length() > 0 ? "&" : "").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return new TapBody(sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /**
     * The query's parameters, form-encoded, or with uploads as multipart/form-data: {@code UPLOAD=name,param:name}
     * and one VOTable part per table (TAP 1.1 §4.3).
     */
    static TapBody of(Map<String, String> params, Map<String, Table> uploads) {
        if (uploads.isEmpty()) {
            return form(params);
        }
        String boundary = "tasni-" + Long.toHexString(System.nanoTime()) + "-" + Long.toHexString(new SplittableRandom().nextLong());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(params);
        StringBuilder upload = new StringBuilder();
        for (String name : uploads.keySet()) {
            if (Adql.identifier(name).contains(".")) {
                throw new TasniException("upload name '" + name + "' must not contain a '.' (it becomes TAP_UPLOAD." + name + ").");
            }
            upload.append(upload.length() > 0 ? ";" : "").append(name).append(",param:").append(name);
        }
        all.put("UPLOAD", upload.toString());
        for (var e : all.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (var e : uploads.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"; filename=\""
                    + e.getKey() + ".xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(VOTableIO.toBytes(e.getValue()));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new TapBody(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }
}
