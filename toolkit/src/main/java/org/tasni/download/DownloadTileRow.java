package org.tasni.download;

import java.util.List;
import java.util.Map;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.RecordTables;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * One row of the download summary ({@link #report} sums the rows into the run's {@link Downloader.Report});
 * {@code rows} and {@code marginRows} are null (missing) for a tile not written in this run.
 * The drop counts are one column per reason a tile can leave a fetched row out, named by {@link DropReason#key()}.
 */
record DownloadTileRow(long tile, TileStatus status, Integer rows, Integer marginRows, long bytes, int requests,
        int retries, int queries, int splits, double seconds, long nDroppedNonfinitePosition,
        long nDroppedPositionOutOfRange, long nDroppedMissingId, long nDroppedDuplicate, String message) {

    DownloadTileRow(long tile, TileStatus status, Integer rows, Integer marginRows, long bytes, int requests, int retries,
            int queries, int splits, double seconds, Map<DropReason, Long> dropped, String message) {
        this(tile, status, rows, marginRows, bytes, requests, retries, queries, splits, seconds,
                dropped.getOrDefault(DropReason.NONFINITE_POSITION, 0L),
                dropped.getOrDefault(DropReason.POSITION_OUT_OF_RANGE, 0L), dropped.getOrDefault(DropReason.MISSING_ID, 0L),
                dropped.getOrDefault(DropReason.DUPLICATE, 0L), message);
    }

    static Table table(List<DownloadTileRow> rows) {
        return RecordTables.toTable("download", DownloadTileRow.class, rows);
    }

    /** The totals of a run's rows, {@code seconds} its wall time. */
    static Downloader.Report report(List<DownloadTileRow> rows, double seconds) {
        DropCounts d = new DropCounts();
        long own = 0, margin = 0, bytes = 0, requests = 0, retries = 0;
        int[] by = new int[TileStatus.values().length];
        for (DownloadTileRow r : rows) {
            by[r.status().ordinal()]++;
            own += r.rows() == null ? 0 : r.rows();
            margin += r.marginRows() == null ? 0 : r.marginRows();
            bytes += r.bytes();
            requests += r.requests();
            retries += r.retries();
            d.add(DropReason.NONFINITE_POSITION, r.nDroppedNonfinitePosition());
            d.add(DropReason.POSITION_OUT_OF_RANGE, r.nDroppedPositionOutOfRange());
            d.add(DropReason.MISSING_ID, r.nDroppedMissingId());
            d.add(DropReason.DUPLICATE, r.nDroppedDuplicate());
        }
        return new Downloader.Report(rows.size(), by[TileStatus.OK.ordinal()], by[TileStatus.DONE_BEFORE.ordinal()],
                by[TileStatus.FAILED.ordinal()], own, margin, bytes, requests, retries, d.snapshot(), seconds);
    }
}
