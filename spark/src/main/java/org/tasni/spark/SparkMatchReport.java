package org.tasni.spark;

import java.util.List;
import org.tasni.crossmatch.MatchMode;

/**
 * What a {@link SparkCrossMatch} run did: partitions and tasks, rows in and out, the leftovers of the second pass,
 * and time, with each task's figures for throughput.
 *
 * @param leftovers   left rows matched in the second pass (no right partition over them, or nearest beyond reach)
 * @param candidates  right rows the second pass gathered for them
 * @param reachArcsec the separation up to which a partition's own match is exact (margin − largest propagation move)
 * @param seconds     wall time of the whole match (both passes), on the driver
 * @param cpuSeconds  CPU time of the driver's JVM during the match: in local mode, every task's (and Spark's own); unlike
 *                    wall time, not inflated by other work on a shared machine
 */
public record SparkMatchReport(MatchMode mode, double radiusArcsec, int leftPartitions, int rightPartitions, long nLeft,
        long nOut, long leftovers, long candidates, double reachArcsec, double seconds, double cpuSeconds,
        List<TaskStat> tasks) {

    public SparkMatchReport {
        tasks = List.copyOf(tasks);
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
                + " %,d leftovers (%,d candidates), reach %.1f″, %.2f s, %,.0f rows/task-s, %,.0f rows/cpu-s]", mode.label(),
                radiusArcsec, leftPartitions, rightPartitions, nLeft, nOut, leftovers, candidates, reachArcsec, seconds,
                rowsPerTaskSecond(), rowsPerCpuSecond());
    }
}
