package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.variability.Band;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** The WISE colour–magnitude diagram: W1 (fainter down) against W1 − W2, with the thermal cut W1 − W2 ≥ 0.5 marked. */
public final class ColorMagnitudePlot {

    private ColorMagnitudePlot() {}

    /**
     * One catalogue's colour–magnitude diagram, in red.
     *
     * @param title   the figure's title
     * @param sources a table with {@code w1mpro} and {@code w2mpro} (mag); a row with a NaN magnitude is not drawn, and the
     *                legend counts it
     * @return a Plotly figure, which renders inline in a notebook
     */
    public static Figure create(String title, Table sources) {
        return create(title, null, sources);
    }

    /**
     * All sources in grey and highlighted ones (e.g. the orphans) in red, with the line W1 − W2 = 0.5.
     *
     * @param title       the figure's title
     * @param all         the background sources ({@code w1mpro}, {@code w2mpro} in mag), or null for none
     * @param highlighted the sources to stand out, named in the legend by their table's name, or null for none
     * @return a Plotly figure, W1 increasing downward
     */
    public static Figure create(String title, Table all, Table highlighted) {
        TasniException.requireGiven(title, "ColorMagnitudePlot.create: title");
        List<Trace> traces = new ArrayList<>();
        double lo = 16, hi = 8;
        for (Table t : new Table[] {all, highlighted}) {
            if (t == null) {
                continue;
            }
            double[] w1 = Columns.doubles(t, Band.W1.magnitudeColumn()),
                    w2 = Columns.doubles(t, Band.W2.magnitudeColumn()), c = new double[w1.length];
            int drawn = 0;
            for (int i = 0; i < c.length; i++) {
                c[i] = w1[i] - w2[i];
                drawn += Double.isFinite(c[i]) && Double.isFinite(w1[i]) ? 1 : 0;
                if (Double.isFinite(w1[i])) {
                    lo = Math.max(lo, w1[i]);
                    hi = Math.min(hi, w1[i]);
                }
            }
            boolean hl = t == highlighted;
            traces.add(ScatterTrace.builder(c, w1).mode(ScatterTrace.Mode.MARKERS)
                    .name(Legend.of(hl ? t.name() : "all", drawn, c.length,
                            Legend.left(c.length - drawn, "without a finite W1 and W2")))
                    .marker(Marker.builder().size(hl ? 5 : 3).color(hl ? "#d62728" : "#bbbbbb").opacity(hl ? 0.8 : 0.5).build())
                    .build());
        }
        traces.add(ScatterTrace.builder(new double[] {0.5, 0.5}, new double[] {hi, lo}).mode(ScatterTrace.Mode.LINE)
                .name("W1 − W2 = 0.5").build());
        Layout layout = Layout.builder(title, "W1 − W2 (mag)", "W1 (mag)").height(480)
                .yAxis(Axis.builder().title("W1 (mag)").autoRange(Axis.AutoRange.REVERSED).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }
}
