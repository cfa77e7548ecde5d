package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.TileLayout;

/** The output directory is never among the inputs: not DATA, not inside its tiles or their margin folder. */
class OutputDirectoryTest {

    @TempDir
    Path dir;
    Path data;

    /** A copy of the samples' tiles (the epochs are not needed: every refusal comes before any phase). */
    @BeforeEach
    void copySamples() throws IOException {
        data = dir.resolve("data");
        Files.createDirectories(data.resolve("tiles"));
        try (var s = Files.list(Path.of("../data-samples/tiles"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve("tiles").resolve(f.getFileName()));
            }
        }
    }

    TasniException refused(Path out) {
        return assertThrows(TasniException.class, () -> Pipeline.on(data).out(out).run(Phase.DOWNLOAD));
    }

    /** The first run is refused, before it writes anything: it used to fill the margin folder and succeed. */
    @Test
    void anOutputInsideTheMarginFolderIsRefusedOnTheFirstRun() {
        Path out = data.resolve("tiles/margin");
        TasniException e = refused(out);
        assertTrue(e.getMessage().startsWith(out + ": the output directory is inside the tile directory "
                + data.resolve("tiles")), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anOutputInsideTheTileDirectoryIsRefused() {
        for (Path out : List.of(data.resolve("tiles"), data.resolve("tiles/results"), data.resolve("tiles/margin/x"))) {
            TasniException e = refused(out);
            assertTrue(e.getMessage().contains("inside the tile directory"), e.getMessage());
            assertFalse(Files.exists(out.resolve("run.json")), out.toString());
        }
    }

    @Test
    void aLinkIntoTheTileDirectoryIsRefused() throws IOException {
        Files.createDirectories(data.resolve("tiles/margin"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), data.resolve("tiles/margin"));
        assertTrue(refused(link).getMessage().contains("inside the tile directory"));
        assertTrue(refused(link.resolve("sub")).getMessage().contains("inside the tile directory"));
    }

    /**
     * x/link points at the margin folder, so x/link/../res is tiles/res: normalized as text it was x/res, and the run
     * wrote its results among the tiles.
     */
    @Test
    void aLinkAndDotDotLeadingIntoTheTileDirectoryIsRefused() throws IOException {
        Files.createDirectories(data.resolve("tiles/margin"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("x")).resolve("link"),
                data.resolve("tiles/margin"));
        Path out = link.resolve("../res");
        assertTrue(refused(out).getMessage().contains("inside the tile directory"));
        assertFalse(Files.exists(data.resolve("tiles/res")), "nothing written");
    }

    @Test
    void theDataDirectoryItselfIsRefusedWithTheSameKindOfMessage() throws IOException {
        assertEquals(data + ": the output directory is the data directory " + data + "; refusing to write results "
                + "among the inputs (its tiles and neowise_epochs.parquet). Give another --out.",
                refused(data).getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("data-link"), data);
        assertTrue(refused(link).getMessage().contains("is the data directory"));
        assertTrue(refused(data.resolve("tiles/..")).getMessage().contains("is the data directory"));
    }

    /** DATA's other folders are not inputs: a results folder beside the tiles is a valid output directory. */
    @Test
    void aFolderOfTheDataDirectoryOutsideItsTilesIsAccepted() {
        Path out = data.resolve("results");
        Pipeline.on(data).out(out).run(Phase.DOWNLOAD);
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
    }

    /** Only tile-named files of the margin folder are inputs: another run's outputs left there are read by nothing. */
    @Test
    void theMarginFolderHoldsOnlyTileNamedInputs() throws IOException {
        Path margin = TileLayout.marginDir(data.resolve("tiles"));
        Files.createDirectories(margin);
        Files.copy(data.resolve("tiles/gaia_hp06044.parquet"), margin.resolve("gaia_hp06045.parquet"));
        Files.copy(data.resolve("tiles/gaia_hp06044.parquet"), margin.resolve("neowise_epochs.parquet"));
        Files.writeString(margin.resolve("run.json"), "{}");
        List<Path> in = TileFiles.of(PipelineConfig.defaults().withData(data));
        assertTrue(in.contains(margin.resolve("gaia_hp06045.parquet")), in.toString());
        assertFalse(in.contains(margin.resolve("neowise_epochs.parquet")), in.toString());
        assertFalse(in.contains(margin.resolve("run.json")), in.toString());
        assertEquals(9, in.size(), in.toString());
    }

    @Test
    void aRunRecordWithoutItsKeysIsRefusedNamingTheKey() throws IOException {
        Path out = Files.createDirectories(dir.resolve("edited"));
        Files.writeString(out.resolve("run.json"), "{}");
        var e = assertThrows(TasniException.class, () -> Pipeline.at(out));
        assertEquals(out.resolve("run.json") + ": not a readable run record (no \"config\"); was it edited? Run the "
                + "pipeline again, or remove the file to start afresh.", e.getMessage());
        Files.writeString(out.resolve("run.json"), "{\"config\": {\"tiles\": [6044]}}");
        e = assertThrows(TasniException.class, () -> Pipeline.at(out));
        assertTrue(e.getMessage().contains("(no \"cuts\")"), e.getMessage());
    }

    /**
     * Another data directory as --out had its neowise_epochs.parquet replaced by the candidates' few (101,324 rows
     * became a subset): one that no run wrote into is refused before anything is written, whichever of the two it has.
     */
    @Test
    void anotherDataDirectoryIsRefusedAsTheOutput() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("tiles"));
        Files.copy(Path.of("../data-samples/neowise_epochs.parquet"), other.resolve("neowise_epochs.parquet"));
        byte[] before = Files.readAllBytes(other.resolve("neowise_epochs.parquet"));
        assertEquals(other + ": looks like a data directory (it holds tiles/ and neowise_epochs.parquet) and no "
                + "pipeline run has written into it (no .pipeline/ nor run.json); refusing to write results there: the "
                + "epochs phase would replace its neowise_epochs.parquet. Give another --out (a new or empty directory, "
                + "or an earlier run's output).", refused(other).getMessage());
        assertArrayEquals(before, Files.readAllBytes(other.resolve("neowise_epochs.parquet")));
        assertFalse(Files.exists(other.resolve(".pipeline")) || Files.exists(other.resolve("run.json")), "nothing written");
        Files.delete(other.resolve("tiles"));
        assertTrue(refused(other).getMessage().contains("(it holds neowise_epochs.parquet)"));
        Files.delete(other.resolve("neowise_epochs.parquet"));
        Files.createDirectories(other.resolve("tiles"));
        assertTrue(refused(other).getMessage().contains("(it holds tiles/)"));
    }

