package org.tasni.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.function.Function;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The second pass, one task per right partition, in rounds: for the leftover left rows (see {@link PartitionMatch})
 * within {@code searchArcsec} of the partition (its centre within that, its largest pixel radius and the largest
 * propagation move), the partition's rows that could be their answer (each leftover's nearest in this partition; in
 * ALL mode, every row within R), written to {@code OUT/candidates/round-N/}. A leftover whose nearest candidate is
 * within {@code searchArcsec} has its answer among the candidates (every right row that near was searched); the
 * others go to the next round with a search 4 times wider, up to the whole sky. So a leftover looks at the partitions
 * near it, not at every partition of the catalogue.
 */
final class LeftoverSearch implements Function<Pixel, Long>, Serializable {

    private final MatchSpec spec;
    private final PartitionedCatalog right;
    private final String outDir;
    private final int round;
    private final double searchDeg;
    private final double[] ra, dec;
    private final long[] rows;

    /**
     * @param searchArcsec how far from a leftover this round looks
     * @param moveArcsec   the largest propagation move of a right row
     */
    LeftoverSearch(MatchSpec spec, PartitionedCatalog right, Path outDir, int round, double searchArcsec, double moveArcsec,
            double[] ra, double[] dec, long[] rows) {
        this.spec = spec;
        this.right = right;
        this.outDir = outDir.toString();
        this.round = round;
        this.searchDeg = (searchArcsec + moveArcsec) / 3600;
        this.ra = ra;
        this.dec = dec;
        this.rows = rows;
    }

    /** {@code OUT/candidates/round-N/Norder=k/Dir=d/Npix=p.parquet}. */
    static Path candidateFile(Path outDir, int round, Pixel p) {
        return outDir.resolve("candidates").resolve("round-" + round).resolve(p.path() + ".parquet");
    }

    @Override
    public Long call(Pixel rp) {
        Healpix h = Healpix.order(rp.order());
        double[] c = h.pix2ang(rp.pixel());
        double reach = h.maxPixRadDeg() + searchDeg;
        BitmapBackedSelection near = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (SkyMath.separationDeg(ra[i], dec[i], c[0], c[1]) <= reach) {
                near.add(i);
            }
        }
        if (near.isEmpty()) {
            return 0L;
        }
        Table r = PartitionTables.read(right.requireFiles(rp), spec.rightColumns());
        CrossMatcher m = spec.matcher();
        CrossMatcher byRow = m.leftColumns(m.leftColumnNames().ra(), m.leftColumnNames().dec(), PartitionedCatalog.ROW)
                .rightColumns(m.rightColumnNames().ra(), m.rightColumnNames().dec(), PartitionedCatalog.ROW);
        Table lo = Table.create("leftovers", DoubleColumn.create(m.leftColumnNames().ra(), ra),
                DoubleColumn.create(m.leftColumnNames().dec(), dec), LongColumn.create(PartitionedCatalog.ROW, rows))
                .where(near);
        long[] wanted = spec.mode() == MatchMode.ALL ? byRow.all(lo, r).longColumn("right_id").asLongArray()
                : byRow.nearest(lo, r).longColumn("match_id").asLongArray();
        Arrays.sort(wanted);
        long[] have = r.longColumn(PartitionedCatalog.ROW).asLongArray();
        BitmapBackedSelection keep = new BitmapBackedSelection();
        for (int i = 0; i < have.length; i++) {
            if (Arrays.binarySearch(wanted, have[i]) >= 0) {
                keep.add(i);
            }
        }
        Table cand = r.where(keep);
        PartitionTables.write(cand, candidateFile(Path.of(outDir), round, rp));
        return (long) cand.rowCount();
    }
}
