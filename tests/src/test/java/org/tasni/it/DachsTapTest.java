package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.download.Adql;
import org.tasni.download.Catalog;
import org.tasni.download.Downloader;
import org.tasni.download.NeowiseEpochs;
import org.tasni.download.TapClient;
import org.tasni.download.TapResult;
import org.tasni.io.TableIO;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.Table;

/**
 * The Downloader against a real TAP 1.1 server (GAVO DaCHS on loopback) serving the sample sky: every serialisation,
 * sync and async, overflow, error documents, saved jobs, complete tiles, NEOWISE epochs by cone and by upload, and a
 * download killed with {@code kill -9} again and again that still ends with the files of an uninterrupted run.
 */
class DachsTapTest {

    static String tap;
    static Table gaia;

    @BeforeAll
    static void server() throws Exception {
        tap = Dachs.url();
        gaia = samples("tiles/gaia_hp%05d.parquet");
    }

    static Table samples(String pattern) {
        Table all = null;
        for (long t = 6044; t <= 6047; t++) {
            Table part = TableIO.read(Jar.ROOT.resolve("data-samples").resolve(String.format(pattern, t)).toString());
            all = all == null ? part : all.append(part);
        }
        return all;
    }

    static long[] sortedIds(Table t, String column) {
        long[] ids = t.column(column) instanceof tech.tablesaw.api.LongColumn l ? l.asLongArray()
                : t.intColumn(column).asList().stream().mapToLong(Integer::longValue).toArray();
        Arrays.sort(ids);
        return ids;
    }

    @Test
    void everySerialisationSyncAndAsyncGivesTheRowsOfTheCone() {
        double ra = 84.5, dec = 21.0, r = 0.25;
        // brute force over the samples; rows within 1e-7° of the edge may fall either way in pgsphere's radians
        List<Long> sure = new ArrayList<>(), edge = new ArrayList<>();
        long[] ids = gaia.longColumn("source_id").asLongArray();
        for (int i = 0; i < ids.length; i++) {
            double sep = SkyMath.separationDeg(ra, dec, gaia.doubleColumn("ra").get(i), gaia.doubleColumn("dec").get(i));
            if (Math.abs(sep - r) < 1e-7) {
                edge.add(ids[i]);
            } else if (sep < r) {
                sure.add(ids[i]);
            }
        }
        assertTrue(sure.size() > 500, "a cone with rows in it: " + sure.size());
        String adql = Adql.cone("gaiadr3.gaia_source", Catalog.gaiaDr3().columns(), "ra", "dec", ra, dec, r);
        // "votable" is the server's default serialisation, BINARY at DaCHS
        for (String format : List.of("votable", "votable-tabledata", "votable-binary2", "csv")) {
            TapClient c = TapClient.of(tap).format(format);
            for (TapResult res : List.of(c.sync(adql, 100_000), c.async(adql, 100_000))) {
                assertFalse(res.overflow(), format);
                long[] got = sortedIds(res.table(), "source_id");
                List<Long> extra = new ArrayList<>();
                for (long id : got) {
                    extra.add(id);
                }
                assertTrue(extra.containsAll(sure), format + ": every row of the cone");
                extra.removeAll(sure);
                assertTrue(edge.containsAll(extra), format + ": no row outside it: " + extra);
                assertEquals(Catalog.gaiaDr3().columns(), res.table().columnNames(), format);
            }
        }
    }

    @Test
    void overflowIsNeverSilentInAnyFormat() {
        String adql = Adql.cone("gaiadr3.gaia_source", List.of("source_id", "ra", "dec"), "ra", "dec", 84.5, 21.0, 0.5);
        for (String format : List.of("votable", "votable-tabledata", "csv")) {
            TapResult r = TapClient.of(tap).format(format).sync(adql, 50);
            assertTrue(r.overflow(), format + ": MAXREC 50 of thousands of rows");
            assertEquals(50, r.table().rowCount(), format);
        }
        TapResult whole = TapClient.of(tap).format("csv").sync(adql, 1_000_000);
        assertFalse(whole.overflow());
        assertTrue(whole.table().rowCount() > 50);
    }

    @Test
    void serverErrorsComeWithTheServersMessage() {
        String bad = "SELECT source_id, decl FROM gaiadr3.gaia_source";
        TasniException sync = assertThrows(TasniException.class, () -> TapClient.of(tap).sync(bad, 10));
        assertTrue(sync.getMessage().contains("the server reports an error") && sync.getMessage().contains("decl"),
                sync.getMessage());
        TasniException async = assertThrows(TasniException.class, () -> TapClient.of(tap).async(bad, 10));
        assertTrue(async.getMessage().contains("the job failed") && async.getMessage().contains("decl"), async.getMessage());
        TasniException noTable = assertThrows(TasniException.class,
                () -> TapClient.of(tap).sync("SELECT * FROM irsa.no_such_table", 10));
        assertTrue(noTable.getMessage().contains("no_such_table"), noTable.getMessage());
    }

