package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.crossmatch.Backend;
import org.tasni.pipeline.report.ReportPage;

/** The pipeline as a notebook user meets it (found by an adversarial tester of the notebook API). */
class PipelineNotebookApiTest {

    static final Path SAMPLES = Path.of("../data-samples");

    @TempDir
    Path dir;

    /**
     * tiles(6044, 6047) is the range, as Downloader.tiles(6044, 6047) and --tiles 6044-6047 are (it had been a list of
     * two tiles); a list is given as a list or in --tiles' words; each tile once, in order.
     */
    @Test
    void tilesFromToIsTheInclusiveRangeLikeTheDownloaderAndTheCommandLine() {
        Pipeline p = Pipeline.on("dtap").tapUrl("http://localhost/tap");
        assertEquals(List.of(6044L, 6045L, 6046L, 6047L), p.tiles(6044, 6047).config().tiles());
        assertEquals(List.of(6044L), p.tiles(6044, 6044).config().tiles());
        assertEquals(List.of(6044L, 6045L, 6047L), p.tiles("6047,6044-6045,6044").config().tiles());
        assertEquals(List.of(6044L, 6047L), p.tiles(List.of(6047L, 6044L, 6044L)).config().tiles());
        assertEquals("tiles must be a range within [0, 12287] (got 6047-6044).",
                assertThrows(TasniException.class, () -> p.tiles(6047, 6044)).getMessage());
        assertThrows(TasniException.class, () -> p.tiles(-1, 3));
        assertEquals("tile 99999 is outside [0, 12287] (HEALPix nside 32).",
                assertThrows(TasniException.class, () -> p.tiles(List.of(99999L))).getMessage());
        assertEquals("tiles: 'abc' is not a tile number or an inclusive range A-B.",
                assertThrows(TasniException.class, () -> p.tiles("abc")).getMessage());
        TasniException e = assertThrows(TasniException.class, () -> p.tiles(List.of()));
        assertEquals("the tile list is empty; give at least one tile, or .tiles(from, to) for a range.", e.getMessage());
        // an empty list reached by the configuration: the pipeline's words, not the downloader's ".tiles(from, to) first"
        e = assertThrows(TasniException.class, () -> p.config().withTiles(List.of()));
        assertEquals("--source tap has no tiles to download: give --tiles A-B (or .tiles(from, to) in a notebook).",
                e.getMessage());
    }

