package org.tasni.variability;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.TableSlices;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * Epochs as primitive arrays, grouped by source in one pass: {@code order[start[k] .. start[k+1])} are the rows of
 * source k, in time order. Sources are numbered in order of first appearance.
 *
 * <p>Grouping ({@link SourceGrouping}) reads the designation column's dictionary codes, never the strings, so
 * already-grouped input costs one scan and ungrouped input one counting sort: O(rows) either way, not the reference's
 * O(sources × rows) scan. The per-row passes that need no order (reading the columns, the keys, the mjd checks) run
 * once, over row ranges on the analyzer's threads.
 *
 * <p>Column aliases: IRSA's {@code w1mpro, w1sigmpro, w2mpro, w2sigmpro} or the reference's {@code w1mpro_ep, …}
 * (see {@link Band}).
 *
 * <p>Rows no preset can use are left out here and counted in {@link #dropped} (whole exposures): an empty id, a
 * non-finite mjd, an mjd outside [{@value DropReason#MJD_MIN}, {@value DropReason#MJD_MAX}], and a repeat of a
 * source's exposure at the same mjd (of the copies, the one kept is one that passes the quality cuts with the most
 * usable bands, the first in the file among equals: {@link #copyRank}). A bad magnitude or error only makes that band
 * of the exposure unusable ({@link #countUnusable}); an infinite one is read as NaN.
 */
final class Epochs {

    final String file;
    /** Input rows, dropped ones included. */
    final int rows;
    /** The exposures' times, read in place (see {@link EpochColumn}): a NaN or infinite one drops its row. */
    final EpochColumn mjd;
    /**
     * The bands' magnitudes and errors, read in place from the input (see {@link EpochColumn}): a magnitude finite but
     * outside [{@link DropReason#MAG_MIN}, {@link DropReason#MAG_MAX}] reads as NaN (unusable like a missing one) and is
     * counted as {@link DropReason#MAGNITUDE_OUT_OF_RANGE}; ±Infinity reads as NaN.
     */
    final EpochColumn w1, e1, w2, e2;
    /**
     * The kept rows of source k are {@code order[start[k] .. start[k+1])} ({@link #row}); dropped rows appear in no
     * source. Null where every row is kept in file order, source by source ({@link SourceGrouping#ifClean}): then
     * kept row r is row r, and no array of one int per row is allocated, written and read on every call.
     */
    private final int[] order;
    final int[] start;
    final String[] designation;
    /**
     * Per row, a bit per failed quality cut (see {@link QualityCuts}); 0 when the row passes. Null where no cut
     * applies: every row passes ({@link #passes}).
     */
    final byte[] cut;
    final boolean wasGrouped;
    /**
     * Exposures left out whole, by reason: missing id, non-finite or out-of-span mjd, a second exposure of a source at
     * the same mjd. Thread-safe, so a preset may add its own (tier5 drops rows with a NaN band).
     */
    final DropCounts dropped = new DropCounts();
    /** Per band, measurements of kept exposures that band cannot use (see {@link #countUnusable}). */
    final DropCounts unusableW1 = new DropCounts(), unusableW2 = new DropCounts();

    Epochs(Table t, String idColumn, QualityCuts cuts) {
        this(t, idColumn, cuts, 0, new SourceLoop(1));
    }

    /**
     * @param firstRow the file's row number of t's first row minus one (a streamed part's offset), for messages
     * @param loop     the threads that read the columns and check the sources' times
     */
    Epochs(Table t, String idColumn, QualityCuts cuts, long firstRow, SourceLoop loop) {
        this(t, RowRange.all(t), idColumn, cuts, firstRow, loop);
        refuseWhollyWrong(file, idColumn, rows, dropped, firstRow, () -> firstOutsideSpan(firstRow));
    }

    /**
     * The epochs of t's rows {@code range} alone, read in place; row i here (in {@link #order}, the columns' get) is
     * row {@code range.from() + i} of t. A part of a streamed file: unlike the whole table's constructor, it does not
     * refuse a column wrong in every one of its rows, which may be one source's fault (a source whose mjd are all
     * JD, alone in a part); the stream judges the file's totals ({@link #refuseWhollyWrong}).
     *
     * @param firstRow the file's row number of the range's first row minus one, for messages
     */
    Epochs(Table t, RowRange range, String idColumn, QualityCuts cuts, long firstRow, SourceLoop loop) {
        file = Columns.label(t);
        Objects.checkFromToIndex(range.from(), range.to(), t.rowCount());
        rows = range.size();
        int from = range.from();
        // no float or double column is copied: EpochColumn reads them in place, NaN for ±Infinity and for an absurd
        // magnitude (a 99 or 1e300 sentinel), which it tells apart for the counts
        mjd = EpochColumn.time(t, "mjd", range);
        w1 = EpochColumn.magnitude(t, Band.W1.magnitudeIn(t), range);
        e1 = EpochColumn.error(t, Band.W1.errorIn(t), range);
        w2 = EpochColumn.magnitude(t, Band.W2.magnitudeIn(t), range);
        e2 = EpochColumn.error(t, Band.W2.errorIn(t), range);
        cut = cuts.apply(t, range);
        StringColumn id = ids(t, idColumn);
        // input that needs no row dropped, moved or counted (the usual file) is grouped in one pass; other input the
        // general way
        SourceGrouping g = SourceGrouping.ifClean(id, from, mjd, DropReason.MJD_MIN, DropReason.MJD_MAX, loop);
        if (g == null) {
            g = grouping(id, from, loop);
        }
        wasGrouped = g.wasGrouped();
        order = g.order();
        start = g.start();
        designation = g.names(); // source k is source number k: the sort and the duplicate check keep the numbers
    }

    /**
     * The rows grouped by source the general way, for any input. Every per-row pass that needs no order runs once,
     * over row ranges in parallel: the mjd's drop reasons and the id's dictionary keys are taken. The dropped rows are
     * counted into {@link #dropped}, the rest grouped (a counting sort where a source's rows are apart), and a source's
     * repeated exposures dropped.
     */
    private SourceGrouping grouping(StringColumn id, int from, SourceLoop loop) {
        DictionaryMap dict = id.getDictionary();
        int[] key = new int[rows]; // becomes the kept rows (SourceGrouping.of reuses it)
        byte[] why = new byte[rows]; // per row: 0 kept, else the ordinal + 1 of the reason it is dropped
        int[] minMax = new int[3 * SourceLoop.ranges(rows)];
        loop.forRanges(rows, (r, start, end) -> {
            mjdReasons(mjd, why, start, end);
            keys(dict, from, key, start, end, minMax, r);
        });
        int minKey = Integer.MAX_VALUE, maxKey = Integer.MIN_VALUE, empty = 0;
        for (int r = 0; r < minMax.length; r += 3) {
            minKey = Math.min(minKey, minMax[r]);
            maxKey = Math.max(maxKey, minMax[r + 1]);
            empty += minMax[r + 2];
        }
        if (minKey > maxKey) {
            minKey = maxKey = 0; // no row, or every id empty: one key of no source
        }
        if (empty > 0) {
            // the empty id's key, far above the others: its rows are dropped as missing here, with a key in range
            byte missing = (byte) (DropReason.MISSING_ID.ordinal() + 1);
            for (int i = 0; i < rows; i++) {
                if (key[i] == TableSlices.EMPTY_KEY) {
                    key[i] = minKey;
                    why[i] = missing;
                }
            }
        }
        int span = rows == 0 ? 0 : maxKey - minKey + 1;
        long[] reasons = new long[DropReason.values().length];
        SourceGrouping g = SourceGrouping.of(key, minKey, span, why, id, from, reasons, loop);
        for (DropReason d : DropReason.values()) {
            if (reasons[d.ordinal()] > 0) {
                dropped.add(d, reasons[d.ordinal()]);
            }
        }
        int[] duplicates = {0};
        g = g.withoutDuplicates(mjd, this::copyRank, loop, duplicates);
        if (duplicates[0] > 0) {
            dropped.add(DropReason.DUPLICATE, duplicates[0]);
        }
        return g;
    }

    /**
     * How good row i is as the copy of a repeated exposure to keep ({@link SourceGrouping#withoutDuplicates}): passing
     * the quality cuts first (a copy that fails them is used in no band), then its usable bands, 0 to 2 (the rule of
     * the statistics, {@link StetsonIndices#usable}). Reads {@link #cut} and the bands, which the constructor has set
     * before it groups the rows.
     */
    private int copyRank(int i) {
        int bands = (StetsonIndices.usable(w1.get(i), e1.get(i)) ? 1 : 0) + (StetsonIndices.usable(w2.get(i), e2.get(i)) ? 1 : 0);
        return (passes(i) ? 3 : 0) + bands;
    }

    /** The row of the epochs (from 0) that is kept row r: source k's are r in [start[k], start[k+1]). */
    int row(int r) {
        return order == null ? r : order[r];
    }

    /** The kept rows, source by source. */
    int keptRows() {
        return start[start.length - 1];
    }

    /** The whole-exposure drop reason of an mjd: not finite, or outside the WISE/NEOWISE span. */
    private static void mjdReasons(EpochColumn mjd, byte[] why, int from, int to) {
        byte nonFinite = (byte) (DropReason.NONFINITE_MJD.ordinal() + 1), outside = (byte) (DropReason.MJD_OUT_OF_RANGE.ordinal() + 1);
        for (int i = from; i < to; i++) {
            double v = mjd.get(i);
            if (!Double.isFinite(v)) {
                why[i] = nonFinite;
            } else if (v < DropReason.MJD_MIN || v > DropReason.MJD_MAX) {
                why[i] = outside;
            }
        }
    }

    /**
     * The dictionary keys of rows [from, to) (the column's rows offset + from …); their smallest and largest at
     * minMax[3r], minMax[3r + 1], and at minMax[3r + 2] the number of empty ids, whose key is left out (see
     * TableSlices.EMPTY_KEY: a Parquet file with one empty designation threw NegativeArraySizeException).
     */
    private static void keys(DictionaryMap dict, int offset, int[] key, int from, int to, int[] minMax, int r) {
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE, empty = 0;
        for (int i = from; i < to; i++) {
            int k = dict.getKeyAtIndex(offset + i);
            key[i] = k;
            if (k == TableSlices.EMPTY_KEY) {
                empty++;
            } else {
                min = Math.min(min, k);
                max = Math.max(max, k);
            }
        }
        minMax[3 * r] = min;
        minMax[3 * r + 1] = max;
        minMax[3 * r + 2] = empty;
    }

    /**
     * The id column as strings: a string column as it is, an integer column (a cntr, a source_id) written in decimal,
     * exactly (never through a double), a missing value as "".
     */
    static StringColumn ids(Table t, String idColumn) {
        NumericColumn<?> n = null;
        if (t.containsColumn(idColumn) && (t.column(idColumn) instanceof LongColumn
                || t.column(idColumn) instanceof IntColumn
                || t.column(idColumn) instanceof ShortColumn)) {
            n = (NumericColumn<?>) t.column(idColumn);
        }
        if (n == null) {
            if (t.containsColumn(idColumn) && !(t.column(idColumn) instanceof StringColumn)) {
                throw new TasniException(Columns.label(t) + ": column '" + idColumn + "' has type " + t.column(idColumn).type().name()
                        + "; a source id must be a string or an integer.");
            }
            return TableSlices.keyed(Columns.strings(t, idColumn));
        }
        String[] out = new String[n.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = n.get(i); // Long, Integer or Short: exact
            out[i] = n.isMissing(i) || v == null ? "" : v.toString();
        }
        // more than 65,535 distinct ids (AllWISE cntr of a large field) and Tablesaw keeps them without dictionary keys
        return TableSlices.keyed(StringColumn.create(idColumn, out));
    }

    /** A finite mjd outside the WISE/NEOWISE span: its file row (from 1) and its value, for a refusal's message. */
    record OutsideSpan(long row, double mjd) {}

    /** The first of these rows whose mjd is finite and outside the span, or null; firstRow as the constructor's. */
    OutsideSpan firstOutsideSpan(long firstRow) {
        for (int i = 0; i < rows; i++) {
            double v = mjd.get(i);
            if (Double.isFinite(v) && (v < DropReason.MJD_MIN || v > DropReason.MJD_MAX)) {
                return new OutsideSpan(firstRow + i + 1, v);
            }
        }
        return null;
    }

    /**
     * A column wrong in every row is a mistake about the whole file (a JD or a date in seconds for mjd, the wrong id
     * column), not bad rows to count: refused, naming the file, the column and the first row. {@code rows} rows from
     * file row firstRow + 1, dropped as {@code dropped} counts; {@code outside} gives the first finite mjd outside the
     * span (looked for only when every finite one is).
     */
    static void refuseWhollyWrong(String file, String idColumn, long rows, DropCounts dropped, long firstRow,
            Supplier<OutsideSpan> outside) {
        if (rows == 0) {
            return;
        }
        long finite = rows - dropped.get(DropReason.NONFINITE_MJD) - dropped.get(DropReason.MISSING_ID);
        OutsideSpan first = DropReason.noneInSpan(finite, dropped.get(DropReason.MJD_OUT_OF_RANGE)) ? outside.get()
                : null;
        if (first != null) {
            throw DropReason.noMjdInSpan(file, first.row(), first.mjd());
        }
        if (dropped.get(DropReason.MISSING_ID) == rows) {
            throw new TasniException(file + ": column '" + idColumn + "' is empty in every row (data rows " + (firstRow + 1)
                    + " to " + (firstRow + rows) + "); every epoch needs a source id.");
        }
        // every mjd NaN or empty: a column lost or mistyped upstream (not rows to drop one by one, which left no source)
        if (dropped.get(DropReason.NONFINITE_MJD) == rows) {
            throw new TasniException(file + ": column 'mjd' has no finite value (data rows " + (firstRow + 1) + " to "
                    + (firstRow + rows) + "); every epoch needs its time, as an MJD.");
        }
    }

    /**
     * Counts, per band, the measurements of kept exposures that passed the quality cuts but cannot be used in that
     * band: a non-finite magnitude ({@link DropReason#NONFINITE_MAGNITUDE}), one out of range
     * ({@link DropReason#MAGNITUDE_OUT_OF_RANGE}) or an error that is not usable ({@link DropReason#usableError})
     * ({@link DropReason#BAD_ERROR}). The exposure itself stays: its other band is used.
     */
    void countUnusable() {
        countUnusable(0, keptRows());
    }

    /** {@link #countUnusable()} over these sources' exposures alone (those a periodogram of some sources analyses). */
    void countUnusable(int[] sources) {
        for (int k : sources) {
            countUnusable(start[k], start[k + 1]);
        }
    }

    private void countUnusable(int from, int to) {
        for (int r = from; r < to; r++) {
            int i = row(r);
            if (!passes(i)) {
                continue;
            }
            countBand(w1.outOfRange(i), w1.get(i), e1.get(i), unusableW1);
            countBand(w2.outOfRange(i), w2.get(i), e2.get(i), unusableW2);
        }
    }

    /** Whether row i's magnitude in this band is out of range (and so reads as NaN). */
    boolean outOfRange(Band b, int i) {
        return mag(b).outOfRange(i);
    }

    static void countBand(boolean outOfRange, double m, double s, DropCounts into) {
        if (outOfRange) {
            into.add(DropReason.MAGNITUDE_OUT_OF_RANGE);
        } else if (!Double.isFinite(m)) {
            into.add(DropReason.NONFINITE_MAGNITUDE);
        } else if (!DropReason.usableError(s)) {
            into.add(DropReason.BAD_ERROR);
        }
    }

    /**
     * The dictionary key of every row of a string column, read without touching the strings, followed by the smallest
     * and the largest key (the array has size() + 2 entries).
     */
    static int[] dictionaryKeys(StringColumn column) {
        StringColumn s = TableSlices.keyed(column);
        DictionaryMap dict = s.getDictionary();
        int n = s.size();
        int[] key = new int[n + 2];
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        boolean empty = false;
        for (int i = 0; i < n; i++) {
            key[i] = dict.getKeyAtIndex(i);
            if (key[i] == TableSlices.EMPTY_KEY) {
                empty = true;
            } else {
                min = Math.min(min, key[i]);
                max = Math.max(max, key[i]);
            }
        }
        if (empty) {
            // the empty string's key moved just above the others (see TableSlices.EMPTY_KEY), so that the span stays small
            int moved = min > max ? 0 : max + 1;
            for (int i = 0; i < n; i++) {
                if (key[i] == TableSlices.EMPTY_KEY) {
                    key[i] = moved;
                }
            }
            min = Math.min(min, moved);
            max = Math.max(max, moved);
        }
        key[n] = min;
        key[n + 1] = max;
        return key;
    }

    /**
     * The epochs of one source, for the views of one light curve ({@link LightCurve#of}, {@link Periodogram#spectrum}):
     * built over that source's rows only, so that a notebook's plot of one source of a 30M-row epochs file reads its
     * 300 rows instead of grouping every source. The same points as from the whole table, to the bit.
     *
     * <p>Messages name the file's rows: a source that is one run of rows (a file grouped by source, as IRSA's and the
     * pipeline's are) is read with that run's offset; where the rows of a source refuse (a stray text in a number
     * column, every mjd a JD), the whole table is read again, so that a fault of the file is named at the file's row,
     * and one of this source's rows alone (the whole table drops them) is said of the source, whatever the layout.
     * Only these error paths read the whole table.
     *
     * @throws TasniException if the id is empty or absent, the columns are wrong (see the constructor), or every row of
     *                        the source is dropped (its mjd)
     */
    static Epochs ofSource(Table t, String idColumn, String designation, QualityCuts cuts) {
        String file = Columns.label(t);
        if (designation == null || designation.isBlank()) {
            throw new TasniException(file + ": no source id given ('" + designation + "').");
        }
        int[] rows = rowsOf(t, idColumn, designation);
        if (rows.length == 0) {
            new Epochs(t, idColumn, cuts); // a column wrong in every row (no id anywhere, times in JD) is said as such
            throw new TasniException(file + ": no epochs for " + designation + ".");
        }
        int first = rows[0], last = rows[rows.length - 1];
        boolean run = last - first + 1 == rows.length;
        Epochs e;
        try {
            e = run ? new Epochs(t.inRange(first, last + 1), idColumn, cuts, first, new SourceLoop(1))
                    : new Epochs(t.rows(rows), idColumn, cuts);
        } catch (TasniException ofTheSource) {
            // the whole table refuses too if the fault is the file's (its message has the file's rows); if only this
            // source's rows are wrong (every mjd a JD), it drops them, and that is said below, in either layout
            e = new Epochs(t, idColumn, cuts);
        }
        if (e.source(designation) < 0) {
            throw new TasniException(file + ": no epoch of " + designation + " has a usable mjd: its " + rows.length
                    + " rows, from data row " + (first + 1) + ", have a non-finite mjd or one outside the WISE/NEOWISE"
                    + String.format(" span [%.0f, %.0f]%s.", DropReason.MJD_MIN, DropReason.MJD_MAX, firstFinite(t, rows)));
        }
        return e;
    }

    /** " (data row r: its mjd; is it a JD …?)" for the first of {@code rows} with a finite mjd, or "" if none has one. */
    private static String firstFinite(Table t, int[] rows) {
        if (t.containsColumn("mjd") && t.column("mjd") instanceof NumericColumn<?> mjd) {
            for (int r : rows) {
                double v = mjd.getDouble(r);
                if (Double.isFinite(v)) {
                    return " (data row " + (r + 1) + ": " + v + "; is it a JD (MJD = JD - 2400000.5) or in other units?)";
                }
            }
        }
        return "";
    }

    /**
     * The rows whose id is {@code designation}, as {@link #ids} writes ids (an integer in decimal: "007" is not 7),
     * found without writing an integer column out as strings, which for 30M longs took seconds and GBs a call.
     */
    static int[] rowsOf(Table t, String idColumn, String designation) {
        Column<?> c = t.containsColumn(idColumn) ? t.column(idColumn) : null;
        if (!(c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn)) {
            return ids(t, idColumn).isEqualTo(designation).toArray(); // a string column; any other type is refused
        }
        long v;
        try {
            v = Long.parseLong(designation);
        } catch (NumberFormatException notAnInteger) {
            return new int[0];
        }
        if (!Long.toString(v).equals(designation)) {
            return new int[0];
        }
        IntArrayList out = new IntArrayList();
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i) && integerAt(c, i) == v) {
                out.add(i);
            }
        }
        return out.toIntArray();
    }

    private static long integerAt(Column<?> c, int i) {
        if (c instanceof LongColumn l) {
            return l.getLong(i);
        }
        return c instanceof IntColumn n ? n.getInt(i) : ((ShortColumn) c).getShort(i);
    }

    /** The number of source {@code designation}, or −1. */
    int source(String designation) {
        for (int k = 0; k < this.designation.length; k++) {
            if (this.designation[k].equals(designation)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether row i passes every quality cut. */
    boolean passes(int i) {
        return cut == null || cut[i] == 0;
    }

    int sources() {
        return designation.length;
    }

    /** Kept exposures that failed a quality cut, once counted: by the method as it gathered them, or here. -1: not yet. */
    private volatile int cutRows = -1;

    /** Kept exposures that failed a quality cut (an exposure failing several cuts counts once). */
    int cutRows() {
        int n = cutRows;
        if (n < 0) {
            n = 0;
            for (int r = 0, kept = keptRows(); r < kept; r++) {
                if (!passes(row(r))) {
                    n++;
                }
            }
            cutRows = n;
        }
        return n;
    }

    /**
     * Records the kept exposures that failed a quality cut, as a method counted them while gathering each source's
     * rows, so that {@link #cutRows()} needs no serial pass of its own over every row.
     */
    void cutRowsCounted(int n) {
        cutRows = n;
    }

    /** Sorts source k's rows by mjd unless they already are (NaN mjd last). */
    void sortByTime(int k) {
        if (order == null) {
            return; // rows in place are in time order: SourceGrouping.ifClean keeps no other
        }
        int from = start[k], to = start[k + 1];
        for (int i = from + 1; i < to; i++) {
            if (!(mjd.get(order[i]) >= mjd.get(order[i - 1]))) {
                IntArrays.quickSort(order, from, to, (a, b) -> Double.compare(mjd.get(a), mjd.get(b)));
                return;
            }
        }
    }

    /** The magnitudes of band {@code b}, per input row. */
    EpochColumn mag(Band b) {
        return b == Band.W1 ? w1 : w2;
    }

    /** The errors of band {@code b}, per input row. */
    EpochColumn err(Band b) {
        return b == Band.W1 ? e1 : e2;
    }

    /** The unusable-measurement counts of band {@code b}. */
    DropCounts unusable(Band b) {
        return b == Band.W1 ? unusableW1 : unusableW2;
    }
}
