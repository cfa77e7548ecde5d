package org.tasni.spark;

import java.util.List;
import java.util.Map;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;

/**
 * What a {@link SparkCrossMatch} run did: partitions and tasks, rows in and out, the leftovers of the second pass,
 * and time, with each task's figures for throughput.
 *
 * @param nLeft       left rows with a usable position (those partitioned)
 * @param nRight      right rows with a usable position
 * @param leftDropped  left rows left out, by reason (non-zero only): no usable position, at partitioning
 * @param rightDropped right rows left out, by reason: no usable position (at partitioning), and those every task's
 *                     matcher leaves out (an impossible proper motion, a missing id), counted once each
 * @param rightUnmoved right rows matched where they were measured, for a NaN proper motion (0 without propagation)
 * @param leftovers   left rows matched in the second pass (no right partition over them, or nearest beyond reach)
 * @param candidates  right rows the second pass gathered for them
 * @param reachArcsec the separation up to which a partition's own match is exact (margin − largest propagation move)
 * @param seconds     wall time of the whole match (both passes), on the driver
 * @param cpuSeconds  CPU time of the driver's JVM during the match: in local mode, every task's (and Spark's own); unlike
 *                    wall time, not inflated by other work on a shared machine
 */
public record SparkMatchReport(MatchMode mode, double radiusArcsec, int leftPartitions, int rightPartitions, long nLeft,
        long nRight, long nOut, Map<DropReason, Long> leftDropped, Map<DropReason, Long> rightDropped, long rightUnmoved,
        long leftovers, long candidates, double reachArcsec, double seconds, double cpuSeconds,
        List<TaskStat> tasks) {

    public SparkMatchReport {
        tasks = List.copyOf(tasks);
        leftDropped = Map.copyOf(leftDropped);
        rightDropped = Map.copyOf(rightDropped);
    }

    /** Both sides' drops added up, for the stats JSON's {@code n_dropped_…} keys. */
    public DropCounts dropped() {
        DropCounts d = new DropCounts();
        leftDropped.forEach(d::add);
        rightDropped.forEach(d::add);
        return d;
    }

    static long total(Map<DropReason, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String text(Map<DropReason, Long> m) {
        DropCounts d = new DropCounts();
        m.forEach(d::add);
        return d.toString();
    }

    /** Rows (left plus right, margins included) per second of task time, over all tasks: one core's throughput. */
    public double rowsPerTaskSecond() {
        double s = tasks.stream().mapToDouble(TaskStat::seconds).sum();
        long rows = tasks.stream().mapToLong(t -> t.nLeft() + t.nRight()).sum();
        return s > 0 ? rows / s : Double.NaN;
    }

    /**
     * Rows (left plus right, margins included) per CPU-second of the driver's JVM: in local mode, the throughput of
     * one core, robust to a busy machine.
     */
    public double rowsPerCpuSecond() {
        long rows = tasks.stream().mapToLong(t -> t.nLeft() + t.nRight()).sum();
        return cpuSeconds > 0 ? rows / cpuSeconds : Double.NaN;
    }

    @Override
    public String toString() {
        return String.format("SparkMatchReport[mode=%s, radius=%s″, %d left × %d right partitions, %,d left rows → %,d rows;"
                + " dropped left: %s, dropped right: %s, unmovedNoPm=%,d; %,d leftovers (%,d candidates), reach %.1f″,"
                + " %.2f s, %,.0f rows/task-s, %,.0f rows/cpu-s]", mode.label(), radiusArcsec, leftPartitions,
                rightPartitions, nLeft, nOut, text(leftDropped), text(rightDropped), rightUnmoved, leftovers, candidates,
                reachArcsec, seconds, rowsPerTaskSecond(), rowsPerCpuSecond());
    }
}
