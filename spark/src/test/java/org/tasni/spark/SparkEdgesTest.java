package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.simulate.SkyConfig;
import org.tasni.simulate.SkySimulator;
import org.tasni.sky.Healpix;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Where partitioned matches go wrong: the pole and the RA wrap (a simulated patch of the four nside-32 tiles that meet
 * at the north pole, across RA 0/360), and a partition boundary through a dense cluster.
 */
class SparkEdgesTest {

    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** NESTED nside 32: the last pixel of each of the base faces 0–3 touches the north pole; faces 0 and 3 meet at RA 0. */
    static final long[] POLE_TILES = {1023, 2047, 3071, 4095};

    @Test
    void aPatchOverThePoleAndTheWrapEqualsTheCpuBackend() {
        Path tiles = dir.resolve("pole");
        SkySimulator.of(SkyConfig.defaults().withSeed(11).withDensityScale(0.05).withHighPmFraction(0.01))
                .simulate(POLE_TILES).writeTiles(tiles);
        List<Path> w = files(tiles, TileLayout.WISE), g = files(tiles, TileLayout.GAIA);
        Table wise = TableIO.read(w), gaia = TableIO.read(g);
        double minRa = wise.doubleColumn("ra").min(), maxRa = wise.doubleColumn("ra").max();
        assertTrue(minRa < 1 && maxRa > 359 && wise.doubleColumn("dec").max() > 89.9,
                "the patch covers the wrap and the pole: ra " + minRa + ".." + maxRa);
        HealpixPartitioner hp = HealpixPartitioner.of(spark).marginArcsec(60);
        PartitionedCatalog lw = hp.maxRows(800).partition(w, dir.resolve("pole-wise"));
        PartitionedCatalog rg = hp.maxRows(2000).partition(g, dir.resolve("pole-gaia"));
        CrossMatcher xm = CrossMatcher.radius(3).propagate(2016.0, 2010.5);
        for (MatchMode mode : MatchMode.values()) {
            Path out = dir.resolve("pole-out-" + mode.label());
            SparkMatchReport r = SparkCrossMatch.of(spark, xm).run(mode, lw, rg, out);
            System.out.println(r);
            Tables.assertSameRows(xm.run(mode, wise, gaia), SparkCrossMatch.read(out));
        }
    }

    @Test
    void aPartitionBoundaryThroughADenseClusterLosesNoPair() {
        // a cluster of 600 + 600 sources within 12″ of a corner of an order-12 pixel, where four pixels meet, in a
        // sparse field; with 40 rows per partition the partitions are as deep as they go there
        Healpix h = Healpix.order(12);
        long pix = h.ang2pix(150.3, -30.2);
        double[] corner = h.corners(pix)[0];
        Random rnd = new Random(5);
        Table left = cluster("left", corner, 600, 12, rnd, 1_000_000_000_000L), right = cluster("right", corner, 600, 12,
                rnd, 4_295_000_000_000_000_000L);
        left.append(cluster("left", new double[] {150.3, -30.2}, 3000, 1800, rnd, 2_000_000_000_000L));
        right.append(cluster("right", new double[] {150.3, -30.2}, 3000, 1800, rnd, 4_296_000_000_000_000_000L));
        Path lf = dir.resolve("cluster-left.parquet"), rf = dir.resolve("cluster-right.parquet");
        TableIO.write(left, lf);
        TableIO.write(right, rf);
        HealpixPartitioner hp = HealpixPartitioner.of(spark).marginArcsec(10).maxRows(40);
        PartitionedCatalog l = hp.partition(List.of(lf), dir.resolve("cluster-l")), r = hp.partition(List.of(rf),
                dir.resolve("cluster-r"));
        PartitionLookup lookup = new PartitionLookup(l.partitions(), l.marginArcsec());
        Healpix h29 = Healpix.order(29);
        long cut = java.util.stream.IntStream.range(0, 600)
                .mapToLong(i -> lookup.partitionOf(h29.ang2pix(left.doubleColumn("ra").get(i), left.doubleColumn("dec").get(i))))
                .distinct().count();
        assertTrue(cut >= 3, "the cluster is cut by partition boundaries into " + cut + " partitions");
        CrossMatcher xm = CrossMatcher.radius(3);
        Table cpu = xm.all(left, right);
        assertTrue(cpu.rowCount() > 1000, "a dense cluster: " + cpu.rowCount() + " pairs");
        Path out = dir.resolve("cluster-out");
        System.out.println(SparkCrossMatch.of(spark, xm).run(MatchMode.ALL, l, r, out));
        Tables.assertSameRows(cpu, SparkCrossMatch.read(out));
        Path near = dir.resolve("cluster-near");
        SparkCrossMatch.of(spark, xm).run(MatchMode.NEAREST, l, r, near);
        Tables.assertSameRows(xm.nearest(left, right), SparkCrossMatch.read(near));
    }

    /** {@code n} sources uniformly within {@code radiusArcsec} of {@code centre}, with 19-digit ids from {@code firstId}. */
    private static Table cluster(String name, double[] centre, int n, double radiusArcsec, Random rnd, long firstId) {
        double[] ra = new double[n], dec = new double[n];
        long[] id = new long[n];
        double[] c = SkyMath.toVector(centre[0], centre[1]);
        for (int i = 0; i < n; i++) {
            // a random offset in the tangent plane: small enough that its distortion does not matter
            double r = Math.toRadians(radiusArcsec / 3600) * Math.sqrt(rnd.nextDouble()), t = 2 * Math.PI * rnd.nextDouble();
            double[] e = {-Math.sin(Math.toRadians(centre[0])), Math.cos(Math.toRadians(centre[0])), 0};
            double[] nn = {-Math.sin(Math.toRadians(centre[1])) * Math.cos(Math.toRadians(centre[0])),
                    -Math.sin(Math.toRadians(centre[1])) * Math.sin(Math.toRadians(centre[0])), Math.cos(Math.toRadians(centre[1]))};
            double x = c[0] + r * (Math.cos(t) * e[0] + Math.sin(t) * nn[0]), y = c[1] + r * (Math.cos(t) * e[1] + Math.sin(t) * nn[1]),
                    z = c[2] + r * (Math.cos(t) * e[2] + Math.sin(t) * nn[2]);
            double norm = Math.sqrt(x * x + y * y + z * z);
            ra[i] = SkyMath.ra(x / norm, y / norm);
            dec[i] = SkyMath.dec(x / norm, y / norm, z / norm);
            id[i] = firstId + i;
        }
        return Table.create(name, LongColumn.create("source_id", id), DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec));
    }

    static List<Path> files(Path tiles, String prefix) {
        return List.copyOf(TileLayout.list(tiles, prefix).values());
    }
}
