package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.SampleCopies;
import org.tasni.TasniException;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import org.tasni.sky.Healpix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/** Issue 11 for the crossmatch: exact ids, counted drops, tiles that are what their names say, honest resume. */
class CrossmatchHostileInputTest {

    static final Path SAMPLES = Path.of("../data-samples/tiles");

    @TempDir
    Path dir;

    static Set<Long> longs(Table t, String col) {
        Set<Long> s = new HashSet<>();
        LongColumn c = t.longColumn(col);
        for (int i = 0; i < c.size(); i++) {
            s.add(c.getLong(i));
        }
        return s;
    }

    @Test
    void gaiaIdsAreExactInNearestAllAndOrphansAgainstTheGaiaFile() {
        Table wise = TableIO.read(SAMPLES.resolve("wise_hp06046.parquet"));
        Table gaia = TableIO.read(SAMPLES.resolve("gaia_hp06046.parquet"));
        Set<Long> gaiaIds = longs(gaia, "source_id");
        var xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Table near = xm.nearest(wise, gaia);
        Set<Long> matched = longs(near, "match_id");
        assertTrue(gaiaIds.containsAll(matched), "every match_id is a source_id of the Gaia file");
        // the nearest id against a brute-force search over the unpropagated positions (no propagation: independent)
        var plain = CrossMatcher.radius(3);
        Table n0 = plain.nearest(wise, gaia);
        double[] lra = wise.doubleColumn("ra").asDoubleArray(), ldec = wise.doubleColumn("dec").asDoubleArray();
        double[] rra = gaia.doubleColumn("ra").asDoubleArray(), rdec = gaia.doubleColumn("dec").asDoubleArray();
        int n = 400;
        double[][] brute = CrossMatcherTest.bruteNearest(java.util.Arrays.copyOf(lra, n), java.util.Arrays.copyOf(ldec, n),
                rra, rdec);
        long[] src = gaia.longColumn("source_id").asLongArray();
        for (int i = 0; i < n; i++) {
            assertEquals(src[(int) brute[0][i]], n0.longColumn("match_id").getLong(i), "row " + i);
        }
        Table all = xm.leftColumns("ra", "dec", "cntr").all(wise, gaia);
        assertTrue(all.rowCount() > 1000);
        assertTrue(gaiaIds.containsAll(longs(all, "right_id")), "every right_id is a source_id of the Gaia file");
        assertTrue(longs(wise, "cntr").containsAll(longs(all, "left_id")), "every left_id is a cntr of the WISE file");
        // the truth of the simulation: a WISE source made from a Gaia source is matched to exactly that id
        LongColumn truth = wise.longColumn("true_gaia_id");
        int checked = 0;
        for (int i = 0; i < wise.rowCount(); i++) {
            if (!truth.isMissing(i) && near.booleanColumn("matched").get(i) && near.doubleColumn("sep_arcsec").get(i) < 0.5) {
                assertEquals(truth.getLong(i), near.longColumn("match_id").getLong(i), "row " + i);
                checked++;
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    @Test
    void idsOneApartAtTwoToTheSixtyTwoStayApart() {
        long big = 3404089202185340828L;
        Table right = Table.create("r", LongColumn.create("source_id", big, big + 1, big + 100),
                DoubleColumn.create("ra", 10, 20, 30), DoubleColumn.create("dec", 0, 0, 0));
        Table left = Table.create("l", LongColumn.create("source_id", big + 7, big + 8),
                DoubleColumn.create("ra", 20, 10), DoubleColumn.create("dec", 0, 0));
        var xm = CrossMatcher.radius(3);
        Table near = xm.nearest(left, right);
        assertEquals(big + 1, near.longColumn("match_id").getLong(0));
        assertEquals(big, near.longColumn("match_id").getLong(1));
        assertEquals(big + 7, near.longColumn("source_id").getLong(0), "left ids are kept");
        Table all = xm.all(left, right);
        assertEquals(List.of(big + 7, big + 8), all.longColumn("left_id").asList());
        assertEquals(List.of(big + 1, big), all.longColumn("right_id").asList());
    }

    @Test
    void intShortAndStringIdColumnsWorkAndADoubleIdIsRefused() {
        Table left = Table.create("l", DoubleColumn.create("ra", 10, 20), DoubleColumn.create("dec", 0, 0),
                IntColumn.create("cntr", 1, 2)); // all needs a left id (none: refused, never row numbers)
        double[] ra = {10, 20.0001};
        List<tech.tablesaw.columns.Column<?>> idColumns = List.of(IntColumn.create("myid", 7, 2_000_000_000),
                ShortColumn.create("myid", (short) 7, (short) 30000), StringColumn.create("myid", "Gaia DR3 7", "Gaia DR3 30000"));
        for (var id : idColumns) {
            Table right = Table.create("r", DoubleColumn.create("ra", ra), DoubleColumn.create("dec", 0, 0), id);
            var xm = CrossMatcher.radius(3).rightColumns("ra", "dec", "myid");
            Table near = xm.nearest(left, right);
            Table all = xm.all(left, right);
            assertEquals(id.getString(1), near.column("match_id").getString(1), id.type().name());
            assertEquals(id.getString(0), all.column("right_id").getString(0), id.type().name());
        }
        Table right = Table.create("r.parquet", DoubleColumn.create("ra", ra), DoubleColumn.create("dec", 0, 0),
                DoubleColumn.create("myid", 1.0, 2.0));
        for (String mode : List.of("nearest", "all", "orphans")) {
            var xm = CrossMatcher.radius(3).rightColumns("ra", "dec", "myid");
            var e = assertThrows(TasniException.class, () -> {
                Table t = switch (mode) {
                    case "nearest" -> xm.nearest(left, right);
                    case "all" -> xm.all(left, right);
                    default -> xm.orphans(left, right);
                };
            });
            assertTrue(e.getMessage().startsWith("r.parquet: column 'myid' has type DOUBLE; an id column must be an integer"),
                    e.getMessage());
        }
    }

    @Test
    void badRowsAreDroppedAndCountedByReasonOnEachSide() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        // left: 1 good, NaN ra, inf dec, dec 91, ra -1, ra 400
        Table left = Table.create("l", LongColumn.create("source_id", 1, 2, 3, 4, 5, 6),
                DoubleColumn.create("ra", 10, nan, 10, 10, -1, 400), DoubleColumn.create("dec", 0, 0, inf, 91, 0, 0));
        // right: good (pm 0), NaN pm (kept unmoved), infinite pm, 20″/yr pm, NaN dec
        Table right = Table.create("r", LongColumn.create("source_id", 11, 12, 13, 14, 15),
                DoubleColumn.create("ra", 10, 10.0005, 10, 10, 10), DoubleColumn.create("dec", 0, 0, 0, 0, nan),
                DoubleColumn.create("pmra", 0, nan, inf, 20_000, 0), DoubleColumn.create("pmdec", 0, nan, 0, 0, 0));
        var xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        Table near = xm.nearest(left, right);
        assertEquals(6, near.rowCount(), "nearest keeps every left row");
        assertEquals(11L, near.longColumn("match_id").getLong(0));
        for (int i = 1; i < 6; i++) {
            assertTrue(near.longColumn("match_id").isMissing(i) && !near.booleanColumn("matched").get(i), "row " + i);
        }
        MatchReport r = xm.report();
        assertEquals(Map.of(DropReason.NONFINITE_POSITION, 2L, DropReason.POSITION_OUT_OF_RANGE, 3L), r.leftDropped());
        assertEquals(Map.of(DropReason.NONFINITE_POSITION, 1L, DropReason.NONFINITE_PROPER_MOTION, 2L), r.rightDropped());
        assertEquals(1, r.rightUnmoved(), "a NaN proper motion is matched where it was measured, not dropped");
        assertEquals(8, r.dropped().total());
        assertTrue(r.toString().contains("dropped left: 2 non-finite ra/dec, 3 ra/dec out of range"), r.toString());
        // the infinite-pm row, left at 10,0, would be a match: it is not used, so only 11 and 12 are pairs
        Table all = xm.all(left, right);
        assertEquals(List.of(11L, 12L), all.longColumn("right_id").asList());
        assertEquals(0, xm.orphans(left, right).rowCount(), "a dropped row is never an orphan");
    }

    @Test
    void aRightSourceWithoutAnIdIsDroppedAndCountedWhereAMatchWouldNameIt() {
        // left 1 at (10, 0); right: the nearest (0.036″) has no id, the next (1.8″) has one; left 2 has only an
        // id-less right source within 3″, and the one with an id 10° away
        Table left = Table.create("l", LongColumn.create("source_id", 1, 2),
                DoubleColumn.create("ra", 10, 20), DoubleColumn.create("dec", 0, 0));
        // Long.MIN_VALUE is Tablesaw's missing long; for strings, empty and blank
        for (Column<?> ids : List.<Column<?>>of(LongColumn.create("source_id", new long[] {Long.MIN_VALUE, 22, Long.MIN_VALUE}),
                StringColumn.create("source_id", "", "g22", " "))) {
            Table right = Table.create("r", ids, DoubleColumn.create("ra", 10.00001, 10.0005, 20),
                    DoubleColumn.create("dec", 0, 0, 0));
            var xm = CrossMatcher.radius(3);
            Table near = xm.nearest(left, right);
            assertEquals(ids.getString(1), near.column("match_id").getString(0), "the nearest source with an id");
            assertEquals(1.8, near.doubleColumn("sep_arcsec").get(0), 1e-6);
            // nearest names the nearest source with an id at any distance, and says it is not within the radius
            assertFalse(near.booleanColumn("matched").get(1));
            assertEquals(ids.getString(1), near.column("match_id").getString(1));
            assertEquals(Map.of(DropReason.MISSING_ID, 2L), xm.report().rightDropped());
            assertTrue(xm.report().toString().contains("2 missing id"), xm.report().toString());
            Table all = xm.all(left, right);
            assertEquals(List.of(ids.getString(1)), all.column("right_id").asList().stream().map(String::valueOf).toList());
            assertEquals(Map.of(DropReason.MISSING_ID, 2L), xm.report().rightDropped());
            // for orphans a source without an id is still a source where it is: neither left source is an orphan
            assertEquals(0, xm.orphans(left, right).rowCount());
            assertEquals(Map.of(), xm.report().rightDropped());
        }
        Table noIds = Table.create("r.parquet", StringColumn.create("source_id", "", ""),
                DoubleColumn.create("ra", 10, 20), DoubleColumn.create("dec", 0, 0));
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).nearest(left, noIds));
        assertEquals("r.parquet: column 'source_id' has no id in the 2 rows with a position (data row 1); is it the "
                + "right column?", e.getMessage());
    }

