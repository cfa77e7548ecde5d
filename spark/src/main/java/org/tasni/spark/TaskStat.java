package org.tasni.spark;

import java.io.Serializable;

/**
 * What one task of {@link SparkCrossMatch} did: its left partition, the right partitions (and margins) it read, rows
 * in and out, the left rows handed to the second pass, and its time.
 *
 * @param left      the left partition
 * @param rights    right partitions matched against it
 * @param nLeft     its left rows
 * @param nRight    right rows read (own rows plus margin rows of those partitions)
 * @param nOut      output rows written
 * @param leftovers left rows left to the second pass (no right partition over them, or nearest beyond the margin)
 * @param readSeconds  time reading Parquet
 * @param matchSeconds time in the matcher (index, search, output table)
 */
public record TaskStat(Pixel left, int rights, long nLeft, long nRight, long nOut, long leftovers, double readSeconds,
        double matchSeconds) implements Serializable {

    /** Wall time of the task's read and match. */
    public double seconds() {
        return readSeconds + matchSeconds;
    }
}
