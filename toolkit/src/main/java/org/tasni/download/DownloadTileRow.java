package org.tasni.download;

import java.util.List;
import java.util.Map;
import org.tasni.io.DropReason;
import org.tasni.io.RecordTables;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * One row of the summary; {@code rows} and {@code marginRows} are null (missing) for a tile not written in this run.
 * The drop counts are one column per reason a tile can leave a fetched row out, named by {@link DropReason#key()}.
 */
record DownloadTileRow(long tile, TileStatus status, Integer rows, Integer marginRows, long bytes, int requests,
        int retries, int queries, int splits, double seconds, long nDroppedNonfinitePosition,
        long nDroppedPositionOutOfRange, String message) {

    DownloadTileRow(long tile, TileStatus status, Integer rows, Integer marginRows, long bytes, int requests, int retries,
            int queries, int splits, double seconds, Map<DropReason, Long> dropped, String message) {
        this(tile, status, rows, marginRows, bytes, requests, retries, queries, splits, seconds,
                dropped.getOrDefault(DropReason.NONFINITE_POSITION, 0L),
                dropped.getOrDefault(DropReason.POSITION_OUT_OF_RANGE, 0L), message);
    }

    static Table table(List<DownloadTileRow> rows) {
        return RecordTables.toTable("download", DownloadTileRow.class, rows);
    }
}
