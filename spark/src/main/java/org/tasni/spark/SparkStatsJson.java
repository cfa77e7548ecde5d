package org.tasni.spark;

import org.tasni.cli.StatsJson;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.io.DropReason;

/**
 * The {@code --stats-json} file of {@code tasni-spark crossmatch}: the toolkit's {@link StatsJson} with the counts of
 * the toolkit's {@code crossmatch} under its keys ({@code n_left}, {@code n_right_dropped}, {@code n_dropped_…}, …), so
 * that one reader reads both. Timings: {@code partition_s} (partitioning here, 0 for partitioned inputs),
 * {@code match_s} (both passes) and {@code write_s} (the merge); the CPU's in-process phases ({@code read_left_s},
 * {@code index_s}, …) have no counterpart in a distributed match and are not written.
 */
final class SparkStatsJson {

    private SparkStatsJson() {}

    static StatsJson of(SparkMatchReport rep, CrossMatcher xm, int threads, double partitionS, double writeS) {
        return new StatsJson().put("partition_s", StatsJson.seconds(partitionS))
                .put("match_s", StatsJson.seconds(rep.seconds())).put("write_s", StatsJson.seconds(writeS))
                .put("n_left", rep.nLeft() + SparkMatchReport.total(rep.leftDropped()))
                .put("n_right", rep.nRight() + SparkMatchReport.total(rep.rightDropped()) - pmAndIdDrops(rep))
                .put("n_out", rep.nOut())
                .put("n_left_nan", rep.leftDropped().getOrDefault(DropReason.NONFINITE_POSITION, 0L))
                .put("n_right_nan", rep.rightDropped().getOrDefault(DropReason.NONFINITE_POSITION, 0L))
                .put("n_left_dropped", SparkMatchReport.total(rep.leftDropped()))
                .put("n_right_dropped", SparkMatchReport.total(rep.rightDropped()))
                .put("n_right_unmoved", rep.rightUnmoved()).put("mode", rep.mode().label())
                .put("radius_arcsec", rep.radiusArcsec()).put("propagation", xm.propagation()).put("backend", "SPARK")
                .put("threads", threads).put("note", "").putDrops(rep.dropped());
    }

    /**
     * Right rows the tasks' matcher left out: they were partitioned, so they are in {@code nRight} already, where the
     * position drops are not.
     */
    private static long pmAndIdDrops(SparkMatchReport rep) {
        return SparkMatchReport.total(rep.rightDropped())
                - rep.rightDropped().getOrDefault(DropReason.NONFINITE_POSITION, 0L)
                - rep.rightDropped().getOrDefault(DropReason.POSITION_OUT_OF_RANGE, 0L);
    }
}
