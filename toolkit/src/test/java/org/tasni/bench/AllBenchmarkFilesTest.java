package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of {@code benchmark all}: every row in the JSON with its nulls, the HTML escaped, offline, with both charts. */
class AllBenchmarkFilesTest {

    private static final List<BenchRow> ROWS = List.of(
            new BenchRow("crossmatch", "tasni <CPU>", 0.3, 0.1, 1.0, "ok: astropy agree", 500.0, "warm: best of 3"),
            new BenchRow("crossmatch", "astropy", 0.25, null, 2.5, "ok: same 10 orphans", 97.0, "fresh process"),
            BenchRow.notInstalled("crossmatch", "STILTS tmatch2", "no /usr/bin/stilts"));

    @Test
    void jsonAndHtmlHoldEveryRow(@TempDir Path dir) throws Exception {
        AllBenchmarkFiles.write(dir, ROWS, "scale 0.01");
        JsonNode root = new ObjectMapper().readTree(dir.resolve(AllBenchmarkFiles.JSON).toFile());
        assertEquals("scale 0.01", root.get("setting").asText());
        JsonNode rows = root.get("rows");
        assertEquals(3, rows.size());
        assertEquals(0.1, rows.get(0).get("warm_s").asDouble());
        assertTrue(rows.get(1).get("warm_s").isNull(), "a figure not measured is null, not 0");
        assertTrue(rows.get(2).get("peak_mem_mb").isNull());
        assertTrue(rows.get(2).get("agreement").asText().startsWith("peer not installed"));

        String html = Files.readString(dir.resolve(AllBenchmarkFiles.HTML));
        String markup = html.replaceAll("(?s)(<script[^>]*>).*?</script>", "$1</script>");
        assertTrue(markup.contains("<td>tasni &lt;CPU&gt;</td>") && !markup.contains("tasni <CPU>"), "cells are escaped");
        assertTrue(html.contains("benchmark_all_ratios") && html.contains("benchmark_all_chart"));
        assertFalse(html.matches("(?s).*<script[^>]*\\bsrc\\s*=.*"), "no script loaded from anywhere");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void theRatioChartLeavesOutTheReferenceAndRowsWithoutFigures() {
        String js = AllBenchmarkFiles.ratioChart(ROWS).asJavascript("x");
        assertTrue(js.contains("astropy"));
        assertFalse(js.contains("STILTS") || js.contains("tasni"), js);
    }
}
