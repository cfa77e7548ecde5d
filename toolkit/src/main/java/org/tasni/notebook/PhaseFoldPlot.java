package org.tasni.notebook;

import org.tasni.TasniException;
import org.tasni.variability.Band;
import org.tasni.variability.LightCurve;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** A light curve folded on a period: phase = ((mjd − first mjd) / P) mod 1, both bands, fainter downward. */
public final class PhaseFoldPlot {

    private PhaseFoldPlot() {}

    /**
     * Both bands of one source folded on {@code periodDays}, e.g. the best period of a periodogram row.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param periodDays  the folding period, days
     * @return a Plotly figure: magnitude against phase in [0, 1), fainter downward
     * @throws TasniException if the period is not a finite number of days &gt; 0
     */
    public static Figure create(Table epochs, String designation, double periodDays) {
        if (!(periodDays > 0)) {
            throw new TasniException("the folding period must be > 0 days (got " + periodDays + ").");
        }
        LightCurve lc = LightCurve.of(epochs, designation);
        ScatterTrace[] traces = new ScatterTrace[Band.values().length];
        double t0 = Math.min(lc.w1().size() > 0 ? lc.w1().mjd()[0] : Double.MAX_VALUE,
                lc.w2().size() > 0 ? lc.w2().mjd()[0] : Double.MAX_VALUE);
        for (Band b : Band.values()) {
            LightCurve.Points band = lc.points(b);
            double[] phase = new double[band.size()];
            for (int i = 0; i < phase.length; i++) {
                double x = (band.mjd()[i] - t0) / periodDays;
                phase[i] = x - Math.floor(x);
            }
            traces[b.ordinal()] = ScatterTrace.builder(phase, band.mag()).mode(ScatterTrace.Mode.MARKERS).name(b.label())
                    .marker(Marker.builder().size(5).color(b.colour()).opacity(0.6).build()).build();
        }
        Layout layout = Layout.builder(String.format("%s folded at %.4f d", designation, periodDays), "phase", "magnitude")
                .height(400).yAxis(Axis.builder().title("magnitude").autoRange(Axis.AutoRange.REVERSED).build()).build();
        return new Figure(layout, traces);
    }
}
