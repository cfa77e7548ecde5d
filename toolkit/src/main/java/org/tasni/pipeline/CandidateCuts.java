package org.tasni.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * The cuts that turn orphans into thermal-orphan candidates: the reference pipeline's photometric quality cuts, then
 * the thermal colour. Each is applied in turn and counted, so the funnel shows what every cut removed.
 *
 * <p>A NaN S/N, a missing or short {@code ph_qual}/{@code cc_flags}, or a NaN magnitude fails its cut: such a source
 * has no measurement to trust, and it is counted at that cut, not lost.
 *
 * @param minW1Snr   keep {@code w1snr} ≥ this
 * @param minW2Snr   keep {@code w2snr} ≥ this
 * @param phQual     letters of {@code ph_qual} kept in W1 and W2 (characters 1 and 2), e.g. "AB"; any case, each one of
 *                   {@link #PH_QUAL_CODES}
 * @param ccFlags    characters of {@code cc_flags} kept in W1 and W2 (characters 1 and 2), e.g. "0" (no artefact)
 * @param minW1W2    keep W1−W2 ≥ this, mag: the thermal colour of cold brown dwarfs and dust (reference: 0.5)
 */
public record CandidateCuts(double minW1Snr, double minW2Snr, String phQual, String ccFlags, double minW1W2) {

    /** The colour column added to the candidates, W1−W2 in mag. */
    public static final String COLOUR = "w1_w2";

    public CandidateCuts {
        if (Double.isNaN(minW1Snr) || Double.isNaN(minW2Snr) || Double.isNaN(minW1W2)) {
            throw new TasniException("candidate cuts: thresholds must be numbers (got w1snr " + minW1Snr + ", w2snr "
                    + minW2Snr + ", w1-w2 " + minW1W2 + ").");
        }
        if (phQual == null || phQual.isEmpty() || ccFlags == null || ccFlags.isEmpty()) {
            throw new TasniException("candidate cuts: ph_qual and cc_flags need at least one accepted character.");
        }
        // AllWISE writes the codes in upper case: "ab" had matched no source and given 0 candidates without a word
        phQual = phQual.toUpperCase(Locale.ROOT);
        for (char ch : phQual.toCharArray()) {
            if (PH_QUAL_CODES.indexOf(ch) < 0) {
                throw new TasniException("candidate cuts: '" + ch + "' of ph_qual (--ph-qual) \"" + phQual + "\" is not "
                        + "a photometric quality code; give letters of " + String.join(", ", PH_QUAL_CODES.split(""))
                        + " (any case), e.g. AB.");
            }
        }
    }

    /**
     * AllWISE's {@code ph_qual} letters, one per band: A, B, C (S/N ≥ 10, 3, 2), U (upper limit), X (no measurement
     * possible), Z (no flux uncertainty).
     */
    public static final String PH_QUAL_CODES = "ABCUXZ";

    /** The reference pipeline's cuts: S/N ≥ 5, ph_qual A or B, cc_flags 0 in W1 and W2, W1−W2 ≥ 0.5. */
    public static CandidateCuts reference() {
        return new CandidateCuts(5, 5, "AB", "0", 0.5);
    }

    public CandidateCuts withMinW1Snr(double v) {
        return new CandidateCuts(v, minW2Snr, phQual, ccFlags, minW1W2);
    }

    public CandidateCuts withMinW2Snr(double v) {
        return new CandidateCuts(minW1Snr, v, phQual, ccFlags, minW1W2);
    }

    public CandidateCuts withPhQual(String letters) {
        return new CandidateCuts(minW1Snr, minW2Snr, letters, ccFlags, minW1W2);
    }

    public CandidateCuts withCcFlags(String characters) {
        return new CandidateCuts(minW1Snr, minW2Snr, phQual, characters, minW1W2);
    }

    public CandidateCuts withMinW1W2(double mag) {
        return new CandidateCuts(minW1Snr, minW2Snr, phQual, ccFlags, mag);
    }

    /**
     * The candidates and the count after each cut.
     *
     * @param candidates the rows of the input that pass every cut, in input order, with {@link #COLOUR} added
     * @param steps      one step per cut, in order, each with the rows remaining after it
     */
    public record Result(Table candidates, List<FunnelStep> steps) {}

    /**
     * Applies the cuts to {@code orphans} (AllWISE columns {@code w1snr, w2snr, ph_qual, cc_flags, w1mpro, w2mpro}).
     *
     * @throws TasniException naming the table and the column when one is missing
     */
    public Result apply(Table orphans) {
        int n = orphans.rowCount();
        double[] snr1 = Columns.doubles(orphans, "w1snr"), snr2 = Columns.doubles(orphans, "w2snr");
        double[] w1 = Columns.doubles(orphans, "w1mpro"), w2 = Columns.doubles(orphans, "w2mpro");
        StringColumn ph = Columns.strings(orphans, "ph_qual"), cc = Columns.strings(orphans, "cc_flags");
        Selection keep = new BitmapBackedSelection();
        keep.addRange(0, n);
        List<FunnelStep> steps = new ArrayList<>();
        steps.add(cut(keep, "w1snr >= " + fmt(minW1Snr), i -> snr1[i] >= minW1Snr));
        steps.add(cut(keep, "w2snr >= " + fmt(minW2Snr), i -> snr2[i] >= minW2Snr));
        steps.add(cut(keep, "ph_qual W1 in " + phQual, i -> charIn(ph.get(i), 0, phQual)));
        steps.add(cut(keep, "ph_qual W2 in " + phQual, i -> charIn(ph.get(i), 1, phQual)));
        steps.add(cut(keep, "cc_flags W1 in " + ccFlags, i -> charIn(cc.get(i), 0, ccFlags)));
        steps.add(cut(keep, "cc_flags W2 in " + ccFlags, i -> charIn(cc.get(i), 1, ccFlags)));
        steps.add(cut(keep, "W1-W2 >= " + fmt(minW1W2) + " (thermal)", i -> w1[i] - w2[i] >= minW1W2));
        Table out = orphans.where(keep);
        double[] colour = new double[out.rowCount()];
        int k = 0;
        for (int i : keep) {
            colour[k++] = w1[i] - w2[i];
        }
        out.addColumns(DoubleColumn.create(COLOUR, colour));
        return new Result(out.setName("candidates"), List.copyOf(steps));
    }

    private static FunnelStep cut(Selection keep, String label, java.util.function.IntPredicate pass) {
        Selection failed = new BitmapBackedSelection();
        for (int i : keep) {
            if (!pass.test(i)) {
                failed.add(i);
            }
        }
        keep.andNot(failed);
        return new FunnelStep(label, keep.size());
    }

    /** Whether character {@code at} of {@code s} (AllWISE: one per band, W1 first) is one of {@code accepted}. */
    private static boolean charIn(String s, int at, String accepted) {
        return s != null && s.length() > at && accepted.indexOf(s.charAt(at)) >= 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
