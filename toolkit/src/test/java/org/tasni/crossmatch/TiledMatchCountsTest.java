package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.SampleCopies;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/**
 * The tiled match's counts add up (found by an adversarial tester): a WISE row repeated in its tile is dropped and
 * counted, every drop has its column by reason, and the rows of a tile not matched are counted whatever failed.
 */
class TiledMatchCountsTest {

    static final Path SAMPLES = Path.of("../data-samples/tiles");

    @TempDir
    Path dir;

    Path copyTiles(String name, int... tiles) throws Exception {
        return SampleCopies.tiles(dir.resolve(name), tiles);
    }

    /**
     * An exact copy of one orphan's row appended to its WISE tile was an orphan twice (ranked twice by the pipeline).
     * Now the copy is dropped as DUPLICATE, counted in the report, in n_dropped_wise and in its own column, and the
     * orphans are those of the clean tile.
     */
    @Test
    void aRepeatedWiseRowIsDroppedAndCountedAsDuplicate() throws Exception {
        Path tiles = copyTiles("tiles", 6046, 6047);
        TiledMatch tm = TiledMatch.of(CrossMatcher.radius(3).propagate(2016.0, 2010.5));
        tm.run(tiles, dir.resolve("clean"));
        Table cleanOrphans = TableIO.read(dir.resolve("clean/orphans.parquet"));
        String orphan = cleanOrphans.stringColumn("designation").get(0);
        Table wise = TableIO.read(tiles.resolve("wise_hp06046.parquet"));
        Table row = wise.where(wise.stringColumn("designation").isEqualTo(orphan));
        assertEquals(1, row.rowCount(), "the orphan is a row of tile 6046");
        int rows = wise.rowCount();
        TableIO.write(wise.append(row), tiles.resolve("wise_hp06046.parquet"));

        Table summary = tm.run(tiles, dir.resolve("dup"));
        Table orphans = TableIO.read(dir.resolve("dup/orphans.parquet"));
        List<String> names = orphans.stringColumn("designation").asList();
        assertEquals(names.size(), new HashSet<>(names).size(), "each orphan once");
        assertEquals(cleanOrphans.rowCount(), orphans.rowCount());
        assertEquals(Map.of(DropReason.DUPLICATE, 1L), tm.wiseDropped());
        assertEquals(List.of(1L, 0L), summary.longColumn("n_dropped_wise").asList());
        assertEquals(List.of(1L, 0L), summary.longColumn(TiledMatch.wiseDropColumn(DropReason.DUPLICATE)).asList());
        assertEquals(List.of(rows + 1, TableIO.read(tiles.resolve("wise_hp06047.parquet")).rowCount()),
                summary.intColumn("n_wise").asList(), "n_wise counts the file's rows, the copy included");
        // the columns by reason add up to n_dropped_wise, and follow it
        List<String> cols = summary.columnNames();
        int at = cols.indexOf("n_dropped_wise");
        for (int k = 0; k < TiledMatch.WISE_DROP_REASONS.size(); k++) {
            assertEquals(TiledMatch.wiseDropColumn(TiledMatch.WISE_DROP_REASONS.get(k)), cols.get(at + 1 + k));
        }
    }

    /** Rows without a usable position are counted by reason, in their own columns. */
    @Test
    void dropsHaveAColumnByReason() throws Exception {
        Path tiles = copyTiles("tiles", 6046);
        Table wise = TableIO.read(tiles.resolve("wise_hp06046.parquet"));
        wise.doubleColumn("ra").set(0, Double.NaN);
        wise.doubleColumn("ra").set(1, Double.NaN);
        wise.doubleColumn("dec").set(2, 95.0);
        TableIO.write(wise, tiles.resolve("wise_hp06046.parquet"));
        Table summary = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, dir.resolve("out"));
        assertEquals(2L, summary.longColumn(TiledMatch.wiseDropColumn(DropReason.NONFINITE_POSITION)).get(0));
        assertEquals(1L, summary.longColumn(TiledMatch.wiseDropColumn(DropReason.POSITION_OUT_OF_RANGE)).get(0));
        assertEquals(3L, summary.longColumn("n_dropped_wise").get(0));
    }

    /**
     * A tile whose Gaia file cannot be read (zero bytes) failed with no n_wise, while a tile without a Gaia file gave
     * its rows: the pipeline's rows in then left out the one and counted the other. Both count their WISE rows now.
     */
    @Test
    void theWiseRowsOfATileNotMatchedAreCountedWhateverFailed() throws Exception {
        Path tiles = copyTiles("tiles", 6046, 6047);
        Files.write(tiles.resolve("gaia_hp06046.parquet"), new byte[0]);
        Table summary = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, dir.resolve("out"));
        assertEquals("ERROR", summary.stringColumn("status").get(0));
        assertEquals(TableIO.read(SAMPLES.resolve("wise_hp06046.parquet")).rowCount(), summary.intColumn("n_wise").get(0));
        // a WISE file that cannot be read has no rows to count: still missing
        Files.write(tiles.resolve("wise_hp06047.parquet"), new byte[0]);
        Table broken = TiledMatch.of(CrossMatcher.radius(3)).run(tiles, dir.resolve("out2"));
        assertTrue(broken.intColumn("n_wise").isMissing(1), broken.print());
    }
}
