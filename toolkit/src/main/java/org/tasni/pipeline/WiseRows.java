package org.tasni.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tasni.crossmatch.TiledMatch;
import org.tasni.io.DropReason;
import org.tasni.io.TileStatus;
import tech.tablesaw.api.Table;

/**
 * Where the AllWISE rows of a crossmatch went, from its tile summary ({@code OUT/crossmatch/tiles_summary.csv}): the
 * one account of them that the crossmatch's summary line, its notes in {@code pipeline_timing.json}, {@code funnel.json}
 * and the report share, so that they all start from the same number and add up:
 * {@code all = orphans + matched + dropped (by reason) + rows of the tiles not matched (by status)}.
 *
 * @param all        the rows of every WISE tile, matched or not (a tile whose WISE file cannot be read counts none: its
 *                   rows are unknown)
 * @param notMatched per status of the tiles left unmatched (NO_GAIA, EMPTY_GAIA, ERROR), their tiles and rows
 * @param dropped    rows of the matched tiles not used, by reason (the Spark engine's summary has none)
 * @param orphans    the orphans of the matched tiles
 */
record WiseRows(long all, Map<TileStatus, TileRows> notMatched, Map<DropReason, Long> dropped, long orphans) {

    /** The tiles of one status and their WISE rows. */
    record TileRows(int tiles, long rows) {}

    WiseRows {
        // in the enums' order, as the funnel and the notes list them (Map.copyOf's order is not defined)
        EnumMap<TileStatus, TileRows> byStatus = new EnumMap<>(TileStatus.class);
        byStatus.putAll(notMatched);
        EnumMap<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        byReason.putAll(dropped);
        notMatched = Collections.unmodifiableMap(byStatus);
        dropped = Collections.unmodifiableMap(byReason);
    }

    /** The account of a tile summary (the tiled match's, or the one the pipeline writes for the Spark engine). */
    static WiseRows of(Table summary) {
        long all = SummaryColumns.sum(summary, "n_wise");
        long orphans = summary.containsColumn("n_orphans") ? SummaryColumns.sum(summary, "n_orphans") : 0;
        Map<TileStatus, TileRows> notMatched = new EnumMap<>(TileStatus.class);
        for (TileStatus s : TileStatus.values()) {
            if (!s.isDone()) {
                Table t = TileStatus.select(summary, s);
                if (t.rowCount() > 0) {
                    notMatched.put(s, new TileRows(t.rowCount(), SummaryColumns.sum(t, "n_wise")));
                }
            }
        }
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason r : TiledMatch.WISE_DROP_REASONS) {
            String column = TiledMatch.wiseDropColumn(r);
            long n = summary.containsColumn(column) ? SummaryColumns.sum(summary, column) : 0;
            if (n > 0) {
                dropped.put(r, n);
            }
        }
        return new WiseRows(all, notMatched, dropped, orphans);
    }

    /** The rows of the tiles not matched, whatever their status. */
    long notMatchedRows() {
        return notMatched.values().stream().mapToLong(TileRows::rows).sum();
    }

    /** The rows dropped, whatever the reason. */
    long droppedRows() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows of the matched tiles with a Gaia source within the radius: what is left of {@link #all}. */
    long matched() {
        return all - notMatchedRows() - droppedRows() - orphans;
    }

    /** "24,424 WISE rows = 11,108 orphans + 13,313 matched + 3 dropped + 0 in tiles not matched". */
    String balance() {
        return String.format(Locale.ROOT, "%,d WISE rows = %,d orphans + %,d matched + %,d dropped + %,d in tiles not "
                + "matched", all, orphans, matched(), droppedRows(), notMatchedRows());
    }

    /** "3 WISE row(s): 3 non-finite ra/dec (n_dropped_nonfinite_position)", the rows dropped by reason, or "". */
    String droppedText() {
        if (dropped.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        dropped.forEach((r, n) -> parts.add(String.format(Locale.ROOT, "%,d %s (%s)", n, r.label(), r.key())));
        return String.format(Locale.ROOT, "%,d WISE row(s): %s", droppedRows(), String.join(", ", parts));
    }

    /**
     * The funnel's steps from the AllWISE rows to the rows the matcher used: the tiles not matched, by status, then
     * the drops, by reason, each a step of its own whose rows are what remains after it (only those that remove
     * something, or name a tile).
     */
    List<FunnelStep> steps() {
        List<FunnelStep> steps = new ArrayList<>();
        long left = all;
        steps.add(new FunnelStep("AllWISE sources", left));
        for (var e : notMatched.entrySet()) {
            left -= e.getValue().rows();
            steps.add(new FunnelStep(String.format(Locale.ROOT, "less the %d tile(s) %s (not matched)",
                    e.getValue().tiles(), e.getKey()), left));
        }
        for (var e : dropped.entrySet()) {
            left -= e.getValue();
            steps.add(new FunnelStep("less the rows dropped: " + e.getKey().label() + " (" + e.getKey().key() + ")",
                    left));
        }
        return steps;
    }
}
