package org.tasni.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.tasni.TasniException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code partition}: a catalogue (Parquet files or directories) into a HEALPix-partitioned catalogue. */
@Command(name = "partition", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Partition a catalogue by HEALPix pixel (HATS-like layout, with margins), once for many matches.")
final class PartitionCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, split = ",", paramLabel = "PATH", description = "Parquet files or directories of them")
    List<Path> in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the partitioned catalogue's directory")
    Path out;

    @Option(names = "--max-rows", defaultValue = "1000000", paramLabel = "N", description = "rows per partition at most, where a pixel can be split (default: ${DEFAULT-VALUE})")
    long maxRows;

    @Option(names = "--margin", defaultValue = "70", paramLabel = "ARCSEC",
            description = "margin width: at least R plus the largest proper-motion move of a match (default: ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--columns", split = ",", paramLabel = "RA,DEC", description = "position columns (default: ra,dec)")
    String[] columns;

    @Mixin
    MasterOption master;

    @Override
    public Integer call() {
        if (columns != null && columns.length != 2) {
            throw new TasniException("--columns takes two names: RA,DEC (got " + columns.length + ").");
        }
        SparkSession spark = master.session();
        HealpixPartitioner hp = HealpixPartitioner.of(spark).maxRows(maxRows).marginArcsec(margin);
        if (columns != null) {
            hp = hp.columns(columns[0], columns[1]);
        }
        long t0 = System.nanoTime();
        PartitionedCatalog c = hp.partition(in, out);
        System.out.printf("%s: %,d rows in %d partitions (orders %s), margin %s arcsec, %,d rows without a position left"
                + " out (%.1f s)%n", c.root(), c.rows(), c.partitions().size(),
                c.partitions().stream().map(p -> String.valueOf(p.order())).distinct().toList(), c.marginArcsec(),
                c.droppedTotal(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
