package org.tasni.variability;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import org.tasni.io.DropReason;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * Epochs grouped by source: {@code order[start[k] .. start[k+1])} are the kept rows of source k, in file order, sources
 * numbered in order of first appearance. Grouping reads dictionary keys, never the strings: already-grouped input (each
 * source's rows together, the usual case) costs one sequential pass, other input a stable counting sort as well.
 * O(rows) either way. Each step is a method of its own, so that the JIT compiles small units early.
 *
 * @param order      kept rows, source by source; null where kept row r is row r ({@link #ifClean})
 * @param start      source k's rows begin at start[k]; start has sources + 1 entries
 * @param wasGrouped whether each source's rows were together in the input
 * @param names      source k's id; looked up once per source, as the id is checked for blanks, so that no one looks
 *                   it up again in the column's dictionary (a hash lookup per source, in a pass no thread shares)
 */
record SourceGrouping(int[] order, int[] start, boolean wasGrouped, String[] names) {

    int sources() {
        return start.length - 1;
    }

    /**
     * Groups the rows that have no drop reason yet. A row whose id is empty or blank gets {@link DropReason#MISSING_ID}
     * (before any mjd reason it had); every dropped row is counted into {@code reasons} by its reason's ordinal.
     *
     * @param key     per row, the id's dictionary key; keys lie in [minKey, minKey + range). Overwritten: it becomes
     *                the kept rows, so that a call allocates no second array of one int per row
     * @param why     per row, 0 or the ordinal + 1 of the reason it is dropped (updated for missing ids)
     * @param id      the id column, looked at once per distinct key for blanks
     * @param offset  the id column's row of row 0 here (a range of a table's rows is grouped: {@link RowRange})
     * @param loop    the threads that read the rows' keys in ranges (the result does not depend on their number)
     */
    static SourceGrouping of(int[] key, int minKey, int range, byte[] why, StringColumn id, int offset, long[] reasons,
            SourceLoop loop) {
        int rows = key.length;
        byte[] blank = new byte[range]; // per dictionary key: 0 not looked at, 1 an id, 2 empty or blank
        int[] number = new int[range];
        Arrays.fill(number, -1);
        // kept[n] is written after key[n] was read and never reads it again; the ungrouped case's sort reads the keys
        // from the column's dictionary instead
        int[] kept = key, firstAt = new int[range + 1];
        // per dictionary key, the id: read in bulk from the dictionary's own entries where it has them, else (a
        // deferred dictionary) from the first row of each key
        String[] name = namesByKey(id.getDictionary(), minKey, range);
        if (name == null) {
            name = namesByFirstRow(key, minKey, range, id, offset);
        }
        // blank checked per key before the row loop (a key no row has costs a check, nothing else), which keeps the
        // loop over every row free of string reads
        for (int k = 0; k < range; k++) {
            if (name[k] != null) {
                blank[k] = (byte) (name[k].isBlank() ? 2 : 1);
            }
        }
        String[] names = new String[range]; // per source number
        Pass p = new Pass(key, minKey, blank, why, number, firstAt, name, names, reasons);
        p.run(loop);
        int sources = p.sources, runs = p.runs, n = p.n;
        int[] order = n == rows ? kept : Arrays.copyOf(kept, n);
        String[] sourceNames = Arrays.copyOf(names, sources);
        if (runs == sources) { // grouped: the kept rows in file order are already source by source
            int[] start = Arrays.copyOf(firstAt, sources + 1);
            start[sources] = n;
            return new SourceGrouping(order, start, true, sourceNames);
        }
        return sorted(order, id.getDictionary(), offset, minKey, number, sources, sourceNames);
    }

    /**
     * The grouping of input that needs none of {@link #of}'s and {@link #withoutDuplicates}'s work, found in one pass
     * over row ranges in parallel: each source's rows together, no id empty or blank, and each source's mjd within
     * [{@code mjdMin}, {@code mjdMax}] and strictly increasing (no exposure dropped, repeated or out of time order).
     * The rows are then kept as they are, in file order, the sources numbered by first appearance as of() numbers
     * them, with no order array: kept row r is row r ({@link Epochs#row}). Null where a row breaks this; the caller
     * then groups the general way. The usual file is such input (the 100 sources of real NEOWISE epochs in
     * ../shared/data, the data-samples' 400): of() and the duplicate check read and wrote three arrays of one entry
     * per row (the keys, the reasons, the kept rows) in four passes. Alternating runs, 100,000 sources × 300 epochs on
     * 2 threads: the epochs built in 0.068-0.091 s against 0.10-0.16 s, the statistics' warm call 0.49-0.52 s against
     * 0.54-0.56 s (best of 5 warm calls), its first 1.04-1.25 s against 1.33-1.44 s.
     *
     * @param id     the id column (dictionary-keyed)
     * @param offset the id column's row of row 0 here
     */
    static SourceGrouping ifClean(StringColumn id, int offset, EpochColumn mjd, double mjdMin, double mjdMax,
            SourceLoop loop) {
        int rows = mjd.size();
        if (rows == 0) {
            return null;
        }
        DictionaryMap dict = id.getDictionary();
        RowRuns[] ranges = new RowRuns[SourceLoop.ranges(rows)];
        AtomicBoolean broken = new AtomicBoolean();
        loop.forRanges(rows, (r, from, to) -> ranges[r] = RowRuns.clean(dict, offset, mjd, mjdMin, mjdMax, from, to,
                broken));
        int runs = 0;
        for (RowRuns rr : ranges) {
            if (rr == null) {
                return null;
            }
            runs += rr.runs;
        }
        // the ranges' runs in row order; a run that goes on across a range's boundary is one source, if its mjd do
        int[] key = new int[runs], start = new int[runs + 1];
        int sources = 0, minKey = Integer.MAX_VALUE, maxKey = Integer.MIN_VALUE;
        for (int r = 0; r < ranges.length; r++) {
            RowRuns rr = ranges[r];
            int first = r * SourceLoop.RANGE;
            for (int j = 0; j < rr.runs; j++) {
                int k = rr.runKey[j], at = first + rr.runAt[j];
                if (j == 0 && sources > 0 && key[sources - 1] == k) {
                    if (!(mjd.get(at) > mjd.get(at - 1))) {
                        return null;
                    }
                    continue;
                }
                key[sources] = k;
                start[sources++] = at;
                minKey = Math.min(minKey, k);
                maxKey = Math.max(maxKey, k);
            }
        }
        start[sources] = rows;
        // grouped: no key has two runs
        boolean[] seen = new boolean[maxKey - minKey + 1];
        for (int s = 0; s < sources; s++) {
            if (seen[key[s] - minKey]) {
                return null;
            }
            seen[key[s] - minKey] = true;
        }
        String[] byKey = namesByKey(dict, minKey, maxKey - minKey + 1), names = new String[sources];
        for (int s = 0; s < sources; s++) {
            names[s] = byKey != null ? byKey[key[s] - minKey] : id.get(offset + start[s]);
            if (names[s] == null || names[s].isBlank()) {
                return null;
            }
        }
        return new SourceGrouping(null, Arrays.copyOf(start, sources + 1), true, names); // kept row r is row r
    }

    /** The pass over every row that {@link #of} makes: the kept rows, the sources numbered, the runs counted. */
    private static final class Pass {
        final int[] key, number, firstAt;
        final int minKey;
        final byte[] blank, why;
        final String[] name, names;
        final long[] reasons;
        final byte missing = (byte) (DropReason.MISSING_ID.ordinal() + 1);
        int sources, runs, n;

        Pass(int[] key, int minKey, byte[] blank, byte[] why, int[] number, int[] firstAt, String[] name,
                String[] names, long[] reasons) {
            this.key = key;
            this.minKey = minKey;
            this.blank = blank;
            this.why = why;
            this.number = number;
            this.firstAt = firstAt;
            this.name = name;
            this.names = names;
            this.reasons = reasons;
        }

        /**
         * The pass over ranges of rows in parallel, then the ranges' runs in row order (serially, one step per run,
         * not per row), then the kept rows written in parallel.
         */
        void run(SourceLoop loop) {
            int rows = key.length;
            RowRuns[] ranges = new RowRuns[SourceLoop.ranges(rows)];
            int reasonCount = reasons.length;
            loop.forRanges(rows, (r, from, to) -> ranges[r] = RowRuns.scan(key, minKey, blank, why, missing, from, to,
                    reasonCount));
            int[] offset = new int[ranges.length];
            int last = -1;
            for (int r = 0; r < ranges.length; r++) {
                RowRuns rr = ranges[r];
                for (int d = 0; d < reasonCount; d++) {
                    reasons[d] += rr.reasons[d];
                }
                for (int j = 0; j < rr.runs; j++) {
                    int k = rr.runKey[j];
                    if (k == last) {
                        continue; // the run goes on across the ranges' boundary
                    }
                    runs++;
                    last = k;
                    if (number[k] < 0) {
                        int c = number[k] = sources++;
                        firstAt[c] = n + rr.runAt[j];
                        names[c] = name[k];
                    }
                }
                offset[r] = n;
                n += rr.kept;
            }
            // every key has been read: the kept rows may now overwrite them, each range its own slots
            loop.forRanges(rows, (r, from, to) -> {
                int m = offset[r];
                for (int i = from; i < to; i++) {
                    if (why[i] == 0) {
                        key[m++] = i;
                    }
                }
            });
        }
    }

    /**
     * Per dictionary key in [minKey, minKey + range), its string, read from Tablesaw's dictionary entries in one pass
     * (no hash lookup per source: {@code StringColumn.get} cost about 2 µs a source, in a pass no thread shares);
     * null where the dictionary is of another kind (then {@link #namesByFirstRow}).
     */
    static String[] namesByKey(DictionaryMap dict, int minKey, int range) {
        String[] name = new String[range];
        if (dict instanceof IntDictionaryMap m) {
            for (var entry : m.getKeyValueEntries()) {
                put(name, entry.getIntKey() - minKey, entry.getValue());
            }
        } else if (dict instanceof ShortDictionaryMap m) {
            for (var entry : m.getKeyValueEntries()) {
                put(name, entry.getShortKey() - minKey, entry.getValue());
            }
        } else if (dict instanceof ByteDictionaryMap m) {
            for (var entry : m.getKeyValueEntries()) {
                put(name, entry.getByteKey() - minKey, entry.getValue());
            }
        } else {
            return null;
        }
        return name;
    }

    /**
     * Per dictionary key in [minKey, minKey + range), the id of its first row (null for a key no row has); row i is the
     * column's row offset + i.
     */
    private static String[] namesByFirstRow(int[] key, int minKey, int range, StringColumn id, int offset) {
        String[] name = new String[range];
        for (int i = 0; i < key.length; i++) {
            int k = key[i] - minKey;
            if (name[k] == null) {
                name[k] = id.get(offset + i);
            }
        }
        return name;
    }

    /** name[k] = value, for a key of the rows' range (a dictionary may hold keys no row has). */
    private static void put(String[] name, int k, String value) {
        if (k >= 0 && k < name.length) {
            name[k] = value;
        }
    }

    /** A stable counting sort of the kept rows by source number, so that each source keeps its rows in file order. */
    private static SourceGrouping sorted(int[] kept, DictionaryMap dict, int offset, int minKey, int[] number, int sources,
            String[] names) {
        int[] source = new int[kept.length]; // each kept row's source number, read once from the dictionary
        int[] start = new int[sources + 1];
        for (int r = 0; r < kept.length; r++) {
            source[r] = number[dict.getKeyAtIndex(offset + kept[r]) - minKey];
            start[source[r] + 1]++;
        }
        for (int k = 0; k < sources; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[kept.length];
        int[] fill = Arrays.copyOf(start, sources);
        for (int r = 0; r < kept.length; r++) {
            order[fill[source[r]]++] = kept[r];
        }
        return new SourceGrouping(order, start, false, names);
    }

    /** Sources per block of the duplicate check. */
    private static final int DUPLICATE_BLOCK = 256;

    /**
     * The same grouping without repeated exposures (rows of a source at the same mjd), checked over the sources in
     * parallel; {@code duplicates[0]} gets their number. Of the copies at one mjd the row kept is the one of highest
     * {@code rank} (the first in file order among equals): the caller ranks a copy that passes the quality cuts and
     * has more usable bands higher, so that a bad first copy (a cut frame, a NaN magnitude) does not push out a clean
     * second one, and the kept exposure does not depend on the copies' order in the file. Found by an adversarial
     * tester: with the first copy kept, a source whose repeated exposure was first cut and then clean lost that
     * exposure (one duplicate, one cut: 19 of 20 usable epochs used).
     *
     * @param rank per row (as in {@link #order}), how good a copy it is to keep; called only for rows of repeated
     *             exposures, so the usual source (mjd increasing) never calls it
     */
    SourceGrouping withoutDuplicates(EpochColumn mjd, IntUnaryOperator rank, SourceLoop loop, int[] duplicates) {
        int sources = sources();
        int[] perBlock = new int[(sources + DUPLICATE_BLOCK - 1) / DUPLICATE_BLOCK];
        // counted first, without marks: the usual input has no duplicate, and then needs no array of one flag per row
        loop.forRanges(sources, DUPLICATE_BLOCK, (b, from, to) -> perBlock[b] = markDuplicates(mjd, null, null, from, to));
        int n = 0;
        for (int c : perBlock) {
            n += c;
        }
        duplicates[0] = n;
        if (n == 0) {
            return this;
        }
        boolean[] drop = new boolean[mjd.size()];
        // each block writes only its own sources' rows of drop
        loop.forRanges(sources, DUPLICATE_BLOCK, (b, from, to) -> markDuplicates(mjd, rank, drop, from, to));
        int[] rest = new int[order.length - n];
        int[] st = new int[sources + 1];
        int m = 0;
        for (int k = 0; k < sources; k++) {
            for (int r = start[k]; r < start[k + 1]; r++) {
                if (!drop[order[r]]) {
                    rest[m++] = order[r];
                }
            }
            st[k + 1] = m;
        }
        return new SourceGrouping(rest, st, wasGrouped, names);
    }

    /**
     * Marks in {@code drop} (unless null: then only counts, and rank is not needed) the repeated exposures of sources
     * [first, end), all copies at an mjd but the best ranked; returns their number.
     */
    private int markDuplicates(EpochColumn mjd, IntUnaryOperator rank, boolean[] drop, int first, int end) {
        int n = 0;
        int[] scratch = new int[0];
        for (int k = first; k < end; k++) {
            int from = start[k], to = start[k + 1];
            boolean increasing = true;
            for (int r = from + 1; r < to && increasing; r++) {
                increasing = mjd.get(order[r]) > mjd.get(order[r - 1]);
            }
            if (increasing) {
                continue; // the usual case: time-ordered, no two equal
            }
            int len = to - from;
            if (scratch.length < len) {
                scratch = new int[Math.max(len, 2 * scratch.length)];
            }
            System.arraycopy(order, from, scratch, 0, len);
            // by mjd, then file order, so that among equally good copies the first in the file is the one kept
            IntArrays.quickSort(scratch, 0, len, (a, b) -> a == b ? 0
                    : mjd.get(a) != mjd.get(b) ? Double.compare(mjd.get(a), mjd.get(b)) : Integer.compare(a, b));
            for (int a = 0, b; a < len; a = b) {
                double t = mjd.get(scratch[a]);
                b = a + 1;
                while (b < len && mjd.get(scratch[b]) == t) {
                    b++;
                }
                if (b - a == 1) {
                    continue;
                }
                n += b - a - 1;
                if (drop == null) {
                    continue;
                }
                // the best copy: the first of the highest rank (strictly higher replaces, so ties keep file order)
                int best = a, bestRank = rank.applyAsInt(scratch[a]);
                for (int r = a + 1; r < b; r++) {
                    int q = rank.applyAsInt(scratch[r]);
                    if (q > bestRank) {
                        best = r;
                        bestRank = q;
                    }
                }
                for (int r = a; r < b; r++) {
                    if (r != best) {
                        drop[scratch[r]] = true;
                    }
                }
            }
        }
        return n;
    }
}
