package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** The variability and periodogram commands end to end, on the real epochs and on the samples. */
class VariabilityCliTest {

    static final Path REAL = Jar.ROOT.resolveSibling("shared/data/neowise_epochs.parquet");

    @TempDir
    Path dir;

    @Test
    void legacyPresetOnTheRealEpochsGivesThePublishedFlags() throws Exception {
        Assumptions.assumeTrue(Files.exists(REAL), "skipped: " + REAL + " is not present");
        Path out = dir.resolve("golden_variability.csv"), stats = dir.resolve("s.json");
        var r = Jar.run("variability", "--epochs", REAL.toString(), "--preset", "tasni-legacy", "--out", out.toString(),
                "--stats-json", stats.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("FADING=5, NORMAL=45, VARIABLE=50"), r.out());
        String json = Files.readString(stats);
        for (String k : List.of("read_s", "compute_s", "write_s", "n_sources", "n_rows")) {
            assertTrue(json.contains("\"" + k + "\""), k);
        }
        assertTrue(json.contains("\"n_rows\" : 38700") && json.contains("\"n_sources\" : 100"), json);
        Table t = TableIO.read(out);
        assertEquals("designation", t.columnNames().get(t.columnCount() - 1));
    }

    @Test
    void standardPresetAndPeriodogramOnTheSamples() throws Exception {
        Path out = dir.resolve("v.parquet");
        var r = Jar.run("variability", "--epochs", "data-samples/neowise_epochs.parquet", "--bin-visits", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Table v = TableIO.read(out);
        // one row per simulated light curve: the truth file has one row per light curve
        Table truth = TableIO.read("../data-samples/neowise_truth.parquet".replace("..", Jar.ROOT.toString()));
        assertEquals(truth.rowCount(), v.rowCount());
        // the injected faders are mostly found (visit means, p < 0.01, ≥ 0.01 mag/yr)
        long fadingTruth = truth.stringColumn("true_class").isEqualTo("FADING").size();
        assertTrue(v.stringColumn("flag").isEqualTo("FADING").size() >= fadingTruth / 2, v.stringColumn("flag").countByCategory().print());
        Path pg = dir.resolve("p.csv");
        String first = v.stringColumn("designation").get(0), second = v.stringColumn("designation").get(1);
        var p = Jar.run("periodogram", "--epochs", "data-samples/neowise_epochs.parquet", "--designations", first + "," + second,
                "--out", pg.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(2, TableIO.read(pg).rowCount());
        var bad = Jar.run("periodogram", "--epochs", "data-samples/neowise_epochs.parquet", "--designations", "J999", "--out",
                dir.resolve("x.csv").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("no epochs for J999"), bad.err());
        var preset = Jar.run("variability", "--epochs", "data-samples/neowise_epochs.parquet", "--preset", "nope", "--out",
                dir.resolve("y.csv").toString());
        assertEquals(1, preset.code());
        assertTrue(preset.err().contains("unknown preset 'nope'"), preset.err());
    }
}
