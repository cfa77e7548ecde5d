package org.tasni.spark;

import java.io.Serializable;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.PositionColumns;
import org.tasni.crossmatch.ProperMotionColumns;

/**
 * A {@link CrossMatcher}'s settings in a form Spark can ship to executors, which rebuild the matcher from it: the
 * radius, the propagation gap and the columns (the result depends on nothing else; each task runs on one thread,
 * as Spark runs tasks side by side).
 *
 * @param gapYears toEpoch − fromEpoch of the right catalogue's propagation, or NaN for none
 * @param failOnce a file whose presence makes the first task that finds it fail once after writing its output (it
 *                 deletes the file first): how the tests check that a retried task leaves the result unchanged; null
 *                 in normal use
 */
record MatchSpec(MatchMode mode, double radiusArcsec, double gapYears, String[] leftNames, String[] rightNames,
        String[] pmNames, String failOnce) implements Serializable {

    static MatchSpec of(MatchMode mode, CrossMatcher m) {
        // the column records are not Serializable: their names travel as arrays
        return new MatchSpec(mode, m.radiusArcsec(), m.isPropagating() ? m.epochGapYears() : Double.NaN,
                m.leftColumnNames().names().toArray(String[]::new), m.rightColumnNames().names().toArray(String[]::new),
                m.properMotionColumnNames().names().toArray(String[]::new), null);
    }

    MatchSpec failingOnce(String flagFile) {
        return new MatchSpec(mode, radiusArcsec, gapYears, leftNames, rightNames, pmNames, flagFile);
    }

    PositionColumns left() {
        return new PositionColumns(leftNames[0], leftNames[1], leftNames[2]);
    }

    PositionColumns right() {
        return new PositionColumns(rightNames[0], rightNames[1], rightNames[2]);
    }

    ProperMotionColumns pm() {
        return new ProperMotionColumns(pmNames[0], pmNames[1]);
    }

    /** The matcher, on one CPU thread: the toolkit's own kernel, as the CPU backend runs it. */
    CrossMatcher matcher() {
        CrossMatcher m = CrossMatcher.radius(radiusArcsec).threads(1).leftColumns(leftNames[0], leftNames[1], leftNames[2])
                .rightColumns(rightNames[0], rightNames[1], rightNames[2]).properMotionColumns(pmNames[0], pmNames[1]);
        return Double.isNaN(gapYears) ? m : m.propagate(0, gapYears);
    }

    /** The largest move of a right row by propagation, arcsec, for a catalogue whose fastest row moves {@code maxPm} mas/yr. */
    double maxMotionArcsec(double maxPmMasYr) {
        return Double.isNaN(gapYears) ? 0 : maxPmMasYr / 1000 * Math.abs(gapYears);
    }

    /** The right columns a match reads: position, id, {@code _row}, and the proper motions when propagating. */
    String[] rightColumns() {
        return Double.isNaN(gapYears) ? new String[] {rightNames[0], rightNames[1], rightNames[2], PartitionedCatalog.ROW}
                : new String[] {rightNames[0], rightNames[1], rightNames[2], pmNames[0], pmNames[1], PartitionedCatalog.ROW};
    }
}
