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

/** The crossmatch commands end to end, and agreement with astropy, scipy, scikit-learn and STILTS. */
class CrossmatchCliTest {

    @TempDir
    Path dir;

    @Test
    void crossmatchWritesResultAndStats() throws Exception {
        Path out = dir.resolve("orphans.parquet"), stats = dir.resolve("stats.json");
        var r = Jar.run("crossmatch", "--left", "data-samples/tiles/wise_hp06046.parquet", "--right",
                "data-samples/tiles/gaia_hp06046.parquet", "--radius", "3", "--mode", "orphans", "--left-epoch", "2010.5",
                "--right-epoch", "2016.0", "--threads", "2", "--out", out.toString(), "--stats-json", stats.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(stats);
        for (String key : List.of("read_s", "read_left_s", "read_right_s", "other_s", "index_s", "match_s", "write_s", "n_left", "n_right", "n_out", "backend", "threads")) {
            assertTrue(json.contains("\"" + key + "\""), key + " in " + json);
        }
        Table t = TableIO.read(out);
        assertTrue(json.contains("\"n_out\" : " + t.rowCount()), json);
        assertTrue(t.columnNames().containsAll(List.of("designation", "w1mpro", "is_orphan_truth", "nearest_sep_arcsec")),
                "left columns are kept");
        var bad = Jar.run("crossmatch", "--left", "data-samples/tiles/wise_hp06046.parquet", "--right",
                "data-samples/tiles/gaia_hp06046.parquet", "--left-epoch", "2010.5", "--out", dir.resolve("x.csv").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("give both --left-epoch and --right-epoch"), bad.err());
        var gpu = Jar.run("crossmatch", "--left", "data-samples/tiles/wise_hp06046.parquet", "--right",
                "data-samples/tiles/gaia_hp06046.parquet", "--backend", "auto", "--out", dir.resolve("auto.parquet").toString());
        assertEquals(0, gpu.code(), gpu.err());
    }

    @Test
    void crossmatchTilesIsResumableAndEqualsTheSingleFileMatch() throws Exception {
        Path out = dir.resolve("tiles-out");
        var first = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("tiles: 4 matched, 0 done before, 0 not matched"), first.out());
        assertTrue(first.out().contains("warning: 4 tile(s) border a tile that has no Gaia file"), first.out());
        var second = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", out.toString());
        assertTrue(second.out().contains("tiles: 0 matched, 4 done before"), second.out());
        assertEquals(TableIO.read(out.resolve("orphans.parquet")).rowCount(),
                Integer.parseInt(first.out().replaceAll("(?s).*not matched; ([0-9,]+) orphans.*", "$1").replace(",", "")));
        // a WISE tile without its Gaia file: reported, exit 1, and the other tiles' orphans are still written
        Path tiles = dir.resolve("tiles");
        Files.createDirectories(tiles);
        for (String f : List.of("wise_hp06044.parquet", "gaia_hp06044.parquet", "wise_hp06045.parquet")) {
            Files.copy(Jar.ROOT.resolve("data-samples/tiles").resolve(f), tiles.resolve(f));
        }
        var missing = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", dir.resolve("o2").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("1 of 2 tiles were not matched") && missing.err().contains("tile 06045 NO_GAIA"),
                missing.err());
        assertTrue(Files.exists(dir.resolve("o2/orphans.parquet")));
    }

    /** Runs the benchmark at a small scale; every peer that ran must find exactly our orphans. */
    private void assertPeersAgree(String dec) throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import astropy, scipy, sklearn").start();
        Assumptions.assumeTrue(probe.waitFor() == 0 && Files.isExecutable(Path.of("/usr/bin/stilts")),
                "skipped: needs Debian's python3-astropy python3-scipy python3-sklearn stilts (.ci/run installs them)");
        Path csv = dir.resolve("bench.csv");
        var r = Jar.run("benchmark", "crossmatch", "--scale", "0.05", "--dec", dec, "--repeat", "1", "--dir",
                dir.resolve("work").toString(), "--out", csv.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Table t = TableIO.read(csv);
        // every peer ran (none SKIPPED) and each row's orphan count is the toolkit's: the agreement column itself
        // compares the id sets, and the count is checked here against the toolkit's own reference row
        for (String peer : List.of("astropy", "scipy", "scikit-learn", "STILTS", "tasni CLI")) {
            assertTrue(t.stringColumn("tool").asList().stream().anyMatch(s -> s.startsWith(peer)), peer + "\n" + t.printAll());
        }
        int reference = -1;
        for (int i = 0; i < t.rowCount(); i++) {
            assertNotEquals("SKIPPED", t.stringColumn("role").get(i), t.printAll());
            String a = t.stringColumn("agreement").get(i);
            if (a.equals("reference")) {
                reference = t.intColumn("n_orphans").get(i);
            } else {
                assertEquals("ok: same " + t.intColumn("n_orphans").get(i) + " orphans", a, t.printAll());
            }
        }
        assertTrue(reference > 1000, "a real test: many orphans\n" + t.printAll());
        assertEquals(reference, t.intColumn("n_orphans").min(), t.printAll());
        assertEquals(reference, t.intColumn("n_orphans").max(), t.printAll());
    }

    @Test
    void orphansEqualThePeersOnRealisticData() throws Exception {
        assertPeersAgree("21");
    }

    @Test
    void orphansEqualThePeersAtThePole() throws Exception {
        assertPeersAgree("90");
    }
}
