package org.tasni.pipeline.report;

import static org.tasni.pipeline.report.Markup.*;

import org.tasni.io.TileLayout.DataFile;
import org.tasni.notebook.ColorMagnitudePlot;
import org.tasni.notebook.SkyPlot;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.Table;

/** Where the candidates are: the sky map and the colour–magnitude diagram, orphans in grey, candidates highlighted. */
final class SkySections {

    /**
     * Above this many orphans the grey background shows every k-th one: a Plotly figure carries each point in the
     * page, and a full-sky run has millions. The candidates are always all drawn.
     */
    static final int MAX_BACKGROUND = 20_000;

    private SkySections() {}

    /** The sky map (Aitoff): orphans grey, candidates red, FADING ones starred. */
    static String sky(ReportInputs in, Figures figures) {
        Table hl = highlighted(in);
        if (in.orphans == null && hl == null) {
            return section("sky", "Sky map", missing(in.problem(DataFile.ORPHANS.fileName()))
                    + missing(in.problem(DataFile.CANDIDATES.fileName())));
        }
        StringBuilder sb = new StringBuilder();
        Table all = background(in, sb);
        Table fading = null;
        if (in.ranked != null && in.ranked.containsColumn(VariabilityFlag.COLUMN)) {
            fading = VariabilityFlag.FADING.in(in.ranked).setName("FADING");
        }
        sb.append(p("Grey: orphans (no Gaia source within the radius); red: candidates (orphans passing the cuts); "
                + "black stars: candidates flagged FADING. RA increases to the left. First their field, then where it "
                + "lies on the whole sky (Aitoff)."));
        sb.append(figures.add(SkyPlot.region("The field: orphans and candidates", all, hl, fading)));
        sb.append(figures.add(SkyPlot.create("On the whole sky", all, hl, fading)));
        return section("sky", "Sky map", sb.toString());
    }

    /** The colour–magnitude diagram: W1 against W1 − W2, orphans grey, candidates red, the thermal cut marked. */
    static String colourMagnitude(ReportInputs in, Figures figures) {
        Table hl = highlighted(in);
        if (in.orphans == null && hl == null) {
            return section("cmd", "Colour–magnitude diagram", missing(in.problem(DataFile.ORPHANS.fileName())));
        }
        StringBuilder sb = new StringBuilder();
        Table all = background(in, sb);
        sb.append(figures.add(ColorMagnitudePlot.create("W1 against W1 − W2", all, hl)));
        return section("cmd", "Colour–magnitude diagram", sb.toString());
    }

    /** The candidates to highlight: candidates.parquet, else the ranking (it has the same positions), else none. */
    private static Table highlighted(ReportInputs in) {
        Table t = in.candidates != null ? in.candidates : in.ranked;
        return t == null ? null : t.copy().setName("candidates");
    }

    /** The orphans to draw in grey, thinned past {@link #MAX_BACKGROUND}, and a note in {@code sb} if any. */
    private static Table background(ReportInputs in, StringBuilder sb) {
        if (in.orphans == null) {
            sb.append(missing("No orphans in grey: " + in.problem(DataFile.ORPHANS.fileName())));
            return null;
        }
        int n = in.orphans.rowCount();
        if (n <= MAX_BACKGROUND) {
            return in.orphans;
        }
        int step = (n + MAX_BACKGROUND - 1) / MAX_BACKGROUND;
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> i % step == 0).toArray();
        sb.append(p("Grey shows every " + step + "th of " + count(n) + " orphans (" + count(rows.length)
                + " points), to keep the page light."));
        return in.orphans.rows(rows);
    }
}
