package org.tasni.download;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
            assertTrue(summary.intColumn("requests").sum() > summary.intColumn("queries").sum(), "retries were made");
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
}
