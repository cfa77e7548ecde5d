package org.tasni.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.sky.Healpix;
import org.tasni.sky.TileMargin;
import scala.Tuple2;
import tech.tablesaw.api.Table;

/**
 * Partitions a catalogue once, for any number of matches: Parquet by HEALPix pixel, adaptive so that a partition
 * holds at most about {@code maxRows} rows, plus a margin of duplicated neighbour rows (see {@link PartitionedCatalog}
 * for the layout).
 *
 * <pre>{@code
 * var gaia = HealpixPartitioner.of(spark).maxRows(1_000_000).marginArcsec(60).partition(List.of(gaiaDir), Path.of("gaia-hats"));
 * }</pre>
 *
 * <p>The margin must hold every right row that can come within R of a partition after propagation, so a match needs
 * {@code margin ≥ R + (largest proper motion) × (epoch gap)}; the largest believable proper motion of the catalogue
 * is measured here and recorded, and {@link SparkCrossMatch} checks the inequality. Rows with no usable position
 * (NaN, infinite, out of range) cannot be placed in a pixel: they are left out and counted ({@code dropped}).
 *
 * <p>Configuration is immutable; each setter returns a copy.
 */
public final class HealpixPartitioner {

    /** HATS's default: about a million rows per partition. */
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    /** Wide enough for R = 3″ plus Barnard's star (10.4″/yr) over the 5.5 years between AllWISE and Gaia DR3. */
    public static final double DEFAULT_MARGIN_ARCSEC = 70;

    /**
     * The widest margin, arcsec (1°): a row joins a partition's margin by its pixel at the finest order whose pixels are
     * 4 margins wide, so a wider margin copies whole 7° pixels, and soon a large part of the sky, into every margin.
     */
    public static final double MAX_MARGIN_ARCSEC = 3600;

    private final SparkSession spark;
    private final long maxRows;
    private final double marginArcsec;
    private final String ra, dec, pmra, pmdec;

    private HealpixPartitioner(SparkSession spark, long maxRows, double marginArcsec, String ra, String dec, String pmra,
            String pmdec) {
        this.spark = spark;
        this.maxRows = maxRows;
        this.marginArcsec = marginArcsec;
        this.ra = ra;
        this.dec = dec;
        this.pmra = pmra;
        this.pmdec = pmdec;
    }

    /** A partitioner with {@link #DEFAULT_MAX_ROWS}, {@link #DEFAULT_MARGIN_ARCSEC}, columns ra, dec, pmra, pmdec. */
    public static HealpixPartitioner of(SparkSession spark) {
        return new HealpixPartitioner(spark, DEFAULT_MAX_ROWS, DEFAULT_MARGIN_ARCSEC, "ra", "dec", "pmra", "pmdec");
    }

    /** A copy that splits a pixel holding more than {@code n} rows (tests use small partitions). */
    public HealpixPartitioner maxRows(long n) {
        if (n < 1) {
            throw new TasniException("max rows per partition must be >= 1 (got " + n + ").");
        }
        return new HealpixPartitioner(spark, n, marginArcsec, ra, dec, pmra, pmdec);
    }

    /** A copy with a margin of {@code arcsec} (at least R plus the largest proper-motion displacement of a match). */
    public HealpixPartitioner marginArcsec(double arcsec) {
        if (!(arcsec > 0 && arcsec <= MAX_MARGIN_ARCSEC)) {
            throw new TasniException("margin must be in (0, " + (long) MAX_MARGIN_ARCSEC + "] arcsec (got " + arcsec + ").");
        }
        return new HealpixPartitioner(spark, maxRows, arcsec, ra, dec, pmra, pmdec);
    }

    /** A copy that reads positions from these columns (degrees). */
    public HealpixPartitioner columns(String raColumn, String decColumn) {
        return new HealpixPartitioner(spark, maxRows, marginArcsec, raColumn, decColumn, pmra, pmdec);
    }

    /** A copy that measures the largest proper motion from these columns (mas/yr) when the input has them. */
    public HealpixPartitioner properMotionColumns(String pmraColumn, String pmdecColumn) {
        return new HealpixPartitioner(spark, maxRows, marginArcsec, ra, dec, pmraColumn, pmdecColumn);
    }