    /** An earlier run's output holds the epochs phase's neowise_epochs.parquet, and its records: it is reused. */
    @Test
    void anEarlierRunsOutputIsNotTakenForADataDirectory() throws IOException {
        Path out = dir.resolve("out");
        Pipeline.on(data).out(out).run(Phase.DOWNLOAD);
        Files.copy(Path.of("../data-samples/neowise_epochs.parquet"), out.resolve("neowise_epochs.parquet"));
        assertEquals(PhaseStatus.REUSED, Pipeline.on(data).out(out).run(Phase.DOWNLOAD).report().phases().get(0).status());
        Files.delete(out.resolve("run.json")); // .pipeline/ is enough
        Pipeline.on(data).out(out).run(Phase.DOWNLOAD);
    }

    /** An empty path had meant the current directory: --out '' wrote the results there, --data '' read it. */
    @Test
    void anEmptyPathIsRefusedForTheDataAndTheOutput() {
        for (String empty : List.of("", " ")) {
            TasniException e = assertThrows(TasniException.class, () -> Pipeline.on(data).out(empty));
            assertEquals("the output directory (--out, or .out(DIR)) is an empty path, which would mean the current "
                    + "directory; give a directory.", e.getMessage());
            e = assertThrows(TasniException.class, () -> Pipeline.on(empty));
            assertEquals("the data directory (--data, or Pipeline.on(DIR)) is an empty path, which would mean the "
                    + "current directory; give a directory.", e.getMessage());
            assertThrows(TasniException.class, () -> PipelineConfig.defaults().withData(Path.of(empty)));
            assertThrows(TasniException.class, () -> PipelineConfig.defaults().withOut(Path.of(empty)));
        }
    }

    /** A missing data directory is refused before the output directory is made (it had left tasni-out/ behind). */
    @Test
    void aMissingDataDirectoryLeavesNoOutputDirectory() {
        Path none = dir.resolve("none"), out = dir.resolve("out");
        TasniException e = assertThrows(TasniException.class, () -> Pipeline.on(none).out(out).run());
        assertEquals(none + ": no such directory; the data directory (--data, or Pipeline.on(DIR)) must have a tiles/ "
                + "folder (like data-samples/), or download the tiles (--source tap|irsa, or .source(Source.TAP) or "
                + ".source(Source.IRSA)).", e.getMessage());
        assertFalse(Files.exists(out), "no output directory");
    }
}
