package org.tasni.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.pipeline.CrossmatchEngine;
import org.tasni.pipeline.Engine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The pipeline's crossmatch phase on Spark ({@code run --engine spark}), found by the toolkit through
 * {@link java.util.ServiceLoader}: the WISE and Gaia tiles are partitioned into the engine's work directory, matched
 * by {@link SparkCrossMatch}, and the orphans written in tile order, as {@code crossmatch-tiles} merges them.
 *
 * <p>The session is the running one, or a new one on the {@code spark.master} system property (as
 * {@code spark-submit} sets it; {@code local[*]} without it). Differences from the tiled match: the margin files of
 * the download ({@code tiles/margin/}) are not read (a missing neighbour is reported, as there), and
 * {@code nearest_sep_arcsec} is exact however far, where the tiled match's is an upper bound beyond its 60″ margin.
 */
public final class SparkEngine implements CrossmatchEngine {

    @Override
    public Engine engine() {
        return Engine.SPARK;
    }

    @Override
    public Result orphans(Path tilesDir, CrossMatcher matcher, Path workDir, Path orphansFile) {
        TreeMap<Long, Path> wise = TileLayout.list(tilesDir, TileLayout.WISE), gaia = TileLayout.list(tilesDir, TileLayout.GAIA);
        if (wise.isEmpty() || gaia.isEmpty()) {
            throw new TasniException(tilesDir + ": no " + (wise.isEmpty() ? "wise" : "gaia") + "_hpNNNNN.parquet tiles found.");
        }
        SparkSession spark = Sessions.local(System.getProperty("spark.master", "local[*]"));
        double margin = marginFor(matcher);
        HealpixPartitioner hp = HealpixPartitioner.of(spark).marginArcsec(margin);
        PartitionedCatalog w = hp.columns(matcher.leftColumnNames().ra(), matcher.leftColumnNames().dec())
                .partition(List.copyOf(wise.values()), workDir.resolve("wise"));
        PartitionedCatalog g = hp.columns(matcher.rightColumnNames().ra(), matcher.rightColumnNames().dec())
                .properMotionColumns(matcher.properMotionColumnNames().pmra(), matcher.properMotionColumnNames().pmdec())
                .partition(List.copyOf(gaia.values()), workDir.resolve("gaia"));
        Path out = workDir.resolve("match");
        SparkMatchReport rep = SparkCrossMatch.of(spark, matcher).run(MatchMode.ORPHANS, w, g, out);
        Table orphans = SparkCrossMatch.read(out);
        if (orphans == null) {
            orphans = TableIO.read(wise.firstEntry().getValue()).emptyCopy();
            orphans.addColumns(DoubleColumn.create("nearest_sep_arcsec"));
        }
        TableIO.write(orphans.setName("orphans"), orphansFile);
        Map<Long, Long> perTile = new TreeMap<>();
        double[] ra = orphans.numberColumn(matcher.leftColumnNames().ra()).asDoubleArray();
        double[] dec = orphans.numberColumn(matcher.leftColumnNames().dec()).asDoubleArray();
        for (int i = 0; i < ra.length; i++) {
            perTile.merge(TileLayout.TILING.ang2pix(ra[i], dec[i]), 1L, Long::sum);
        }
        List<TileCount> tiles = new ArrayList<>();
        for (var e : wise.entrySet()) {
            tiles.add(new TileCount(e.getKey(), ParquetIO.rowCount(e.getValue()), perTile.getOrDefault(e.getKey(), 0L)));
        }
        return new Result(tiles, List.of(rep.toString()));
    }

    /**
     * A margin wide enough for any believable proper motion over the match's epoch gap: R plus
     * {@link CrossMatcher#MAX_PROPER_MOTION_MAS_YR} over the gap, and at least the partitioner's default.
     */
    static double marginFor(CrossMatcher m) {
        double move = CrossMatcher.MAX_PROPER_MOTION_MAS_YR / 1000 * Math.abs(m.epochGapYears());
        double margin = Math.max(HealpixPartitioner.DEFAULT_MARGIN_ARCSEC, Math.ceil(m.radiusArcsec() + move + 1));
        if (margin > HealpixPartitioner.MAX_MARGIN_ARCSEC) {
            throw new TasniException(String.format(Locale.ROOT, "a radius of %s arcsec%s needs partitions with a margin of"
                    + " %.0f arcsec, and the Spark partitioner's margins are at most %.0f arcsec (1°: wider ones would copy"
                    + " a large part of the sky into every partition's margin), so Spark matches radii up to %.0f arcsec%s."
                    + " Use the toolkit's crossmatch for a larger radius.", fmt(m.radiusArcsec()), move > 0
                            ? String.format(Locale.ROOT, " plus the largest believable proper-motion move (%.0f arcsec: %.0f"
                                    + " mas/yr over %s years)", move, CrossMatcher.MAX_PROPER_MOTION_MAS_YR,
                                    fmt(Math.abs(m.epochGapYears()))) : "", margin,
                    HealpixPartitioner.MAX_MARGIN_ARCSEC, Math.floor(HealpixPartitioner.MAX_MARGIN_ARCSEC - move - 1),
                    move > 0 ? " at this epoch gap" : ""));
        }
        return margin;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
