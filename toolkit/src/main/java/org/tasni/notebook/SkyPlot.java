package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;
import org.tasni.io.Columns;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A sky map in the Aitoff projection (RA increasing to the left, as on the sky), with a graticule every 30°/30°.
 * Tablesaw has no geo traces, so the projection is computed here:
 * x = 2 cos δ sin(λ/2) / sinc(α), y = sin δ / sinc(α), α = acos(cos δ cos(λ/2)), λ = RA − 180°.
 *
 * <pre>{@code
 * SkyPlot.create("AllWISE orphans", orphans)            // one catalogue
 * SkyPlot.create("Orphans over all sources", wise, orphans)
 * }</pre>
 */
public final class SkyPlot {

    private SkyPlot() {}

    public static Figure create(String title, Table sources) {
        return create(title, null, sources);
    }

    /** All sources in grey, highlighted ones in red; either may be null. */
    public static Figure create(String title, Table all, Table highlighted) {
        List<Trace> traces = new ArrayList<>(graticule());
        if (all != null) {
            traces.add(points(all, "all (" + all.rowCount() + ")", "#bbbbbb", 3));
        }
        if (highlighted != null) {
            traces.add(points(highlighted, highlighted.name() + " (" + highlighted.rowCount() + ")", "#d62728", 4));
        }
        Axis hidden = Axis.builder().visible(false).build();
        Layout layout = Layout.builder(title).height(520).xAxis(hidden).yAxis(hidden).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    private static Trace points(Table t, String name, String color, double size) {
        double[] ra = Columns.doubles(t, "ra"), dec = Columns.doubles(t, "dec");
        double[] x = new double[ra.length], y = new double[ra.length];
        for (int i = 0; i < ra.length; i++) {
            double[] p = aitoff(ra[i], dec[i]);
            x[i] = p[0];
            y[i] = p[1];
        }
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(name)
                .marker(Marker.builder().size(size).color(color).build()).build();
    }

    /** Aitoff (x, y) in radians-scaled units, RA increasing to the left, centred on RA 180°. */
    static double[] aitoff(double raDeg, double decDeg) {
        double lambda = Math.toRadians(180 - raDeg), phi = Math.toRadians(decDeg);
        double alpha = Math.acos(Math.cos(phi) * Math.cos(lambda / 2));
        double sinc = alpha == 0 ? 1 : Math.sin(alpha) / alpha;
        return new double[] {2 * Math.cos(phi) * Math.sin(lambda / 2) / sinc, Math.sin(phi) / sinc};
    }

    private static List<Trace> graticule() {
        List<Trace> lines = new ArrayList<>();
        Line grid = Line.builder().color("#e0e0e0").width(1).build();
        for (int dec = -60; dec <= 60; dec += 30) {
            double[] x = new double[181], y = new double[181];
            for (int k = 0; k <= 180; k++) {
                double[] p = aitoff(k * 2 == 360 ? 359.999 : k * 2, dec);
                x[k] = p[0];
                y[k] = p[1];
            }
            lines.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).line(grid).showLegend(false).build());
        }
        for (int ra = 0; ra <= 360; ra += 30) {
            double[] x = new double[181], y = new double[181];
            for (int k = 0; k <= 180; k++) {
                double[] p = aitoff(ra == 360 ? 359.999 : ra, k - 90);
                x[k] = p[0];
                y[k] = p[1];
            }
            lines.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).line(grid).showLegend(false).build());
        }
        return lines;
    }
}
