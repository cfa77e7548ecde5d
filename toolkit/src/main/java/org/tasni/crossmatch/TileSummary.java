package org.tasni.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tasni.TasniException;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.RecordTables;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The per-tile rows of a {@link TiledMatch} run, the totals of its {@link TiledMatch.Report}, and the merge of the
 * finished tiles' outputs into {@code orphans.parquet}.
 */
final class TileSummary {

    /**
     * One row of the summary. The counts are null (missing) where unknown: a tile not matched has no orphans count,
     * and a failed tile no counts at all.
     */
    record TileRow(long tile, TileStatus status, Integer nWise, Integer nGaia, Integer nMargin, Integer nOrphans,
            Integer missingNeighbours, long nDroppedWise, long nDroppedGaia, boolean recomputed, double seconds,
            String message, Map<DropReason, Long> wiseDropped) {}

    final List<TileRow> rows = new ArrayList<>();
    final DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();

    /** counts: n_wise, n_gaia, n_margin, n_orphans, missing_neighbours (−1 for unknown). */
    void add(long t, TileStatus s, int[] c, boolean recomp, double sec, String msg, Map<DropReason, Long> wiseD,
            Map<DropReason, Long> gaiaD) {
        wiseD.forEach(wiseDrops::add);
        gaiaD.forEach(gaiaDrops::add);
        rows.add(new TileRow(t, s, known(c[0]), known(c[1]), known(c[2]), known(c[3]), known(c[4]), sum(wiseD),
                sum(gaiaD), recomp, sec, msg, Map.copyOf(wiseD)));
    }

    private static Integer known(int v) {
        return v < 0 ? null : v;
    }

    private static long sum(Map<DropReason, Long> d) {
        return d.values().stream().mapToLong(Long::longValue).sum();
    }

    Table toTable() {
        Table t = RecordTables.toTable("tiles", TileRow.class, rows);
        t.removeColumns("wise_dropped"); // a map: its counts go into a column per reason, after n_dropped_wise
        int at = t.columnIndex("n_dropped_wise") + 1;
        for (DropReason r : TiledMatch.WISE_DROP_REASONS) {
            long[] n = rows.stream().mapToLong(row -> row.wiseDropped().getOrDefault(r, 0L)).toArray();
            t.insertColumn(at++, LongColumn.create(TiledMatch.wiseDropColumn(r), n));
        }
        return t;
    }

    TiledMatch.Report report() {
        int[] by = new int[TileStatus.values().length];
        int recomputed = 0, flagged = 0;
        long orphans = 0;
        double seconds = 0;
        for (TileRow r : rows) {
            by[r.status().ordinal()]++;
            recomputed += r.recomputed() ? 1 : 0;
            flagged += r.missingNeighbours() != null && r.missingNeighbours() > 0 ? 1 : 0;
            orphans += r.nOrphans() == null ? 0 : r.nOrphans();
            seconds += r.seconds();
        }
        return new TiledMatch.Report(rows.size(), by[TileStatus.OK.ordinal()], by[TileStatus.DONE_BEFORE.ordinal()],
                by[TileStatus.NO_GAIA.ordinal()], by[TileStatus.EMPTY_GAIA.ordinal()], by[TileStatus.ERROR.ordinal()],
                recomputed, orphans, flagged, wiseDrops.snapshot(), gaiaDrops.snapshot(), seconds);
    }

    /**
     * Streams the per-tile outputs of the OK and resumed tiles into one file. With none, an {@code orphans.parquet} of
     * an earlier run is removed: left in place, it would read as this run's result.
     */
    void merge(Path outDir) {
        List<Path> parts = new ArrayList<>();
        for (TileRow row : rows) {
            if (row.status().isDone()) {
                parts.add(TileLayout.orphansTile(outDir, row.tile()));
            }
        }
        if (parts.isEmpty()) {
            Path stale = TileLayout.DataFile.ORPHANS.in(outDir);
            try {
                Files.deleteIfExists(stale);
            } catch (IOException e) {
                throw new TasniException(stale + ": no tile was matched, and this file of an earlier run could not be "
                        + "removed (" + e.getMessage() + "); delete it: it is not this run's result.", e);
            }
            return;
        }
        ParquetIO.Writer[] w = {null};
        try {
            for (Path p : parts) {
                ParquetIO.forEachRowGroup(p, List.of(), part -> {
                    if (w[0] == null) {
                        w[0] = ParquetIO.writer(part, TileLayout.DataFile.ORPHANS.in(outDir), ParquetIO.DEFAULT_ROW_GROUP_BYTES);
                    }
                    w[0].write(part);
                });
            }
            w[0].commit();
        } finally {
            if (w[0] != null) {
                w[0].close();
            }
        }
    }
}
