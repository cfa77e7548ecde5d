package org.tasni.crossmatch;

import java.util.concurrent.ForkJoinPool;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.sky.ProperMotion;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;

/**
 * Sky crossmatch of two catalogues: the nearest neighbour, all pairs within a radius, and the orphans (left sources
 * with no right source within the radius).
 *
 * <pre>{@code
 * var xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);   // arcsec; Gaia moved from 2016.0 to 2010.5
 * var orphans = xm.orphans(wise, gaia);                         // AllWISE rows with no Gaia source within 3″
 * xm.report()                                                   // counts, drops, backend, timings
 * }</pre>
 *
 * <p>Configuration is immutable: {@code backend}, {@code threads}, {@code propagate} and the column setters return
 * copies. The only state is the report of the last call ({@link #report()}). Results never depend on the backend or
 * the number of threads.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Separations are great-circle angles between unit vectors (no flat-sky approximation), in arcsec. A separation
 *       exactly equal to R is a match (as in the reference). Ties in separation go to the lower right row.</li>
 *   <li>{@link #nearest}: every left row plus {@code match_id}, {@code sep_arcsec} (to the nearest right source,
 *       however far, as astropy's {@code match_coordinates_sky}) and {@code matched} (sep ≤ R).</li>
 *   <li>{@link #orphans}: the left rows whose nearest right source is farther than R, plus {@code nearest_sep_arcsec}
 *       (+∞ when the right side is empty).</li>
 *   <li>{@link #all}: every pair within R: {@code left_id, right_id, sep_arcsec} (astropy's {@code search_around_sky}).</li>
 *   <li>Rows with a NaN or infinite ra/dec ({@code NONFINITE_POSITION}), or a dec outside [−90, 90] or ra outside
 *       [0, 360] ({@code POSITION_OUT_OF_RANGE}) are dropped and counted in the report, per side, never matched and
 *       never orphans; in {@code nearest} they keep an empty match. A side where no row has a usable position is
 *       refused, naming the column and a row.</li>
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
    private final double fromEpoch;
    private final double toEpoch;
    private final String[] left;
    private final String[] right;
    private final String[] pm;
    private volatile MatchReport report;

    private CrossMatcher(double radiusArcsec, Backend backend, int threads, double fromEpoch, double toEpoch,
            String[] left, String[] right, String[] pm) {
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
     */
    public static CrossMatcher radius(double arcsec) {
        if (!(arcsec > 0 && arcsec <= 180 * 3600)) {
            throw new TasniException("radius must be a finite angle > 0 arcsec and at most 180° (got " + arcsec + ").");
        }
        return new CrossMatcher(arcsec, Backend.CPU, Runtime.getRuntime().availableProcessors(), Double.NaN,
                Double.NaN, new String[] {"ra", "dec", "source_id"}, new String[] {"ra", "dec", "source_id"},
                new String[] {"pmra", "pmdec"});
    }

    public CrossMatcher backend(Backend b) {
        if (b == null) {
            throw new TasniException("backend must be CPU, GPU or AUTO (got null).");
        }
        return new CrossMatcher(radiusArcsec, b, threads, fromEpoch, toEpoch, left, right, pm);
    }

    public CrossMatcher threads(int n) {
        if (n < 1 || n > 4096) {
            throw new TasniException("threads must be in [1, 4096] (got " + n + ").");
        }
        return new CrossMatcher(radiusArcsec, backend, n, fromEpoch, toEpoch, left, right, pm);
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

    /** Column names of the left table: position and id. */
    public CrossMatcher leftColumns(String ra, String dec, String id) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, new String[] {ra, dec, id}, right, pm);
    }

    /** Column names of the right table: position and id. */
    public CrossMatcher rightColumns(String ra, String dec, String id) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, left, new String[] {ra, dec, id}, pm);
    }

    /** Column names of the right table's proper motions (mas/yr, pmra including cos δ). */
    public CrossMatcher properMotionColumns(String pmra, String pmdec) {
        return new CrossMatcher(radiusArcsec, backend, threads, fromEpoch, toEpoch, left, right, new String[] {pmra, pmdec});
    }

    public double radiusArcsec() {
        return radiusArcsec;
    }

    /** True if the right catalogue is moved by its proper motion before matching. */
    public boolean isPropagating() {
        return !Double.isNaN(fromEpoch);
    }

    /** toEpoch − fromEpoch in years (0 without propagation). */
    public double epochGapYears() {
        return isPropagating() ? toEpoch - fromEpoch : 0;
    }

    /** The right table's ra, dec and id column names. */
    public String[] rightColumnNames() {
        return right.clone();
    }

    /** The right table's pmra and pmdec column names. */
    public String[] properMotionColumnNames() {
        return pm.clone();
    }

    /** The left table's ra and dec column names. */
    String[] leftPositionColumns() {
        return new String[] {left[0], left[1]};
    }

    /**
     * Everything that changes a result, as one line (the tiled driver's resume compares it): radius, propagation gap
     * and columns. Backend and threads are left out since results never depend on them.
     */
    String configKey() {
        return String.format(java.util.Locale.ROOT, "radius=%s propagation=%s left=%s right=%s pm=%s maxpm=%s",
                Double.toString(radiusArcsec), isPropagating() ? fromEpoch + "->" + toEpoch : "none",
                String.join(",", left), String.join(",", right), isPropagating() ? String.join(",", pm) : "-",
                Double.toString(MAX_PROPER_MOTION_MAS_YR));
    }

    /** The report of the last call on this matcher, or null before the first. */
    public MatchReport report() {
        return report;
    }

    /** Every left row plus {@code match_id}, {@code sep_arcsec} (unbounded) and {@code matched} (sep ≤ R). */
    public Table nearest(Table leftTable, Table rightTable) {
        Nearest n = runNearest("nearest", leftTable, rightTable);
        Table out = leftTable.copy().setName("nearest");
        requireFree(out, "match_id", "sep_arcsec", "matched");
        BooleanColumn matched = BooleanColumn.create("matched", n.sep.length);
        for (int i = 0; i < n.sep.length; i++) {
            matched.set(i, n.sep[i] <= radiusArcsec);
        }
        out.addColumns(ids("match_id", n.rightIds, n.row), DoubleColumn.create("sep_arcsec", n.sep), matched);
        report = n.report(out.rowCount());
        return out;
    }

    /** The left rows with no right source within R, plus {@code nearest_sep_arcsec}. */
    public Table orphans(Table leftTable, Table rightTable) {
        Nearest n = runNearest("orphans", leftTable, rightTable);
        int count = 0;
        for (int i = 0; i < n.sep.length; i++) {
            if (n.sep[i] > radiusArcsec) {
                count++;
            }
        }
        int[] rows = new int[count];
        double[] sep = new double[count];
        for (int i = 0, k = 0; i < n.sep.length; i++) {
            if (n.sep[i] > radiusArcsec) {
                rows[k] = i;
                sep[k++] = n.sep[i];
            }
        }
        Table out = leftTable.where(tech.tablesaw.selection.Selection.with(rows)).setName("orphans");
        requireFree(out, "nearest_sep_arcsec");
        out.addColumns(DoubleColumn.create("nearest_sep_arcsec", sep));
        report = n.report(out.rowCount());
        return out;
    }

    /** Every pair within R: {@code left_id}, {@code right_id}, {@code sep_arcsec}, in left row then right row order. */
    public Table all(Table leftTable, Table rightTable) {
        Prepared p = prepare("all", leftTable, rightTable);
        long t0 = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            ZoneIndex idx = ZoneIndex.build(p.rra, p.rdec, p.rightRows, radiusArcsec / 3600.0, pool);
            long t1 = System.nanoTime();
            PairList pairs = CpuKernel.within(idx, p.lra, p.ldec, p.leftRows, radiusArcsec, pool);
            long t2 = System.nanoTime();
            int n = pairs.size();
            int[] l = java.util.Arrays.copyOf(pairs.left, n), r = java.util.Arrays.copyOf(pairs.right, n);
            Column<?> leftId = leftIdColumn(leftTable);
            Table out = Table.create("pairs", leftId == null ? IntColumn.create("left_id", l) : ids("left_id", leftId, l),
                    ids("right_id", p.rightIds, r), DoubleColumn.create("sep_arcsec", java.util.Arrays.copyOf(pairs.sep, n)));
            String note = backend == Backend.CPU ? "" : "all-pairs mode runs on the CPU";
            report = p.report(out.rowCount(), Backend.CPU, (t1 - t0) / 1e9, (t2 - t1) / 1e9, note);
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private Column<?> leftIdColumn(Table t) {
        for (String c : new String[] {left[2], "designation", "cntr"}) {
            if (c != null && t.containsColumn(c)) {
                return t.column(c);
            }
        }
        return null;
    }

    private static void requireFree(Table t, String... names) {
        for (String n : names) {
            if (t.containsColumn(n)) {
                throw new TasniException(t.name() + ": already has a column '" + n
                        + "'; rename it before matching so the result's column is unambiguous.");
            }
        }
    }

    /**
     * A column of ids taken from {@code source} at {@code rows} (missing for −1). Integer ids are copied as longs,
     * never through a double: a Gaia source_id has 19 digits and a double keeps only about 16.
     */
    private static Column<?> ids(String name, Column<?> source, int[] rows) {
        if (source instanceof StringColumn s) {
            String[] v = new String[rows.length];
            for (int k = 0; k < rows.length; k++) {
                v[k] = rows[k] < 0 ? "" : s.get(rows[k]);
            }
            return StringColumn.create(name, v);
        }
        if (source instanceof LongColumn || source instanceof IntColumn || source instanceof ShortColumn) {
            long[] v = new long[rows.length];
            for (int k = 0; k < rows.length; k++) {
                v[k] = rows[k] < 0 || source.isMissing(rows[k]) ? Long.MIN_VALUE /* Tablesaw's missing long */
                        : exactLong(source, rows[k]);
            }
            return LongColumn.create(name, v);
        }
        throw new TasniException("column '" + source.name() + "' has type " + source.type().name()
                + "; an id column must be an integer or a string.");
    }

    private static void requireIdType(Table t, Column<?> c) {
        if (!(c instanceof StringColumn || c instanceof LongColumn || c instanceof IntColumn || c instanceof ShortColumn)) {
            throw new TasniException(t.name() + ": column '" + c.name() + "' has type " + c.type().name()
                    + "; an id column must be an integer or a string.");
        }
    }

    private static long exactLong(Column<?> c, int row) {
        if (c instanceof LongColumn l) {
            return l.getLong(row);
        } else if (c instanceof IntColumn i) {
            return i.getInt(row);
        }
        return ((ShortColumn) c).getShort(row);
    }

    private Nearest runNearest(String mode, Table leftTable, Table rightTable) {
        Prepared p = prepare(mode, leftTable, rightTable);
        int[] row = new int[p.lra.length];
        double[] sep = new double[p.lra.length];
        java.util.Arrays.fill(row, -1);
        java.util.Arrays.fill(sep, Double.NaN);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            long t0 = System.nanoTime();
            ZoneIndex idx = ZoneIndex.build(p.rra, p.rdec, p.rightRows, radiusArcsec / 3600.0, pool);
            long t1 = System.nanoTime();
            Backend used = Backend.CPU;
            String note = "";
            if (backend != Backend.CPU) {
                try (GpuKernel gpu = GpuKernel.open()) {
                    gpu.nearest(idx, p.lra, p.ldec, p.leftRows, radiusArcsec, row, sep);
                    used = Backend.GPU;
                    note = "GPU " + gpu.deviceName;
                } catch (GpuKernel.Unavailable u) {
                    if (backend == Backend.GPU) {
                        throw new TasniException("backend GPU: " + u.getMessage() + ". Use .backend(AUTO) (CLI: --backend auto)"
                                + " to fall back to the CPU.", u);
                    }
                    note = "GPU unavailable (" + u.getMessage() + "); ran on the CPU";
                    System.err.println("crossmatch: " + note);
                }
            }
            if (used == Backend.CPU) {
                CpuKernel.nearest(idx, p.lra, p.ldec, p.leftRows, radiusArcsec, pool, row, sep);
            }
            long t2 = System.nanoTime();
            return new Nearest(p, row, sep, p.rightIds, used, (t1 - t0) / 1e9, (t2 - t1) / 1e9, note);
        } finally {
            pool.shutdown();
        }
    }

    private record Nearest(Prepared p, int[] row, double[] sep, Column<?> rightIds, Backend used, double indexS,
            double queryS, String note) {
        MatchReport report(int nOut) {
            return p.report(nOut, used, indexS, queryS, note);
        }
    }

    /** Both sides as primitive arrays: positions (the right one propagated), the valid rows, and the ids. */
    private final class Prepared {
        final String mode;
        final double[] lra, ldec, rra, rdec;
        final int[] leftRows, rightRows;
        final Column<?> rightIds;
        final DropCounts leftDrops = new DropCounts(), rightDrops = new DropCounts();
        int rightUnmoved;

        Prepared(String mode, Table l, Table r) {
            this.mode = mode;
            lra = Columns.doubles(l, left[0]);
            ldec = Columns.doubles(l, left[1]);
            double[] ra0 = Columns.doubles(r, right[0]);
            double[] dec0 = Columns.doubles(r, right[1]);
            rightIds = Columns.require(r, right[2]);
            requireIdType(r, rightIds); // before the match, not after it
            double[] pmra = null, pmdec = null;
            if (!Double.isNaN(fromEpoch)) {
                pmra = Columns.doubles(r, pm[0]);
                pmdec = Columns.doubles(r, pm[1]);
            }
            leftRows = validRows(l, left, lra, ldec, leftDrops);
            int[] onSky = validRows(r, right, ra0, dec0, rightDrops);
            if (pmra == null) {
                rra = ra0;
                rdec = dec0;
                rightRows = onSky;
            } else {
                rra = new double[ra0.length];
                rdec = new double[ra0.length];
                ProperMotion.propagate(ra0, dec0, pmra, pmdec, fromEpoch, toEpoch, rra, rdec);
                int n = 0;
                int[] kept = new int[onSky.length];
                for (int i : onSky) {
                    if (Double.isNaN(pmra[i]) || Double.isNaN(pmdec[i])) {
                        rightUnmoved++; // Gaia's 2-parameter solutions: matched where they were measured
                    } else if (!(Math.hypot(pmra[i], pmdec[i]) <= MAX_PROPER_MOTION_MAS_YR)) {
                        rightDrops.add(DropReason.NONFINITE_PROPER_MOTION); // would move it anywhere on the sky
                        continue;
                    }
                    kept[n++] = i;
                }
                rightRows = java.util.Arrays.copyOf(kept, n);
            }
        }

        MatchReport report(int nOut, Backend used, double indexS, double queryS, String note) {
            String prop = Double.isNaN(fromEpoch) ? "none" : fromEpoch + " → " + toEpoch;
            return new MatchReport(mode, radiusArcsec, used, threads, lra.length, rra.length, nOut,
                    leftDrops.snapshot(), rightDrops.snapshot(), rightUnmoved, prop, indexS, queryS, note);
        }
    }

    private Prepared prepare(String mode, Table l, Table r) {
        return new Prepared(mode, l, r);
    }

    /**
     * The rows with a position on the sky. A row with a NaN or infinite ra/dec, or a dec outside [−90, 90] or an ra
     * outside [0, 360], is left out and counted: one bad row should not stop a catalogue of millions. When no row at
     * all has a usable position, the column is wrong for the whole input (another column, another unit): refused,
     * naming the table, the column and its first row.
     */
    private static int[] validRows(Table t, String[] cols, double[] ra, double[] dec, DropCounts drops) {
        int n = 0, badRa = 0, badDec = 0, firstBad = -1;
        int[] rows = new int[ra.length];
        for (int i = 0; i < ra.length; i++) {
            if (!Double.isFinite(ra[i]) || !Double.isFinite(dec[i])) {
                drops.add(DropReason.NONFINITE_POSITION);
            } else if (!(dec[i] >= -90 && dec[i] <= 90 && ra[i] >= 0 && ra[i] <= 360)) {
                drops.add(DropReason.POSITION_OUT_OF_RANGE);
                badDec += dec[i] >= -90 && dec[i] <= 90 ? 0 : 1;
                badRa += ra[i] >= 0 && ra[i] <= 360 ? 0 : 1;
                firstBad = firstBad < 0 ? i : firstBad;
            } else {
                rows[n++] = i;
            }
        }
        if (n == 0 && ra.length > 0) {
            if (firstBad >= 0) {
                boolean decWrong = badDec >= badRa;
                throw new TasniException(t.name() + ": column '" + cols[decWrong ? 1 : 0] + "' has no value in "
                        + (decWrong ? "[-90, 90]" : "[0, 360]") + " degrees (data row " + (firstBad + 1) + ": ra "
                        + ra[firstBad] + ", dec " + dec[firstBad] + "); is it the right column, in degrees?");
            }
            throw new TasniException(t.name() + ": columns '" + cols[0] + "'/'" + cols[1] + "' have no finite position in "
                    + ra.length + " rows (data row 1: ra " + ra[0] + ", dec " + dec[0] + ").");
        }
        return java.util.Arrays.copyOf(rows, n);
    }
}
