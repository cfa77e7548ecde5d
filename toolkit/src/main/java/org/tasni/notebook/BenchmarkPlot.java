package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;

/** A benchmark table ({@code benchmark crossmatch} or {@code benchmark variability}) as a bar chart of one measure. */
public final class BenchmarkPlot {

    private static final List<String> MEASURES = List.of("seconds", "per_second");

    private BenchmarkPlot() {}

    /**
     * One bar per tool that ran.
     *
     * @param benchmark the table a benchmark returns, one row per tool ({@code tool} and the measure's column)
     * @param measure   {@code "seconds"} (lower is better) or {@code "per_second"} (higher is better)
     * @return a Plotly horizontal bar chart, its x axis titled with the measure; tools with no figure (not installed)
     *         are left out, and the title counts them
     * @throws TasniException if the measure is neither, or the table lacks the tool column or the measure's (naming it)
     */
    public static Figure create(Table benchmark, String measure) {
        Arguments.notNull(benchmark, "BenchmarkPlot.create: benchmark");
        if (!MEASURES.contains(measure)) {
            throw new TasniException("BenchmarkPlot: the measure must be one of " + MEASURES + " (got '" + measure + "').");
        }
        Column<?> tool = Columns.require(benchmark, "tool");
        double[] value = Columns.doubles(benchmark, measure);
        List<String> tools = new ArrayList<>();
        List<Double> ran = new ArrayList<>();
        for (int i = 0; i < value.length; i++) {
            if (Double.isFinite(value[i])) {
                tools.add(Html.cell(tool, i));
                ran.add(value[i]);
            }
        }
        String unit = measure.replace('_', ' ');
        String title = Columns.label(benchmark) + ": " + unit + (ran.size() == value.length ? ""
                : " (" + ran.size() + " of " + value.length + " tools; " + (value.length - ran.size()) + " did not run)");
        BarTrace bars = BarTrace.builder(StringColumn.create("tool", tools), DoubleColumn.create(measure, ran))
                .orientation(BarTrace.Orientation.HORIZONTAL).build();
        Layout layout = Layout.builder(title).height(Math.max(250, 60 + 40 * ran.size()))
                .xAxis(Axis.builder().title(unit).build()).yAxis(Axis.builder().title("tool").build()).build();
        return new Figure(layout, bars);
    }
}
