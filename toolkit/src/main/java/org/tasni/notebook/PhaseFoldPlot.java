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

    /**
     * A WISE W1/W2 exposure integrates 7.7 s: a shorter period averages out within every exposure, so the magnitudes
     * carry no phase and the fold would only scatter noise (and below about 1e-9 d the phase is lost to rounding too).
     */
    static final double SHORTEST_PERIOD_DAYS = 7.7 / 86_400;

    private PhaseFoldPlot() {}

    /**
     * Both bands of one source folded on {@code periodDays}, e.g. the best period of a periodogram row.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param periodDays  the folding period, days
     * @return a Plotly figure: magnitude against phase in [0, 1), fainter downward
     * @throws TasniException if the period is not a finite number of days of at least one exposure's length
     *                        (7.7 s, 8.9e-5 d), or if no exposure of the source can be drawn; each
     *                        band's legend counts its points drawn of the source's rows, and why the others are not
     */
    public static Figure create(Table epochs, String designation, double periodDays) {
        TasniException.requireGiven(epochs, "PhaseFoldPlot.create: epochs");
        TasniException.requireGiven(designation, "PhaseFoldPlot.create: designation");
        if (!(periodDays >= SHORTEST_PERIOD_DAYS && Double.isFinite(periodDays))) {
            throw new TasniException(String.format(
                    "the folding period must be a finite number of days, at least %.3g d (one 7.7 s exposure) (got %s).",
                    SHORTEST_PERIOD_DAYS, periodDays));
        }
        LightCurve lc = LightCurve.of(epochs, designation);
        SourceRows rows = SourceRows.of(epochs, designation);
        rows.requirePoints(lc, lc);
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
            traces[b.ordinal()] = ScatterTrace.builder(Legend.keptInLegend(phase), Legend.keptInLegend(band.mag()))
                    .mode(ScatterTrace.Mode.MARKERS)
                    .name(rows.legend(b.label(), b, lc, lc))
                    .marker(Marker.builder().size(5).color(b.colour()).opacity(0.6).build()).build();
        }
        Layout layout = Layout.builder(String.format(periodDays >= 0.1 ? "%s folded at %.4f d" : "%s folded at %.4g d", designation, periodDays), "phase", "magnitude")
                .height(400).yAxis(Axis.builder().title("magnitude").autoRange(Axis.AutoRange.REVERSED).build()).build();
        return new Figure(layout, traces);
    }
}
