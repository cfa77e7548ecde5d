package org.tasni.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.function.Function;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The second pass, one task per right partition: for the few leftover left rows (see {@link PartitionMatch}), the
 * partition's rows that could be their answer (each leftover's nearest in this partition; in ALL mode, every row
 * within R), written to {@code OUT/candidates/}. The driver then matches the leftovers against the union of the
 * candidates with the toolkit's matcher: the global nearest is among them, ties fall to the lower {@code _row}.
 */
final class LeftoverSearch implements Function<Pixel, Long>, Serializable {

    private final MatchSpec spec;
    private final PartitionedCatalog right;
    private final String outDir;
    private final double[] ra, dec;
    private final long[] rows;

    LeftoverSearch(MatchSpec spec, PartitionedCatalog right, Path outDir, double[] ra, double[] dec, long[] rows) {
        this.spec = spec;
        this.right = right;
        this.outDir = outDir.toString();
        this.ra = ra;
        this.dec = dec;
        this.rows = rows;
    }

    /** {@code OUT/candidates/Norder=k/Dir=d/Npix=p.parquet}. */
    static Path candidateFile(Path outDir, Pixel p) {
        return outDir.resolve("candidates").resolve(p.path() + ".parquet");
    }

    @Override
    public Long call(Pixel rp) {
        Table r = PartitionTables.read(right.files(rp), spec.rightColumns());
        CrossMatcher m = spec.matcher();
        CrossMatcher byRow = m.leftColumns(m.leftColumnNames().ra(), m.leftColumnNames().dec(), PartitionedCatalog.ROW)
                .rightColumns(m.rightColumnNames().ra(), m.rightColumnNames().dec(), PartitionedCatalog.ROW);
        Table lo = Table.create("leftovers", DoubleColumn.create(m.leftColumnNames().ra(), ra),
                DoubleColumn.create(m.leftColumnNames().dec(), dec), LongColumn.create(PartitionedCatalog.ROW, rows));
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
        Table c = r.where(keep);
        PartitionTables.write(c, candidateFile(Path.of(outDir), rp));
        return (long) c.rowCount();
    }
}
