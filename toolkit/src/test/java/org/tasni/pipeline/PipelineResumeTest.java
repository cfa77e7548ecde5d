package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.VariabilityConfig.Preset;
import tech.tablesaw.api.Table;

/** Resume: a phase is reused exactly when its inputs and settings are unchanged, and recomputed from the right phase. */
class PipelineResumeTest {

    @TempDir
    static Path dir;
    static Pipeline base;
    static Map<DataFile, byte[]> first;

    static final List<DataFile> DATA = List.of(DataFile.ORPHANS, DataFile.CANDIDATES, DataFile.NEOWISE_EPOCHS,
            DataFile.VARIABILITY, DataFile.PERIODOGRAM, DataFile.RANKED, DataFile.RANKED_CSV, DataFile.FUNNEL,
            DataFile.RUN);

    @BeforeAll
    static void firstRun() throws IOException {
        base = Pipeline.on("../data-samples").out(dir.resolve("out")).threads(2);
        ResultTable<RunReport> r = base.run(Phase.RANK);
        for (PhaseRecord p : r.report().phases()) {
            if (p.phase() != Phase.REPORT) {
                assertEquals(PhaseStatus.DONE, p.status(), p.toString());
            }
        }
        first = bytes(dir.resolve("out"));
    }

    static Map<DataFile, byte[]> bytes(Path out) throws IOException {
        Map<DataFile, byte[]> m = new EnumMap<>(DataFile.class);
        for (DataFile f : DATA) {
            m.put(f, Files.readAllBytes(f.in(out)));
        }
        return m;
    }

    static Map<Phase, PhaseStatus> statuses(ResultTable<RunReport> r) {
        Map<Phase, PhaseStatus> m = new HashMap<>();
        r.report().phases().forEach(p -> m.put(p.phase(), p.status()));
        return m;
    }

    @Test
    void anUnchangedRerunReusesEveryPhaseAndKeepsTheBytes() throws IOException {
        ResultTable<RunReport> r = base.run(Phase.RANK);
        for (Phase p : List.of(Phase.DOWNLOAD, Phase.CROSSMATCH, Phase.FILTER, Phase.EPOCHS, Phase.VARIABILITY,
                Phase.PERIODOGRAM, Phase.RANK)) {
            assertEquals(PhaseStatus.REUSED, statuses(r).get(p), p.toString());
        }
        Map<DataFile, byte[]> now = bytes(dir.resolve("out"));
        DATA.forEach(f -> assertArrayEquals(first.get(f), now.get(f), f.fileName()));
        assertEquals(Steps.all().size(), r.rowCount(), "one row per phase");
    }

    /** --force recomputes every phase, and the outputs are the same bytes: the run is deterministic. */
    @Test
    void aForcedRunRecomputesAndWritesTheSameBytes() throws IOException {
        Path other = dir.resolve("forced");
        Pipeline p = base.out(other);
        p.run(Phase.RANK);
        ResultTable<RunReport> r = p.force().run(Phase.RANK);
        assertEquals(PhaseStatus.DONE, statuses(r).get(Phase.CROSSMATCH));
        assertEquals(PhaseStatus.DONE, statuses(r).get(Phase.RANK));
        Map<DataFile, byte[]> now = bytes(other);
        for (DataFile f : DATA) {
            if (f != DataFile.RUN) { // run.json names the output directory
                assertArrayEquals(first.get(f), now.get(f), f.fileName());
            }
        }
    }

    /**
     * A forced pipeline recomputes each phase once: later calls on the same object reuse what it has just computed
     * (each call of a notebook's forced pipeline had recomputed download, crossmatch, … again).
     */
    @Test
    void aForcedPipelineRecomputesEachPhaseOnce() {
        Path other = dir.resolve("forced-once");
        base.out(other).run(Phase.FILTER);
        Pipeline p = base.out(other).force();
        Map<Phase, PhaseStatus> s = statuses(p.run(Phase.FILTER));
        for (Phase ph : List.of(Phase.DOWNLOAD, Phase.CROSSMATCH, Phase.FILTER)) {
            assertEquals(PhaseStatus.DONE, s.get(ph), ph.toString());
        }
        p.filter();
        s = statuses(p.run(Phase.EPOCHS));
        for (Phase ph : List.of(Phase.DOWNLOAD, Phase.CROSSMATCH, Phase.FILTER)) {
            assertEquals(PhaseStatus.REUSED, s.get(ph), ph + " again");
        }
        assertEquals(PhaseStatus.DONE, s.get(Phase.EPOCHS), "reached for the first time: recomputed");
        assertEquals(PhaseStatus.REUSED, statuses(p.run(Phase.EPOCHS)).get(Phase.EPOCHS));
        // another force() is another recomputation
        assertEquals(PhaseStatus.DONE, statuses(p.force().run(Phase.CROSSMATCH)).get(Phase.CROSSMATCH));
        assertEquals(PhaseStatus.DONE, statuses(p.recomputeFrom(Phase.FILTER).run(Phase.FILTER)).get(Phase.FILTER));
    }

    @Test
    void aChangedPresetRecomputesFromVariabilityOn() {
        Path other = dir.resolve("preset");
        base.out(other).run(Phase.RANK);
        ResultTable<RunReport> r = base.out(other).preset(Preset.TASNI_LEGACY).run(Phase.RANK);
        Map<Phase, PhaseStatus> s = statuses(r);
        assertEquals(PhaseStatus.REUSED, s.get(Phase.CROSSMATCH));
        assertEquals(PhaseStatus.REUSED, s.get(Phase.EPOCHS));
        assertEquals(PhaseStatus.DONE, s.get(Phase.VARIABILITY));
        assertEquals(PhaseStatus.DONE, s.get(Phase.PERIODOGRAM));
        assertEquals(PhaseStatus.DONE, s.get(Phase.RANK));
        assertTrue(r.report().candidates() > 0);
    }

