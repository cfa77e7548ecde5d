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

    /**
     * The periodogram of one band of one source, with the standard preset's grid and false-alarm level.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param band        {@code "w1"} or {@code "w2"}
     * @return a Plotly figure: power against period in days (log axis), and the 1% false-alarm line
     */
    public static Figure create(Table epochs, String designation, String band) {
        return create(epochs, designation, band, PeriodogramConfig.standard());
    }

    /**
     * The periodogram of one band of one source, with {@code config}'s frequency grid and false-alarm level.
     *
     * @param epochs      an epoch table, as for {@link LightCurvePlot#create}
     * @param designation the source
     * @param band        {@code "w1"} or {@code "w2"}
     * @param config      the frequency grid, and the false-alarm probability whose power level is drawn
     * @return a Plotly figure: power against period in days (log axis), and the false-alarm line
     */
    public static Figure create(Table epochs, String designation, String band, PeriodogramConfig config) {
        Periodogram p = Periodogram.of(config);
        Band b = Band.of(band);
        Table s = p.spectrum(epochs, designation, b);
        double level = p.powerAtFap(epochs, designation, b, config.fapThreshold());
        double[] per = s.doubleColumn("period_days").asDoubleArray();
        double lo = per[per.length - 1], hi = per[0];
        var power = ScatterTrace.builder(per, s.doubleColumn("power").asDoubleArray()).mode(ScatterTrace.Mode.LINE)
                .name(b.label() + " power").line(Line.builder().color(b.colour()).build()).build();
        var fap = ScatterTrace.builder(new double[] {lo, hi}, new double[] {level, level}).mode(ScatterTrace.Mode.LINE)
                .name(String.format("FAP %.0f%%", 100 * config.fapThreshold()))
                .line(Line.builder().color("gray").dash(Line.Dash.DASH).build()).build();
        Layout layout = Layout.builder(designation + " " + b.label() + " periodogram", "period (days)", "power")
                .height(400).xAxis(Axis.builder().title("period (days)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, power, fap);
    }

    /** The standard periodogram of one band of {@code designation}. */
    public static Figure create(Table epochs, String designation, Band band) {
        return create(epochs, designation, band.key(), PeriodogramConfig.standard());
    }

    /** The periodogram of one band of {@code designation} with {@code config}, in the band's colour. */
    public static Figure create(Table epochs, String designation, Band band, PeriodogramConfig config) {
        return create(epochs, designation, band.key(), config);
    }
}
