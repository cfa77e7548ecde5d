package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/** Issue 11 for the crossmatch commands, end to end: every result is checked against the input files. */
class HostileCrossmatchCliTest {

    static final String WISE = "data-samples/tiles/wise_hp06046.parquet";
    static final String GAIA = "data-samples/tiles/gaia_hp06046.parquet";

    @TempDir
    Path dir;

    static Set<Long> ids(Table t, String col) {
        Set<Long> s = new HashSet<>();
        LongColumn c = t.longColumn(col);
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                s.add(c.getLong(i));
            }
        }
        return s;
    }

    static Set<String> designations(Path p) {
        return new HashSet<>(TableIO.read(p).stringColumn("designation").asList());
    }

    @Test
    void nearestAndAllWriteTheGaiaFilesIdsExactly() throws Exception {
        Table gaia = TableIO.read(Jar.ROOT.resolve(GAIA));
        Set<Long> gaiaIds = ids(gaia, "source_id");
        Path near = dir.resolve("near.parquet"), all = dir.resolve("all.csv");
        var r = Jar.run("crossmatch", "--left", WISE, "--right", GAIA, "--mode", "nearest", "--left-epoch", "2010.5",
                "--right-epoch", "2016.0", "--out", near.toString());
        assertEquals(0, r.code(), r.err());
        Table n = TableIO.read(near);
        Set<Long> matched = ids(n, "match_id");
        assertEquals(n.rowCount(), n.longColumn("match_id").size());
        assertTrue(matched.size() > 3000, "matched " + matched.size());
        Set<Long> unknown = new HashSet<>(matched);
        unknown.removeAll(gaiaIds);
        assertEquals(Set.of(), unknown, "match_ids that are not in " + GAIA);
        // the simulation's truth: the Gaia source a WISE row was made from is its match (0.35″ away)
        LongColumn truth = n.longColumn("true_gaia_id");
        for (int i = 0; i < n.rowCount(); i++) {
            if (!truth.isMissing(i) && n.doubleColumn("sep_arcsec").get(i) < 0.5) {
                assertEquals(truth.getLong(i), n.longColumn("match_id").getLong(i), "row " + i);
            }
        }
        // all pairs, through CSV text: right_id exact, left_id the WISE designation
        r = Jar.run("crossmatch", "--left", WISE, "--right", GAIA, "--mode", "all", "--out", all.toString());
        assertEquals(0, r.code(), r.err());
        Table a = TableIO.read(all);
        assertTrue(a.rowCount() > 3000);
        Set<Long> right = ids(a, "right_id");
        right.removeAll(gaiaIds);
        assertEquals(Set.of(), right, "right_ids that are not in " + GAIA);
        Set<String> wiseNames = new HashSet<>(TableIO.read(Jar.ROOT.resolve(WISE)).stringColumn("designation").asList());
        assertTrue(wiseNames.containsAll(a.stringColumn("left_id").asList()));
    }

    @Test
    void anIntegerIdColumnWorks() throws Exception {
        Path right = dir.resolve("right.parquet");
        Table g = TableIO.read(Jar.ROOT.resolve(GAIA)).first(2000);
        int[] small = new int[g.rowCount()];
        for (int i = 0; i < small.length; i++) {
            small[i] = 100 + i;
        }
        g.addColumns(tech.tablesaw.api.IntColumn.create("my_int", small));
        TableIO.write(g, right);
        Path out = dir.resolve("n.parquet");
        var r = Jar.run("crossmatch", "--left", WISE, "--right", right.toString(), "--right-columns", "ra,dec,my_int",
                "--mode", "nearest", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Table n = TableIO.read(out);
        for (long id : ids(n, "match_id")) {
            assertTrue(id >= 100 && id < 100 + small.length, "id " + id);
        }
    }

    static String sha(Path p) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws Exception {
        Path left = dir.resolve("wise.parquet"), right = dir.resolve("gaia.parquet");
        Files.copy(Jar.ROOT.resolve(WISE), left);
        Files.copy(Jar.ROOT.resolve(GAIA), right);
        String l0 = sha(left), r0 = sha(right);
        Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--out",
                left.toString()).assertOneLineUserError("refusing to overwrite an input");
        Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--out",
                right.toString(), "--mode", "all").assertOneLineUserError("refusing to overwrite an input");
        Path link = dir.resolve("link.parquet");
        Files.createSymbolicLink(link, right);
        Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--out",
                link.toString()).assertOneLineUserError("refusing to overwrite an input");
        Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--out",
                dir.resolve("o.parquet").toString(), "--stats-json", left.toString()).assertOneLineUserError("refusing to overwrite an input");
        assertEquals(l0, sha(left));
        assertEquals(r0, sha(right));
        // crossmatch-tiles into its own tile directory
        Path tiles = dir.resolve("tiles");
        Files.createDirectories(tiles);
        Files.copy(left, tiles.resolve("wise_hp06046.parquet"));
        Files.copy(right, tiles.resolve("gaia_hp06046.parquet"));
        Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", tiles.toString()).assertOneLineUserError("is the tile directory");
        try (var s = Files.list(tiles)) {
            assertEquals(2, s.count(), "nothing written among the tiles");
        }
        assertEquals(l0, sha(tiles.resolve("wise_hp06046.parquet")));
        // its stats JSON over its own results: each of them had been written, then replaced by the JSON
        Path out = dir.resolve("tiles-out");
        assertEquals(0, Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", out.toString()).code());
        String merged = sha(out.resolve("orphans.parquet"));
        for (String own : List.of("orphans.parquet", "orphans_hp06046.parquet", "orphans_hp06046.run.json",
                "tiles_summary.csv")) {
            Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", out.toString(), "--stats-json",
                    out.resolve(own).toString()).assertOneLineUserError("is the other output");
        }
        assertEquals(merged, sha(out.resolve("orphans.parquet")));
    }

    @Test
    void badRowsAreCountedInTheSummaryAndStatsJson() throws Exception {
        Table w = TableIO.read(Jar.ROOT.resolve(WISE));
        DoubleColumn ra = w.doubleColumn("ra"), dec = w.doubleColumn("dec");
        ra.set(0, Double.NaN);
        dec.set(1, Double.POSITIVE_INFINITY);
        dec.set(2, 91.0);
        ra.set(3, -5.0);
        Path left = dir.resolve("wise.parquet"), stats = dir.resolve("stats.json"), out = dir.resolve("o.parquet");
        TableIO.write(w, left);
        var r = Jar.run("crossmatch", "--left", left.toString(), "--right", GAIA, "--out", out.toString(),
                "--stats-json", stats.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dropped left: 2 non-finite ra/dec, 2 ra/dec out of range"), r.out());
        String json = Files.readString(stats);
        assertTrue(json.contains("\"n_dropped_nonfinite_position\" : 2"), json);
        assertTrue(json.contains("\"n_dropped_position_out_of_range\" : 2"), json);
        assertTrue(json.contains("\"n_left_dropped\" : 4"), json);
        Set<String> bad = Set.of(w.stringColumn("designation").get(0), w.stringColumn("designation").get(1),
                w.stringColumn("designation").get(2), w.stringColumn("designation").get(3));
        Set<String> orphans = designations(out);
        orphans.retainAll(bad);
        assertEquals(Set.of(), orphans, "a dropped row is not an orphan");
        // a whole column wrong: refused naming file, column and row
        Table d = w.copy();
        double[] deg = new double[d.rowCount()];
        for (int i = 0; i < deg.length; i++) {
            deg[i] = 100 + i % 50; // a column of another quantity
        }
        d.replaceColumn("dec", DoubleColumn.create("dec", deg));
        Path wrong = dir.resolve("wrong.parquet");
        TableIO.write(d, wrong);
        Jar.run("crossmatch", "--left", wrong.toString(), "--right", GAIA, "--out",
                out.toString()).assertOneLineUserError("wrong.parquet", "column 'dec'", "data row 2");
        // (data row 1 has the NaN ra set above: the first row with a finite position is named)
    }

    @Test
    void badInputsAreOneLineUserErrors() throws Exception {
        Path empty = dir.resolve("empty.parquet"), strings = dir.resolve("s.parquet"), out = dir.resolve("o.parquet");
        Files.write(empty, new byte[0]);
        Jar.run("crossmatch", "--left", empty.toString(), "--right", GAIA, "--out",
                out.toString()).assertOneLineUserError("empty.parquet");
        Table w = TableIO.read(Jar.ROOT.resolve(WISE)).first(10);
        w.replaceColumn("ra", StringColumn.create("ra", w.doubleColumn("ra").asList().stream().map(String::valueOf).toList()));
        TableIO.write(w, strings);
        Jar.run("crossmatch", "--left", strings.toString(), "--right", GAIA, "--out",
                out.toString()).assertOneLineUserError("'ra'", "STRING");
        Jar.run("crossmatch", "--left", WISE, "--right", GAIA, "--right-columns", "ra,dec,nope",
                "--out", out.toString()).assertOneLineUserError("no column 'nope'");
        Jar.run("crossmatch", "--left", WISE, "--right", GAIA, "--right-columns", "ra,dec,parallax",
                "--out", out.toString()).assertOneLineUserError("an id column must be an integer or a string");
        assertFalse(Files.exists(out));
    }

    @Test
    void resumeWithAnotherRadiusEqualsAFreshRunAndKeepsTheCaveat() throws Exception {
        Path out = dir.resolve("out");
        var first = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("warning: 4 tile(s) border a tile that has no Gaia file"), first.out());
        var again = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 matched, 4 done before"), again.out());
        assertTrue(again.out().contains("warning: 4 tile(s) border a tile that has no Gaia file"), "caveat kept: " + again.out());
        Table summary = TableIO.read(out.resolve("tiles_summary.csv"));
        assertEquals(4, summary.intColumn("missing_neighbours").isGreaterThan(0).size(), summary.print());
        var wide = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", out.toString(), "--radius", "30");
        assertEquals(0, wide.code(), wide.err());
        assertTrue(wide.out().contains("tiles: 4 matched, 0 done before")
                && wide.out().contains("4 tile(s) recomputed because the options/inputs changed"), wide.out());
        var fresh = Jar.run("crossmatch-tiles", "--tiles", "data-samples/tiles", "--out", dir.resolve("fresh").toString(),
                "--radius", "30");
        assertEquals(0, fresh.code(), fresh.err());
        Set<String> resumed = designations(out.resolve("orphans.parquet"));
        assertEquals(designations(dir.resolve("fresh/orphans.parquet")), resumed);
        assertTrue(resumed.size() < 6000, "the 30″ answer, not the 3″ one: " + resumed.size());
    }

    @Test
    void aTileWhoseCaveatIsGoneIsRecomputed() throws Exception {
        Path tiles = dir.resolve("tiles"), out = dir.resolve("out");
        Files.createDirectories(tiles);
        for (String f : List.of("wise_hp06044.parquet", "gaia_hp06044.parquet")) {
            Files.copy(Jar.ROOT.resolve("data-samples/tiles").resolve(f), tiles.resolve(f));
        }
        var first = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        int missing = TableIO.read(out.resolve("tiles_summary.csv")).intColumn("missing_neighbours").get(0);
        int orphans = TableIO.read(out.resolve("orphans.parquet")).rowCount();
        assertTrue(missing > 0);
        // the user downloads the missing neighbour, as the warning told them
        Files.copy(Jar.ROOT.resolve("data-samples/tiles/gaia_hp06045.parquet"), tiles.resolve("gaia_hp06045.parquet"));
        var second = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", out.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("1 matched, 0 done before")
                && second.out().contains("1 tile(s) recomputed"), second.out());
        Table s = TableIO.read(out.resolve("tiles_summary.csv"));
        assertEquals(missing - 1, s.intColumn("missing_neighbours").get(0), s.print());
        // sources near the 6044/6045 border found their Gaia match: fewer orphans, never more
        assertTrue(TableIO.read(out.resolve("orphans.parquet")).rowCount() <= orphans);
    }

    @Test
    void aZeroRowGaiaTileIsNotAllOrphans() throws Exception {
        Path tiles = dir.resolve("tiles"), out = dir.resolve("out"), stats = dir.resolve("stats.json");
        Files.createDirectories(tiles);
        for (String f : List.of("wise_hp06044.parquet", "gaia_hp06044.parquet", "wise_hp06045.parquet")) {
            Files.copy(Jar.ROOT.resolve("data-samples/tiles").resolve(f), tiles.resolve(f));
        }
        Table g = TableIO.read(Jar.ROOT.resolve("data-samples/tiles/gaia_hp06045.parquet"));
        TableIO.write(g.where(Selection.with()), tiles.resolve("gaia_hp06045.parquet"));
        var r = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", out.toString(), "--stats-json",
                stats.toString());
        r.assertOneLineUserError("1 of 2 tiles were not matched", "tile 06045 EMPTY_GAIA", "gaia_hp06045.parquet has no rows");
        assertTrue(Files.readString(stats).contains("\"n_tiles_empty_gaia\" : 1"));
        Set<String> wise45 = new HashSet<>(TableIO.read(tiles.resolve("wise_hp06045.parquet")).stringColumn("designation").asList());
        Set<String> orphans = designations(out.resolve("orphans.parquet"));
        assertFalse(orphans.isEmpty());
        orphans.retainAll(wise45);
        assertEquals(Set.of(), orphans, "no source of the empty Gaia tile is called an orphan");
    }

    @Test
    void aHeaderOnlyRightCatalogueIsRefusedNotEveryRowAnOrphan() throws Exception {
        Path right = dir.resolve("gaia_empty.ecsv"), out = dir.resolve("orphans.csv");
        Files.writeString(right, String.join("\n", "# %ECSV 1.0", "# ---", "# delimiter: ','", "# datatype:",
                "# - {name: source_id, datatype: int64}", "# - {name: ra, datatype: float64}",
                "# - {name: dec, datatype: float64}", "# schema: astropy-2.0", "source_id,ra,dec", ""));
        var r = Jar.run("crossmatch", "--left", WISE, "--right", right.toString(), "--out", out.toString());
        r.assertOneLineUserError("gaia_empty.ecsv has no rows: every left row would be an orphan. Is it the right file?");
        assertFalse(Files.exists(out), "no all-orphans output");
    }

    @Test
    void allWithoutALeftIdIsRefusedAndLeftColumnsNamesOne() throws Exception {
        Path left = dir.resolve("objects.csv"), right = dir.resolve("gaia.csv"), out = dir.resolve("pairs.csv");
        Files.writeString(left, "objid,ra,dec\n777,10.0,20.0\n778,10.1,20.0\n");
        Files.writeString(right, "source_id,ra,dec\n3402501473035092924,10.1,20.0\n5,10.0,20.0\n");
        var r = Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--mode", "all", "--out",
                out.toString());
        r.assertOneLineUserError("objects.csv: no id column for left_id", "'source_id', 'designation', 'cntr'",
                "--left-columns RA,DEC,ID");
        r = Jar.run("crossmatch", "--left", left.toString(), "--right", right.toString(), "--mode", "all",
                "--left-columns", "ra,dec,objid", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Table pairs = TableIO.read(out);
        assertEquals("[777, 778]", pairs.column("left_id").asList().toString(), "the input's objid, not row numbers");
        assertEquals(List.of(5L, 3402501473035092924L), pairs.longColumn("right_id").asList());
        Path dbl = dir.resolve("Ldbl.csv");
        Files.writeString(dbl, "cntr,ra,dec\n1.5,10.0,20.0\n");
        r = Jar.run("crossmatch", "--left", dbl.toString(), "--right", right.toString(), "--mode", "all", "--out",
                dir.resolve("p2.csv").toString());
        r.assertOneLineUserError("Ldbl.csv: column 'cntr' has type DOUBLE");
    }

    @Test
    void tilesTakeUpperCaseRightColumnsAndCheckTileNamesFirst() throws Exception {
        Path tiles = dir.resolve("tiles");
        Files.createDirectories(tiles);
        for (String f : List.of("wise_hp06046.parquet", "gaia_hp06046.parquet", "wise_hp06047.parquet", "gaia_hp06047.parquet")) {
            Files.copy(Jar.ROOT.resolve("data-samples/tiles").resolve(f), tiles.resolve(f));
        }
        Files.copy(Jar.ROOT.resolve("data-samples/tiles/wise_hp06045.parquet"), tiles.resolve("wise_hp6045.parquet"));
        var lower = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", dir.resolve("lower").toString());
        assertEquals(0, lower.code(), lower.err());
        assertTrue(lower.out().contains("warning: ignored: files that look like tiles but are not named wise_hpNNNNN.parquet")
                && lower.out().contains("wise_hp6045.parquet"), lower.out());
        var upper = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", dir.resolve("upper").toString(),
                "--right-columns", "RA,DEC,SOURCE_ID");
        assertEquals(0, upper.code(), upper.err() + upper.out());
        Set<String> a = designations(dir.resolve("lower/orphans.parquet"));
        assertFalse(a.isEmpty());
        assertEquals(a, designations(dir.resolve("upper/orphans.parquet")));
        Files.copy(Jar.ROOT.resolve("data-samples/tiles/wise_hp06044.parquet"), tiles.resolve("wise_hp99999.parquet"));
        var bad = Jar.run("crossmatch-tiles", "--tiles", tiles.toString(), "--out", dir.resolve("bad").toString());
        bad.assertOneLineUserError("wise_hp99999.parquet: HEALPix pixel 99999 is outside [0, 12288)");
        assertFalse(Files.exists(dir.resolve("bad/orphans_hp06046.parquet")), "checked before any tile is matched");
    }
}
