package org.tasni.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import org.tasni.sky.TileMargin;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The download of one tile for the {@link Downloader}, run on a pool thread: fetch the cone ({@link RegionFetch}),
 * refuse an empty one, drop rows with unusable positions, without an id or with an id already seen, and write the
 * tile's own rows and its margin rows, the tile file last, since its presence marks the tile finished. A failure becomes a FAILED summary row and a journal
 * line, never an exception.
 */
final class TileDownload {

    /**
     * What decides a tile's files and queries: the catalogue, the tile directory, the margin, the rows per query
     * before a region is split, async or sync queries, and the deadline of one tile.
     */
    record Plan(Catalog catalog, Path dir, double marginArcsec, long maxrec, boolean async, double deadlineSeconds) {}

    private final TapClient client;
    private final Plan plan;

    TileDownload(TapClient client, Plan plan) {
        this.client = client;
        this.plan = plan;
    }

    /** Downloads {@code tile}, or finds it finished; the summary row says which, or why it failed. */
    DownloadTileRow run(long tile, Journal journal) {
        long t0 = System.nanoTime();
        if (Files.exists(tileFile(tile)) && Files.exists(marginFile(tile))) {
            return new DownloadTileRow(tile, TileStatus.DONE_BEFORE, null, null, 0, 0, 0, 0, 0, 0, Map.of(), "files exist");
        }
        TapClient.Task task = new TapClient.Task("tile " + tile, plan.deadlineSeconds());
        RegionFetch fetch = new RegionFetch(journal, client.task(task), plan);
        try {
            Table all = fetch.region(5, tile);
            if (all.rowCount() == 0) {
                // AllWISE and Gaia cover the whole sky: a 1.9° cone without a single source is a broken or partial
                // table (or a service answering an empty result for an error), never a finished tile. Not kept, not
                // journaled as done, its saved part removed: the next run asks again.
                Files.deleteIfExists(partFile(tile));
                throw new TasniException(Downloader.EMPTY_MESSAGE); // the summary row and the journal name the tile
            }
            DropCounts dropped = new DropCounts();
            boolean[] usable = usablePositions(all, dropped);
            dropUnusableIds(all, plan.catalog().idColumn(), usable, dropped);
            Table own = select(all, usable, tile, true), margin = select(all, usable, tile, false);
            TableIO.write(margin, marginFile(tile));
            TableIO.write(own, tileFile(tile)); // last: its presence marks the tile finished
            journal.done(RegionFetch.key(plan.catalog(), 5, tile), own.rowCount(), margin.rowCount());
            return new DownloadTileRow(tile, TileStatus.OK, own.rowCount(), margin.rowCount(), fetch.bytes, task.requests.get(), task.retries.get(),
                    fetch.queries, fetch.splits, (System.nanoTime() - t0) / 1e9, dropped.snapshot(), fetch.message(dropped));
        } catch (IOException e) {
            throw new TasniException(partFile(tile) + ": cannot remove the empty part (" + e.getMessage() + ").", e);
        } catch (TasniException e) {
            journal.failed(RegionFetch.key(plan.catalog(), 5, tile), e.getMessage());
            // the requests of a failed tile are counted too: they are what the server saw
            return new DownloadTileRow(tile, TileStatus.FAILED, null, null, fetch.bytes, task.requests.get(), task.retries.get(), fetch.queries, fetch.splits,
                    (System.nanoTime() - t0) / 1e9, Map.of(), e.getMessage());
        }
    }

    /**
     * Which rows have a position the tiles can use; the others are counted by reason (a service may send a row with
     * a NULL or absurd position, and {@code ang2pix} of it would put it in some arbitrary tile).
     */
    private static boolean[] usablePositions(Table all, DropCounts dropped) {
        double[] ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        boolean[] ok = new boolean[ra.length];
        for (int i = 0; i < ra.length; i++) {
            DropReason why = DropReason.ofPosition(ra[i], dec[i]);
            if (why != null) {
                dropped.add(why);
            } else {
                ok[i] = true;
            }
        }
        return ok;
    }

    /**
     * Leaves out, and counts, the usable rows without an id ({@code MISSING_ID}) and those whose id an earlier usable
     * row has ({@code DUPLICATE}; the first is kept): a service may send a row twice or with a NULL key, and the tile
     * files must hold each source once, under its id. The id column is exact longs ({@link RegionFetch#exactIds}).
     */
    private static void dropUnusableIds(Table all, String idColumn, boolean[] usable, DropCounts dropped) {
        LongColumn id = (LongColumn) Columns.require(all, idColumn);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < usable.length; i++) {
            if (!usable[i]) {
                continue;
            }
            DropReason why = id.isMissing(i) ? DropReason.MISSING_ID : seen.add(id.getLong(i)) ? null : DropReason.DUPLICATE;
            if (why != null) {
                dropped.add(why);
                usable[i] = false;
            }
        }
    }

    private Path tileFile(long tile) {
        return TileLayout.tileFile(plan.dir(), plan.catalog().filePrefix(), tile);
    }

    private Path marginFile(long tile) {
        return TileLayout.marginFile(plan.dir(), plan.catalog().filePrefix(), tile);
    }

    private Path partFile(long tile) {
        return TileLayout.partFile(plan.dir(), plan.catalog().filePrefix(), 5, tile);
    }

    /** The tile's own rows (ang2pix is the tile) or its margin rows, sorted by the catalogue's key. */
    private Table select(Table all, boolean[] usable, long tile, boolean own) {
        double[] ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        TileMargin margin = new TileMargin(tile, plan.marginArcsec());
        BitmapBackedSelection sel = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (!usable[i]) {
                continue;
            }
            boolean in = Downloader.TILES.ang2pix(ra[i], dec[i]) == tile;
            if (own ? in : !in && margin.contains(ra[i], dec[i])) {
                sel.add(i);
            }
        }
        String name = TileLayout.tileFileName(plan.catalog().filePrefix(), tile);
        return sortedByKey(all.where(sel), plan.catalog().idColumn()).setName(name);
    }

    /**
     * The table ordered by an integer or string key, exactly. (Tablesaw's sortAscendingOn compares long columns as
     * doubles, which cannot tell apart Gaia source_ids ~3.4e18 that differ by less than 512.)
     */
    static Table sortedByKey(Table t, String key) {
        Column<?> c = Columns.require(t, key);
        int[] perm = IntStream.range(0, t.rowCount()).toArray();
        if (c instanceof LongColumn l) {
            long[] v = l.asLongArray();
            it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, (a, b) -> Long.compare(v[a], v[b]));
        } else {
            it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, (a, b) -> c.getString(a).compareTo(c.getString(b)));
        }
        Table out = Table.create(t.name());
        for (Column<?> col : t.columns()) {
            out.addColumns(col.subset(perm));
        }
        return out;
    }
}
