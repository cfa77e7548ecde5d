package org.tasni.variability;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tasni.io.TableSlices;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * What {@link SourceGrouping#of}'s parallel first pass finds in one range of rows: the dropped rows counted by reason,
 * the kept rows counted, and the runs of kept rows with the same dictionary key (where each begins, as an index among
 * the range's kept rows). The ranges' runs, taken in row order, number the sources by first appearance exactly as one
 * serial pass over every row does: a source's first row always begins a run.
 */
final class RowRuns {

    /** Per drop reason's ordinal, the range's dropped rows. */
    final long[] reasons;
    /** The range's kept rows. */
    int kept;
    /** Runs: key − minKey, and the index among the range's kept rows where the run begins. */
    int[] runKey = new int[16], runAt = new int[16];
    int runs;

    private RowRuns(int reasonCount) {
        reasons = new long[reasonCount];
    }

    /**
     * Rows [from, to): a blank id ({@code blank} 2 for its key) marks its row {@code missing} in {@code why}, then the
     * dropped rows are counted and the kept rows' runs recorded.
     */
    static RowRuns scan(int[] key, int minKey, byte[] blank, byte[] why, byte missing, int from, int to,
            int reasonCount) {
        RowRuns r = new RowRuns(reasonCount);
        int last = -1, kept = 0;
        for (int i = from; i < to; i++) {
            int k = key[i] - minKey;
            if (blank[k] == 2) {
                why[i] = missing;
            }
            if (why[i] != 0) {
                r.reasons[why[i] - 1]++;
                continue;
            }
            if (k != last) {
                r.add(k, kept);
                last = k;
            }
            kept++;
        }
        r.kept = kept;
        return r;
    }

    /** Rows of {@link #clean}'s scan between two looks at whether a row (of any range) broke the input's cleanness. */
    static final int CLEAN_CHUNK = 4096;

    /**
     * Rows [from, to) of input that needs no row dropped or moved, or null where one does: a run of each dictionary
     * key, where each run's mjd are within [{@code mjdMin}, {@code mjdMax}] (NaN never is) and strictly increasing,
     * and no id is empty ({@link TableSlices#EMPTY_KEY}). Runs as {@link #scan}'s, keys as they are (not less a
     * smallest key); every row is kept. One pass over the keys and the mjd, with no array of one entry per row written.
     * Input that is not clean goes the general way, which reads every row again: so the scan stops within
     * {@link #CLEAN_CHUNK} rows of the first row that breaks it, and sets {@code broken}, on which every range's scan
     * stops likewise. One NaN mjd at row 151 of 100,000 sources × 300 epochs: the statistics' warm call 0.555-0.576 s
     * against 0.580-0.614 s (best of 5 warm calls, 3 alternating pairs); clean input's call is unchanged.
     */
    static RowRuns clean(DictionaryMap dict, int offset, EpochColumn mjd, double mjdMin, double mjdMax, int from,
            int to, AtomicBoolean broken) {
        RowRuns r = new RowRuns(0);
        int last = 0;
        double previous = Double.NaN;
        for (int chunk = from; chunk < to; chunk += CLEAN_CHUNK) {
            if (broken.get()) {
                return null;
            }
            int end = Math.min(to, chunk + CLEAN_CHUNK);
            boolean clean = true;
            for (int i = chunk; i < end; i++) {
                int k = dict.getKeyAtIndex(offset + i);
                double v = mjd.get(i);
                boolean run = i > from && k == last; // the row goes on its key's run
                // as a flag and-ed in, not a branch out of the loop: the usual input is clean to its last row
                clean &= v >= mjdMin & v <= mjdMax & k != TableSlices.EMPTY_KEY & (!run | v > previous);
                if (!run) {
                    r.add(k, i - from);
                }
                last = k;
                previous = v;
            }
            if (!clean) {
                broken.set(true);
                return null;
            }
        }
        r.kept = to - from;
        return r;
    }

    private void add(int k, int at) {
        if (runs == runKey.length) {
            runKey = Arrays.copyOf(runKey, 2 * runs);
            runAt = Arrays.copyOf(runAt, 2 * runs);
        }
        runKey[runs] = k;
        runAt[runs] = at;
        runs++;
    }
}
