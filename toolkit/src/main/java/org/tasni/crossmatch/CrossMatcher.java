package org.tasni.crossmatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tasni.TasniException;
import org.tasni.Threads;
import org.tasni.io.DropReason;
import org.tasni.io.ResultTable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Sky crossmatch of two catalogues: the nearest neighbour, all pairs within a radius, and the orphans (left sources
 * with no right source within the radius).
 *
 * <pre>{@code
 * var xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);   // arcsec; Gaia moved from 2016.0 to 2010.5
 * var orphans = xm.orphans(wise, gaia);                         // AllWISE rows with no Gaia source within 3″
 * orphans.report()                                              // counts, drops, backend, timings
 * }</pre>
 *
 * <p>Configuration is immutable: {@code backend}, {@code threads}, {@code propagate} and the column setters return
 * copies. Each call returns a {@link ResultTable} that carries its {@link MatchReport}; the matcher also keeps the
 * report of its last call ({@link #report()}). Results never depend on the backend or the number of threads.
 *
 * <p>This class is the facade: {@link MatchInput} reads and checks the columns, {@link KernelDispatch} picks the
 * {@link MatchKernel} (CPU or GPU) and its pool, and one output class per {@link MatchMode} builds the table. Nothing
 * here prints: a GPU fallback is the report's {@link MatchReport#note()}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Separations are great-circle angles between unit vectors (no flat-sky approximation), in arcsec. A separation
 *       exactly equal to R is a match (as in the reference). Ties in separation go to the lower right row.</li>
 *   <li>{@link #nearest}: every left row plus {@code match_id}, {@code sep_arcsec} (to the nearest right source,
 *       however far, as astropy's {@code match_coordinates_sky}) and {@code matched} (sep ≤ R).</li>
 *   <li>{@link #orphans}: the left rows whose nearest right source is farther than R, plus {@code nearest_sep_arcsec}
 *       (+∞ for a left row with no usable right row
 *       at all). A right table with no rows is refused in {@code orphans} and {@code nearest}: every left row would
 *       come out an orphan, and an empty catalogue is a wrong or broken file, not an empty sky.</li>
 *   <li>{@link #all}: every pair within R: {@code left_id, right_id, sep_arcsec} (astropy's {@code search_around_sky}).</li>
 *   <li>Rows with a NaN or infinite ra/dec ({@code NONFINITE_POSITION}), or a dec outside [−90, 90] or ra outside
 *       [0, 360] ({@code POSITION_OUT_OF_RANGE}) are dropped and counted in the report, per side, never matched and
 *       never orphans; in {@code nearest} they keep an empty match. A side where no row has a usable position is
 *       refused, naming the column and a row. In {@code nearest} and {@code all} a right row without an id (missing,
 *       empty or blank) is dropped and counted too ({@code MISSING_ID}): no match could name it; a right id column
 *       with no id in any row is refused. For {@code orphans} such a row is still a source, and hides a left one.</li>
 *   <li>{@link #propagate(double, double)} moves the <em>right</em> catalogue by its {@code pmra}/{@code pmdec}
 *       before matching; rows with NaN proper motion stay where they are and are counted ({@code rightUnmoved});
 *       rows with an infinite or impossible one (over {@link #MAX_PROPER_MOTION_MAS_YR}) are dropped and counted.</li>
 *   <li>Ids ({@code match_id}, {@code left_id}, {@code right_id}) are copied exactly from an integer (short, int,
 *       long) or string id column.</li>
 * </ul>
 */
public final class CrossMatcher {

    /**
     * The largest total proper motion believed, mas/yr: Barnard's star, the fastest known, moves 10.4″/yr. A right
     * row moving faster (or with an infinite pmra/pmdec) is dropped as {@link DropReason#NONFINITE_PROPER_MOTION}.
     */
    public static final double MAX_PROPER_MOTION_MAS_YR = 11_000;

    private final double radiusArcsec;
    private final Backend backend;
    private final int threads;
    /** Propagation epochs in Julian years; NaN (both) for none. */
    private final double fromEpoch;
    private final double toEpoch;
    private final PositionColumns left;
    private final PositionColumns right;
    private final ProperMotionColumns pm;
    private volatile MatchReport report;

    private CrossMatcher(double radiusArcsec, Backend backend, int threads, double fromEpoch, double toEpoch,
            PositionColumns left, PositionColumns right, ProperMotionColumns pm) {
        this.radiusArcsec = radiusArcsec;
        this.backend = backend;
        this.threads = threads;
        this.fromEpoch = fromEpoch;
        this.toEpoch = toEpoch;
        this.left = left;
        this.right = right;
        this.pm = pm;
    }

    /**
     * A matcher with radius R in arcsec, the CPU backend on all cores, no propagation, and columns {@code ra},
     * {@code dec} and {@code source_id} on both sides (on the left, {@code designation} or {@code cntr} stand in for a
     * missing {@code source_id}).
     *
     * @param arcsec the match radius R, arcsec: a finite angle in (0, 180°]
     * @throws TasniException for any other radius, NaN included
     */
    public static CrossMatcher radius(double arcsec) {
        if (!(arcsec > 0 && arcsec <= 180 * 3600)) {
            throw new TasniException("radius must be a finite angle > 0 arcsec and at most 180° (got " + arcsec + ").");
        }
        return new CrossMatcher(arcsec, Backend.CPU, Runtime.getRuntime().availableProcessors(), Double.NaN,
                Double.NaN, PositionColumns.defaults(), PositionColumns.defaults(), ProperMotionColumns.defaults());
    }

    /**
     * A copy that runs on {@code b}: {@link Backend#CPU}, {@link Backend#GPU} (an error without a CUDA GPU) or
     * {@link Backend#AUTO} (the GPU if there is one, else the CPU, said in the report's note).
     */
    public CrossMatcher backend(Backend b) {
        if (b == null) {
            throw new TasniException("backend must be CPU, GPU or AUTO (got null).");
        }
        return new CrossMatcher(radiusArcsec, b, threads, fromEpoch, toEpoch, left, right, pm);
    }

    /**
     * A copy that uses {@code n} CPU threads (default: all cores).
     *
     * @throws TasniException unless 1 ≤ n ≤ {@link Threads#MAX}, as for every stage's {@code threads}
     */
    public CrossMatcher threads(int n) {
        return new CrossMatcher(radiusArcsec, backend, Threads.check(n), fromEpoch, toEpoch, left, right, pm);
    }

    /**
     * Moves the right catalogue from epoch {@code from} to epoch {@code to} (Julian years, e.g. 2016.0 → 2010.5 for
     * Gaia DR3 against AllWISE) by its proper motion before matching.
     */
    public CrossMatcher propagate(double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to) || Math.abs(to - from) > 1000) {
            throw new TasniException("propagate needs two finite epochs in Julian years (got " + from + ", " + to + ").");
        }
        return new CrossMatcher(radiusArcsec, backend, threads, from, to, left, right, pm);
    }

    /**
     * A copy that reads the left table's position and id from these columns (ra and dec in degrees). With the default
     * columns, {@code all} takes the left id from {@code source_id}, else {@code designation}, else {@code cntr}; an id
     * named here must exist (and, for {@code all}, be an integer or string column).
     */
    public CrossMatcher leftColumns(String ra, String dec, String id) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, new PositionColumns(ra, dec, id),
                right, pm);
    }

    /** A copy that reads the right table's position and id from these columns (ra and dec in degrees). */
    public CrossMatcher rightColumns(String ra, String dec, String id) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, left,
                new PositionColumns(ra, dec, id), pm);
    }

    /** A copy that reads the right table's proper motions from these columns (mas/yr, pmra including cos δ). */
    public CrossMatcher properMotionColumns(String pmra, String pmdec) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, left, right,
                new ProperMotionColumns(pmra, pmdec));
    }

    /** The match radius R, arcsec. */
    public double radiusArcsec() {
        return radiusArcsec;
    }

    /** True if the right catalogue is moved by its proper motion before matching. */
    public boolean isPropagating() {
        return !Double.isNaN(fromEpoch);
    }

    /** The propagation as reports say it: "2016.0 → 2010.5" (from the right side's epoch to the left's), or "none". */
    public String propagation() {
        return isPropagating() ? fromEpoch + " → " + toEpoch : "none";
    }

    /** toEpoch − fromEpoch in years (0 without propagation). */
    public double epochGapYears() {
        return isPropagating() ? toEpoch - fromEpoch : 0;
    }

    /** The right table's ra, dec and id column names. */
    public PositionColumns rightColumnNames() {
        return right;
    }

    /**
     * The right table's columns that a match in {@code mode} reads, so that a reader may read these alone: ra and dec,
     * the id where the mode names right sources ({@link MatchMode#namesRightSources}), and pmra and pmdec when
     * propagating.
     */
    public List<String> rightColumnsRead(MatchMode mode) {
        List<String> cols = new ArrayList<>(List.of(right.ra(), right.dec()));
        if (mode.namesRightSources()) {
            cols.add(right.id());
        }
        if (isPropagating()) {
            cols.addAll(pm.names());
        }
        return cols;
    }

    /**
     * Refuses a right table whose id column is missing or is not an integer or string column, as a match in a mode that
     * names right sources does. A Parquet file's schema ({@code ParquetIO.schema}, from its footer) will do: a reader
     * that leaves the ids out of an orphans' match checks them there first, so that a wrong file or column name is
     * refused as it was when every mode read them.
     */
    public void requireRightIds(Table t) {
        OutputColumns.requireId(t, right.id());
    }

    /** The right table's pmra and pmdec column names. */
    public ProperMotionColumns properMotionColumnNames() {
        return pm;
    }

    /** The left table's ra, dec and id column names. */
    PositionColumns leftPositionColumns() {
        return left;
    }

    /** The left table's ra, dec and id column names, as set by {@link #leftColumns} (default {@code ra, dec, source_id}). */
    public PositionColumns leftColumnNames() {
        return left;
    }

    /**
     * The column of {@code leftTable} that {@link #all} copies into {@code left_id}: with the default columns
     * {@code source_id}, else {@code designation}, else {@code cntr}; else the id named in {@link #leftColumns}.
     *
     * @throws TasniException when the table has none of them, or it is neither an integer nor a string column
     */
    public String leftIdColumn(Table leftTable) {
        return PairsTable.leftIdColumn(leftTable, left).name();
    }

    /**
     * Everything that changes a result, as one line (the tiled driver's resume compares it): radius, propagation gap
     * and columns. Backend and threads are left out since results never depend on them.
     */
    String configKey() {
        return String.format(Locale.ROOT, "radius=%s propagation=%s left=%s right=%s pm=%s maxpm=%s",
                Double.toString(radiusArcsec), isPropagating() ? fromEpoch + "->" + toEpoch : "none",
                String.join(",", left.names()), String.join(",", right.names()),
                isPropagating() ? String.join(",", pm.names()) : "-", Double.toString(MAX_PROPER_MOTION_MAS_YR));
    }

    /** The report of the last call on this matcher, or null before the first; each result also carries its own. */
    public MatchReport report() {
        return report;
    }

    /**
     * Every left row plus {@code match_id}, {@code sep_arcsec} (to the nearest right source, however far) and
     * {@code matched} (sep ≤ R): astropy's {@code match_coordinates_sky}.
     */
    public ResultTable<MatchReport> nearest(Table leftTable, Table rightTable) {
        return run(MatchMode.NEAREST, leftTable, rightTable);
    }

    /** The left rows with no right source within R ({@code 1not2}), plus {@code nearest_sep_arcsec}. */
    public ResultTable<MatchReport> orphans(Table leftTable, Table rightTable) {
        return run(MatchMode.ORPHANS, leftTable, rightTable);
    }

    /**
     * Every pair within R: {@code left_id}, {@code right_id}, {@code sep_arcsec}, in left row then right row order
     * (astropy's {@code search_around_sky}). Runs on the CPU whatever the backend.
     */
    public ResultTable<MatchReport> all(Table leftTable, Table rightTable) {
        return run(MatchMode.ALL, leftTable, rightTable);
    }

    /** Runs {@code mode}: read and check, build the index, search, build the output and its report. */
    public ResultTable<MatchReport> run(MatchMode mode, Table leftTable, Table rightTable) {
        return match(mode, leftTable, rightTable).table();
    }

    /**
     * Starts a small simulated match of {@code mode} at this radius on one background thread and returns at once (see
     * {@link JitWarmUp}): a command that calls it before it reads its inputs finds the match's code compiled when its
     * real match starts. Results and reports are not touched. Only for the CPU backend; a warm JVM (a notebook's
     * second match) gains nothing from it.
     */
    public void warmUpInBackground(MatchMode mode) {
        if (backend == Backend.CPU) {
            JitWarmUp.start(mode, radiusArcsec);
        }
    }

    /**
     * Runs {@code mode} as {@link #run} does, but leaves the output's rows in place: the orphans and the nearest
     * matches are rows of a view over the left table's own columns (see {@link MatchOutput}), for a writer that
     * takes rows by index. The report (and {@link #report()}) is the one {@link #run} gives.
     */
    public MatchOutput match(MatchMode mode, Table leftTable, Table rightTable) {
        TasniException.requireGiven(mode, "the match mode");
        TasniException.requireGiven(leftTable, "the left table");
        TasniException.requireGiven(rightTable, "the right table");
        if (mode != MatchMode.ALL && rightTable.rowCount() == 0) {
            // a real catalogue has sources in any field: an empty one is a wrong or broken file, and matching against
            // it would call every left row an orphan (or unmatched), as crossmatch-tiles' EMPTY_GAIA refuses too
            throw new TasniException(OutputColumns.label(rightTable) + " has no rows: every left row would be "
                    + (mode == MatchMode.ORPHANS ? "an orphan" : "unmatched") + ". Is it the right file?");
        }
        MatchInput in = new MatchInput(leftTable, rightTable, left, right, pm, fromEpoch, toEpoch, mode);
        Column<?> leftIds = null;
        switch (mode) {
            case NEAREST -> NearestTable.check(leftTable);
            case ORPHANS -> OrphansTable.check(leftTable);
            case ALL -> leftIds = PairsTable.leftIdColumn(leftTable, left);
        }
        try (KernelDispatch k = KernelDispatch.open(backend, mode, threads)) {
            long t0 = System.nanoTime();
            ZoneIndex idx = ZoneIndex.build(in.rra, in.rdec, in.rightRows, radiusArcsec / 3600.0, k.pool());
            long t1 = System.nanoTime();
            Table view;
            int[] rows;
            long t2;
            if (mode == MatchMode.ALL) {
                PairList pairs = k.kernel().within(idx, in.lra, in.ldec, in.leftRows, radiusArcsec);
                t2 = System.nanoTime();
                view = PairsTable.build(leftIds, in, pairs);
                rows = null;
            } else {
                NearestMatches m = NearestMatches.search(k.kernel(), idx, in, radiusArcsec);
                t2 = System.nanoTime();
                if (mode == MatchMode.NEAREST) {
                    view = NearestTable.view(leftTable, m, in, radiusArcsec);
                    rows = NearestTable.rows(leftTable);
                } else {
                    view = OrphansTable.view(leftTable, m);
                    rows = OrphansTable.rows(m, radiusArcsec);
                }
            }
            String prop = propagation();
            MatchReport rep = new MatchReport(mode, radiusArcsec, k.used, threads, in.lra.length, in.rra.length,
                    rows == null ? view.rowCount() : rows.length, in.leftDrops.snapshot(), in.rightDrops.snapshot(),
                    in.rightUnmoved, prop, (t1 - t0) / 1e9, (t2 - t1) / 1e9, k.note);
            report = rep;
            return new MatchOutput(view, rows, rep);
        }
    }
}
