package org.tasni.cli;

import org.tasni.TasniException;
import org.tasni.crossmatch.Backend;
import org.tasni.crossmatch.CrossMatcher;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The crossmatch options shared by {@code crossmatch}, {@code crossmatch-tiles} and the Spark module's
 * {@code crossmatch}, as a picocli {@code @Mixin}.
 */
public final class MatchOptions {

    @Option(names = "--radius", defaultValue = "3", paramLabel = "ARCSEC", description = "match radius in arcsec (default: ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--backend", defaultValue = "CPU", paramLabel = "BACKEND",
            description = "${COMPLETION-CANDIDATES}, any case: gpu is an error without a CUDA driver; auto runs on the GPU "
                    + "if present, else on the CPU (default: ${DEFAULT-VALUE})")
    Backend backend;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--left-epoch", paramLabel = "YEAR", description = "epoch of the left positions, e.g. 2010.5 for AllWISE")
    Double leftEpoch;

    @Option(names = "--right-epoch", paramLabel = "YEAR",
            description = "epoch of the right positions, e.g. 2016.0 for Gaia DR3; with --left-epoch, the right side is moved by pmra/pmdec")
    Double rightEpoch;

    @Option(names = "--right-columns", split = ",", paramLabel = "RA,DEC,ID", description = "right ra, dec and id columns (default: ra,dec,source_id)")
    String[] rightColumns;

    @Option(names = "--left-columns", split = ",", paramLabel = "RA,DEC,ID",
            description = "left ra, dec and id columns (default: ra,dec and source_id, else designation, else cntr)")
    String[] leftColumns;

    /**
     * The matcher these options describe.
     *
     * @throws TasniException for a bad radius, one epoch without the other, or a column list not of three names
     */
    public CrossMatcher matcher() {
        CrossMatcher xm = CrossMatcher.radius(radius).backend(backend);
        if (threads.orNull() != null) {
            xm = xm.threads(threads.orNull());
        }
        if ((leftEpoch == null) != (rightEpoch == null)) {
            throw new TasniException("give both --left-epoch and --right-epoch to propagate proper motions, or neither.");
        }
        if (leftEpoch != null) {
            xm = xm.propagate(rightEpoch, leftEpoch);
        }
        if (rightColumns != null) {
            if (rightColumns.length != 3) {
                throw new TasniException("--right-columns takes three names: RA,DEC,ID (got " + rightColumns.length + ").");
            }
            xm = xm.rightColumns(rightColumns[0], rightColumns[1], rightColumns[2]);
        }
        if (leftColumns != null) {
            if (leftColumns.length != 3) {
                throw new TasniException("--left-columns takes three names: RA,DEC,ID (got " + leftColumns.length + ").");
            }
            xm = xm.leftColumns(leftColumns[0], leftColumns[1], leftColumns[2]);
        }
        return xm;
    }
}
