package org.tasni.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * One Spark task: a left partition matched against each right partition over it, each with that partition's margin.
 *
 * <p>Why the result is the CPU backend's, row for row:
 * <ol>
 *   <li>Each left row is in exactly one left partition and is matched in exactly one task, against the right
 *       partition that contains it (or that it contains), so no left row or pair is reported twice; margin rows are
 *       only ever right rows.</li>
 *   <li>Every right row that can come within {@code reach} = margin − largest propagation move of a left row in a
 *       right partition is that partition's own row or in its margin. So a separation ≤ {@code reach} is exact, and
 *       because R ≤ {@code reach} every pair within R is found: none is lost at a border.</li>
 *   <li>A left row whose nearest right row is farther than {@code reach} (its true nearest may lie beyond the margin),
 *       or with no right partition over it, is a leftover: written aside for {@link LeftoverSearch}, which looks at
 *       the whole right catalogue.</li>
 * </ol>
 */
final class PartitionMatch implements Function<PartitionMatch.Task, TaskStat>, Serializable {

    /** A left partition and the right partitions that overlap it. */
    record Task(Pixel left, List<Pixel> rights) implements Serializable {}

    private final MatchSpec spec;
    private final PartitionedCatalog left, right;
    private final String outDir;
    private final double reachArcsec;

    PartitionMatch(MatchSpec spec, PartitionedCatalog left, PartitionedCatalog right, Path outDir, double reachArcsec) {
        this.spec = spec;
        this.left = left;
        this.right = right;
        this.outDir = outDir.toString();
        this.reachArcsec = reachArcsec;
    }

    /** {@code OUT/parts/Norder=k/Dir=d/Npix=p.parquet}: the output of a left partition (HATS's file name). */
    static Path partFile(Path outDir, Pixel p) {
        return outDir.resolve("parts").resolve(p.path() + ".parquet");
    }

    /** {@code OUT/leftovers/Norder=k/Dir=d/Npix=p.parquet}: its rows for the second pass. */
    static Path leftoverFile(Path outDir, Pixel p) {
        return outDir.resolve("leftovers").resolve(p.path() + ".parquet");
    }

    @Override
    public TaskStat call(Task task) {
        long t0 = System.nanoTime();
        CrossMatcher m = spec.matcher();
        MatchMode mode = spec.mode();
        Table l = PartitionTables.read(left.requireFiles(task.left()));
        long[] hp = l.longColumn(PartitionedCatalog.HEALPIX_29).asLongArray();
        boolean[] covered = new boolean[hp.length];
        Table out = null, leftovers = null;
        long nRight = 0;
        double readS = (System.nanoTime() - t0) / 1e9, matchS = 0;
        for (Pixel rp : task.rights()) {
            long r0 = System.nanoTime();
            Table r = PartitionTables.union(PartitionTables.read(right.requireFiles(rp), spec.rightColumns()),
                    PartitionTables.read(right.marginFiles(rp), spec.rightColumns()));
            nRight += r.rowCount();
            BitmapBackedSelection mine = new BitmapBackedSelection();
            for (int i = 0; i < hp.length; i++) {
                if (rp.order() <= task.left().order() || rp.contains(hp[i])) {
                    mine.add(i);
                    covered[i] = true;
                }
            }
            long r1 = System.nanoTime();
            readS += (r1 - r0) / 1e9;
            if (mine.isEmpty()) {
                continue;
            }
            Table sub = l.where(mine);
            Table matched = PartitionTables.match(m, mode, sub, r);
            if (mode != MatchMode.ALL) {
                // beyond the reach a nearer right row may lie outside the margin: the second pass decides
                String sep = mode == MatchMode.NEAREST ? "sep_arcsec" : "nearest_sep_arcsec";
                Selection far = matched.doubleColumn(sep).isGreaterThan(reachArcsec);
                if (!far.isEmpty()) {
                    Table farRows = sub.where(Selection.with(rowsOf(sub, matched, far)));
                    leftovers = leftovers == null ? farRows : leftovers.append(farRows);
                    matched = matched.dropWhere(far);
                }
            }
            out = out == null ? matched : out.append(matched);
            matchS += (System.nanoTime() - r1) / 1e9;
        }
        BitmapBackedSelection uncovered = new BitmapBackedSelection();
        for (int i = 0; i < covered.length; i++) {
            if (!covered[i]) {
                uncovered.add(i);
            }
        }
        if (!uncovered.isEmpty()) {
            Table rest = l.where(uncovered);
            leftovers = leftovers == null ? rest : leftovers.append(rest);
        }
        Path dir = Path.of(outDir);
        PartitionTables.write(out, partFile(dir, task.left()));
        PartitionTables.write(leftovers, leftoverFile(dir, task.left()));
        failOnceIfAsked(task);
        return new TaskStat(task.left(), task.rights().size(), l.rowCount(), nRight, out == null ? 0 : out.rowCount(),
                leftovers == null ? 0 : leftovers.rowCount(), readS, matchS);
    }

    /**
     * The rows of {@code sub} that the rows {@code sel} of {@code matched} came from: NEAREST keeps every left row in
     * order; ORPHANS keeps a subset in order, found by {@code _row}.
     */
    private static int[] rowsOf(Table sub, Table matched, Selection sel) {
        long[] subRows = sub.longColumn(PartitionedCatalog.ROW).asLongArray();
        long[] outRows = matched.longColumn(PartitionedCatalog.ROW).asLongArray();
        int[] sel2 = sel.toArray();
        int[] idx = new int[sel2.length];
        for (int k = 0; k < sel2.length; k++) {
            idx[k] = java.util.Arrays.binarySearch(subRows, outRows[sel2[k]]);
        }
        return idx;
    }

    /** The tests' injected failure: after the output is written, so the retry also shows that rewriting is harmless. */
    private void failOnceIfAsked(Task task) {
        if (spec.failOnce() == null) {
            return;
        }
        try {
            if (Files.deleteIfExists(Path.of(spec.failOnce()))) {
                throw new IllegalStateException("injected failure in the task of left partition " + task.left().path());
            }
        } catch (IOException e) {
            throw new TasniException(spec.failOnce() + ": cannot delete the failure flag (" + e.getMessage() + ").", e);
        }
    }
}