    @Test
    void aPositionColumnWrongForTheWholeInputIsRefusedNamingColumnAndRow() {
        Table right = Table.create("gaia.parquet", LongColumn.create("source_id", new long[] {1}),
                DoubleColumn.create("ra", new double[] {10}), DoubleColumn.create("dec", new double[] {0}));
        Table mag = Table.create("wise.parquet", DoubleColumn.create("ra", 10, 20), DoubleColumn.create("dec", 0, 0),
                DoubleColumn.create("w1mpro", 400, 500));
        var e = assertThrows(TasniException.class,
                () -> CrossMatcher.radius(3).leftColumns("w1mpro", "dec", "x").orphans(mag, right));
        assertEquals("wise.parquet: column 'w1mpro' has no value in [0, 360] degrees (data row 1: ra 400.0, dec 0.0);"
                + " is it the right column, in degrees?", e.getMessage());
        Table nans = Table.create("wise.parquet", DoubleColumn.create("ra", new double[] {Double.NaN}),
                DoubleColumn.create("dec", new double[] {1}));
        e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).orphans(nans, right));
        assertTrue(e.getMessage().startsWith("wise.parquet: columns 'ra'/'dec' have no finite position"), e.getMessage());
        // an empty left side is not wrong: nothing to match; an empty right side would make every left row an orphan
        Table none = right.emptyCopy();
        assertEquals(0, CrossMatcher.radius(3).orphans(none, right).rowCount());
        assertThrows(TasniException.class, () -> CrossMatcher.radius(3).orphans(mag.setName("l"), none));
    }

    @Test
    void aColumnNamedForTwoRolesIsRefused() {
        // ra read as dec too put every source on the line ra = dec: all 6,113 rows of a tile came out as orphans
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).leftColumns("ra", "RA", "cntr"));
        assertEquals("column 'RA' is named as both ra and dec; give three different columns: RA,DEC,ID.", e.getMessage());
        e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).rightColumns("ra", "dec", "dec"));
        assertEquals("column 'dec' is named as both dec and id; give three different columns: RA,DEC,ID.", e.getMessage());
        e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).leftColumns("ra", " ", "cntr"));
        assertEquals("the dec column's name is empty; give three column names: RA,DEC,ID.", e.getMessage());
        assertEquals(List.of("ra", "dec", "source_id"), PositionColumns.defaults().names());
    }

    @Test
    void aZeroRowRightCatalogueIsRefusedInOrphansAndNearestNotEveryRowAnOrphan() {
        Table wise = TableIO.read(SAMPLES.resolve("wise_hp06046.parquet"));
        Table gaia = TableIO.read(SAMPLES.resolve("gaia_hp06046.parquet"));
        Table empty = gaia.emptyCopy().setName("gaia_dr3.ecsv");
        var xm = CrossMatcher.radius(3);
        var e = assertThrows(TasniException.class, () -> xm.orphans(wise, empty));
        assertEquals("gaia_dr3.ecsv has no rows: every left row would be an orphan. Is it the right file?", e.getMessage());
        e = assertThrows(TasniException.class, () -> xm.nearest(wise, empty));
        assertTrue(e.getMessage().startsWith("gaia_dr3.ecsv has no rows: every left row would be unmatched"), e.getMessage());
        // the real catalogue: fewer orphans than WISE rows
        assertTrue(xm.orphans(wise, gaia).rowCount() < wise.rowCount());
        // all: no pairs is a true answer (nothing invented)
        assertEquals(0, xm.all(wise, empty).rowCount());
    }

    @Test
    void allRefusesALeftTableWithoutAnIdAndTakesTheOneNamedByLeftColumns() {
        Table left = Table.create("objects.csv", IntColumn.create("objid", 777, 778), DoubleColumn.create("ra", 10.0, 10.1),
                DoubleColumn.create("dec", 20.0, 20.0));
        Table right = Table.create("gaia.csv", LongColumn.create("source_id", 3402501473035092924L, 5L),
                DoubleColumn.create("ra", 10.1, 10.0), DoubleColumn.create("dec", 20.0, 20.0));
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).all(left, right));
        assertEquals("objects.csv: no id column for left_id (looked for 'source_id', 'designation', 'cntr'); name one with"
                + " --left-columns RA,DEC,ID (Java: leftColumns(ra, dec, id)).", e.getMessage());
        Table pairs = CrossMatcher.radius(3).leftColumns("ra", "dec", "objid").all(left, right);
        assertEquals(List.of(777L, 778L), pairs.longColumn("left_id").asList(), "the input's objid, not row numbers");
        assertEquals(List.of(5L, 3402501473035092924L), pairs.longColumn("right_id").asList());
        // an id named that is not there is refused, not replaced by designation/cntr
        Table withCntr = left.copy().addColumns(LongColumn.create("cntr", 1, 2)).setName("objects.csv");
        e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).leftColumns("ra", "dec", "oid").all(withCntr, right));
        assertTrue(e.getMessage().startsWith("objects.csv: no id column for left_id (looked for 'oid')"), e.getMessage());
        assertEquals(List.of(1L, 2L), CrossMatcher.radius(3).all(withCntr, right).longColumn("left_id").asList());
    }

    @Test
    void leftIdTypeAndResultColumnClashesNameTheTable() {
        Table right = Table.create("gaia.csv", LongColumn.create("source_id", new long[] {5}),
                DoubleColumn.create("ra", 10.0), DoubleColumn.create("dec", 20.0));
        Table dbl = Table.create("Ldbl.csv", DoubleColumn.create("cntr", 1.5), DoubleColumn.create("ra", 10.0),
                DoubleColumn.create("dec", 20.0));
        var e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).all(dbl, right));
        assertTrue(e.getMessage().startsWith("Ldbl.csv: column 'cntr' has type DOUBLE"), e.getMessage());
        Table clash = Table.create("nearest", LongColumn.create("cntr", new long[] {1}), DoubleColumn.create("ra", 10.0),
                DoubleColumn.create("dec", 20.0), LongColumn.create("match_id", new long[] {555}));
        e = assertThrows(TasniException.class, () -> CrossMatcher.radius(3).nearest(clash, right));
        assertTrue(e.getMessage().startsWith("table 'nearest': already has a column 'match_id'"), e.getMessage());
    }

    @Test
    void upperCaseRightColumnsWorkInTilesAsInCrossmatch() throws Exception {
        Path tiles = copyTiles("tiles", 6046, 6047);
        Table lower = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, dir.resolve("lower"));
        Table upper = TiledMatch.of(CrossMatcher.radius(3).rightColumns("RA", "DEC", "SOURCE_ID"))
                .run(tiles, dir.resolve("upper"));
        assertEquals("[OK, OK]", upper.stringColumn("status").asList().toString(), upper.print());
        assertEquals(lower.intColumn("n_orphans").asList(), upper.intColumn("n_orphans").asList());
        assertEquals(lower.intColumn("n_margin").asList(), upper.intColumn("n_margin").asList());
        assertEquals(designations(dir.resolve("lower/orphans.parquet")), designations(dir.resolve("upper/orphans.parquet")));
        // and as in crossmatch on one tile
        Table w = TableIO.read(tiles.resolve("wise_hp06046.parquet")), g = TableIO.read(tiles.resolve("gaia_hp06046.parquet"));
        assertEquals(CrossMatcher.radius(3).orphans(w, g).rowCount(),
                CrossMatcher.radius(3).rightColumns("RA", "DEC", "SOURCE_ID").orphans(w, g).rowCount());
    }

    @Test
    void anEmptyOrUnreadableGaiaNeighbourCountsAsMissing() throws Exception {
        Path tiles = copyTiles("tiles", 6044);
        Files.copy(SAMPLES.resolve("gaia_hp06045.parquet"), tiles.resolve("gaia_hp06045.parquet"));
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        Table present = tm.run(tiles, dir.resolve("present"));
        Files.delete(tiles.resolve("gaia_hp06045.parquet"));
        Table deleted = tm.run(tiles, dir.resolve("deleted"));
        int missing = deleted.intColumn("missing_neighbours").get(0);
        assertEquals(present.intColumn("missing_neighbours").get(0) + 1, missing, "6045 borders 6044");
        assertTrue(deleted.intColumn("n_margin").get(0) < present.intColumn("n_margin").get(0));
        Table gaia45 = TableIO.read(SAMPLES.resolve("gaia_hp06045.parquet"));
        TableIO.write(gaia45.emptyCopy(), tiles.resolve("gaia_hp06045.parquet"));
        Table empty = tm.run(tiles, dir.resolve("empty"));
        assertEquals(missing, empty.intColumn("missing_neighbours").get(0), empty.print());
        assertEquals(deleted.intColumn("n_margin").get(0), empty.intColumn("n_margin").get(0));
        assertEquals(deleted.intColumn("n_orphans").get(0), empty.intColumn("n_orphans").get(0));
        assertTrue(empty.stringColumn("message").get(0).contains("or an empty or unreadable one"), empty.print());
        Files.write(tiles.resolve("gaia_hp06045.parquet"), "not parquet".getBytes());
        Table broken = tm.run(tiles, dir.resolve("broken"));
        assertEquals("OK", broken.stringColumn("status").get(0));
        assertEquals(missing, broken.intColumn("missing_neighbours").get(0), broken.print());
    }

    @Test
    void tileNamesAreCheckedBeforeAnyWorkAndLookAlikesAreListed() throws Exception {
        Path tiles = copyTiles("tiles", 6044);
        Files.copy(SAMPLES.resolve("wise_hp06045.parquet"), tiles.resolve("wise_hp6045.parquet"));
        Files.copy(SAMPLES.resolve("wise_hp06047.parquet"), tiles.resolve("WISE_HP06047.parquet"));
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        Table s = tm.run(tiles, dir.resolve("out"));
        assertEquals(List.of(6044L), s.longColumn("tile").asList());
        assertEquals(List.of(tiles.resolve("WISE_HP06047.parquet"), tiles.resolve("wise_hp6045.parquet")), tm.ignoredFiles());
        Files.copy(SAMPLES.resolve("wise_hp06046.parquet"), tiles.resolve("wise_hp99999.parquet"));
        var e = assertThrows(TasniException.class, () -> tm.run(tiles, dir.resolve("out2")));
        assertTrue(e.getMessage().startsWith(tiles.resolve("wise_hp99999.parquet") + ": HEALPix pixel 99999 is outside"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("out2/orphans_hp06044.parquet")), "no tile matched before the check");
    }

    /** A copy of sample tiles {@code tiles} (wise and gaia) into a fresh directory. */
    Path copyTiles(String name, int... tiles) throws Exception {
        return SampleCopies.tiles(dir.resolve(name), tiles);
    }

    static Set<String> designations(Path orphans) {
        return new HashSet<>(TableIO.read(orphans).stringColumn("designation").asList());
    }

    @Test
    void rowsOutsideTheirTileAreCountedAndAFileOfAnotherTileIsRefused() throws Exception {
        Path tiles = copyTiles("tiles", 6046, 6047);
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        Table clean = tm.run(tiles, dir.resolve("clean"));
        assertEquals(0, clean.longColumn("n_dropped_wise").sum() + clean.longColumn("n_dropped_gaia").sum(),
                "the samples hold only their own pixel's rows");
        Set<String> cleanOrphans = designations(dir.resolve("clean/orphans.parquet"));
        // 25 rows of tile 6044 appended to wise 6046, 40 rows of gaia 6044 to gaia 6046
        Table wise = TableIO.read(tiles.resolve("wise_hp06046.parquet"));
        Table wise44 = TableIO.read(SAMPLES.resolve("wise_hp06044.parquet"));
        TableIO.write(wise.append(wise44.first(25)), tiles.resolve("wise_hp06046.parquet"));
        Table gaia = TableIO.read(tiles.resolve("gaia_hp06046.parquet"));
        TableIO.write(gaia.append(TableIO.read(SAMPLES.resolve("gaia_hp06044.parquet")).first(40)),
                tiles.resolve("gaia_hp06046.parquet"));
        Table mixed = tm.run(tiles, dir.resolve("mixed"));
        assertEquals("[OK, OK]", mixed.stringColumn("status").asList().toString());
        assertEquals(Map.of(DropReason.WRONG_TILE, 25L), tm.wiseDropped());
        assertEquals(Map.of(DropReason.WRONG_TILE, 40L), tm.gaiaDropped());
        assertEquals(List.of(25L, 0L), mixed.longColumn("n_dropped_wise").asList());
        // n_wise and n_gaia are the files' rows, so that the rows used (the clean files') are these less the drops
        int wise46 = TableIO.read(SAMPLES.resolve("wise_hp06046.parquet")).rowCount();
        int gaia46 = TableIO.read(SAMPLES.resolve("gaia_hp06046.parquet")).rowCount();
        assertEquals(List.of(wise46, TableIO.read(SAMPLES.resolve("wise_hp06047.parquet")).rowCount()),
                clean.intColumn("n_wise").asList());
        assertEquals(List.of(wise46 + 25, clean.intColumn("n_wise").get(1)), mixed.intColumn("n_wise").asList());
        assertEquals(wise46, mixed.intColumn("n_wise").get(0) - mixed.longColumn("n_dropped_wise").get(0));
        assertEquals(List.of(gaia46 + 40, clean.intColumn("n_gaia").get(1)), mixed.intColumn("n_gaia").asList());
        assertEquals(cleanOrphans, designations(dir.resolve("mixed/orphans.parquet")), "same orphans, none of tile 6044");
        // gaia_hp06047 replaced by tile 6044's file: not the tile it is named for, that tile fails naming the file
        Files.copy(SAMPLES.resolve("gaia_hp06044.parquet"), tiles.resolve("gaia_hp06047.parquet"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Table renamed = tm.run(tiles, dir.resolve("renamed"));
        // tile 6046 reads it as a neighbour's margin: it fails too rather than lose that border's matches
        assertEquals("[ERROR, ERROR]", renamed.stringColumn("status").asList().toString());
        for (String msg : renamed.stringColumn("message")) {
            assertTrue(msg.contains("gaia_hp06047.parquet: ") && msg.contains("are outside HEALPix pixel 6047")
                    && msg.contains("data row 1 (ra ") && msg.contains("is in pixel 6044"), msg);
        }
        assertFalse(Files.exists(dir.resolve("renamed/orphans_hp06047.parquet")));
    }

    /**
     * With propagation, a Gaia row with an impossible proper motion is dropped by its own tile and never taken as a
     * neighbour's margin row, so it is counted once, in its own tile's n_dropped_gaia (a second reader had thought the
     * neighbour counted it too).
     */
    @Test
    void aMarginRowsDropIsCountedByItsOwnTileOnly() throws Exception {
        Path tiles = copyTiles("pm", 6046, 6047);
        Path g47 = tiles.resolve("gaia_hp06047.parquet");
        Table gaia = TableIO.read(g47);
        double[] fast = new double[gaia.rowCount()];
        java.util.Arrays.fill(fast, 1e9); // mas/yr: far beyond any star's
        gaia.replaceColumn("pmra", DoubleColumn.create("pmra", fast));
        Files.delete(g47);
        TableIO.write(gaia, g47);
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3).propagate(2016.0, 2010.5));
        Table s = tm.run(tiles, dir.resolve("pm-out"));
        assertEquals("[OK, OK]", s.stringColumn("status").asList().toString(), s.print());
        assertTrue(s.intColumn("n_margin").get(0) > 0, "tile 6046 takes margin rows from 6047: " + s.print());
        // a row without pmdec (a two-parameter solution) is not moved, so not dropped: the others are, once
        long moved = gaia.rowCount() - gaia.doubleColumn("pmdec").isMissing().size();
        assertTrue(moved > 0);
        assertEquals(List.of(0L, moved), s.longColumn("n_dropped_gaia").asList());
        assertEquals(Map.of(DropReason.NONFINITE_PROPER_MOTION, moved), tm.gaiaDropped());
    }

    @Test
    void tilesOfDifferentColumnTypesAreRefusedBeforeAnyIsMatchedAndNoStaleOrphansStay() throws Exception {
        Path tiles = copyTiles("types", 6046, 6047);
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        tm.run(tiles, dir.resolve("types-out"));
        assertTrue(Files.exists(dir.resolve("types-out/orphans.parquet")));
        // tile 6047 with w1mpro in double precision, as a tile made from a CSV: the merge had failed after every tile
        Path w47 = tiles.resolve("wise_hp06047.parquet");
        Table wise = TableIO.read(w47);
        Table widened = wise.copy();
        widened.replaceColumn("w1mpro", DoubleColumn.create("w1mpro", wise.numberColumn("w1mpro").asDoubleArray()));
        Files.delete(w47);
        TableIO.write(widened, w47);
        var e = assertThrows(TasniException.class, () -> tm.run(tiles, dir.resolve("types-2")));
        assertEquals(w47 + ": column 'w1mpro' is DOUBLE here but FLOAT in wise_hp06046.parquet. orphans.parquet holds "
                + "every tile's orphans in one table, so every WISE tile needs the same columns, in the same order, of "
                + "the same types.", e.getMessage());
        assertFalse(Files.exists(dir.resolve("types-2/orphans_hp06046.parquet")), "refused before any tile is matched");
        Files.delete(w47);
        TableIO.write(wise, w47);
        // no tile matched (no Gaia file left): the earlier run's orphans.parquet must not stay as this run's result
        Files.delete(tiles.resolve("gaia_hp06046.parquet"));
        Files.delete(tiles.resolve("gaia_hp06047.parquet"));
        Table none = tm.run(tiles, dir.resolve("types-out"));
        assertEquals("[NO_GAIA, NO_GAIA]", none.stringColumn("status").asList().toString());
        assertFalse(Files.exists(dir.resolve("types-out/orphans.parquet")));
    }

    @Test
    void aZeroRowGaiaTileIsReportedLikeAMissingOneNotAsAllOrphans() throws Exception {
        Path tiles = copyTiles("tiles", 6046, 6047);
        Table gaia = TableIO.read(tiles.resolve("gaia_hp06047.parquet"));
        TableIO.write(gaia.where(Selection.with()), tiles.resolve("gaia_hp06047.parquet"));
        Table s = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, dir.resolve("out"));
        assertEquals("[OK, EMPTY_GAIA]", s.stringColumn("status").asList().toString());
        assertTrue(s.stringColumn("message").get(1).contains("gaia_hp06047.parquet has no rows"), s.print());
        assertFalse(Files.exists(dir.resolve("out/orphans_hp06047.parquet")), "never treated as all orphans");
        Healpix hp = Healpix.nside(32);
        Table merged = TableIO.read(dir.resolve("out/orphans.parquet"));
        for (int i = 0; i < merged.rowCount(); i++) {
            assertEquals(6046, hp.ang2pix(merged.doubleColumn("ra").get(i), merged.doubleColumn("dec").get(i)));
        }
    }

    @Test
    void resumeReusesOnlyTheSameOptionsAndInputsAndKeepsTheCaveat() throws Exception {
        Path tiles = copyTiles("tiles", 6044);
        Path out = dir.resolve("out");
        Table first = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, out);
        int missing = first.intColumn("missing_neighbours").get(0);
        assertTrue(missing > 0, "tile 6044 alone borders tiles without Gaia files");
        // same options: reused, and the caveat with it
        Table again = TiledMatch.of(CrossMatcher.radius(3).threads(1)).run(tiles, out);
        assertEquals("DONE_BEFORE", again.stringColumn("status").get(0));
        assertEquals(missing, again.intColumn("missing_neighbours").get(0), "the caveat survives the resume");
        assertEquals(first.stringColumn("message").get(0), again.stringColumn("message").get(0));
        assertEquals(first.intColumn("n_orphans").get(0), again.intColumn("n_orphans").get(0));
        // another radius: recomputed, equal to a fresh run
        TiledMatch wide = TiledMatch.of(CrossMatcher.radius(30));
        Table r30 = wide.run(tiles, out);
        assertEquals("OK", r30.stringColumn("status").get(0));
        assertTrue(r30.booleanColumn("recomputed").get(0));
        wide.run(tiles, dir.resolve("fresh30"));
        assertEquals(designations(dir.resolve("fresh30/orphans.parquet")), designations(out.resolve("orphans.parquet")));
        assertTrue(r30.intColumn("n_orphans").get(0) < first.intColumn("n_orphans").get(0));
        // another margin or propagation: recomputed too
        assertEquals("OK", wide.margin(90).run(tiles, out).stringColumn("status").get(0));
        assertEquals("DONE_BEFORE", wide.margin(90).run(tiles, out).stringColumn("status").get(0));
        // an input rewritten (new mtime): recomputed
        Files.setLastModifiedTime(tiles.resolve("wise_hp06044.parquet"), FileTime.fromMillis(1_000_000_000_000L));
        assertTrue(wide.margin(90).run(tiles, out).booleanColumn("recomputed").get(0));
        // the missing neighbour is downloaded: the caveat is gone, so the tile is recomputed with fewer missing
        Files.copy(SAMPLES.resolve("gaia_hp06045.parquet"), tiles.resolve("gaia_hp06045.parquet"));
        Table after = wide.margin(90).run(tiles, out);
        assertEquals("OK", after.stringColumn("status").get(0));
        assertTrue(after.booleanColumn("recomputed").get(0));
        assertEquals(missing - 1, after.intColumn("missing_neighbours").get(0), after.print());
        // an output replaced since (another run's file copied in): not reused
        Files.copy(dir.resolve("fresh30/orphans_hp06044.parquet"), out.resolve("orphans_hp06044.parquet"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(wide.margin(90).run(tiles, out).booleanColumn("recomputed").get(0));
        // an output without its record (an older run, or killed between the writes) is not trusted
        Files.delete(out.resolve("orphans_hp06044.run.json"));
        assertTrue(wide.margin(90).run(tiles, out).booleanColumn("recomputed").get(0));
    }

    @Test
    void theOutputIsNeverTheTileDirectoryOrALinkToAnInput() throws Exception {
        Path tiles = copyTiles("tiles", 6046);
        byte[] before = Files.readAllBytes(tiles.resolve("wise_hp06046.parquet"));
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3));
        var e = assertThrows(TasniException.class, () -> tm.run(tiles, tiles));
        assertTrue(e.getMessage().contains("the output directory is the tile directory"), e.getMessage());
        Files.createDirectories(tiles.resolve("margin"));
        assertThrows(TasniException.class, () -> tm.run(tiles, tiles.resolve("margin")));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("orphans.parquet"), tiles.resolve("wise_hp06046.parquet").toAbsolutePath());
        e = assertThrows(TasniException.class, () -> tm.run(tiles, out));
        assertTrue(e.getMessage().contains("refusing to overwrite an input"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(tiles.resolve("wise_hp06046.parquet")));
        assertEquals(0, Files.list(tiles).filter(p -> p.getFileName().toString().startsWith("orphans")).count());
    }

    @Test
    void allPairsOfAnEverythingMatchesEverythingRadiusAreAUserErrorNotAnOutOfMemory() {
        int n = 3000;
        double[] ra = new double[n], dec = new double[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 10 + i * 1e-8; // all within 0.11″ of each other
            rows[i] = i;
        }
        var pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            ZoneIndex idx = ZoneIndex.build(ra, dec, rows, 1.0 / 3600, pool);
            // 9 million pairs within 1″: over a budget of 100,000 the search stops with a message (the budget counts the
            // lists' capacity, so 9 million pairs need a little more than 9 million)
            var e = assertThrows(RuntimeException.class, () -> new CpuKernel(pool).within(idx, ra, dec, rows, 1, 100_000));
            Throwable t = e;
            while (!(t instanceof TasniException) && t.getCause() != null) {
                t = t.getCause();
            }
            assertTrue(t instanceof TasniException && t.getMessage().startsWith("the pairs within the radius exceed the budget of 100,000 pairs"),
                    String.valueOf(t));
            assertEquals((long) n * n, new CpuKernel(pool).within(idx, ra, dec, rows, 1, 20_000_000).size(),
                    "under the budget every pair is kept");
        } finally {
            pool.shutdown();
        }
    }
}
