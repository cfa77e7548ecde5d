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
     * One bar per row that ran, labelled with its tool and, where the table has one, what it measured: a tool has
     * several rows (warm and first, a process and the match inside it), and bars of one label would lie on top of each
     * other, the longer hiding the shorter.
     *
     * @param benchmark the table a benchmark returns, one row per tool and measurement ({@code tool}, optionally
     *                  {@code what}, and the measure's column)
     * @param measure   {@code "seconds"} (lower is better) or {@code "per_second"} (higher is better)
     * @return a Plotly horizontal bar chart, its x axis titled with the measure; tools with no figure (not installed)
     *         are left out, and the title counts them
     * @throws TasniException if the measure is neither, or the table lacks the tool column or the measure's (naming it)
     */
    public static Figure create(Table benchmark, String measure) {
        TasniException.requireGiven(benchmark, "BenchmarkPlot.create: benchmark");
        if (!MEASURES.contains(measure)) {
            throw new TasniException("BenchmarkPlot: the measure must be one of " + MEASURES + " (got '" + measure + "').");
        }
        Column<?> tool = Columns.require(benchmark, "tool");
        Column<?> what = benchmark.containsColumn("what") ? benchmark.column("what") : null;
        double[] value = Columns.doubles(benchmark, measure);
        List<String> labels = new ArrayList<>();
        List<Double> ran = new ArrayList<>();
        for (int i = 0; i < value.length; i++) {
            if (Double.isFinite(value[i])) {
                // Plotly reads a category label as HTML: the names are text
                labels.add(Html.escape(Html.cell(tool, i) + (what == null ? "" : " — " + Html.cell(what, i))));
                ran.add(value[i]);
            }
        }
        String unit = measure.replace('_', ' ');
        String title = Columns.label(benchmark) + ": " + unit + (ran.size() == value.length ? ""
                : " (" + ran.size() + " of " + value.length + " rows; " + (value.length - ran.size()) + " did not run)");
        BarTrace bars = BarTrace.builder(StringColumn.create("tool", labels), DoubleColumn.create(measure, ran))
                .orientation(BarTrace.Orientation.HORIZONTAL).build();
        Layout layout = Layout.builder(title).height(Math.max(250, 60 + 40 * ran.size()))
                .xAxis(Axis.builder().title(unit).build()).yAxis(Axis.builder().title("tool").build()).build();
        return new Figure(layout, bars);
    }
}
