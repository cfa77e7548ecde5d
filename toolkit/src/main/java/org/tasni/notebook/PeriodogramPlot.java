package org.tasni.notebook;

import org.tasni.variability.Band;
import org.tasni.variability.Periodogram;
import org.tasni.variability.PeriodogramConfig;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** A Lomb–Scargle periodogram of one band, power against period (log axis), with the 1% false-alarm level. */
public final class PeriodogramPlot {

    private PeriodogramPlot() {}

    /** The standard periodogram of one band ("w1" or "w2") of {@code designation}. */
    public static Figure create(Table epochs, String designation, String band) {
        return create(epochs, designation, Band.of(band), PeriodogramConfig.standard());
    }

    /** The standard periodogram of one band of {@code designation}. */
    public static Figure create(Table epochs, String designation, Band band) {
        return create(epochs, designation, band, PeriodogramConfig.standard());
    }

    /** The periodogram of one band ("w1" or "w2") of {@code designation} with {@code config}. */
    public static Figure create(Table epochs, String designation, String band, PeriodogramConfig config) {
        return create(epochs, designation, Band.of(band), config);
    }

    /** The periodogram of one band of {@code designation} with {@code config}. */
    public static Figure create(Table epochs, String designation, Band band, PeriodogramConfig config) {
        Periodogram p = Periodogram.of(config);
        Table s = p.spectrum(epochs, designation, band);
        double level = p.powerAtFap(epochs, designation, band, config.fapThreshold());
        double[] per = s.doubleColumn("period_days").asDoubleArray();
        double lo = per[per.length - 1], hi = per[0];
        var power = ScatterTrace.builder(per, s.doubleColumn("power").asDoubleArray()).mode(ScatterTrace.Mode.LINE)
                .name(band.label() + " power")
                .line(Line.builder().color(band.colour()).build()).build();
        var fap = ScatterTrace.builder(new double[] {lo, hi}, new double[] {level, level}).mode(ScatterTrace.Mode.LINE)
                .name(String.format("FAP %.0f%%", 100 * config.fapThreshold()))
                .line(Line.builder().color("gray").dash(Line.Dash.DASH).build()).build();
        Layout layout = Layout.builder(designation + " " + band.label() + " periodogram", "period (days)", "power")
                .height(400).xAxis(Axis.builder().title("period (days)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, power, fap);
    }
}
