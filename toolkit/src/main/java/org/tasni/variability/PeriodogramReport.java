package org.tasni.variability;

import java.util.Map;
import java.util.TreeMap;
import org.tasni.io.DropCounts;
import org.tasni.io.TableReport;

/**
 * What one {@link Periodogram#run} did.
 *
 * @param preset         the configuration's name
 * @param rows           input rows (exposures), dropped ones included
 * @param sources        sources (output rows)
 * @param dropped        exposures left out, by reason (missing id, non-finite or out-of-span mjd, duplicate)
 * @param notSelected    kept exposures of sources not asked for (a run on some designations): rows = dropped + these
 *                       + the analysed sources' exposures
 * @param unusableW1     W1 measurements of the analysed sources' exposures left out of the W1 points, by reason
 *                       (non-finite magnitude, magnitude out of range, bad error); the exposure's W2 is still used.
 *                       The same counts as {@link VariabilityReport#unusableW1()}
 * @param unusableW2     the same for W2
 * @param noPeriod       bands without a period, by band and reason ("w1_one visit" → 3), as the note columns say
 * @param periodicBands  bands with a FAP below the threshold
 * @param consistent     sources with consistent_period
 * @param computeSeconds grouping and periodograms, in process, excluding file I/O
 */
public record PeriodogramReport(String preset, int rows, int sources, DropCounts dropped, long notSelected,
        DropCounts unusableW1,
        DropCounts unusableW2, Map<String, Long> noPeriod, long periodicBands, long consistent, double computeSeconds)
        implements TableReport {

    public PeriodogramReport {
        noPeriod = Map.copyOf(noPeriod);
    }

    @Override
    public String toString() {
        StringBuilder np = new StringBuilder();
        new TreeMap<>(noPeriod).forEach((k, v) -> np.append(np.length() > 0 ? ", " : "").append(v).append(' ')
                .append(k.replaceFirst("_", ": ")));
        return String.format("PeriodogramReport[%s: %,d sources from %,d exposures (dropped: %s; %sunusable W1: %s; "
                + "unusable W2: %s), %,d periodic bands, %,d consistent; no period: %s; compute %.3f s]", preset, sources,
                rows, dropped, notSelected == 0 ? "" : String.format("exposures of sources not selected: %,d; ", notSelected),
                unusableW1, unusableW2, periodicBands, consistent, np.length() == 0 ? "none" : np, computeSeconds);
    }
}
