package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.SampleCopies;
import org.tasni.crossmatch.Backend;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityConfig.Preset;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.Table;

/**
 * The pipeline's counts, states and messages on damaged data (found by an adversarial tester): a partial phase is
 * visible in a notebook, every AllWISE row is accounted for from the crossmatch to the funnel and the report, a
 * repeated WISE row is ranked once, n_visits and the few_visits caveat do not depend on the preset, status judges a
 * phase by its upstream and by the data as they are, and refusals name the user's files.
 */
class PipelineAccountingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    /** The samples, standard preset, up to the ranking. */
    static Pipeline base;

    @BeforeAll
    static void baseRun() {
        base = Pipeline.on("../data-samples").out(dir.resolve("base")).threads(2);
        ResultTable<RunReport> r = base.run(Phase.RANK);
        assertFalse(r.report().failed(), r.report().toString());
    }

    /** A copy of the samples' tiles and epochs. */
    static Path copyData(String name) throws IOException {
        return SampleCopies.dataDirectory(dir.resolve(name));
    }

    static long wiseRows(Path data) throws IOException {
        long n = 0;
        try (var s = Files.list(data.resolve("tiles"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("wise_hp")).toList()) {
                n += TableIO.read(f).rowCount();
            }
        }
        return n;
    }

    static List<JsonNode> funnel(Path out) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        JSON.readTree(DataFile.FUNNEL.in(out).toFile()).get("steps").forEach(steps::add);
        return steps;
    }

    static long step(List<JsonNode> steps, String name) {
        return steps.stream().filter(s -> s.get("step").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + name + "' in " + steps)).get("rows").asLong();
    }

    static PhaseRecord phase(ResultTable<RunReport> r, Phase p) {
        return r.report().phases().get(p.ordinal());
    }

    /** What {@code body} printed to System.err. */
    static <T> String stderrOf(Supplier<T> body, List<T> result) {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true));
        try {
            result.add(body.get());
        } finally {
            System.setErr(err);
        }
        return e.toString();
    }

    /**
     * Without a Gaia tile, p.rank() returned the other tiles' candidates with no word in the cell, while the CLI
     * said "failed: tile 06045 NO_GAIA" and exited 1. Now the cell shows the partial phase and its failure, the result
     * is still returned, and the run's report says PARTIAL. The tile's WISE rows are the crossmatch's rows in (as in
     * the funnel's first step), and the funnel counts them as a step of their own.
     */
    @Test
    void aTileNotMatchedIsShownInTheCellAndCountedOnceEverywhere() throws IOException {
        Path data = copyData("nogaia");
        Files.delete(data.resolve("tiles/gaia_hp06045.parquet"));
        Pipeline p = Pipeline.on(data).out(dir.resolve("nogaia-out")).threads(2);
        List<Table> ranked = new ArrayList<>();
        String err = stderrOf(p::rank, ranked);
        assertTrue(ranked.get(0).rowCount() > 0, "the other tiles' candidates are ranked");
        assertEquals(1, err.split("crossmatch is PARTIAL", -1).length - 1, "once: " + err);
        assertTrue(err.contains("failed: tile 06045 NO_GAIA (6,059 WISE rows not matched): no gaia_hp06045.parquet"),
                err);
        ResultTable<RunReport> r = p.run(Phase.RANK);
        assertTrue(r.report().toString().contains("PARTIAL"), r.report().toString());
        assertFalse(r.report().toString().contains("FAILED"), r.report().toString());

        long all = wiseRows(data);
        PhaseRecord xm = phase(r, Phase.CROSSMATCH);
        assertEquals(all, xm.rowsIn(), "every WISE tile's rows, the unmatched tile's included");
        long orphans = TableIO.read(DataFile.ORPHANS.in(p.config().out())).rowCount();
        List<JsonNode> steps = funnel(p.config().out());
        assertEquals(all, step(steps, "AllWISE sources"));
        assertEquals(all - 6059, step(steps, "less the 1 tile(s) NO_GAIA (not matched)"));
        assertEquals("less the 1 tile(s) NO_GAIA (not matched)", steps.get(1).get("step").asText());
        assertEquals(orphans, steps.get(2).get("rows").asLong(), "then the orphans: " + steps);
        assertTrue(xm.notes().stream().anyMatch(n -> n.matches(String.format("%,d WISE rows = %,d orphans \\+ [0-9,]+ "
                + "matched \\+ 0 dropped \\+ 6,059 in tiles not matched", all, orphans))), xm.notes().toString());
    }

    /** A zero-byte Gaia file fails its tile as ERROR: its WISE rows are the phase's rows in all the same. */
    @Test
    void anUnreadableGaiaTileStillCountsItsWiseRows() throws IOException {
        Path data = copyData("zero");
        Files.write(data.resolve("tiles/gaia_hp06046.parquet"), new byte[0]);
        ResultTable<RunReport> r = Pipeline.on(data).out(dir.resolve("zero-out")).threads(2).run(Phase.CROSSMATCH);
        PhaseRecord xm = phase(r, Phase.CROSSMATCH);
        assertEquals(PhaseStatus.PARTIAL, xm.status());
        assertEquals(wiseRows(data), xm.rowsIn(), "the failed tile's WISE rows are counted as with no Gaia tile");
        assertTrue(xm.notes().stream().anyMatch(n -> n.startsWith("failed: tile 06046 ERROR (6,148 WISE rows not "
                + "matched)")), xm.notes().toString());
    }

    /**
     * An exact copy of a candidate's AllWISE row added to its tile was ranked twice, and the summary's 360 candidates
     * contradicted the funnel's 359 with a light curve. The copy is dropped and counted: ranked once, the funnel adds
     * up, and the crossmatch's line says so.
     */
    @Test
    void aRepeatedWiseRowIsRankedOnceAndCounted() throws IOException {
        Path data = copyData("dup");
        String first = base.rank().stringColumn("designation").get(0);
        Path tile = null;
        Table row = null;
        try (var s = Files.list(data.resolve("tiles"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("wise_hp")).toList()) {
                Table t = TableIO.read(f);
                Table r = t.where(t.stringColumn("designation").isEqualTo(first));
                if (r.rowCount() == 1) {
                    tile = f;
                    row = r;
                }
            }
        }
        assertNotNull(tile, first);
        Table t = TableIO.read(tile);
        TableIO.write(t.append(row), tile);
        List<String> lines = new ArrayList<>();
        Pipeline p = Pipeline.on(data).out(dir.resolve("dup-out")).threads(2).notices(lines::add);
        ResultTable<RunReport> r = p.run(Phase.RANK);
        Table ranked = p.rank();
        List<String> names = ranked.stringColumn("designation").asList();
        assertEquals(names.size(), new HashSet<>(names).size(), "each candidate ranked once");
        assertEquals(base.rank().rowCount(), ranked.rowCount());
        List<JsonNode> steps = funnel(p.config().out());
        assertEquals(step(steps, "candidates"), step(steps, "with a light curve"));
        long all = wiseRows(data);
        assertEquals(all, step(steps, "AllWISE sources"));
        assertEquals(all - 1, step(steps, "less the rows dropped: duplicate (n_dropped_duplicate)"));
        assertEquals(r.report().candidates(), step(steps, "candidates"));
        String xmLine = lines.stream().filter(l -> l.startsWith("crossmatch")).findFirst().orElseThrow();
        assertTrue(xmLine.contains("dropped: 1 WISE row(s): 1 duplicate (n_dropped_duplicate)"), xmLine);
    }

    /**
     * Rows with no usable position were counted only in crossmatch/tiles_summary.csv: now in the phase's summary line,
     * its notes in pipeline_timing.json, funnel.json (a step per reason between the AllWISE rows and the orphans) and
     * the report's funnel.
     */
    @Test
    void rowsWithoutAPositionAreCountedFromTheSummaryLineToTheReport() throws IOException {
        Path data = copyData("nanpos");
        Path tile = data.resolve("tiles/wise_hp06044.parquet");
        Table t = TableIO.read(tile);
        t.doubleColumn("ra").set(10, Double.NaN);
        t.doubleColumn("dec").set(11, Double.NaN);
        t.doubleColumn("dec").set(12, -91.0);
        TableIO.write(t, tile);
        List<String> lines = new ArrayList<>();
        Pipeline p = Pipeline.on(data).out(dir.resolve("nanpos-out")).threads(2).notices(lines::add);
        ResultTable<RunReport> r = p.run();
        assertFalse(r.report().failed(), r.report().toString());
        String dropped = "dropped: 3 WISE row(s): 2 non-finite ra/dec (n_dropped_nonfinite_position), 1 ra/dec out of "
                + "range (n_dropped_position_out_of_range)";
        String xmLine = lines.stream().filter(l -> l.startsWith("crossmatch")).findFirst().orElseThrow();
        assertTrue(xmLine.contains(dropped), xmLine);
        JsonNode timing = JSON.readTree(DataFile.PIPELINE_TIMING.in(p.config().out()).toFile());
        assertTrue(timing.get("phases").get(Phase.CROSSMATCH.ordinal()).get("notes").toString().contains(dropped),
                timing.toString());
        long all = wiseRows(data);
        List<JsonNode> steps = funnel(p.config().out());
        assertEquals(all, step(steps, "AllWISE sources"));
        long afterNan = step(steps, "less the rows dropped: non-finite ra/dec (n_dropped_nonfinite_position)");
        long afterRange = step(steps, "less the rows dropped: ra/dec out of range (n_dropped_position_out_of_range)");
        assertEquals(all - 2, afterNan);
        assertEquals(all - 3, afterRange);
        long orphans = TableIO.read(DataFile.ORPHANS.in(p.config().out())).rowCount();
        assertEquals(orphans, steps.get(3).get("rows").asLong(), "the orphans follow the drops: " + steps);
        String html = Files.readString(DataFile.REPORT.in(p.config().out()));
        assertTrue(html.contains("n_dropped_nonfinite_position"), "the report's funnel shows the drop");
    }

    /**
     * tasni-legacy and tasni-tier5 have no n_visits: ranked.n_visits was empty under them and the few_visits caveat
     * never raised, so a source seen in three visits ranked high as FADING. Now the visits are the standard preset's
     * count for every preset. One FADING candidate keeps only its first 400 days of exposures (3 visits).
     */
    @Test
    void visitsAndTheFewVisitsCaveatAreTheSameWhateverThePreset() throws IOException {
        Path data = copyData("few");
        Table baseRanked = base.rank();
        String fading = null;
        for (int i = 0; i < baseRanked.rowCount() && fading == null; i++) {
            if (VariabilityFlag.FADING.name().equals(baseRanked.stringColumn(VariabilityFlag.COLUMN).get(i))) {
                fading = baseRanked.stringColumn("designation").get(i);
            }
        }
        assertNotNull(fading);
        Table epochs = TableIO.read(data.resolve("neowise_epochs.parquet"));
        Table own = epochs.where(epochs.stringColumn("designation").isEqualTo(fading));
        double start = own.numberColumn("mjd").min();
        String source = fading;
        Table kept = epochs.where(epochs.stringColumn("designation").isNotEqualTo(source)
                .or(epochs.numberColumn("mjd").isLessThan(start + 400)));
        TableIO.write(kept, data.resolve("neowise_epochs.parquet"));

        Map<String, Integer> standard = visits(Pipeline.on(data).out(dir.resolve("few-standard")).threads(2).rank());
        assertTrue(standard.get(source) < Ranking.MIN_VISITS, "the cut source has few visits: " + standard.get(source));
        for (Preset preset : List.of(Preset.TASNI_LEGACY, Preset.TASNI_TIER5)) {
            Pipeline p = Pipeline.on(data).out(dir.resolve("few-" + preset)).threads(2).preset(preset);
            Table ranked = p.rank();
            assertEquals(standard, visits(ranked), preset + ": n_visits as the standard preset counts them");
            int row = ranked.stringColumn("designation").indexOf(source);
            assertTrue(ranked.stringColumn("caveats").get(row).contains(Caveat.FEW_VISITS.toString()),
                    preset + ": " + ranked.row(row));
        }
        // and on the samples, the standard preset's own count is what the ranking shows
        assertEquals(visits(base.variability()), visits(baseRanked));
    }

    static Map<String, Integer> visits(Table t) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            assertFalse(t.intColumn("n_visits").isMissing(i), t.stringColumn("designation").get(i));
            m.put(t.stringColumn("designation").get(i), t.intColumn("n_visits").get(i));
        }
        return m;
    }

    /**
     * After other cuts, FILTER was stale but REPORT done, and after a crossmatch that did not finish the later phases
     * were done while the crossmatch was "missing" with nothing said missing. A phase after a stale or missing one is
     * stale, saying which, and a phase without a finished run names the record it lacks.
     */
    @Test
    void aPhaseIsStaleWhenItsUpstreamIsStaleOrMissing() throws IOException {
        Pipeline p = base.out(dir.resolve("status-out"));
        p.run();
        Table done = p.status();
        for (int i = 0; i < done.rowCount(); i++) {
            assertEquals("DONE", done.stringColumn("status").get(i), done.print());
        }
        Table s = p.cuts(CandidateCuts.reference().withMinW1W2(0.8)).status();
        assertEquals("STALE", s.stringColumn("status").get(Phase.FILTER.ordinal()));
        assertTrue(s.stringColumn("why").get(Phase.FILTER.ordinal()).startsWith("settings changed (cuts"), s.print());
        for (Phase later : List.of(Phase.EPOCHS, Phase.VARIABILITY, Phase.PERIODOGRAM, Phase.RANK, Phase.REPORT)) {
            assertEquals("STALE", s.stringColumn("status").get(later.ordinal()), later + "\n" + s.print());
        }
        assertEquals("upstream filter is stale", s.stringColumn("why").get(Phase.EPOCHS.ordinal()));
        assertEquals("upstream filter is stale", s.stringColumn("why").get(Phase.REPORT.ordinal()));

        // a crossmatch whose last run did not finish (its stamp is removed when it fails), its files still there
        Files.delete(Stamp.file(p.config().out(), Phase.CROSSMATCH));
        Table m = p.status();
        assertEquals("MISSING", m.stringColumn("status").get(Phase.CROSSMATCH.ordinal()));
        assertTrue(m.stringColumn("missing").get(Phase.CROSSMATCH.ordinal()).contains("crossmatch.json"), m.print());
        assertEquals("STALE", m.stringColumn("status").get(Phase.FILTER.ordinal()));
        assertEquals("upstream crossmatch is missing", m.stringColumn("why").get(Phase.REPORT.ordinal()));
    }

    /** A data directory moved since the run: the phases that read it are stale, saying so; nothing fails. */
    @Test
    void aMovedDataDirectoryMakesItsPhasesStaleWithTheReason() throws IOException {
        Path data = copyData("moving");
        Pipeline p = Pipeline.on(data).out(dir.resolve("moving-out")).threads(2);
        assertFalse(p.run(Phase.RANK).report().failed());
        Files.move(data, dir.resolve("moved"));
        Table s = Pipeline.at(p.config().out()).status();
        for (Phase ph : List.of(Phase.DOWNLOAD, Phase.CROSSMATCH)) {
            assertEquals("STALE", s.stringColumn("status").get(ph.ordinal()), s.print());
            assertTrue(s.stringColumn("why").get(ph.ordinal()).contains("is gone"), s.print());
        }
        for (Phase ph : List.of(Phase.FILTER, Phase.VARIABILITY, Phase.RANK)) {
            assertEquals("STALE", s.stringColumn("status").get(ph.ordinal()), s.print());
        }
        // judged against the data where they are now: changed files, not a directory gone
        Table now = Pipeline.of(Pipeline.at(p.config().out()).config().withData(dir.resolve("moved"))).status();
        assertFalse(now.stringColumn("why").get(Phase.CROSSMATCH.ordinal()).contains("is gone"), now.print());
    }

    /**
     * The refusals name the user's files: a WISE column the cuts need (it was "orphans.parquet: no column 'w1snr'")
     * and an epochs column (it was OUT's copy, "neowise_epochs.parquet: no column 'w1sigmpro'…").
     */
    @Test
    void refusalsNameTheDataFilesNotThePipelinesCopies() throws IOException {
        Path data = copyData("nocol");
        try (var s = Files.list(data.resolve("tiles"))) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("wise_hp")).toList()) {
                TableIO.write(TableIO.read(f).removeColumns("w1snr"), f);
            }
        }
        ResultTable<RunReport> r = Pipeline.on(data).out(dir.resolve("nocol-out")).threads(2).run(Phase.FILTER);
        PhaseRecord filter = phase(r, Phase.FILTER);
        assertEquals(PhaseStatus.FAILED, filter.status());
        String why = filter.notes().get(0);
        assertTrue(why.startsWith("failed: " + data.resolve("tiles/wise_hp06044.parquet") + ": no column 'w1snr'"), why);
        assertTrue(why.contains("WISE tiles under " + data.resolve("tiles")), why);

        for (String column : List.of("w1sigmpro", "designation")) {
            Path d = copyData("no-" + column);
            Path f = d.resolve("neowise_epochs.parquet");
            TableIO.write(TableIO.read(f).removeColumns(column), f);
            ResultTable<RunReport> e = Pipeline.on(d).out(dir.resolve("no-" + column + "-out")).threads(2)
                    .run(Phase.VARIABILITY);
            PhaseRecord epochs = phase(e, Phase.EPOCHS);
            assertEquals(PhaseStatus.FAILED, epochs.status(), epochs.toString());
            assertTrue(epochs.notes().get(0).startsWith("failed: " + f + ": no column '" + column + "'"),
                    epochs.notes().toString());
            assertTrue(epochs.notes().get(0).contains("(columns: "), epochs.notes().toString());
        }
    }

    /**
     * The README said "score_fading (1 for FADING + fastest trend/0.1 mag/yr, ≤ 1)", a maximum of 1, while the samples'
     * FADING candidates score up to 2: it now gives the range the code computes.
     */
    @Test
    void theReadmeGivesScoreFadingsRange() throws IOException {
        Table ranked = base.rank();
        double max = 0, minFading = Double.MAX_VALUE;
        for (int i = 0; i < ranked.rowCount(); i++) {
            double f = ranked.doubleColumn("score_fading").get(i);
            max = Math.max(max, f);
            if (VariabilityFlag.FADING.name().equals(ranked.stringColumn(VariabilityFlag.COLUMN).get(i))) {
                minFading = Math.min(minFading, f);
            } else {
                assertEquals(0, f, ranked.row(i).toString());
            }
        }
        assertTrue(max > 1 && max <= 2 && minFading >= 1, max + " " + minFading);
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("`score_fading` (");
        String said = readme.substring(at, readme.indexOf(')', readme.indexOf(')', at) + 1) + 1);
        assertFalse(said.contains("≤ 1"), said);
        assertTrue(said.contains("from 1 to 2"), said);
    }

    /** --backend gpu without CUDA: the phase's one line gives the first tile's reason, not only a pointer to a file. */
    @Test
    void noTileMatchedSaysWhy() {
        ResultTable<RunReport> r = base.out(dir.resolve("gpu-out")).backend(Backend.GPU).run(Phase.CROSSMATCH);
        PhaseRecord xm = phase(r, Phase.CROSSMATCH);
        Assumptions.assumeTrue(xm.status() == PhaseStatus.FAILED, "a CUDA GPU is present: the GPU backend matched");
        String why = xm.notes().get(0);
        assertTrue(why.startsWith("failed: no tile could be matched: tile 06044 ERROR: backend GPU"), why);
        assertTrue(why.contains("--backend auto"), why);
    }
}
