package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.Table;

/** Tiles from a loopback TAP service serving the sample Gaia tiles: complete, split on overflow, fault-tolerant. */
class DownloaderTest {

    static Table sky;

    @BeforeAll
    static void load() {
        Table all = null;
        for (long t = 6044; t <= 6047; t++) {
            Table part = TableIO.read(String.format("../data-samples/tiles/gaia_hp%05d.parquet", t));
            all = all == null ? part : all.append(part);
        }
        sky = all.setName("gaia");
    }

    static Downloader downloader(ConeServer s, Path dir) {
        return Downloader.at(s.base()).gaiaDr3().tiles(6044, 6047).to(dir).concurrency(4).maxrec(6000)
                .client(TapClient.of(s.base()).retry(new RetryPolicy(6, 0.05, 0.2, 10))
                        .rateLimiter(new RateLimiter(1000, 20, RateLimiter.SYSTEM)));
    }

    @Test
    void tilesHoldExactlyTheirRowsAfterSplittingOnOverflow(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            Table summary = downloader(s, dir).run();
            assertEquals(4, summary.stringColumn("status").isEqualTo("OK").size(), summary.print());
            assertTrue(summary.intColumn("splits").sum() > 0, "MAXREC 6000 forces sub-pixel splits: " + summary.print());
            for (long t = 6044; t <= 6047; t++) {
                Table want = TableIO.read(String.format("../data-samples/tiles/gaia_hp%05d.parquet", t)).setName("x");
                Table got = TableIO.read(dir.resolve(String.format("gaia_hp%05d.parquet", t))).setName("x");
                // the file is ordered by source_id; bring the simulated tile into that order, comparing longs exactly
                long[] ids = want.longColumn("source_id").asLongArray();
                int[] perm = java.util.stream.IntStream.range(0, ids.length).boxed()
                        .sorted((a, b) -> Long.compare(ids[a], ids[b])).mapToInt(Integer::intValue).toArray();
                Table sorted = Table.create("x");
                want.columns().forEach(c -> sorted.addColumns(c.subset(perm)));
                TableAssert.assertSameTable(sorted, got);
                assertTrue(Files.exists(dir.resolve(String.format("margin/gaia_hp%05d.parquet", t))));
            }
        }
    }

    @Test
    void faultsChangeNothingAndFailuresAreReportedThenResumed(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean"), faulty = dir.resolve("faulty");
        try (ConeServer s = new ConeServer(sky)) {
            downloader(s, clean).run();
            for (FaultServer.Fault f : new FaultServer.Fault[] {FaultServer.Fault.E500, FaultServer.Fault.RESET,
                FaultServer.Fault.TRUNCATED, FaultServer.Fault.E503_RETRY_AFTER, FaultServer.Fault.TRUNCATED}) {
                s.faults.add(f);
            }
            Table summary = downloader(s, faulty).run();
            assertEquals(4, summary.stringColumn("status").isEqualTo("OK").size(), summary.print());
            // one retry per fault, except that the JDK's HttpClient may itself repeat a GET whose connection was reset
            int retries = (int) summary.intColumn("retries").sum();
            assertTrue(retries == 4 || retries == 5, "a retry per injected fault: " + summary.print());
            for (long t = 6044; t <= 6047; t++) {
                String f = String.format("gaia_hp%05d.parquet", t);
                assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(faulty.resolve(f)), f);
                assertArrayEquals(Files.readAllBytes(clean.resolve("margin").resolve(f)),
                        Files.readAllBytes(faulty.resolve("margin").resolve(f)), "margin " + f);
            }
            // a tile whose requests keep failing is a FAILED row with its reason, then fetched on the next run
            Path again = dir.resolve("again");
            for (int i = 0; i < 6; i++) {
                s.faults.add(FaultServer.Fault.E500);
            }
            Table one = downloader(s, again).concurrency(1).tiles(6044).run();
            assertEquals("FAILED", one.stringColumn("status").get(0));
            assertTrue(one.stringColumn("message").get(0).contains("failed after 6 attempts (last: HTTP 500)"));
            assertFalse(Files.exists(again.resolve("gaia_hp06044.parquet")));
            Table rerun = downloader(s, again).concurrency(1).tiles(6044).run();
            assertEquals("OK", rerun.stringColumn("status").get(0));
            Table done = downloader(s, again).concurrency(1).tiles(6044).run();
            assertEquals("DONE_BEFORE", done.stringColumn("status").get(0), "finished tiles are not fetched again");
        }
    }

    @Test
    void anInterruptedRunResumesWithoutFetchingFinishedPartsAgain(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean"), resumed = dir.resolve("resumed");
        try (ConeServer s = new ConeServer(sky)) {
            downloader(s, clean).tiles(6044).run();
            int queriesUninterrupted = s.results.get();
            // the first run stops after three results (the tile's overflowing cone and two sub-pixels): its server fails
            for (int i = 0; i < 3; i++) {
                s.faults.add(FaultServer.Fault.OK);
            }
            for (int i = 0; i < 6; i++) {
                s.faults.add(FaultServer.Fault.E500);
            }
            Table first = downloader(s, resumed).concurrency(1).tiles(6044).run();
            assertEquals("FAILED", first.stringColumn("status").get(0), first.print());
            String journal = Files.readString(org.tasni.io.TileLayout.journal(resumed));
            assertTrue(journal.contains("SPLIT\tgaia/5/6044\n"), journal);
            long parts = journal.lines().filter(l -> l.startsWith("PART\t")).count();
            assertTrue(parts >= 1, journal);
            assertTrue(journal.contains("FAILED\tgaia/5/6044\t"), journal);
            String said = Downloader.describe(resumed).get(0);
            assertTrue(said.startsWith("gaia: 0 tile(s) finished, 1 failed in their last attempt, 1 async job(s)"), said);
            assertTrue(said.contains("tile 6044: ") && said.contains("HTTP 500"), said);

            int before = s.results.get();
            Table second = downloader(s, resumed).concurrency(1).tiles(6044).run();
            assertEquals("OK", second.stringColumn("status").get(0), second.print());
            assertTrue(second.stringColumn("message").get(0).contains("reused " + parts + " finished part(s)"), second.print());
            assertEquals(queriesUninterrupted - 3, s.results.get() - before, "the three finished queries are not made again");
            assertEquals(List.of("gaia: 1 tile(s) finished, 0 failed in their last attempt, 0 async job(s) awaiting a rerun"),
                    Downloader.describe(resumed));
            for (String f : new String[] {"gaia_hp06044.parquet", "margin/gaia_hp06044.parquet"}) {
                assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(resumed.resolve(f)), f);
            }
            assertFalse(Files.list(resumed.resolve(".parts")).findAny().isPresent(), "parts are removed once their tile is written");
        }
    }

    @Test
    void anAsyncJobOfAnInterruptedRunIsResumedNotResubmitted(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            Downloader d = downloader(s, dir).maxrec(100_000).tiles(6045);
            Healpix hp = Healpix.nside(32);
            double[] c = hp.pix2ang(6045);
            java.net.URI job = TapClient.of(s.base()).submit(Adql.cone("gaiadr3.gaia_source", Catalog.gaiaDr3().columns(), "ra",
                    "dec", c[0], c[1], hp.maxPixRadDeg() * (1 + 1e-9) + 60 / 3600.0), 100_000);
            Files.createDirectories(dir);
            Files.writeString(org.tasni.io.TileLayout.journal(dir), "JOB\tgaia/5/6045\t" + job + "\nPART\tgaia/5/60"); // torn last line
            assertTrue(Downloader.describe(dir).get(0).endsWith("1 async job(s) awaiting a rerun"), Downloader.describe(dir).toString());
            Table t = d.run();
            assertEquals("resumed 1 async job(s) of an interrupted run", t.stringColumn("message").get(0), t.print());
            assertEquals(1, s.results.get(), "the saved job's result was fetched; nothing was submitted again");
            long[] got = TableIO.read(dir.resolve("gaia_hp06045.parquet")).longColumn("source_id").asLongArray();
            long[] want = TableIO.read("../data-samples/tiles/gaia_hp06045.parquet").longColumn("source_id").asLongArray();
            java.util.Arrays.sort(want);
            assertArrayEquals(want, got);
        }
    }

    @Test
    void aDirectoryKeepsOneConfigurationPerCatalogue(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            downloader(s, dir).maxrec(100_000).tiles(6046).run();
            org.tasni.TasniException e = assertThrows(org.tasni.TasniException.class,
                    () -> downloader(s, dir).maxrec(100_000).margin(120).tiles(6047).run());
            assertTrue(e.getMessage().contains("margin=60.0″") && e.getMessage().contains("margin=120.0″")
                    && e.getMessage().contains("Use another directory"), e.getMessage());
            assertEquals("OK", downloader(s, dir).maxrec(100_000).tiles(6047).run().stringColumn("status").get(0));
        }
    }

    @Test
    void downloadCommand(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            var out = new java.io.ByteArrayOutputStream();
            var old = System.out;
            System.setOut(new java.io.PrintStream(out, true));
            int code;
            try {
                code = org.tasni.cli.Main.run("download", "--catalog", "gaia", "--tap-url", s.base(), "--tiles", "6045-6046",
                        "--concurrency", "2", "--rate", "50", "--maxrec", "8000", "--out", dir.toString());
            } finally {
                System.setOut(old);
            }
            assertEquals(0, code, out.toString());
            assertTrue(out.toString().matches("(?s)tiles: 2 ok, 0 failed, 0 skipped.*requests/s \\(limit 50.00\\).*"), out.toString());
            assertTrue(Files.exists(dir.resolve("tiles/gaia_hp06045.parquet")));
            assertEquals(1, org.tasni.cli.Main.run("download", "--catalog", "gaia", "--tap-url", s.base(), "--out", dir.toString()),
                    "--tiles is required");
        }
    }

    @Test
    void theConeOfATileCoversTheWholePixel() {
        // dense grid: the centres of the tile's order-12 sub-pixels and its corners lie inside the download cone
        Healpix hp = Healpix.nside(32), fine = Healpix.order(12);
        var r = new SplittableRandom(2);
        for (int k = 0; k < 40; k++) {
            long tile = k < 4 ? new long[] {0, 4095, 6046, 12287}[k] : r.nextLong(hp.npix());
            double[] c = hp.pix2ang(tile);
            double radius = hp.maxPixRadDeg() * (1 + 1e-9);
            for (long sub = tile << 14; sub < (tile + 1) << 14; sub++) {
                double[] p = fine.pix2ang(sub);
                assertTrue(SkyMath.separationDeg(c[0], c[1], p[0], p[1]) <= radius, "tile " + tile + " sub-pixel " + sub);
            }
            for (double[] corner : hp.corners(tile)) {
                assertTrue(SkyMath.separationDeg(c[0], c[1], corner[0], corner[1]) <= radius, "corner of " + tile);
            }
        }
        // the reference's 1.137° cone misses pixel corners, which is what this guards against
        assertTrue(hp.maxPixRadDeg() > 1.137);
    }

    @Test
    void aTileNamedTwiceIsFetchedOnce(@TempDir Path dir) throws Exception {
        try (ConeServer s = new ConeServer(sky)) {
            // three threads had fetched tile 6046 at once into the same files
            Table summary = downloader(s, dir).maxrec(100_000).tiles(6046, 6046, 6046).run();
            assertEquals(List.of(6046L), summary.longColumn("tile").asList(), summary.print());
            assertEquals("OK", summary.stringColumn("status").get(0));
        }
        var e = assertThrows(TasniException.class, () -> Downloader.at("http://localhost/tap").to(null));
        assertEquals("the tile directory is missing (null); give one.", e.getMessage());
        assertThrows(TasniException.class, () -> Downloader.at(null));
        assertThrows(TasniException.class, () -> Downloader.at("http://localhost/tap").catalog(null));
    }
}
