package org.tasni.variability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.tasni.TasniException;
import org.tasni.Threads;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TableSlices;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Light-curve statistics and classification of NEOWISE single-exposure epochs, one row per source.
 *
 * <pre>{@code
 * var stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs);
 * stats.report();                                   // counts, drops, flags, timing
 * var fading = VariabilityFlag.FADING.in(stats);    // the rows flagged FADING
 * var legacy = VariabilityAnalyzer.of(VariabilityConfig.tasniLegacy()).analyze(epochs);   // the published numbers
 * }</pre>
 *
 * <p>The statistics and the output schema are the configuration's {@link VariabilityConfig.Method}'s, one class per
 * method ({@code StandardMethod}, {@code LegacyMethod}, {@code Tier5Method}); this class groups the epochs, runs the
 * method over the sources in parallel, streams Parquet files grouped by source and writes the report.
 *
 * <p>Input: one row per exposure with {@code designation} (or {@link #idColumn(String)}), {@code mjd} and W1/W2
 * magnitudes and errors under IRSA's names ({@code w1mpro, w1sigmpro, …}) or the reference's
 * ({@code w1mpro_ep, …}); optional quality columns {@code qual_frame, qi_fact, saa_sep, moon_masked, cc_flags}. The
 * input need not be sorted or grouped. Sources are processed in parallel, each on primitive slices.
 *
 * <p>Nothing is dropped silently. Exposures no preset can use (an empty id, a non-finite mjd, an mjd outside the
 * WISE/NEOWISE span [55000, 61000], a repeat of a source's exposure at the same mjd: of the copies, one that passes
 * the quality cuts with the most usable bands is kept, the first in the file among equals) are left out and counted
 * by reason in {@link VariabilityReport#dropped()}; tasni-tier5 also drops, and counts, the rows with a NaN band as its
 * reference did. A NaN or infinite magnitude, or an error that is not finite and &gt; 0, only makes that band of the
 * exposure unusable: the other band is still used. Those are counted per band in the report
 * ({@link VariabilityReport#unusableW1()}) and per source ({@code n_nan_w1}, {@code n_nan_w2}). Each quality cut is
 * counted per source ({@code n_cut_qual_frame}, …) and in the report. An empty input gives an empty result.
 */
public final class VariabilityAnalyzer {

    private final VariabilityConfig config;
    private final VariabilityMethod method;
    private final String idColumn;
    private final int threads;
    private volatile VariabilityReport report;

    private VariabilityAnalyzer(VariabilityConfig config, String idColumn, int threads) {
        this.config = config;
        this.method = VariabilityMethod.of(config);
        this.idColumn = idColumn;
        this.threads = threads;
    }

    /**
     * An analyzer with this configuration, the {@code designation} id column and all cores.
     *
     * @param config a preset ({@link VariabilityConfig#standard()}, …), possibly changed with its {@code with…} methods
     */
    public static VariabilityAnalyzer of(VariabilityConfig config) {
        return new VariabilityAnalyzer(TasniException.requireGiven(config, "the variability configuration"), "designation", Runtime.getRuntime().availableProcessors());
    }

    /** The source key column (default {@code designation}). */
    public VariabilityAnalyzer idColumn(String name) {
        return new VariabilityAnalyzer(config, TasniException.requireGiven(name, "the id column's name"), threads);
    }

    /** Runs on {@code n} threads. @throws TasniException if n &lt; 1 */
    public VariabilityAnalyzer threads(int n) {
        return new VariabilityAnalyzer(config, idColumn, Threads.check(n));
    }

    /** The configuration. */
    public VariabilityConfig config() {
        return config;
    }

    /** What the last {@link #analyze} did, or null before it; the result's {@code report()} is the same. */
    public VariabilityReport report() {
        return report;
    }

    /**
     * One row per source, with the report of this call ({@code result.report()}).
     *
     * @param epochs one row per exposure (see the class comment for the columns)
     * @throws TasniException naming the table and column if a needed column is missing or wholly wrong
     */
    public ResultTable<VariabilityReport> analyze(Table epochs) {
        TasniException.requireGiven(epochs, "the epochs table");
        long t0 = System.nanoTime();
        Epochs e = new Epochs(epochs, idColumn, new QualityCuts(config.cuts()), 0, new SourceLoop(threads));
        Table out = restoreIdColumn(compute(e), epochs.containsColumn(idColumn) ? epochs.column(idColumn).type() : null);
        report = VariabilityReport.of(config.name(), e, out, (System.nanoTime() - t0) / 1e9);
        return new ResultTable<>(out, report);
    }

    /**
     * The output's id column as the input had it: named as {@link #idColumn} (a {@code cntr} stays {@code cntr}, not
     * {@code designation}) and, for an integer id, integer again (long), so that it joins back to the catalogue
     * without a cast. The methods compute with string keys; tasni-legacy's rows, sorted by the key as pandas' groupby
     * does, are then sorted numerically, as groupby sorts an integer key.
     */
    private Table restoreIdColumn(Table out, ColumnType type) {
        if (idColumn.equals("designation") || !out.containsColumn("designation") || out.containsColumn(idColumn)) {
            return out; // the default, or a name an output column already has: designation, as before
        }
        StringColumn d = out.stringColumn("designation");
        Column<?> id;
        if (type == ColumnType.LONG || type == ColumnType.INTEGER || type == ColumnType.SHORT) {
            long[] v = new long[d.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Long.parseLong(d.get(i)); // Epochs wrote them from the integers, and dropped missing ones
            }
            id = LongColumn.create(idColumn, v);
        } else {
            id = d.copy().setName(idColumn);
        }
        out.replaceColumn("designation", id);
        if (config.method() == VariabilityConfig.Method.LEGACY && id instanceof LongColumn ids) {
            // by the long value: Tablesaw's sort compares longs as doubles, which ties ids above 2^53
            int[] order = IntStream.range(0, ids.size()).boxed()
                    .sorted((x, y) -> Long.compare(ids.getLong(x), ids.getLong(y))).mapToInt(Integer::intValue).toArray();
            return out.rows(order).setName(out.name());
        }
        return out;
    }

    private Table compute(Epochs e) {
        if (method.countsUnusableUpFront()) {
            e.countUnusable();
        }
        return method.compute(e, new SourceLoop(threads));
    }

    /**
     * Streams a Parquet epochs file row group by row group, so that a file larger than the heap can be analysed, when
     * the file has each source's rows together (a source may span row groups), as IRSA's and the pipeline's are; only
     * the columns the analysis uses are decoded. A file that is not grouped by source is read whole instead (those
     * columns), as a CSV file is, and analysed as a table, in any order: its report's
     * {@link VariabilityReport#readWhole()} says so and why, since memory use is then that of the whole file. The
     * result equals {@code analyze(TableIO.read(file))} either way.
     *
     * <p>Why not refuse such a file, as this method once did: the stream cannot group a source whose rows are apart,
     * but the {@code variability} command had no other way to read a Parquet file, so it refused a small shuffled
     * file whose data it analysed as CSV, and the periodogram analysed as Parquet (found by an adversarial tester).
     *
     * @throws TasniException naming the source and the row where it appears again if the file is not grouped by source
     *                        and reading it whole runs out of memory, with what to do
     */
    public ResultTable<VariabilityReport> analyze(Path parquet) {
        List<String> have = ParquetIO.columnNames(parquet);
        List<String> wanted = new ArrayList<>(List.of(idColumn, "mjd"));
        for (Band b : Band.values()) {
            wanted.addAll(List.of(b.magnitudeColumn(), b.magnitudeAlias(), b.errorColumn(), b.errorAlias()));
        }
        wanted.addAll(List.of(QualityCuts.NAMES));
        Set<String> cols = new LinkedHashSet<>(); // an id column may be one of the others
        for (String c : wanted) {
            if (have.contains(c)) {
                cols.add(c);
            }
        }
        if (!have.contains(idColumn)) {
            throw new TasniException(parquet.getFileName() + ": no column '" + idColumn + "' (columns: " + String.join(", ", have) + ").");
        }
        String file = parquet.getFileName().toString();
        try {
            return streamed(parquet, file, cols);
        } catch (NotGrouped g) {
            return readWhole(parquet, file, cols, g);
        }
    }

    /** {@link #analyze(Path)} row group by row group. @throws NotGrouped where a source's rows are apart */
    private ResultTable<VariabilityReport> streamed(Path parquet, String file, Set<String> cols) {
        Streamed run = new Streamed();
        Table[] carry = {null};
        ColumnType[] idType = {null};
        ParquetIO.forEachRowGroup(parquet, new ArrayList<>(cols), group -> {
            idType[0] = group.column(idColumn).type();
            int n = group.rowCount();
            if (n == 0) {
                return;
            }
            group.setName(file);
            // The last source of the group may go on in the next: its rows (from tail) are carried over, and the
            // carry, always one source's rows, is joined to its rest at the head of the next group. The rows between
            // are analysed where the reader put them (RowRange), not copied: a copy of each group, fresh memory each
            // time, was more than a second of a 30M-row file's read.
            // Rows without an id belong to no source (analyze(Table) drops them before it looks at the runs): they
            // neither end a source's rows nor begin a source's, so the scans pass over them
            StringColumn id = Epochs.ids(group, idColumn);
            String last = lastId(id, n); // null where no row of the group has an id
            int tail = n;
            while (tail > 0 && sameSource(id.get(tail - 1), last)) {
                tail--;
            }
            Table before = carry[0];
            // null where there is no carry or none of its rows has an id: such a carry joins the next source
            String carried = before == null ? null : firstId(Epochs.ids(before, idColumn), before.rowCount());
            if (tail == 0) {
                // the whole group is one source (or has no id): the carry's (a source longer than a group), or a
                // new one
                if (before == null || last == null || carried == null || last.equals(carried)) {
                    carry[0] = before == null ? group : TableSlices.concat(before, group).setName(file);
                    return;
                }
                analyzePart(before, RowRange.all(before), run);
                carry[0] = group;
                return;
            }
            int head = 0;
            if (before != null) {
                String joining = carried != null ? carried : firstId(id, tail);
                while (head < tail && sameSource(id.get(head), joining)) {
                    head++;
                }
            }
            if (before != null) {
                Table whole = head == 0 ? before
                        : TableSlices.join(file, List.of(TableSlices.Part.of(before), new TableSlices.Part(group, 0, head)));
                analyzePart(whole, RowRange.all(whole), run);
            }
            if (head < tail) {
                analyzePart(group, new RowRange(head, tail), run);
            }
            carry[0] = TableSlices.slice(group, tail, n).setName(file);
        });
        if (carry[0] != null && carry[0].rowCount() > 0) {
            analyzePart(carry[0], RowRange.all(carry[0]), run);
        }
        // a column wrong in every row of the file is refused as reading the file whole refuses it; a part wrong in
        // every row of its own (one source whose mjd are all JD) is that source's rows dropped and counted
        Epochs.refuseWhollyWrong(file, idColumn, run.rows, run.dropped, 0, () -> run.outside);
        if (run.parts.isEmpty()) {
            // a file without rows: the same empty result, with every column, as reading it whole
            return analyze(TableIO.read(parquet).setName(file));
        }
        // joined as arrays: Tablesaw's append copies value by value
        Table out = run.parts.size() == 1 ? run.parts.get(0)
                : TableSlices.join(run.parts.get(0).name(), run.parts.stream().map(TableSlices.Part::of).toList());
        out = restoreIdColumn(method.finish(out), idType[0]);
        report = new VariabilityReport(config.name(), run.rows, out.rowCount(), true, run.cut, run.dropped, run.unusableW1,
                run.unusableW2, VariabilityReport.flagCounts(out), run.compute);
        return new ResultTable<>(out, report);
    }

    /**
     * {@link #analyze(Path)} of a file the stream found not grouped by source: the file's analysed columns read whole
     * and analysed as a table ({@link #analyze(Table)} groups rows in any order), the report saying why. The parts the
     * stream analysed before it found a source again are thrown away; their compute time stays in the report's.
     */
    private ResultTable<VariabilityReport> readWhole(Path parquet, String file, Set<String> cols, NotGrouped g) {
        String why = "not grouped by " + idColumn + " (" + g.source + " appears again at data row " + g.row
                + ", after other sources)";
        ResultTable<VariabilityReport> whole;
        try {
            whole = analyze(ParquetIO.read(parquet, new ArrayList<>(cols)).setName(file));
        } catch (OutOfMemoryError tooBig) {
            // the one case where grouping the file first is the remedy, not more heap alone: say both, as a user error
            // (the table that did not fit is garbage by now, so this message can be built)
            throw new TasniException(file + ": " + why + ", so it cannot be streamed row group by row group, and reading "
                    + "it whole needs more memory than the JVM may use (at most " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB). Sort it by " + idColumn + " and mjd first (for example with DuckDB: COPY (SELECT * FROM '"
                    + file + "' ORDER BY " + idColumn + ", mjd) TO 'sorted.parquet'), or give the JVM more heap "
                    + "(java -Xmx…).", tooBig);
        }
        VariabilityReport w = whole.report();
        report = new VariabilityReport(w.preset(), w.rows(), w.sources(), w.wasGrouped(), w.cutRows(), w.dropped(),
                w.unusableW1(), w.unusableW2(), w.flags(), w.computeSeconds() + g.computeSeconds, why);
        return new ResultTable<>(whole, report);
    }

    /**
     * Thrown out of the stream where a source's rows turn out to be apart: the stream stops there and the file is read
     * whole. Without a stack trace: it is caught within this class, never shown.
     */
    private static final class NotGrouped extends RuntimeException {
        /** The source that appears again, and the file's data row (from 1) where it does. */
        final String source;
        final long row;
        /** The stream's compute time until it stopped. */
        final double computeSeconds;

        NotGrouped(String source, long row, double computeSeconds) {
            super(source + " appears again at data row " + row, null, false, false);
            this.source = source;
            this.row = row;
            this.computeSeconds = computeSeconds;
        }
    }

    /** The id of the last of the {@code n} rows that has one, or null. */
    private static String lastId(StringColumn id, int n) {
        for (int r = n - 1; r >= 0; r--) {
            if (!id.get(r).isBlank()) {
                return id.get(r);
            }
        }
        return null;
    }

    /** The id of the first of the {@code n} rows that has one, or null. */
    private static String firstId(StringColumn id, int n) {
        for (int r = 0; r < n; r++) {
            if (!id.get(r).isBlank()) {
                return id.get(r);
            }
        }
        return null;
    }

    /** Whether a row of id {@code v} may go on source {@code s}'s rows: its own, or one without an id. */
    private static boolean sameSource(String v, String s) {
        return v.isBlank() || v.equals(s);
    }

    /** What a streamed analysis has gathered from the parts analysed so far. */
    private static final class Streamed {
        final List<Table> parts = new ArrayList<>();
        /** The sources of the parts analysed: one seen again means the file is not grouped by source. */
        final Set<String> finished = new HashSet<>();
        final DropCounts dropped = new DropCounts(), unusableW1 = new DropCounts(), unusableW2 = new DropCounts();
        /** The file's rows analysed so far (the next part's first row is rows + 1), and of them cut by quality. */
        int rows, cut;
        double compute;
        /** The file's first finite mjd outside the span, for the refusal of a file wrong in every row. */
        Epochs.OutsideSpan outside;
    }

    /** Analyses rows {@code range} of part, the file's next rows, into the streamed run. */
    private void analyzePart(Table part, RowRange range, Streamed run) {
        long t0 = System.nanoTime();
        long firstRow = run.rows;
        Epochs e = new Epochs(part, range, idColumn, new QualityCuts(config.cuts()), firstRow, new SourceLoop(threads));
        boolean again = !e.wasGrouped;
        for (int k = 0; k < e.sources() && !again; k++) {
            again = run.finished.contains(e.designation[k]);
        }
        if (again) {
            throw reappearance(part, range, firstRow, run);
        }
        // looked for only in a part that dropped a row for its mjd or its id (an mjd outside the span under an empty
        // id counts as a missing id): the usual part has no such row, and then needs no pass over its rows
        if (run.outside == null && e.dropped.get(DropReason.MJD_OUT_OF_RANGE) + e.dropped.get(DropReason.MISSING_ID) > 0) {
            run.outside = e.firstOutsideSpan(firstRow);
        }
        Table out = compute(e);
        run.finished.addAll(Arrays.asList(e.designation));
        run.parts.add(out);
        run.rows += e.rows;
        run.cut += e.cutRows();
        run.dropped.addAll(e.dropped);
        run.unusableW1.addAll(e.unusableW1);
        run.unusableW2.addAll(e.unusableW2);
        run.compute += (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Where the file is first seen not grouped in rows {@code range} of part (file rows firstRow + 1 …): the first row
     * whose source had rows before it, in an earlier part or in this one, with another source's rows between. Rows
     * without an id belong to no source, as in the stream's scans, and are passed over. Only on this path are the ids
     * read row by row: the part's grouping found that some source's rows are apart, not which row.
     */
    private NotGrouped reappearance(Table part, RowRange range, long firstRow, Streamed run) {
        StringColumn id = Epochs.ids(part, idColumn);
        Set<String> here = new HashSet<>();
        String last = null;
        for (int i = range.from(); i < range.to(); i++) {
            String v = id.get(i);
            if (v.isBlank() || v.equals(last)) {
                continue;
            }
            if (run.finished.contains(v) || !here.add(v)) {
                return new NotGrouped(v, firstRow + i - range.from() + 1, run.compute);
            }
            last = v;
        }
        // not reached: a source of two runs has another source's row between them; the part's first row, if it were
        return new NotGrouped(id.get(range.from()), firstRow + 1, run.compute);
    }
}
