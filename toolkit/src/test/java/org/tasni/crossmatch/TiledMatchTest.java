package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TiledMatchTest {

    @TempDir
    Path dir;

    static final Path SAMPLES = Path.of("../data-samples/tiles");

    static Table union(Path tiles, String prefix) throws Exception {
        Table all = null;
        try (var s = Files.list(tiles)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                Table t = TableIO.read(p);
                all = all == null ? t.setName(prefix) : all.append(t);
            }
        }
        return all;
    }

    /** designation → nearest_sep_arcsec of an orphans table. */
    static Map<String, Double> bySource(Table orphans) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < orphans.rowCount(); i++) {
            m.put(orphans.stringColumn("designation").get(i), orphans.doubleColumn("nearest_sep_arcsec").get(i));
        }
        return m;
    }

    static void assertTiledEqualsUnion(Map<String, Double> union, Map<String, Double> tiled, double margin) {
        assertEquals(union.keySet(), tiled.keySet(), "orphan sets");
        for (var e : union.entrySet()) {
            double t = tiled.get(e.getKey());
            if (e.getValue() <= margin) {
                assertEquals(e.getValue(), t, 0.0, e.getKey());
            } else {
                assertTrue(t >= e.getValue(), "beyond the margin the tiled value is an upper bound");
            }
        }
    }

    @Test
    void tiledEqualsUntiledOnTheSamples() throws Exception {
        for (CrossMatcher xm : new CrossMatcher[] {CrossMatcher.radius(3), CrossMatcher.radius(3).propagate(2016.0, 2010.5)}) {
            Path out = dir.resolve(xm.isPropagating() ? "pm" : "plain");
            Table summary = TiledMatch.of(xm).run(SAMPLES, out);
            assertEquals(4, summary.rowCount());
            assertEquals(4, summary.stringColumn("status").isEqualTo("OK").size(), summary.print());
            Table merged = TableIO.read(out.resolve("orphans.parquet"));
            Map<String, Double> tiled = bySource(merged);
            Map<String, Double> whole = bySource(xm.orphans(union(SAMPLES, "wise_hp"), union(SAMPLES, "gaia_hp")));
            assertTiledEqualsUnion(whole, tiled, 60);
            assertEquals(summary.intColumn("n_orphans").sum(), merged.rowCount());
        }
    }

    @Test
    void pairsStraddlingTheCornerOfFourTilesAreAllFound() throws Exception {
        // the corner shared by tiles 6044-6047 is the centre of their parent pixel at nside 16
        double[] corner = Healpix.nside(16).pix2ang(6044 / 4);
        var r = new SplittableRandom(3);
        int n = 3000;
        String[] des = new String[n];
        double[] wra = new double[n], wdec = new double[n], gra = new double[n], gdec = new double[n];
        long[] gid = new long[n];
        for (int i = 0; i < n; i++) {
            double rho = 10 * Math.sqrt(r.nextDouble()), az = r.nextDouble(2 * Math.PI), off = r.nextDouble(0.5, 2.9);
            double[] w = ProperMotion.propagate(corner[0], corner[1], rho * 1000 * Math.sin(az), rho * 1000 * Math.cos(az), 1);
            double b = r.nextDouble(2 * Math.PI);
            double[] g = ProperMotion.propagate(w[0], w[1], off * 1000 * Math.sin(b), off * 1000 * Math.cos(b), 1);
            des[i] = "W" + i;
            wra[i] = w[0];
            wdec[i] = w[1];
            gra[i] = g[0];
            gdec[i] = g[1];
            gid[i] = i;
        }
        Healpix hp = Healpix.nside(32);
        int straddling = 0;
        for (long tile = 6044; tile <= 6047; tile++) {
            var ws = new tech.tablesaw.selection.BitmapBackedSelection();
            var gs = new tech.tablesaw.selection.BitmapBackedSelection();
            for (int i = 0; i < n; i++) {
                if (hp.ang2pix(wra[i], wdec[i]) == tile) {
                    ws.add(i);
                    if (hp.ang2pix(gra[i], gdec[i]) != tile) {
                        straddling++;
                    }
                }
                if (hp.ang2pix(gra[i], gdec[i]) == tile) {
                    gs.add(i);
                }
            }
            Table wise = Table.create("w", StringColumn.create("designation", des), DoubleColumn.create("ra", wra),
                    DoubleColumn.create("dec", wdec)).where(ws);
            Table gaia = Table.create("g", LongColumn.create("source_id", gid), DoubleColumn.create("ra", gra),
                    DoubleColumn.create("dec", gdec)).where(gs);
            TableIO.write(wise, dir.resolve(String.format("tiles/wise_hp%05d.parquet", tile)));
            TableIO.write(gaia, dir.resolve(String.format("tiles/gaia_hp%05d.parquet", tile)));
        }
        assertTrue(straddling > 300, "pairs split across tiles: " + straddling);
        Table summary = TiledMatch.of(CrossMatcher.radius(3)).run(dir.resolve("tiles"), dir.resolve("out"));
        assertEquals(0, TableIO.read(dir.resolve("out/orphans.parquet")).rowCount(),
                "every WISE source has a Gaia source within 2.9″, in whichever tile: " + summary.print());
    }

    @Test
    void reportsProgressPerTile() throws Exception {
        java.util.List<String> events = new java.util.ArrayList<>();
        org.tasni.Progress recorder = new org.tasni.Progress() {
            @Override
            public void onStart(String task, long total) {
                events.add("start " + task + " " + total);
            }

            @Override
            public void onProgress(long done) {
                events.add(String.valueOf(done));
            }

            @Override
            public void onDone() {
                events.add("done");
            }
        };
        TiledMatch.of(CrossMatcher.radius(3)).progress(recorder).run(SAMPLES, dir.resolve("p"));
        assertEquals(java.util.List.of("start crossmatch tiles 4", "0", "1", "2", "3", "4", "done"), events);
        var out = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            TiledMatch.of(CrossMatcher.radius(3)).progress(new org.tasni.notebook.NotebookProgress()).run(SAMPLES, dir.resolve("q"));
        } finally {
            System.setOut(old);
        }
        assertTrue(out.toString().matches("(?s)crossmatch tiles: 1/4 \\(25%\\).*crossmatch tiles: done, 4 in .*"), out.toString());
    }

    @Test
    void theDownloadersMarginFileStandsInForNeighboursNotDownloaded() throws Exception {
        // tile 6045 alone, with the margin file the Downloader writes: the rows of other tiles within 60″ of it
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone.resolve("margin"));
        Files.copy(SAMPLES.resolve("wise_hp06045.parquet"), alone.resolve("wise_hp06045.parquet"));
        Files.copy(SAMPLES.resolve("gaia_hp06045.parquet"), alone.resolve("gaia_hp06045.parquet"));
        org.tasni.sky.TileMargin m = new org.tasni.sky.TileMargin(6045, 60);
        Table others = null;
        for (long t : new long[] {6044, 6046, 6047}) {
            Table g = TableIO.read(SAMPLES.resolve(String.format("gaia_hp%05d.parquet", t)));
            tech.tablesaw.selection.Selection near = new tech.tablesaw.selection.BitmapBackedSelection();
            for (int i = 0; i < g.rowCount(); i++) {
                if (m.contains(g.doubleColumn("ra").get(i), g.doubleColumn("dec").get(i))) {
                    near.add(i);
                }
            }
            others = others == null ? g.where(near) : others.append(g.where(near));
        }
        TableIO.write(others, alone.resolve("margin/gaia_hp06045.parquet"));
        CrossMatcher xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Table withMargin = TiledMatch.of(xm).run(alone, dir.resolve("out-alone"));
        assertEquals(0, withMargin.intColumn("missing_neighbours").get(0), withMargin.print());
        assertEquals(others.rowCount() > 0, withMargin.intColumn("n_margin").get(0) > 0);
        TiledMatch.of(xm).run(SAMPLES, dir.resolve("out-all"));
        assertTiledEqualsUnion(bySource(TableIO.read(dir.resolve("out-all/orphans_hp06045.parquet"))),
                bySource(TableIO.read(dir.resolve("out-alone/orphans_hp06045.parquet"))), 60);
        // without the margin file the same tile is matched but flagged
        Files.delete(alone.resolve("margin/gaia_hp06045.parquet"));
        Table flagged = TiledMatch.of(xm).run(alone, dir.resolve("out-flagged"));
        assertTrue(flagged.intColumn("missing_neighbours").get(0) > 0, flagged.print());
    }

    @Test
    void resumesAndReportsMissingGaiaTiles() throws Exception {
        var sky = SkySimulator.of(SkyConfig.defaults().withDensityScale(0.02)).simulate(100, 101, 102);
        sky.writeTiles(dir.resolve("tiles"));
        Files.delete(dir.resolve("tiles/gaia_hp00102.parquet"));
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        Table first = tm.run(dir.resolve("tiles"), dir.resolve("out"));
        assertEquals("[OK, OK, NO_GAIA]", first.stringColumn("status").asList().toString());
        assertTrue(first.stringColumn("message").get(2).contains("no gaia_hp00102.parquet"));
        assertFalse(Files.exists(dir.resolve("out/orphans_hp00102.parquet")), "never treated as all orphans");
        long before = Files.getLastModifiedTime(dir.resolve("out/orphans_hp00100.parquet")).toMillis();
        Table second = tm.run(dir.resolve("tiles"), dir.resolve("out"));
        assertEquals("[DONE_BEFORE, DONE_BEFORE, NO_GAIA]", second.stringColumn("status").asList().toString());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("out/orphans_hp00100.parquet")).toMillis());
        assertEquals(first.intColumn("n_orphans").sum(), TableIO.read(dir.resolve("out/orphans.parquet")).rowCount());
        // tiles 100 and 101 are neighbours of 102, which has no Gaia file: flagged
        assertTrue(first.intColumn("missing_neighbours").get(0) + first.intColumn("missing_neighbours").get(1) > 0);
    }
    /**
     * A tile's orphans read no Gaia id, but a Gaia file without its id column, or with a non-id column of that name, is
     * still refused from its footer, as when the ids were read: by its own tile and by the neighbour that would take
     * margin rows from it.
     */
    @Test
    void aGaiaTileWithoutItsIdColumnIsRefused() throws Exception {
        var sky = SkySimulator.of(SkyConfig.defaults().withDensityScale(0.02)).simulate(100, 101);
        Path tiles = dir.resolve("ids");
        sky.writeTiles(tiles);
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        assertEquals("[OK, OK]", tm.run(tiles, dir.resolve("ids-good")).stringColumn("status").asList().toString());
        Path g = tiles.resolve("gaia_hp00100.parquet");
        Table gaia = TableIO.read(g);
        for (boolean asDouble : new boolean[] {false, true}) {
            Table broken = gaia.copy().removeColumns("source_id");
            if (asDouble) {
                broken.addColumns(DoubleColumn.create("source_id", gaia.longColumn("source_id").asDoubleArray()));
            }
            Files.delete(g);
            TableIO.write(broken, g);
            Table got = tm.run(tiles, dir.resolve("ids-" + asDouble));
            assertEquals("[ERROR, ERROR]", got.stringColumn("status").asList().toString(), got.print());
            for (String msg : got.stringColumn("message")) {
                assertTrue(msg.startsWith("gaia_hp00100.parquet") && msg.contains("'source_id'"), msg);
                assertTrue(msg.contains(asDouble ? "an id column must be an integer or a string" : "no column"), msg);
            }
        }
    }
}
