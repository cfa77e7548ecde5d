package org.tasni.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.HorizontalBarPlot;
import tech.tablesaw.plotly.components.Figure;

/** A benchmark table ({@code benchmark crossmatch} or {@code benchmark variability}) as a bar chart of one measure. */
public final class BenchmarkPlot {

    private BenchmarkPlot() {}

    /** @param measure "seconds" (lower is better) or "per_second" (higher is better) */
    public static Figure create(Table benchmark, String measure) {
        Table ran = benchmark.where(benchmark.doubleColumn(measure).isNotMissing());
        return HorizontalBarPlot.create(benchmark.name() + ": " + measure.replace('_', ' '), ran, "tool", measure);
    }
}