    @Test
    void aChangedRadiusRecomputesFromTheCrossmatchOn() {
        Path other = dir.resolve("radius");
        base.out(other).run(Phase.FILTER);
        ResultTable<RunReport> r = base.out(other).radius(30).run(Phase.FILTER);
        Map<Phase, PhaseStatus> s = statuses(r);
        assertEquals(PhaseStatus.REUSED, s.get(Phase.DOWNLOAD));
        assertEquals(PhaseStatus.DONE, s.get(Phase.CROSSMATCH));
        assertEquals(PhaseStatus.DONE, s.get(Phase.FILTER));
        assertEquals(PhaseStatus.SKIPPED, s.get(Phase.EPOCHS));
        long orphans30 = r.report().phases().get(Phase.CROSSMATCH.ordinal()).rowsOut();
        long orphans3 = ParquetIO.rowCount(DataFile.ORPHANS.in(dir.resolve("out")));
        assertEquals(ParquetIO.rowCount(DataFile.ORPHANS.in(other)), orphans30);
        assertTrue(orphans30 < orphans3, "fewer orphans within 30 arcsec: " + orphans30 + " vs " + orphans3);
    }

    /** A damaged output (an interrupted copy) is recomputed, and so is everything after it whose input changed. */
    @Test
    void aDamagedOutputIsRecomputed() throws IOException {
        Path other = dir.resolve("damaged");
        base.out(other).run(Phase.RANK);
        Path f = DataFile.VARIABILITY.in(other);
        Files.write(f, new byte[] {1, 2, 3});
        ResultTable<RunReport> r = base.out(other).run(Phase.RANK);
        Map<Phase, PhaseStatus> s = statuses(r);
        assertEquals(PhaseStatus.REUSED, s.get(Phase.EPOCHS));
        assertEquals(PhaseStatus.DONE, s.get(Phase.VARIABILITY));
        // the recomputed file has the first run's bytes, so the phases after it are reused
        assertEquals(PhaseStatus.REUSED, s.get(Phase.PERIODOGRAM));
        assertArrayEquals(first.get(DataFile.VARIABILITY), Files.readAllBytes(f));
    }

    @Test
    void theOutputDirectoryIsNeverTheDataDirectory() {
        TasniException e = assertThrows(TasniException.class,
                () -> Pipeline.on("../data-samples").out("../data-samples").run());
        assertTrue(e.getMessage().contains("the output directory is the data directory"), e.getMessage());
    }

    @Test
    void statusSaysDoneStaleAndMissing() throws IOException {
        Path other = dir.resolve("status");
        Pipeline p = base.out(other);
        p.run(Phase.FILTER);
        Table s = p.status();
        assertEquals("DONE", s.stringColumn("status").get(Phase.CROSSMATCH.ordinal()));
        assertEquals("MISSING", s.stringColumn("status").get(Phase.EPOCHS.ordinal()));
        Files.write(DataFile.CANDIDATES.in(other), new byte[] {0});
        assertEquals("STALE", p.status().stringColumn("status").get(Phase.FILTER.ordinal()));
    }

    @Test
    void eachPhaseReturnsItsTable() {
        Table ranked = base.rank();
        Table candidates = base.filter();
        assertEquals(candidates.rowCount(), ranked.rowCount());
        assertEquals(base.variability().rowCount(), candidates.rowCount(), "every sample candidate has a light curve");
    }

    /** A tile that cannot be matched is a failure with its reason; the other tiles and the later phases go on. */
    @Test
    void aBrokenTileFailsAloneAndTheRunGoesOn() throws IOException {
        Path data = dir.resolve("broken-data");
        Files.createDirectories(data.resolve("tiles"));
        try (var s = Files.list(Path.of("../data-samples/tiles"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve("tiles").resolve(f.getFileName()));
            }
        }
        Files.copy(Path.of("../data-samples/neowise_epochs.parquet"), data.resolve("neowise_epochs.parquet"));
        Files.write(data.resolve("tiles/wise_hp06047.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 0});
        Pipeline p = Pipeline.on(data).out(dir.resolve("broken-out")).threads(2);
        ResultTable<RunReport> r = p.run(Phase.RANK);
        Map<Phase, PhaseStatus> s = statuses(r);
        assertEquals(PhaseStatus.PARTIAL, s.get(Phase.DOWNLOAD), "the samples' unreadable tile is reported");
        assertEquals(PhaseStatus.PARTIAL, s.get(Phase.CROSSMATCH));
        PhaseRecord xm = r.report().phases().get(Phase.CROSSMATCH.ordinal());
        assertTrue(xm.notes().stream().anyMatch(n -> n.startsWith("failed: tile 06047")), xm.notes().toString());
        assertEquals(PhaseStatus.DONE, s.get(Phase.RANK));
        assertTrue(r.report().failed(), "the run says it failed");
        assertTrue(r.report().candidates() > 0, "the other tiles' candidates are ranked");
        // a partial phase is never reused: the next run tries the broken tile again
        assertEquals(PhaseStatus.PARTIAL, statuses(p.run(Phase.CROSSMATCH)).get(Phase.CROSSMATCH));
    }
}
