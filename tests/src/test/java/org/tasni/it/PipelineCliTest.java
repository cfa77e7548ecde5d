package org.tasni.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/**
 * {@code run} end to end on data-samples, every output checked against an independent source: the input tiles and
 * epochs, the simulator's ground truth, and counts and scores recomputed here.
 */
class PipelineCliTest {

    static final List<String> DATA_FILES = List.of("orphans.parquet", "candidates.parquet", "neowise_epochs.parquet",
            "variability.parquet", "periodogram.parquet", "ranked.parquet", "ranked.csv", "funnel.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path out;
    static Jar.Result result;
    static Table wise;

    @BeforeAll
    static void runOnTheSamples() throws Exception {
        out = dir.resolve("out");
        result = Jar.run("run", "--out", out.toString());
        assertEquals(0, result.code(), result.out() + result.err());
        wise = TableIO.read(Jar.ROOT.resolve("data-samples/tiles").toString() + "/wise_hp0604[4-7].parquet");
    }

    @Test
    void itEndsWithTheReportsPathAndEveryPhaseDone() throws Exception {
        Matcher m = Pattern.compile("(?m)^report: (.+)$").matcher(result.out());
        assertTrue(m.find(), result.out());
        assertEquals(out.resolve("report.html").toAbsolutePath().normalize(), Path.of(m.group(1).strip()));
        JsonNode timing = JSON.readTree(out.resolve("pipeline_timing.json").toFile());
        List<String> phases = new ArrayList<>();
        for (JsonNode p : timing.get("phases")) {
            phases.add(p.get("phase").asText());
            assertEquals("done", p.get("status").asText(), p.toString());
            assertTrue(p.get("elapsed_s").asDouble() >= 0 && p.get("peak_heap_mb").asDouble() > 0, p.toString());
            assertTrue(!p.get("start").asText().isEmpty() && !p.get("end").asText().isEmpty(), p.toString());
        }
        assertEquals(List.of("download", "crossmatch", "filter", "epochs", "variability", "periodogram", "rank",
                "report"), phases);
        for (String f : DATA_FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    /** The candidates against the truth, computed here from is_orphan_truth and the cuts written out plainly. */
    @Test
    void candidatesMatchTheSimulatorsTruth() {
        Set<String> truth = new HashSet<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            String ph = wise.stringColumn("ph_qual").get(i), cc = wise.stringColumn("cc_flags").get(i);
            if (wise.booleanColumn("is_orphan_truth").get(i) && wise.floatColumn("w1snr").get(i) >= 5
                    && wise.floatColumn("w2snr").get(i) >= 5 && "AB".indexOf(ph.charAt(0)) >= 0
                    && "AB".indexOf(ph.charAt(1)) >= 0 && cc.charAt(0) == '0' && cc.charAt(1) == '0'
                    && wise.floatColumn("w1mpro").get(i) - (double) wise.floatColumn("w2mpro").get(i) >= 0.5) {
                truth.add(wise.stringColumn("designation").get(i));
            }
        }
        Set<String> got = new HashSet<>(TableIO.read(out.resolve("candidates.parquet")).stringColumn("designation").asList());
        Set<String> both = new HashSet<>(got);
        both.retainAll(truth);
        double precision = both.size() / (double) got.size(), recall = both.size() / (double) truth.size();
        System.out.printf("candidates: %d found, %d true, precision %.4f, recall %.4f%n", got.size(), truth.size(),
                precision, recall);
        assertTrue(precision >= 0.98 && recall >= 0.98, "precision " + precision + ", recall " + recall);
    }

    @Test
    void fadingAgainstTheTrueClasses() {
        Table truth = TableIO.read(Jar.ROOT.resolve("data-samples/neowise_truth.parquet"));
        Map<String, String> cls = new HashMap<>();
        for (int i = 0; i < truth.rowCount(); i++) {
            cls.put(truth.stringColumn("designation").get(i), truth.stringColumn("true_class").get(i));
        }
        Table ranked = TableIO.read(out.resolve("ranked.parquet"));
        int trueFaders = 0, flagged = 0, both = 0;
        for (int i = 0; i < ranked.rowCount(); i++) {
            boolean t = "FADING".equals(cls.get(ranked.stringColumn("designation").get(i)));
            boolean f = "FADING".equals(ranked.stringColumn("flag").get(i));
            trueFaders += t ? 1 : 0;
            flagged += f ? 1 : 0;
            both += t && f ? 1 : 0;
        }
        System.out.printf("FADING: %d flagged, %d true faders among the candidates, precision %.3f, recall %.3f%n",
                flagged, trueFaders, both / (double) flagged, both / (double) trueFaders);
        assertTrue(trueFaders >= 10, "the samples hold fading candidates: " + trueFaders);
        assertTrue(both >= 0.8 * trueFaders, "recall of true faders: " + both + " of " + trueFaders);
    }

    /** Every ranked row is a candidate with its input photometry; FADING first; the score is the sum of its parts. */
    @Test
    void theRankedTableIsConsistentWithItsInputs() throws Exception {
        Table ranked = TableIO.read(out.resolve("ranked.parquet"));
        Table candidates = TableIO.read(out.resolve("candidates.parquet"));
        assertEquals(candidates.rowCount(), ranked.rowCount());
        assertEquals(new HashSet<>(candidates.stringColumn("designation").asList()),
                new HashSet<>(ranked.stringColumn("designation").asList()));
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            row.put(wise.stringColumn("designation").get(i), i);
        }
        boolean seenOther = false;
        for (int i = 0; i < ranked.rowCount(); i++) {
            assertEquals(i + 1, ranked.intColumn("rank").get(i));
            int w = row.get(ranked.stringColumn("designation").get(i));
            assertEquals(wise.doubleColumn("ra").get(w), ranked.doubleColumn("ra").get(i), 0);
            assertEquals(wise.doubleColumn("dec").get(w), ranked.doubleColumn("dec").get(i), 0);
            assertEquals(wise.floatColumn("w1mpro").get(w), ranked.doubleColumn("w1mpro").get(i), 0);
            assertEquals(wise.floatColumn("w2mpro").get(w), ranked.doubleColumn("w2mpro").get(i), 0);
            assertEquals(wise.floatColumn("w1mpro").get(w) - (double) wise.floatColumn("w2mpro").get(w),
                    ranked.doubleColumn("w1_w2").get(i), 1e-9);
            boolean fading = "FADING".equals(ranked.stringColumn("flag").get(i));
            assertTrue(!(fading && seenOther), "FADING first, row " + (i + 1));
            seenOther |= !fading;
            double sum = ranked.doubleColumn("score_colour").get(i) + ranked.doubleColumn("score_fading").get(i)
                    + ranked.doubleColumn("score_period").get(i);
            assertEquals(sum, ranked.doubleColumn("score").get(i), 1e-12);
            assertEquals(fading, ranked.doubleColumn("score_fading").get(i) >= 1);
        }
        // the statistics and periods are those of variability.parquet and periodogram.parquet, source by source
        Table stats = TableIO.read(out.resolve("variability.parquet")), periods = TableIO.read(out.resolve("periodogram.parquet"));
        Map<String, Integer> s = new HashMap<>(), pg = new HashMap<>();
        long flaggedForPeriods = 0;
        for (int i = 0; i < stats.rowCount(); i++) {
            s.put(stats.stringColumn("designation").get(i), i);
            String f = stats.stringColumn("flag").get(i);
            flaggedForPeriods += "FADING".equals(f) || "VARIABLE".equals(f) ? 1 : 0;
        }
        for (int i = 0; i < periods.rowCount(); i++) {
            pg.put(periods.stringColumn("designation").get(i), i);
        }
        assertEquals(flaggedForPeriods, periods.rowCount(), "a period search for every FADING or VARIABLE source");
        for (int i = 0; i < ranked.rowCount(); i++) {
            int k = s.get(ranked.stringColumn("designation").get(i));
            assertEquals(stats.stringColumn("flag").get(k), ranked.stringColumn("flag").get(i));
            for (String c : List.of("trend_w1_mag_yr", "trend_w1_p", "trend_w2_mag_yr", "trend_w2_p", "baseline_years")) {
                assertEquals(stats.numberColumn(c).getDouble(k), ranked.doubleColumn(c).getDouble(i), 0, c);
            }
            assertEquals(stats.numberColumn("n_visits").getDouble(k), ranked.intColumn("n_visits").getDouble(i), 0);
            Integer q = pg.get(ranked.stringColumn("designation").get(i));
            String band = ranked.stringColumn("period_band").get(i);
            if (band.isEmpty()) {
                assertTrue(Double.isNaN(ranked.doubleColumn("best_period_d").getDouble(i)));
            } else {
                String b = band.toLowerCase() + "_";
                // a period only where one was found: periodic, or (with no periodic band) a significant cadence
                // alias, which the caveat names
                assertTrue(q != null, "a period only for a source with a period search");
                boolean periodic = periods.booleanColumn(b + "is_periodic").get(q);
                boolean alias = periods.booleanColumn(b + "alias").get(q) && periods.doubleColumn(b + "fap").getDouble(q) < 0.01
                        && ranked.stringColumn("caveats").get(i).contains("cadence_alias");
                assertTrue(periodic || alias, "a period only where one was found");
                assertEquals(periods.doubleColumn(b + "best_period").getDouble(q), ranked.doubleColumn("best_period_d").getDouble(i), 0);
                assertEquals(periods.doubleColumn(b + "fap").getDouble(q), ranked.doubleColumn("period_fap").getDouble(i), 0);
            }
        }
        Table csv = TableIO.read(out.resolve("ranked.csv"));
        assertEquals(ranked.stringColumn("designation").asList(), csv.stringColumn("designation").asList());
    }

    /** The epochs are exactly the samples' exposures of the candidates; the funnel's counts are the files' rows. */
    @Test
    void epochsAndFunnelCountTheInputs() throws Exception {
        Set<String> cand = new HashSet<>(TableIO.read(out.resolve("candidates.parquet")).stringColumn("designation").asList());
        Table all = TableIO.read(Jar.ROOT.resolve("data-samples/neowise_epochs.parquet"), "designation");
        long expected = all.stringColumn("designation").asList().stream().filter(cand::contains).count();
        assertEquals(expected, TableIO.read(out.resolve("neowise_epochs.parquet")).rowCount());
        JsonNode steps = JSON.readTree(out.resolve("funnel.json").toFile()).get("steps");
        assertEquals(wise.rowCount(), steps.get(0).get("rows").asLong(), "AllWISE sources");
        assertEquals(TableIO.read(out.resolve("orphans.parquet")).rowCount(), steps.get(1).get("rows").asLong());
        long previous = Long.MAX_VALUE;
        for (JsonNode s : steps) {
            assertTrue(s.get("rows").asLong() <= previous, "the funnel narrows: " + steps);
            previous = s.get("rows").asLong();
        }
        assertEquals(cand.size(), find(steps, "candidates"));
        assertEquals(TableIO.read(out.resolve("variability.parquet")).rowCount(), find(steps, "with a light curve"));
    }

    /** run.json identifies every input by its SHA-256, computed here independently. */
    @Test
    void runJsonIdentifiesTheInputs() throws Exception {
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("samples", run.get("config").get("source").asText());
        assertEquals(3.0, run.get("config").get("radius_arcsec").asDouble());
        int n = 0;
        for (JsonNode in : run.get("inputs")) {
            Path p = Jar.ROOT.resolve(in.get("path").asText());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            assertEquals(sha, in.get("sha256").asText(), p.toString());
            assertEquals(Files.size(p), in.get("bytes").asLong());
            n++;
        }
        assertEquals(9, n, "8 tiles and the epochs");
    }

    @Test
    void theReportHasEverySection() throws Exception {
        String page = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        for (String s : List.of("Funnel", "Sky map", "Colour", "Ranked", "Caveats", "Configuration", "Phases")) {
            assertTrue(page.contains(s), "section " + s);
        }
        String top = TableIO.read(out.resolve("ranked.parquet")).stringColumn("designation").get(0);
        assertTrue(page.contains(top), "the first candidate " + top + " is shown");
    }

    /**
     * kill -9 in every phase, one after the other on one output directory, then a rerun to the end: the data files
     * are the bytes of the uninterrupted run.
     */
    @Test
    void killedInEveryPhaseThenRerunGivesTheSameBytes() throws Exception {
        Path killed = dir.resolve("killed");
        List<String> phases = List.of("download", "crossmatch", "filter", "epochs", "variability", "periodogram",
                "rank", "report");
        for (int k = 1; k < phases.size(); k++) {
            // wait for phase k-1's line (phase k has started), then kill after a short pause inside phase k
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    Jar.JAR.toString(), "run", "--out", killed.toString());
            Process p = new ProcessBuilder(cmd).directory(Jar.ROOT.toFile()).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(phases.get(k - 1) + " ")) {
                        Thread.sleep(50L * k);
                        break;
                    }
                }
                p.destroyForcibly().waitFor();
            }
        }
        var r = Jar.run("run", "--out", killed.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        for (String f : DATA_FILES) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
    }

    @Test
    void aChangedSettingRecomputesFromItsPhase() throws Exception {
        Path other = dir.resolve("changed");
        assertEquals(0, Jar.run("run", "--out", other.toString(), "--phase", "variability").code());
        var r = Jar.run("run", "--out", other.toString(), "--phase", "variability", "--min-w1-w2", "1.0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*crossmatch +reused.*filter +done.*epochs +done.*variability +done.*"), r.out());
        assertTrue(TableIO.read(other.resolve("candidates.parquet")).rowCount()
                < TableIO.read(out.resolve("candidates.parquet")).rowCount());
    }

    /**
     * --source tap against the local DaCHS (which serves data-samples) finds the same candidates with the same flags and
     * scores. The one difference allowed is the missing_neighbour_tile caveat: the download brings each tile's margin
     * file (the Gaia rows beyond its border), the samples have none, so only the samples' border sources carry it; both
     * rankings follow the same order rule (FADING, fewer caveats, higher score, designation).
     */
    @Test
    void theTapSourceGivesTheSameCandidatesAndRanking() throws Exception {
        String tap = Dachs.url();
        Path data = dir.resolve("tap-data"), tapOut = dir.resolve("tap-out");
        var r = Jar.run("run", "--source", "tap", "--tap-url", tap, "--data", data.toString(), "--out", tapOut.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Table a = TableIO.read(out.resolve("ranked.parquet")), b = TableIO.read(tapOut.resolve("ranked.parquet"));
        assertEquals(a.rowCount(), b.rowCount());
        Map<String, Integer> inA = new HashMap<>();
        for (int i = 0; i < a.rowCount(); i++) {
            inA.put(a.stringColumn("designation").get(i), i);
        }
        for (int j = 0; j < b.rowCount(); j++) {
            Integer i = inA.get(b.stringColumn("designation").get(j));
            assertTrue(i != null, "candidate " + b.stringColumn("designation").get(j) + " of tap is a samples candidate");
            assertEquals(a.stringColumn("flag").get(i), b.stringColumn("flag").get(j));
            assertEquals(a.doubleColumn("score").get(i), b.doubleColumn("score").get(j), 1e-9);
            assertEquals(a.stringColumn("caveats").get(i).replace("missing_neighbour_tile", "").replaceAll("^;|;$", ""),
                    b.stringColumn("caveats").get(j));
        }
        assertOrdered(a);
        assertOrdered(b);
    }

    /** FADING first, then fewer caveats, then the higher score, then the designation. */
    static void assertOrdered(Table t) {
        for (int i = 1; i < t.rowCount(); i++) {
            Object[] p = key(t, i - 1), q = key(t, i);
            int c = Boolean.compare((boolean) p[0], (boolean) q[0]);
            if (c == 0) {
                c = Integer.compare((int) p[1], (int) q[1]);
            }
            if (c == 0) {
                c = -Double.compare((double) p[2], (double) q[2]);
            }
            if (c == 0) {
                c = ((String) p[3]).compareTo((String) q[3]);
            }
            assertTrue(c < 0, "ranked rows " + i + " and " + (i + 1) + " out of order");
        }
    }

    static Object[] key(Table t, int i) {
        String cav = t.stringColumn("caveats").get(i);
        return new Object[] {!"FADING".equals(t.stringColumn("flag").get(i)), cav.isEmpty() ? 0 : cav.split(";").length,
            t.doubleColumn("score").get(i), t.stringColumn("designation").get(i)};
    }

    private static long find(JsonNode steps, String name) {
        for (JsonNode s : steps) {
            if (s.get("step").asText().equals(name)) {
                return s.get("rows").asLong();
            }
        }
        throw new AssertionError("no step " + name + " in " + steps);
    }
}