    static Path runJson(Path out, String text) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("run.json"), text);
        return out;
    }

    /** A run record as Runner writes it, with {@code edit} applied to its text. */
    Path edited(String name, String from, String to) throws IOException {
        Path out = dir.resolve(name);
        Pipeline.on(SAMPLES).out(out).threads(3).backend(Backend.AUTO).run(Phase.DOWNLOAD);
        String text = Files.readString(out.resolve("run.json"));
        assertTrue(text.contains(from), text);
        Files.writeString(out.resolve("run.json"), text.replace(from, to));
        return out;
    }

    @Test
    void aBadValueOfRunJsonIsRefusedNamingTheFile() throws IOException {
        Path out = edited("radius", "\"radius_arcsec\" : 3.0", "\"radius_arcsec\" : -5");
        Path f = out.resolve("run.json");
        assertEquals(f + ": not a readable run record: --radius must be in (0, 3600] arcsec (got -5.0). Was it edited? "
                + "Run the pipeline again, or remove the file to start afresh.",
                assertThrows(TasniException.class, () -> Pipeline.at(out)).getMessage());
        Path tiles = edited("tiles", "\"tiles\" : [ 6044, 6045, 6046, 6047 ]", "\"tiles\" : \"abc\"");
        assertEquals(tiles.resolve("run.json") + ": not a readable run record (\"tiles\" must be a list of tile numbers, "
                + "got \"abc\"); was it edited? Run the pipeline again, or remove the file to start afresh.",
                assertThrows(TasniException.class, () -> Pipeline.at(tiles)).getMessage());
        Path words = edited("words", "\"tiles\" : [ 6044, 6045, 6046, 6047 ]", "\"tiles\" : [ 6044, \"x\" ]");
        assertTrue(assertThrows(TasniException.class, () -> Pipeline.at(words)).getMessage()
                .contains("(\"tiles\" must be a list of tile numbers"));
        Path top = edited("top", "\"top\" : 5", "\"top\" : \"five\"");
        assertTrue(assertThrows(TasniException.class, () -> Pipeline.at(top)).getMessage()
                .startsWith(top.resolve("run.json") + ": not a readable run record (\"top\" must be a number, got \"five\")"));
    }

    /** at() goes on with the run's threads, backend, engine and upload, which it had dropped for the defaults. */
    @Test
    void atKeepsTheRunsThreadsBackendEngineAndUpload() throws IOException {
        Path out = dir.resolve("out");
        Pipeline.on(SAMPLES).out(out).threads(3).backend(Backend.AUTO).run(Phase.DOWNLOAD);
        PipelineConfig c = Pipeline.at(out).config();
        assertEquals(3, c.threads());
        assertEquals(Backend.AUTO, c.backend());
        assertEquals(Engine.CPU, c.engine());
        Path edited = edited("spark", "\"engine\" : \"cpu\"", "\"engine\" : \"spark\"");
        Files.writeString(edited.resolve("run.json"), Files.readString(edited.resolve("run.json"))
                .replace("\"upload\" : 500", "\"upload\" : 7"));
        assertEquals(Engine.SPARK, Pipeline.at(edited).config().engine());
        assertEquals(7, Pipeline.at(edited).config().upload());
        // a record without them (an older run's) takes the defaults
        String text = Files.readString(out.resolve("run.json")).replaceAll("\\s*\"(threads|backend|engine|upload)\" : "
                + "[^,]+,", "");
        assertFalse(text.contains("\"backend\""), text);
        assertEquals(Backend.CPU, Pipeline.at(runJson(dir.resolve("old"), text)).config().backend());
    }

    /** The phase table had mixed a reused phase's 1.98 s with a fresh one's 1.980389731 s and 428.2604064941406 MB. */
    @Test
    void aPhaseRecordIsRoundedAsTheTimingFileKeepsIt() {
        PhaseRecord r = new PhaseRecord(Phase.CROSSMATCH, PhaseStatus.DONE, Instant.EPOCH, Instant.EPOCH, 1.980389731, 1,
                1, 428.2604064941406, List.of());
        assertEquals(1.98, r.elapsedS());
        assertEquals(428.3, r.peakHeapMb());
        var table = Pipeline.on(SAMPLES).out(dir.resolve("out")).run(Phase.DOWNLOAD);
        double heap = table.doubleColumn("peak_heap_mb").get(0), s = table.doubleColumn("elapsed_s").get(0);
        assertEquals(Math.round(heap * 10) / 10.0, heap);
        assertEquals(Math.round(s * 1000) / 1000.0, s);
    }

    /** A pipeline and its report print as one line in plain JShell (they had printed as Pipeline@1b2c3d). */
    @Test
    void aPipelineAndItsReportPrintAsOneLine() {
        Path out = dir.resolve("out");
        Pipeline p = Pipeline.on(SAMPLES).out(out);
        assertEquals("Pipeline samples " + SAMPLES + " → " + out + ": not run yet (status() checks them)", p.toString());
        p.run(Phase.FILTER);
        assertEquals("Pipeline samples " + SAMPLES + " → " + out + ": 3 of 8 phases run, recomputing from crossmatch "
                + "(status() checks them)", p.recomputeFrom(Phase.CROSSMATCH).toString());
        ReportPage page = ReportPage.of(out);
        assertTrue(page.toString().startsWith("ReportPage of " + out + ": no ranked candidates; missing or "
                + "unreadable: "), page.toString());
        assertTrue(page.toString().contains("ranked.parquet"), page.toString());
        assertTrue(page.toString().endsWith("; write() saves it as " + out.resolve("report.html")), page.toString());
        assertEquals(1, page.toString().lines().count());
    }
}