    /**
     * Partitions the Parquet files {@code inputs} (directories stand for the {@code *.parquet} files in them; rows are
     * numbered in {@code _row} in this order, files in name order within a directory) into {@code root}.
     *
     * @throws TasniException for no input rows, or an input without the position columns
     */
    public PartitionedCatalog partition(List<Path> inputs, Path root) {
        List<Path> files = expand(inputs);
        Path out = OutputPaths.resolved(root); // as the system opens it: link/.. is not the link's directory
        for (Path f : files) {
            if (OutputPaths.sameFile(out, f)) {
                throw new TasniException(root + ": this output directory is the input " + f + "; refusing to overwrite an"
                        + " input. Give the partitioned catalogue a directory of its own.");
            }
        }
        OutputPaths.requireDirectory(out);
        // both are written with Spark's overwrite, which deletes them first
        MatchInputs.refuseReplacing(out.resolve("dataset"), files);
        MatchInputs.refuseReplacing(out.resolve("margin"), files);
        MatchInputs.requireSameColumns(files);
        Dataset<Row> df = null;
        for (Path f : files) {
            Dataset<Row> one = spark.read().parquet(f.toAbsolutePath().toString());
            if (df != null) {
                requireSameColumns(files.get(0), df.schema(), f, one.schema());
            }
            // union keeps each input's Spark partitions in order, so zipWithIndex numbers rows in file order
            df = df == null ? one : df.unionByName(one);
        }
        StructType schema = df.schema();
        for (String own : List.of(PartitionedCatalog.ROW, PartitionedCatalog.HEALPIX_29)) {
            if (Arrays.asList(schema.fieldNames()).contains(own)) {
                throw new TasniException(files.get(0) + ": already has a column '" + own + "', which the partitioner adds;"
                        + " is it a partitioned catalogue already? Give its directory to crossmatch as it is.");
            }
        }
        int raIdx = fieldIndex(schema, ra, files), decIdx = fieldIndex(schema, dec, files);
        // all files have one schema by now: the first names the columns' types for all of them
        Table first = MatchInputs.schema(files.get(0), files.get(0).toString());
        MatchInputs.requireNumber(first, ra, "degrees");
        MatchInputs.requireNumber(first, dec, "degrees");
        int n = schema.length();
        JavaRDD<Row> numbered = df.javaRDD().zipWithIndex().mapPartitions(new Numbering(n, raIdx, decIdx));
        StructType withIds = schema.add(PartitionedCatalog.ROW, DataTypes.LongType, false)
                .add(PartitionedCatalog.HEALPIX_29, DataTypes.LongType, false);
        Dataset<Row> all = spark.createDataFrame(numbered, withIds).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return write(all, out, files);
        } finally {
            all.unpersist();
        }
    }

    private PartitionedCatalog write(Dataset<Row> all, Path root, List<Path> files) {
        Dataset<Row> valid = all.filter(col(PartitionedCatalog.HEALPIX_29).geq(0));
        int histogramOrder = Math.min(TileMargin.fineOrder(marginArcsec), 12);
        // one job counts everything: rows per pixel at the histogram's order, and the rows without a position (their
        // negative code, one per DropReason: see Numbering)
        List<Row> hist = all.select(org.apache.spark.sql.functions.when(col(PartitionedCatalog.HEALPIX_29).geq(0),
                        pixelAt(histogramOrder)).otherwise(col(PartitionedCatalog.HEALPIX_29)).as("p"))
                .groupBy("p").count().orderBy("p").collectAsList();
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        int first = 0;
        while (first < hist.size() && hist.get(first).getLong(0) < 0) {
            dropped.put(dropReason(hist.get(first).getLong(0)), hist.get(first).getLong(1));
            first++;
        }
        long[] pix = new long[hist.size() - first], counts = new long[hist.size() - first];
        long rows = 0;
        for (int i = 0; i < pix.length; i++) {
            pix[i] = hist.get(i + first).getLong(0);
            counts[i] = hist.get(i + first).getLong(1);
            rows += counts[i];
        }
        if (rows == 0) {
            throw new TasniException(files.get(0) + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "")
                    + ": no row with a usable position in columns '" + ra + "'/'" + dec + "' ("
                    + dropped.values().stream().mapToLong(Long::longValue).sum() + " rows).");
        }
        List<Pixel> parts = AdaptivePartitions.of(histogramOrder, pix, counts, maxRows);
        PartitionLookup lookup = new PartitionLookup(parts, marginArcsec);
        UserDefinedFunction own = udf((Long h) -> lookup.partitionOf(h), DataTypes.LongType);
        UserDefinedFunction margins = udf((Long h) -> Arrays.stream(lookup.marginsOf(h)).boxed().toList(),
                DataTypes.createArrayType(DataTypes.LongType));
        writeDataset(valid.withColumn("_key", own.apply(col(PartitionedCatalog.HEALPIX_29))), root.resolve("dataset"));
        writeDataset(valid.withColumn("_key", explode(margins.apply(col(PartitionedCatalog.HEALPIX_29)))),
                root.resolve("margin").resolve("dataset"));
        PartitionedCatalog cat = new PartitionedCatalog(root.toString(), ra, dec, marginArcsec, maxProperMotion(valid), rows,
                dropped, parts);
        cat.writeMetadata(histogramOrder, maxRows);
        return cat;
    }

    /** The {@code _healpix_29} of a row left out for {@code why}: negative, so that no pixel has it. */
    private static long dropCode(DropReason why) {
        return -1L - why.ordinal();
    }

    private static DropReason dropReason(long code) {
        return DropReason.values()[(int) (-1 - code)];
    }

    /** The column of each row's pixel at {@code order}, from its {@code _healpix_29}. */
    private static org.apache.spark.sql.Column pixelAt(int order) {
        return org.apache.spark.sql.functions.shiftright(col(PartitionedCatalog.HEALPIX_29), 2 * (29 - order));
    }

    /** One Parquet file per partition directory, rows in {@code _row} order, HATS's directory names. */
    private static void writeDataset(Dataset<Row> withKey, Path dir) {
        org.apache.spark.sql.Column key = col("_key");
        // the key is PartitionLookup's: the order in the top 8 bits, the pixel below
        withKey.withColumn("Norder", org.apache.spark.sql.functions.shiftrightunsigned(key, 56).cast(DataTypes.IntegerType))
                .withColumn("Npix", key.bitwiseAND(lit((1L << 56) - 1)))
                .withColumn("Dir", col("Npix").divide(10_000).cast(DataTypes.LongType).multiply(10_000))
                .drop("_key")
                .repartition(col("Norder"), col("Npix"))
                .sortWithinPartitions(PartitionedCatalog.ROW)
                .write().mode("overwrite").partitionBy("Norder", "Dir", "Npix").parquet(dir.toString());
    }

    /** The largest believable total proper motion (mas/yr), 0 when the input has no proper motions. */
    private double maxProperMotion(Dataset<Row> valid) {
        List<String> names = Arrays.asList(valid.columns());
        if (pmra == null || !names.contains(pmra) || !names.contains(pmdec)) {
            return 0;
        }
        org.apache.spark.sql.Column pm = org.apache.spark.sql.functions.hypot(col(pmra), col(pmdec));
        Row r = valid.select(org.apache.spark.sql.functions.max(
                org.apache.spark.sql.functions.when(pm.leq(CrossMatcher.MAX_PROPER_MOTION_MAS_YR), pm))).first();
        return r.isNullAt(0) ? 0 : ((Number) r.get(0)).doubleValue();
    }

    private static double number(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    /**
     * {@link MatchInputs#requireSameColumns} in Spark's types, which the union compares: two Parquet types that read
     * alike elsewhere (an int64 and a timestamp) must not be widened either.
     */
    private static void requireSameColumns(Path firstFile, StructType first, Path f, StructType one) {
        if (!Arrays.equals(first.fieldNames(), one.fieldNames())) {
            throw MatchInputs.notSameColumns(f, "its columns (" + String.join(", ", one.fieldNames())
                    + ") are not those of " + firstFile + " (" + String.join(", ", first.fieldNames()) + ")");
        }
        for (int i = 0; i < first.length(); i++) {
            DataType a = first.fields()[i].dataType(), b = one.fields()[i].dataType();
            if (!a.equals(b)) {
                throw MatchInputs.notSameColumns(f, "column '" + one.fields()[i].name() + "' is " + b.simpleString()
                        + " here but " + a.simpleString() + " in " + firstFile);
            }
        }
    }

    private static int fieldIndex(StructType schema, String name, List<Path> files) {
        for (int i = 0; i < schema.length(); i++) {
            if (schema.fields()[i].name().equals(name)) {
                return i;
            }
        }
        throw new TasniException(files.get(0) + ": no column '" + name + "' (columns: " + String.join(", ", schema.fieldNames())
                + "). Name the position columns with --left-columns/--right-columns (Java: columns(ra, dec)).");
    }

    /** The input files in order: a directory stands for its {@code *.parquet} files, by name. */
    static List<Path> expand(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    out.addAll(s.filter(f -> f.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(f))
                            .sorted().toList());
                } catch (IOException e) {
                    throw new TasniException(p + ": cannot list (" + e.getMessage() + ").", e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new TasniException(p + ": no such file or directory.");
            }
        }
        if (out.isEmpty()) {
            throw new TasniException(inputs + ": no Parquet files to partition.");
        }
        return out;
    }

    /** Appends {@code _row} (the index zipWithIndex gave) and {@code _healpix_29} (for no usable position, {@link #dropCode}). */
    private record Numbering(int n, int raIdx, int decIdx)
            implements FlatMapFunction<Iterator<Tuple2<Row, Long>>, Row> {

        @Override
        public Iterator<Row> call(Iterator<Tuple2<Row, Long>> it) {
            Healpix h29 = Healpix.order(29);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    Tuple2<Row, Long> t = it.next();
                    Row r = t._1();
                    Object[] v = new Object[n + 2];
                    for (int i = 0; i < n; i++) {
                        v[i] = r.get(i);
                    }
                    double a = number(r, raIdx), d = number(r, decIdx);
                    v[n] = t._2();
                    DropReason why = DropReason.ofPosition(a, d);
                    v[n + 1] = why == null ? h29.ang2pix(a, d) : dropCode(why);
                    return RowFactory.create(v);
                }
            };
        }
    }
}
