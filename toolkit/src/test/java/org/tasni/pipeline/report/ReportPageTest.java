package org.tasni.pipeline.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;

/**
 * The report of a small complete output directory ({@link ReportFixture}): every section in order, the top
 * designations and the funnel as the files say (read independently: DuckDB and Jackson), escaping, missing files,
 * offline.
 */
class ReportPageTest {

    static final List<String> SECTIONS = List.of("summary", "funnel", "sky", "cmd", "candidates", "ranked", "caveats",
            "configuration", "timing");

    @TempDir
    static Path dir;
    static Path out;
    static String page;

    @BeforeAll
    static void render() {
        out = ReportFixture.write(dir.resolve("out"));
        page = ReportPage.of(out).html();
    }

    static String section(String html, String id) {
        int from = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(from >= 0, "section " + id);
        return html.substring(from, html.indexOf("</section>", from));
    }

    static List<String> rankedDesignations(Path ranked, int n) throws Exception {
        List<String> des = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT designation FROM read_parquet('" + ranked + "') ORDER BY rank LIMIT " + n)) {
            while (rs.next()) {
                des.add(rs.getString(1));
            }
        }
        return des;
    }

    static List<String> shownDesignations(String html) {
        List<String> des = new ArrayList<>();
        Matcher m = Pattern.compile("<span class=\"designation\">(.*?)</span>").matcher(html);
        while (m.find()) {
            des.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return des;
    }

    @Test
    void everySectionIsThereInOrder() {
        int at = -1;
        for (String id : SECTIONS) {
            int i = page.indexOf("<section id=\"" + id + "\">");
            assertTrue(i > at, id + " after the previous section");
            at = i;
        }
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.endsWith("</body></html>\n"));
        assertEquals(5, Pattern.compile("<div class=\"candidate\"").matcher(page).results().count(), "top 5 by default");
        assertTrue(section(page, "sky").contains("Plotly.newPlot") && section(page, "sky").contains("FADING ("));
        assertTrue(section(page, "cmd").contains("W1 − W2 = 0.5"));
        assertTrue(section(page, "candidates").contains("W1 exposures"), "a light curve");
        assertTrue(section(page, "candidates").contains("W1 periodogram"), "a periodogram");
        assertTrue(section(page, "candidates").contains("folded at 5.56"), "the periodic candidate's phase fold");
        assertTrue(section(page, "candidates").contains("best period 5.56 d in W1, FAP "), "its period explained");
        assertTrue(section(page, "timing").contains("Time per phase"));
        assertTrue(section(page, "configuration").contains("<td>radius_arcsec</td><td>3.0</td>"));
        assertTrue(section(page, "configuration").contains("<td>cuts.w1snr_min</td><td>5</td>"));
        assertTrue(section(page, "caveats").contains("<td>no_light_curve</td><td>1</td>"));
        assertTrue(section(page, "caveats").contains("samples source: the light curves are simulated"));
        assertTrue(section(page, "caveats").contains("neighbour tile missing"));
    }

    @Test
    void topDesignationsAreTheRankedFilesTopRows() throws Exception {
        List<String> top = rankedDesignations(out.resolve("ranked.parquet"), 5);
        assertEquals(5, top.size());
        assertEquals(top, shownDesignations(page));
        assertEquals(rankedDesignations(out.resolve("ranked.parquet"), 6),
                shownDesignations(ReportPage.of(out).top(6).html()));
        assertTrue(section(page, "summary").contains("#1 " + top.get(0)), "the summary names the best");
    }

    @Test
    void summaryCountsCandidatesAndFadingFromTheRanking() throws Exception {
        long n, fading;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE flag = 'FADING') FROM read_parquet('"
                        + out.resolve("ranked.parquet") + "')")) {
            rs.next();
            n = rs.getLong(1);
            fading = rs.getLong(2);
        }
        assertTrue(fading > 0, "the fixture has fading candidates");
        assertTrue(section(page, "summary").contains(n + " candidates (thermal AllWISE orphans), " + fading
                + " of them FADING."), section(page, "summary"));
        assertTrue(section(page, "summary").contains("0 failed"));
    }

    @Test
    void funnelCountsAreThoseOfFunnelJson() throws Exception {
        JsonNode steps = new ObjectMapper().readTree(out.resolve("funnel.json").toFile()).get("steps");
        Matcher m = Pattern.compile("<tr><td>(\\d+)</td><td>(.*?)</td><td>([\\d,]+)</td>").matcher(section(page, "funnel"));
        int k = 0;
        while (m.find()) {
            assertEquals(String.valueOf(k + 1), m.group(1));
            assertEquals(steps.get(k).get("step").asText(), m.group(2).replace("&gt;", ">"));
            assertEquals(steps.get(k).get("rows").asLong(), Long.parseLong(m.group(3).replace(",", "")));
            k++;
        }
        assertEquals(steps.size(), k, "one row per step");
        assertEquals(ReportFixture.STEPS.size(), k);
    }

    @Test
    void numbersAreFormattedByMeaning() {
        String ranked = section(page, "ranked");
        Matcher row = Pattern.compile("<tr>(<td>.*?</td>)</tr>").matcher(ranked.substring(ranked.indexOf("<tbody>")));
        assertTrue(row.find());
        List<String> cells = new ArrayList<>();
        Matcher c = Pattern.compile("<td>(.*?)</td>").matcher(row.group(1));
        while (c.find()) {
            cells.add(c.group(1));
        }
        assertEquals("1", cells.get(0), "rank");
        assertTrue(cells.get(4).matches("1\\d\\.\\d{3}"), "w1mpro to 3 decimals: " + cells.get(4));
        assertTrue(cells.get(6).matches("\\d\\.\\d{3}"), "w1_w2 to 3 decimals: " + cells.get(6));
        assertTrue(cells.get(9).matches("\\d\\.\\d{2}e[-+]\\d+"), "trend_w1_p in scientific notation: " + cells.get(9));
        assertTrue(cells.get(8).matches("[-+]\\d\\.\\d{4}"), "trend in mag/yr: " + cells.get(8));
    }

    @Test
    void hostileDesignationIsEscaped() throws Exception {
        String hostile = "J1<script>alert('x')</script>&\"";
        Path o = ReportFixture.write(dir.resolve("hostile"), hostile);
        String html = ReportPage.of(o).html();
        assertFalse(html.contains("<script>alert"), "the designation never becomes markup");
        assertTrue(html.contains("J1&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
        assertEquals(rankedDesignations(o.resolve("ranked.parquet"), 5), shownDesignations(html));
        assertTrue(shownDesignations(html).contains(hostile));
        // every script element is plotly.js itself or a figure of ours
        Matcher m = Pattern.compile("<script[^>]*>").matcher(html);
        int scripts = 0;
        while (m.find()) {
            String after = html.substring(m.end(), Math.min(html.length(), m.end() + 60)).strip();
            assertTrue(m.group().equals("<script type=\"text/javascript\">") && scripts == 0
                    || after.startsWith("var target_fig_"), "unexpected script: " + m.group() + after);
            scripts++;
        }
        assertEquals(1 + Pattern.compile("var target_fig_").matcher(html).results().count(), scripts);
    }

    @Test
    void offlineNoNetworkReferences() {
        assertEquals(1, Pattern.compile("plotly\\.js v2\\.35\\.3").matcher(page).results().count(), "plotly.js inlined once");
        assertFalse(Pattern.compile("<script[^>]*\\ssrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "no script file");
        assertFalse(Pattern.compile("<link[\\s>]", Pattern.CASE_INSENSITIVE).matcher(page).find(), "no stylesheet or other link");
        // plotly.js itself holds attribution links of its map tiles (never used here): look at the page around it
        int lib = page.indexOf("<script type=\"text/javascript\">"), end = page.indexOf("</script>", lib);
        String ours = page.substring(0, lib) + page.substring(end);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(ours).find(),
                "no reference to the network");
        assertFalse(ours.contains("@import") || ours.contains("url("), "no style from elsewhere");
    }

    @Test
    void writeIsTheSamePageEveryTime() throws Exception {
        Path written = ReportPage.of(out).write();
        assertEquals(out.resolve("report.html"), written);
        assertEquals(page, Files.readString(written));
        assertEquals(page, ReportPage.of(out).html(), "deterministic");
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary file left");
        }
    }

    @Test
    void missingFilesAreExplainedNotThrown() throws Exception {
        Path o = ReportFixture.write(dir.resolve("partial"));
        for (String f : List.of("ranked.parquet", "ranked.csv", "funnel.json", "neowise_epochs.parquet")) {
            Files.delete(o.resolve(f));
        }
        String html = ReportPage.of(o).html();
        for (String id : SECTIONS) {
            section(html, id);
        }
        assertTrue(section(html, "candidates").contains("ranked.parquet is not in " + o
                + ": the rank phase is recorded as &#39;done&#39; but its output is gone."), section(html, "candidates"));
        assertTrue(section(html, "funnel").contains("class=\"missing\">funnel.json is not in"));
        assertTrue(section(html, "sky").contains("Plotly.newPlot"), "the sky map from candidates.parquet");
        assertTrue(shownDesignations(html).isEmpty());

        // the phase that writes the file failed: the page says so, with the phase's note
        String timing = Files.readString(o.resolve("pipeline_timing.json"))
                .replace("\"phase\":\"rank\",\"status\":\"done\"", "\"phase\":\"rank\",\"status\":\"failed\"");
        assertTrue(timing.contains("\"status\":\"failed\""));
        Files.writeString(o.resolve("pipeline_timing.json"), timing);
        html = ReportPage.of(o).html();
        assertTrue(section(html, "ranked").contains("the rank phase failed"));
        assertTrue(section(html, "summary").contains("1 failed (rank)"));

        // a corrupt JSON file and a corrupt parquet file are reasons too
        Files.writeString(o.resolve("run.json"), "{not json");
        Files.writeString(o.resolve("orphans.parquet"), "not parquet");
        html = ReportPage.of(o).html();
        assertTrue(section(html, "configuration").contains("run.json could not be read"));
        assertTrue(section(html, "sky").contains("orphans.parquet could not be read"));
    }

    @Test
    void aRunWithNoCandidatesSaysSo() throws Exception {
        Path o = ReportFixture.write(dir.resolve("none"));
        var ranked = org.tasni.io.TableIO.read(o.resolve("ranked.parquet"));
        org.tasni.io.TableIO.write(ranked.emptyCopy(), o.resolve("ranked.parquet"));
        String html = ReportPage.of(o).html();
        assertTrue(section(html, "summary").contains("0 candidates (thermal AllWISE orphans), 0 of them FADING."));
        assertTrue(section(html, "ranked").contains("All 0 rows of "));
        assertTrue(section(html, "caveats").contains("<td>(none)</td><td>0</td>"));
        assertTrue(shownDesignations(html).isEmpty());
    }

    @Test
    void anEmptyDirectoryStillGivesEverySection() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String html = ReportPage.of(empty).html();
        for (String id : SECTIONS) {
            assertTrue(section(html, id).contains("class=\"missing\""), id + " says what is missing");
        }
        assertTrue(html.contains("the crossmatch phase has not run (no pipeline_timing.json either)"));
        assertThrows(TasniException.class, () -> ReportPage.of(empty.resolve("nope")));
        assertThrows(TasniException.class, () -> ReportPage.of(empty).top(-1));
    }
}
