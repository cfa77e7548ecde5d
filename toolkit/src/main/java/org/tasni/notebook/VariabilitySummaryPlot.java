package org.tasni.notebook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.variability.Band;
import org.tasni.variability.VariabilityFlag;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Every source of a variability table: W1 trend (mag/yr, positive = fading) against reduced χ² (log axis), one
 * colour per flag. Works on the standard preset's columns and on the legacy ones.
 */
public final class VariabilitySummaryPlot {

    private VariabilitySummaryPlot() {}

    /**
     * One point per source of {@code VariabilityAnalyzer}'s table.
     *
     * @param stats the variability table, of any preset, keyed by designation or by another id ({@code cntr})
     * @return a Plotly figure: trend (mag/yr) against reduced χ² (log axis), a trace per flag, whose legend counts the
     *         sources drawn and those that cannot be (no trend or χ², or χ² ≤ 0 on the log axis)
     */
    public static Figure create(Table stats) {
        TasniException.requireGiven(stats, "VariabilitySummaryPlot.create: stats");
        String w1 = Band.W1.suffix();
        String trend = stats.containsColumn("trend" + w1 + "_mag_yr") ? "trend" + w1 + "_mag_yr" : "trend" + w1;
        // the analyzer's id column comes first, named as its input's (designation, or cntr with idColumn("cntr"))
        String id = stats.containsColumn("designation") ? "designation" : stats.column(0).name();
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<VariabilityFlag, String> c : COLOURS.entrySet()) {
            Table t = c.getKey().in(stats);
            if (t.rowCount() == 0) {
                continue;
            }
            double[] x = Columns.doubles(t, trend), y = Columns.doubles(t, "chi2" + w1);
            int noValue = 0, notPositive = 0;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    noValue++;
                } else if (y[i] <= 0) {
                    notPositive++;
                }
            }
            String name = Legend.of(c.getKey().name(), x.length - noValue - notPositive, x.length,
                    Legend.left(noValue, "without a trend or χ²"), Legend.left(notPositive, "with χ² ≤ 0, off the log axis"));
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(name).text(hover(t, id))
                    .marker(Marker.builder().size(7).color(c.getValue()).build()).build());
        }
        Layout layout = Layout.builder("W1 trend against reduced χ²", "trend (mag/yr)", "reduced χ²").height(450)
                .yAxis(Axis.builder().title("reduced χ² (W1)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /** Each source's id as exact text (a 64-bit cntr keeps every digit), escaped: Plotly reads hover text as HTML. */
    private static String[] hover(Table t, String id) {
        Column<?> c = Columns.require(t, id);
        String[] s = new String[t.rowCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Html.escape(Html.cell(c, i));
        }
        return s;
    }

    /** One colour per flag, in the order the legend lists them (the enum's). */
    private static final Map<VariabilityFlag, String> COLOURS = new EnumMap<>(Map.of(VariabilityFlag.FADING, "#d62728",
            VariabilityFlag.BRIGHTENING, "#2ca02c", VariabilityFlag.VARIABLE, "#ff7f0e", VariabilityFlag.STABLE, "#1f77b4",
            VariabilityFlag.NORMAL, "#7f7f7f", VariabilityFlag.INSUFFICIENT_DATA, "#c7c7c7"));
}
