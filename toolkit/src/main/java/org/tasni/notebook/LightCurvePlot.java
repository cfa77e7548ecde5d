package org.tasni.notebook;

import java.util.ArrayList;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.variability.Band;
import org.tasni.variability.LightCurve;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A NEOWISE light curve: W1 and W2 exposures, their per-visit flux means, and the weighted trend line of each band,
 * magnitudes increasing downward (fainter is lower).
 *
 * <pre>{@code LightCurvePlot.create(epochs, "J143046.35-025927.8")}</pre>
 */
public final class LightCurvePlot {

    private LightCurvePlot() {}

    /**
     * The light curve of one source.
     *
     * @param epochs      an epoch table ({@code designation}, {@code mjd}, {@code w1mpro_ep}, {@code w1sigmpro_ep}, …,
     *                    or the IRSA names), as {@code NeowiseEpochs} writes it
     * @param designation the source, as in the table's designation column
     * @return a Plotly figure, magnitudes increasing downward
     * @throws org.tasni.TasniException if the table has no epochs of that source or lacks a column (naming it)
     */
    public static Figure create(Table epochs, String designation) {
        return create(epochs, designation, VariabilityConfig.Cuts.none());
    }

    /**
     * The light curve of one source without the exposures that fail a preset's quality cuts, as its statistics see it:
     * the trend line is then the one the variability table reports. Each band's legend counts its exposures drawn of
     * the source's rows, and why the others are not (mjd not usable, repeated mjd, no usable magnitude or σ, cut by
     * quality); a band with none drawn keeps its entry.
     *
     * @throws org.tasni.TasniException if no exposure of the source can be drawn in either band (with the counts)
     *
     * <pre>{@code LightCurvePlot.create(epochs, "J143046.35-025927.8", VariabilityConfig.standard().cuts())}</pre>
     */
    public static Figure create(Table epochs, String designation, VariabilityConfig.Cuts cuts) {
        TasniException.requireGiven(epochs, "LightCurvePlot.create: epochs");
        TasniException.requireGiven(designation, "LightCurvePlot.create: designation");
        TasniException.requireGiven(cuts, "LightCurvePlot.create: cuts");
        LightCurve lc = LightCurve.of(epochs, designation, cuts);
        LightCurve all = cuts.equals(VariabilityConfig.Cuts.none()) ? lc : LightCurve.of(epochs, designation);
        SourceRows rows = SourceRows.of(epochs, designation);
        rows.requirePoints(all, lc);
        List<Trace> traces = new ArrayList<>();
        for (Band b : Band.values()) {
            LightCurve.Points band = lc.points(b);
            String name = b.label(), color = b.colour();
            // a band with nothing to draw keeps its legend entry, so the counts say why it is missing
            traces.add(ScatterTrace.builder(Legend.keptInLegend(band.mjd()), Legend.keptInLegend(band.mag()))
                    .mode(ScatterTrace.Mode.MARKERS)
                    .name(rows.legend(name + " exposures", b, all, lc))
                    .marker(Marker.builder().size(4).color(color).opacity(0.35).build()).text(hover(band)).build());
            if (band.size() == 0) {
                continue;
            }
            LightCurve.Points v = band.visits(50);
            traces.add(ScatterTrace.builder(v.mjd(), v.mag()).mode(ScatterTrace.Mode.MARKERS).name(name + " visit means")
                    .marker(Marker.builder().size(9).color(color).build()).text(hover(v)).build());
            LightCurve.Trend tr = band.trend();
            if (!Double.isNaN(tr.slopeMagYr())) {
                double t0 = band.mjd()[0], t1 = band.mjd()[band.size() - 1];
                traces.add(ScatterTrace.builder(new double[] {t0, t1}, new double[] {tr.interceptMag(), tr.magAt(t1, t0)})
                        .mode(ScatterTrace.Mode.LINE)
                        .name(String.format("%s trend %+.4f ± %.4f mag/yr", name, tr.slopeMagYr(), tr.slopeErr()))
                        .line(Line.builder().color(color).width(2).build()).build());
            }
        }
        Layout layout = Layout.builder(designation, "MJD", "magnitude").height(450)
                .yAxis(Axis.builder().title("magnitude").autoRange(Axis.AutoRange.REVERSED).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    private static String[] hover(LightCurve.Points b) {
        String[] s = new String[b.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = String.format("%.3f ± %.3f mag", b.mag()[i], b.err()[i]);
        }
        return s;
    }
}
