package org.tasni;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.download.NeowiseEpochs;
import org.tasni.io.TableIO;
import org.tasni.pipeline.Pipeline;
import org.tasni.variability.Band;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * What a notebook cell that passes a variable never assigned gets from the stages' entry points: one line naming the
 * argument, not a NullPointerException from deep inside a stage (found by an adversarial tester of the notebook API).
 */
class NullArgumentsTest {

    @TempDir
    Path dir;

    static void refused(String what, Executable call) {
        TasniException e = assertThrows(TasniException.class, call, what);
        assertEquals(what + " is missing (null); give one.", e.getMessage());
    }

    @Test
    void eachStageNamesTheMissingArgument() {
        Table t = Table.create("t", DoubleColumn.create("ra", 1.0), DoubleColumn.create("dec", 2.0));
        refused("the left table", () -> CrossMatcher.radius(3).orphans(null, t));
        refused("the right table", () -> CrossMatcher.radius(3).nearest(t, null));
        refused("the variability configuration", () -> VariabilityAnalyzer.of(null));
        refused("the epochs table", () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze((Table) null));
        refused("the periodogram configuration", () -> Periodogram.of(null));
        refused("the file to read", () -> TableIO.read((Path) null));
        refused("the file to read", () -> TableIO.read((String) null));
        refused("the table to write", () -> TableIO.write(null, dir.resolve("x.csv")));
        refused("the file to write", () -> TableIO.write(t, (Path) null));
        refused("the data directory", () -> Pipeline.on((Path) null));
        refused("the data directory", () -> Pipeline.on((String) null));
        refused("the targets table", () -> NeowiseEpochs.at("http://localhost/tap").forTargets(null));
        // found by an adversarial tester of the variability API: each had been a NullPointerException
        Table epochs = Table.create("e");
        refused("the band", () -> Periodogram.of(PeriodogramConfig.standard()).spectrum(epochs, "A", (Band) null));
        refused("the band", () -> Periodogram.of(PeriodogramConfig.standard()).powerAtFap(epochs, "A", (Band) null, 0.01));
        refused("the id column's name", () -> VariabilityAnalyzer.of(VariabilityConfig.standard()).idColumn(null));
        refused("the moon_masked value", () -> VariabilityConfig.Cuts.neowise().withMoonMasked(null));
        refused("the cc_flags prefix", () -> VariabilityConfig.Cuts.neowise().withCcFlagsPrefix(null));
        refused("the variability table", () -> VariabilityFlag.FADING.in(null));
        refused("the variability table", () -> VariabilityFlag.FADING.count(null));
    }

    /** A false-alarm probability outside (0, 1) had given a threshold all the same (NaN and 2: 8.7e-19; -1: 1.0). */
    @Test
    void aFalseAlarmProbabilityOutsideZeroToOneIsRefused() {
        Table epochs = Table.create("e");
        for (double fap : new double[] {Double.NaN, 2, -1, 0, 1}) {
            TasniException e = assertThrows(TasniException.class,
                    () -> Periodogram.of(PeriodogramConfig.standard()).powerAtFap(epochs, "A", Band.W1, fap));
            assertEquals("powerAtFap: the false-alarm probability must lie between 0 and 1 (got " + fap + ").",
                    e.getMessage());
        }
    }

    @Test
    void aMissingDataDirectoryIsSaidForTheNotebookAsForTheCommandLine() {
        Path none = dir.resolve("none");
        TasniException e = assertThrows(TasniException.class, () -> Pipeline.on(none).out(dir.resolve("out")).filter());
        // refused before any phase (and before the output directory is made), naming DATA itself
        assertEquals(none + ": no such directory; the data directory (--data, or Pipeline.on(DIR)) must have a tiles/ "
                + "folder (like data-samples/), or download the tiles (--source tap|irsa, or .source(Source.TAP) or "
                + ".source(Source.IRSA)).", e.getMessage());
        assertFalse(java.nio.file.Files.exists(dir.resolve("out")), "no output directory");
        // a data directory without tiles/ still fails its download phase, in the same words
        Path empty = dir.resolve("empty");
        e = assertThrows(TasniException.class, () -> Pipeline.on(java.nio.file.Files.createDirectories(empty))
                .out(dir.resolve("out")).filter());
        assertEquals("phase download failed: " + empty.resolve("tiles") + ": no such directory; the data directory "
                + "(--data, or Pipeline.on(DIR)) must have a tiles/ folder (like data-samples/), or download the tiles "
                + "(--source tap|irsa, or .source(Source.TAP) or .source(Source.IRSA)).", e.getMessage());
        assertFalse(e.getMessage().contains("failed: failed:"), e.getMessage());
    }

    /**
     * The pipeline's withers, its run and its ways in (found by an adversarial tester): some had been a
     * NullPointerException at the call, others were taken and failed later, after run.json was written and the download
     * had run (notices(null) among them).
     */
    @Test
    void thePipelineNamesTheMissingArgumentAtTheCall() {
        Pipeline p = Pipeline.on("../data-samples").out(dir.resolve("out"));
        refused("the output directory", () -> p.out((String) null));
        refused("the output directory", () -> p.out((Path) null));
        refused("the source", () -> p.source(null));
        refused("the TAP service's URL", () -> p.tapUrl(null));
        refused("the tile list", () -> p.tiles((java.util.List<Long>) null));
        refused("the tile list", () -> p.tiles((String) null));
        refused("a tile of the tile list", () -> p.tiles(java.util.Arrays.asList(6044L, null)));
        refused("the crossmatch backend", () -> p.backend(null));
        refused("the variability preset", () -> p.preset((VariabilityConfig.Preset) null));
        refused("the set of candidate cuts", () -> p.cuts(null));
        refused("the notice sink", () -> p.notices(null));
        refused("the phase to recompute from", () -> p.recomputeFrom(null));
        refused("the last phase", () -> p.run(null));
        refused("the output directory", () -> Pipeline.at(null));
        refused("the pipeline configuration", () -> Pipeline.of(null));
        refused("the data directory", () -> p.config().withData(null));
        refused("the output directory", () -> p.config().withOut(null));
        refused("the TAP service's URL", () -> p.config().withTapUrl(null));
        refused("the source", () -> p.config().withSource(null, java.util.Optional.empty()));
        refused("the TAP service's URL", () -> p.config().withSource(org.tasni.pipeline.Source.SAMPLES, null));
        assertFalse(java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
    }
}