    @Test
    void aSavedJobIsResumedByAnotherClient() {
        String adql = Adql.cone("gaiadr3.gaia_source", List.of("source_id"), "ra", "dec", 84.0, 20.5, 0.2);
        java.net.URI job = TapClient.of(tap).submit(adql, 100_000);
        TapResult later = TapClient.of(tap).resume(job, 100_000); // e.g. after a restart, from the journal
        assertArrayEquals(sortedIds(TapClient.of(tap).sync(adql, 100_000).table(), "source_id"),
                sortedIds(later.table(), "source_id"));
        assertThrows(TasniException.class, () -> TapClient.of(tap).resume(job, 100_000), "the job is deleted once fetched");
    }

    @Test
    void tilesHoldExactlyTheSampleRows(@TempDir Path dir) {
        // Gaia: sync, with MAXREC low enough to split every tile into sub-pixels on the real server
        Table g = Downloader.at(tap).gaiaDr3().tiles(6044, 6047).to(dir.resolve("gaia")).maxrec(8000).sync().concurrency(4).run();
        assertEquals(4, g.stringColumn("status").isEqualTo("OK").size(), g.print());
        assertTrue(g.intColumn("splits").sum() >= 4, g.print());
        // AllWISE under a mirror's table name, async jobs, two at once: with four, on a loaded 2-core machine, DaCHS's
        // own trigger on its job table (handle_dupe_tap_schema.tapjobs) once hit PostgreSQL's statement timeout, and the
        // server ended every job as "Job hung in EXECUTING" (its workers' log); the client then reports each tile
        // FAILED, as it should, and a rerun fetches them
        Table w = Downloader.at(tap).catalog(Catalog.allwise().withTable("irsa.allwise_p3as_psd")).tiles(6044, 6047)
                .to(dir.resolve("wise")).concurrency(2).run();
        assertEquals(4, w.stringColumn("status").isEqualTo("OK").size(), w.print());
        for (long t = 6044; t <= 6047; t++) {
            String name = String.format("%%s_hp%05d.parquet", t);
            Table wantG = TableIO.read(Jar.ROOT.resolve("data-samples/tiles").resolve(String.format(name, "gaia")).toString());
            Table gotG = TableIO.read(dir.resolve("gaia").resolve(String.format(name, "gaia")).toString());
            assertArrayEquals(sortedIds(wantG, "source_id"), gotG.longColumn("source_id").asLongArray(), "gaia " + t);
            Table wantW = TableIO.read(Jar.ROOT.resolve("data-samples/tiles").resolve(String.format(name, "wise")).toString());
            Table gotW = TableIO.read(dir.resolve("wise").resolve(String.format(name, "wise")).toString());
            assertArrayEquals(sortedIds(wantW, "cntr"), gotW.longColumn("cntr").asLongArray(), "wise " + t);
            // values arrive exactly: the doubles went through CSV import and a VOTable, digit for digit
            Map<Long, Integer> row = new java.util.HashMap<>();
            for (int i = 0; i < wantW.rowCount(); i++) {
                row.put(wantW.longColumn("cntr").get(i), i);
            }
            for (int i = 0; i < gotW.rowCount(); i++) {
                int k = row.get(gotW.longColumn("cntr").get(i));
                assertEquals(wantW.doubleColumn("ra").get(k), gotW.doubleColumn("ra").get(i));
                assertEquals(wantW.stringColumn("designation").get(k), gotW.stringColumn("designation").get(i));
                assertEquals(wantW.floatColumn("w1mpro").get(k), gotW.floatColumn("w1mpro").get(i));
            }
            assertTrue(Files.exists(dir.resolve("wise/margin").resolve(String.format(name, "wise"))));
        }
    }

