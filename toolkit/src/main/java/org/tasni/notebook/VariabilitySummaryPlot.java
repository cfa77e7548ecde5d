package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
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
     * @param stats the variability table, of any preset
     * @return a Plotly figure: trend (mag/yr) against reduced χ² (log axis), a trace per flag
     */
    public static Figure create(Table stats) {
        String trend = stats.containsColumn("trend_w1_mag_yr") ? "trend_w1_mag_yr" : "trend_w1";
        String flag = stats.containsColumn("flag") ? "flag" : "variability_flag";
        List<Trace> traces = new ArrayList<>();
        String[][] colors = {{"FADING", "#d62728"}, {"BRIGHTENING", "#2ca02c"}, {"VARIABLE", "#ff7f0e"},
            {"STABLE", "#1f77b4"}, {"NORMAL", "#7f7f7f"}, {"INSUFFICIENT_DATA", "#c7c7c7"}};
        for (String[] c : colors) {
            Table t = stats.where(stats.stringColumn(flag).isEqualTo(c[0]));
            if (t.rowCount() == 0) {
                continue;
            }
            traces.add(ScatterTrace.builder(t.numberColumn(trend).asDoubleArray(), t.numberColumn("chi2_w1").asDoubleArray())
                    .mode(ScatterTrace.Mode.MARKERS).name(c[0] + " (" + t.rowCount() + ")")
                    .text(t.stringColumn("designation").asObjectArray())
                    .marker(Marker.builder().size(7).color(c[1]).build()).build());
        }
        Layout layout = Layout.builder("W1 trend against reduced χ²", "trend (mag/yr)", "reduced χ²").height(450)
                .yAxis(Axis.builder().title("reduced χ² (W1)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }
}
