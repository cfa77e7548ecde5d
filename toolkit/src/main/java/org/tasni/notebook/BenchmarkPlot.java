package org.tasni.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.HorizontalBarPlot;
import tech.tablesaw.plotly.components.Figure;

/** A benchmark table ({@code benchmark crossmatch} or {@code benchmark variability}) as a bar chart of one measure. */
public final class BenchmarkPlot {

    private BenchmarkPlot() {}

    /**
     * One bar per tool that ran.
     *
     * @param benchmark the table a benchmark returns, one row per tool
     * @param measure   {@code "seconds"} (lower is better) or {@code "per_second"} (higher is better)
     * @return a Plotly horizontal bar chart; tools with no figure (not installed) are left out
     */
    public static Figure create(Table benchmark, String measure) {
        Table ran = benchmark.where(benchmark.doubleColumn(measure).isNotMissing());
        return HorizontalBarPlot.create(benchmark.name() + ": " + measure.replace('_', ' '), ran, "tool", measure);
    }
}