    @Test
    void neowiseEpochsByConeAndByUploadAreTheSameAndComplete(@TempDir Path dir) {
        Table targets = TableIO.read(Jar.ROOT.resolve("data-samples/targets.parquet").toString()).inRange(0, 30);
        NeowiseEpochs base = NeowiseEpochs.at(tap).table("irsa.neowiser_p1bs_psd").forTargets(targets);
        Table cones = base.checkpoint(dir.resolve("cones")).run();
        NeowiseEpochs up = base.checkpoint(dir.resolve("upload")).upload(12);
        Table uploaded = up.run();
        assertEquals(List.of(), up.failures());
        assertEquals(cones.columnNames(), uploaded.columnNames());
        assertEquals(cones.rowCount(), uploaded.rowCount());
        for (String c : cones.columnNames()) {
            for (int i = 0; i < cones.rowCount(); i++) {
                assertEquals(cones.column(c).getString(i), uploaded.column(c).getString(i), c + " row " + i);
            }
        }
        // every exposure within 3″ of each target, counted by brute force over the sample epochs
        Table epochs = TableIO.read(Jar.ROOT.resolve("data-samples/neowise_epochs.parquet").toString());
        double[] era = epochs.doubleColumn("ra").asDoubleArray(), edec = epochs.doubleColumn("dec").asDoubleArray();
        for (int t = 0; t < targets.rowCount(); t++) {
            double ra = targets.doubleColumn("ra").get(t), dec = targets.doubleColumn("dec").get(t);
            int want = 0;
            for (int i = 0; i < era.length; i++) {
                want += SkyMath.separationDeg(ra, dec, era[i], edec[i]) * 3600 <= 3 ? 1 : 0;
            }
            String d = targets.stringColumn("designation").get(t);
            assertEquals(want, cones.where(cones.stringColumn("designation").isEqualTo(d)).rowCount(), d);
        }
        assertTrue(cones.rowCount() > 30 * 100, "long light curves, no TOP: " + cones.rowCount());
    }

    @Test
    void neowiseEpochsOfAllTargetsFromTheCommandLineByUpload(@TempDir Path dir) throws Exception {
        Jar.Result r = Jar.run("download", "--catalog", "neowise", "--tap-url", tap, "--table", "irsa.neowiser_p1bs_psd",
                "--targets", "data-samples/targets.parquet", "--upload", "100", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Table targets = TableIO.read(Jar.ROOT.resolve("data-samples/targets.parquet").toString());
        Table epochs = TableIO.read(Jar.ROOT.resolve("data-samples/neowise_epochs.parquet").toString());
        double[] era = epochs.doubleColumn("ra").asDoubleArray(), edec = epochs.doubleColumn("dec").asDoubleArray();
        int want = 0;
        for (int t = 0; t < targets.rowCount(); t++) {
            for (int i = 0; i < era.length; i++) {
                want += SkyMath.separationDeg(targets.doubleColumn("ra").get(t), targets.doubleColumn("dec").get(t), era[i],
                        edec[i]) * 3600 <= 3 ? 1 : 0;
            }
        }
        Table got = TableIO.read(dir.resolve("neowise_epochs.parquet").toString());
        assertEquals(want, got.rowCount(), r.out());
        assertTrue(r.out().contains(String.format("neowise: %,d epochs of %d targets", want, targets.rowCount())), r.out());
    }

    @Test
    void killedWithSigkillAgainAndAgainTheDownloadEndsAsIfUninterrupted(@TempDir Path dir) throws Exception {
        String[] args = {"download", "--catalog", "gaia", "--tap-url", tap, "--tiles", "6044-6047", "--maxrec", "20000",
            "--concurrency", "2", "--rate", "50"};
        Jar.Result clean = Jar.run(concat(args, "--out", dir.resolve("clean").toString()));
        assertEquals(0, clean.code(), clean.err());
        Path out = dir.resolve("killed");
        Random random = new Random(7);
        int kills = 0;
        for (int round = 0; round < 4; round++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Jar.JAR.toString()));
            cmd.addAll(List.of(concat(args, "--out", out.toString())));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log" + round).toFile()).start();
            if (!p.waitFor(1500 + random.nextInt(3500), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                p.waitFor();
                kills++;
            }
        }
        assertTrue(kills >= 2, "the download was killed mid-way");
        Jar.Result last = Jar.run(concat(args, "--out", out.toString()));
        assertEquals(0, last.code(), last.out() + last.err());
        for (long t = 6044; t <= 6047; t++) {
            for (String f : List.of(String.format("gaia_hp%05d.parquet", t), String.format("margin/gaia_hp%05d.parquet", t))) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("clean/tiles").resolve(f)),
                        Files.readAllBytes(out.resolve("tiles").resolve(f)), f);
            }
        }
        // nothing finished was fetched twice: each sub-region's rows and each tile were written once
        List<String> journal = Files.readAllLines(out.resolve("tiles/download-journal.tsv"));
        for (String kind : List.of("PART\t", "DONE\t")) {
            List<String> keys = journal.stream().filter(l -> l.startsWith(kind)).map(l -> l.split("\t")[1]).toList();
            assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), kind + " twice: " + journal);
        }
        assertEquals(4, journal.stream().filter(l -> l.startsWith("DONE\t")).count());
        try (var left = Files.list(out.resolve("tiles"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary files left");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
