package org.tasni.io;

import java.util.Arrays;
import tech.tablesaw.api.Table;

/**
 * What happened to one HEALPix tile in a stage that works tile by tile (download, the tiled crossmatch, the pipeline):
 * the {@code status} column of their summary tables and {@code tiles_summary.csv}.
 *
 * <p>One enum for every stage, so that a notebook or the CLI selects failed tiles the same way everywhere:
 * {@code TileStatus.select(summary, TileStatus.FAILED)}, or {@link #isDone()} / {@link #isProblem()} on a value. It lives in {@code io} because every stage may import
 * {@code io} and none may import another stage.
 */
public enum TileStatus {
    /** Done in this run: downloaded, or matched and written. */
    OK,
    /** Its output (and, where the stage keeps one, a record of the same configuration and inputs) existed: reused. */
    DONE_BEFORE,
    /**
     * Fetching the tile failed (a service error, a timeout, its deadline); the summary's message says why; the next run
     * fetches it again.
     */
    FAILED,
    /**
     * Working on the tile failed on its input (a file that is not the tile it is named for, an unreadable file); the
     * message names the file; the next run tries again, once the input is fixed.
     */
    ERROR,
    /** Crossmatch: a WISE file but no Gaia file, so not matched (never treated as all orphans). */
    NO_GAIA,
    /** Crossmatch: a zero-row Gaia file (a broken download), so not matched, reported like a missing one. */
    EMPTY_GAIA;

    /** True for a tile whose output exists after the run: {@link #OK} and {@link #DONE_BEFORE}. */
    public boolean isDone() {
        return this == OK || this == DONE_BEFORE;
    }

    /** True for a tile that has no output after the run and must be fixed or fetched again (not {@link #isDone()}). */
    public boolean isProblem() {
        return !isDone();
    }

    /** The column of a summary table that holds the status. */
    public static final String COLUMN = "status";

    /** The rows of a tile summary (its {@value #COLUMN} column) with any of {@code statuses}, in their order. */
    public static Table select(Table summary, TileStatus... statuses) {
        return summary.where(summary.stringColumn(COLUMN).isIn(Arrays.stream(statuses).map(Enum::name).toList()));
    }

    /** How many rows of a tile summary have any of {@code statuses}. */
    public static int count(Table summary, TileStatus... statuses) {
        return summary.stringColumn(COLUMN).isIn(Arrays.stream(statuses).map(Enum::name).toList()).size();
    }
}
