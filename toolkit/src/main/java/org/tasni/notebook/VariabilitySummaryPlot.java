package org.tasni.notebook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tasni.variability.Band;
import org.tasni.variability.VariabilityFlag;
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
        String w1 = Band.W1.suffix();
        String trend = stats.containsColumn("trend" + w1 + "_mag_yr") ? "trend" + w1 + "_mag_yr" : "trend" + w1;
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<VariabilityFlag, String> c : COLOURS.entrySet()) {
            Table t = c.getKey().in(stats);
            if (t.rowCount() == 0) {
                continue;
            }
            traces.add(ScatterTrace.builder(t.numberColumn(trend).asDoubleArray(), t.numberColumn("chi2" + w1).asDoubleArray())
                    .mode(ScatterTrace.Mode.MARKERS).name(c.getKey() + " (" + t.rowCount() + ")")
                    .text(t.stringColumn("designation").asObjectArray())
                    .marker(Marker.builder().size(7).color(c.getValue()).build()).build());
        }
        Layout layout = Layout.builder("W1 trend against reduced χ²", "trend (mag/yr)", "reduced χ²").height(450)
                .yAxis(Axis.builder().title("reduced χ² (W1)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /** One colour per flag, in the order the legend lists them (the enum's). */
    private static final Map<VariabilityFlag, String> COLOURS = new EnumMap<>(Map.of(VariabilityFlag.FADING, "#d62728",
            VariabilityFlag.BRIGHTENING, "#2ca02c", VariabilityFlag.VARIABLE, "#ff7f0e", VariabilityFlag.STABLE, "#1f77b4",
            VariabilityFlag.NORMAL, "#7f7f7f", VariabilityFlag.INSUFFICIENT_DATA, "#c7c7c7"));
}
