package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmark all} at a tiny scale: every stage's row is there, every peer that is installed here agrees with the
 * toolkit (and one that is not says so), every row that ran has a peak memory, and the HTML page is offline. Which
 * peers are installed is found out here, independently of the benchmark. No timing is asserted.
 */
class BenchmarkAllCliTest {

    @TempDir
    Path dir;

    @Test
    void everyStageAgainstItsPeersInOneTable() throws Exception {
        Path out = dir.resolve("bench");
        var r = Jar.run("benchmark", "all", "--scale", "0.002", "--repeat", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("benchmark all") && r.out().contains("peak_mem_mb"), "the table is printed: " + r.out());

        JsonNode rows = new ObjectMapper().readTree(out.resolve("benchmark_all.json").toFile()).get("rows");
        List<String> whats = new ArrayList<>();
        rows.forEach(row -> whats.add(row.get("what").asText() + " | " + row.get("tool").asText()));
        // every stage of the brief, with the toolkit and each of its peers (ran or "peer not installed")
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("crossmatch: match", List.of("tasni CPU", "tasni CLI", "astropy", "scipy", "scikit-learn")),
                Map.entry("crossmatch: whole process", List.of("tasni CLI", "STILTS tmatch2")),
                Map.entry("variability statistics", List.of("tasni standard statistics", "numpy")),
                Map.entry("periodogram", List.of("tasni periodogram", "astropy LombScargle")),
                Map.entry("download throughput", List.of("concurrency 1", "concurrency 8")),
                Map.entry("cold CLI start: targets.parquet", List.of("tasni convert", "STILTS tcopy")),
                Map.entry("cold CLI start: --help", List.of("tasni --help")),
                Map.entry("Parquet read: numeric columns", List.of("tasni ParquetIO", "DuckDB")),
                Map.entry("Parquet read: string column", List.of("tasni ParquetIO", "DuckDB")),
                Map.entry("Parquet read: whole file", List.of("tasni ParquetIO", "DuckDB")),
                Map.entry("pipeline run on data-samples", List.of("tasni run")));
        expected.forEach((what, tools) -> {
            for (String tool : tools) {
                assertTrue(whats.stream().anyMatch(w -> w.startsWith(what) && w.contains(tool)), what + " | " + tool + " in " + whats);
            }
        });

        boolean astropy = python("astropy"), scipy = python("scipy"), sklearn = python("sklearn"), numpy = python("numpy");
        boolean stilts = Files.isExecutable(Path.of("/usr/bin/stilts"));
        boolean duckdb = duckDbJar();
        if (astropy) {
            for (String method : List.of("fast", "cython")) {
                assertTrue(whats.stream().anyMatch(w -> w.contains("astropy LombScargle method=" + method)), method + " in " + whats);
            }
        }
        for (JsonNode row : rows) {
            String tool = row.get("tool").asText(), agreement = row.get("agreement").asText();
            String label = row.get("what").asText() + " | " + tool + ": " + agreement;
            boolean installed = tool.startsWith("astropy") ? astropy : tool.startsWith("scipy") ? scipy
                    : tool.startsWith("scikit-learn") ? sklearn : tool.startsWith("numpy") ? numpy
                    : tool.startsWith("STILTS") ? stilts : tool.startsWith("DuckDB") ? duckdb : true;
            if (!installed) {
                assertTrue(agreement.startsWith("peer not installed"), label);
                continue;
            }
            // at concurrency 1 the latency alone keeps the requests under the rate limit's bound: no check, and it says so
            boolean unbound = tool.endsWith("concurrency 1");
            assertTrue(unbound ? agreement.startsWith("n/a: bound") && agreement.contains("not binding")
                    : agreement.startsWith("ok"), label);
            assertTrue(row.get("peak_mem_mb").asDouble() > 0, "peak memory of " + label);
            // a peer that ran in a process of its own is timed as the toolkit is: its first call and its best warm one
            if (tool.startsWith("astropy") || tool.startsWith("scipy") || tool.startsWith("scikit-learn")
                    || tool.startsWith("numpy")) {
                assertTrue(row.get("cold_s").asDouble(0) > 0 && row.get("warm_s").asDouble(0) > 0, "cold and warm of " + label);
            }
            double t = Math.max(row.get("cold_s").asDouble(0), row.get("warm_s").asDouble(0));
            assertTrue(t > 0, "a time for " + label);
        }
        // the toolkit's own rows agree with every peer that ran; the pipeline's rerun reused its phases
        assertTrue(find(rows, "crossmatch: match", "tasni CPU").get("agreement").asText().contains(astropy ? "astropy" : "ok"));
        assertTrue(find(rows, "pipeline run", "tasni run").get("agreement").asText().contains("identical"));
        // STILTS reads FITS, and the rows say so
        if (stilts) {
            assertTrue(find(rows, "crossmatch: whole process", "STILTS tmatch2").get("tool").asText().contains("FITS in"));
            assertTrue(find(rows, "cold CLI start: targets.parquet", "STILTS tcopy").get("tool").asText().contains("FITS in"));
        }

        String html = Files.readString(out.resolve("benchmark_all.html"));
        assertFalse(Pattern.compile("<script[^>]*\\bsrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no script is loaded from anywhere: the page works offline");
        // outside the inlined scripts (plotly.js holds link strings of its own, used only when clicked)
        String markup = html.replaceAll("(?s)(<script[^>]*>).*?</script>", "$1</script>");
        assertFalse(Pattern.compile("(href|src)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(markup).find(),
                "no remote link or resource: " + markup);
        assertTrue(html.contains("Plotly.newPlot") && html.contains("benchmark_all_chart"), "the chart is drawn");
        assertTrue(html.length() > 1_000_000, "plotly.js is inlined (" + html.length() + " characters)");
        for (JsonNode row : rows) {
            assertTrue(html.contains(escape(row.get("tool").asText())), "the table has " + row.get("tool"));
        }
    }

    private static JsonNode find(JsonNode rows, String what, String tool) {
        for (JsonNode row : rows) {
            if (row.get("what").asText().startsWith(what) && row.get("tool").asText().startsWith(tool)) {
                return row;
            }
        }
        throw new AssertionError(what + " | " + tool);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Whether a DuckDB JDBC jar is in the local Maven repository, where the benchmark looks for its peer. */
    private static boolean duckDbJar() throws Exception {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "duckdb", "duckdb_jdbc");
        if (!Files.isDirectory(repo)) {
            return false;
        }
        try (var versions = Files.list(repo)) {
            return versions.anyMatch(v -> Files.isRegularFile(v.resolve("duckdb_jdbc-" + v.getFileName() + ".jar")));
        }
    }

    /** Whether the Python the peers run under has {@code module}, asked here rather than taken from the benchmark. */
    private static boolean python(String module) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(py)) {
            return false;
        }
        Process p = new ProcessBuilder(py.toString(), "-c", "import " + module).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
