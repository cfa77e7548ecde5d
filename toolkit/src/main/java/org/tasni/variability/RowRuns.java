package org.tasni.variability;

import java.util.Arrays;
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

    /**
     * Rows [from, to) of input that needs no row dropped or moved, or null where one does: a run of each dictionary
     * key, where each run's mjd are within [{@code mjdMin}, {@code mjdMax}] (NaN never is) and strictly increasing,
     * and no id is empty ({@link TableSlices#EMPTY_KEY}). Runs as {@link #scan}'s, keys as they are (not less a
     * smallest key); every row is kept. One pass over the keys and the mjd, with no array of one entry per row written.
     */
    static RowRuns clean(DictionaryMap dict, int offset, EpochColumn mjd, double mjdMin, double mjdMax, int from,
            int to) {
        RowRuns r = new RowRuns(0);
        int last = 0;
        double previous = Double.NaN;
        boolean clean = true;
        for (int i = from; i < to; i++) {
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
        r.kept = to - from;
        return clean ? r : null;
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
