package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every point left out of a figure is counted in its legend, with the reason; a figure with nothing is refused. */
class LegendCountsTest {

    static final double NaN = Double.NaN;

    /** Six rows of J1: one NaN mjd, one repeated mjd, and in W1 one NaN magnitude and one σ of −1. */
    static Table epochs(double... w1) {
        String[] d = {"J1", "J1", "J1", "J1", "J1", "J1"};
        return Table.create("ep", StringColumn.create("designation", d),
                DoubleColumn.create("mjd", 57000, NaN, 57200, 57200, 57400, 57600), DoubleColumn.create("w1mpro", w1),
                DoubleColumn.create("w1sigmpro", 0.05, 0.05, 0.05, 0.05, -1, 0.05),
                DoubleColumn.create("w2mpro", 14.0, 14.1, 14.2, 14.3, 14.4, 14.5),
                DoubleColumn.create("w2sigmpro", 0.05, 0.05, 0.05, 0.05, 0.05, 0.05));
    }

    static String js(tech.tablesaw.plotly.components.Figure f) {
        return f.asJavascript("plot");
    }

    @Test
    void lightCurveAndFoldCountWhatTheyLeaveOut() {
        Table t = epochs(15.0, 15.1, NaN, 15.3, 15.4, 15.5);
        String lc = js(LightCurvePlot.create(t, "J1"));
        // of the two exposures at mjd 57200 the one kept has a usable W1 (15.3), not the NaN one before it
        assertTrue(lc.contains("W1 exposures (3 of 6; 1 mjd not usable, 1 repeated mjd, 1 no usable W1 magnitude or σ)"), lc);
        assertTrue(lc.contains("W2 exposures (4 of 6; 1 mjd not usable, 1 repeated mjd)"), lc);
        String pf = js(PhaseFoldPlot.create(t, "J1", 10));
        assertTrue(pf.contains("name: 'W1 (3 of 6;"), pf);
        // a band with nothing to draw keeps its legend entry, and says why
        String none = js(LightCurvePlot.create(epochs(NaN, NaN, NaN, NaN, NaN, NaN), "J1"));
        assertTrue(none.contains("W1 exposures (0 of 6; 1 mjd not usable, 1 repeated mjd, 4 no usable W1 magnitude or σ)"), none);
        // Plotly shows no legend entry for a trace without a point: the empty band has one NaN point, which draws nothing
        assertTrue(none.contains("x: [\"NaN\"]"), none);
    }

    @Test
    void aSourceWithNothingToDrawIsRefusedByName() {
        Table t = epochs(NaN, NaN, NaN, NaN, NaN, NaN);
        t.replaceColumn("w2mpro", DoubleColumn.create("w2mpro", NaN, NaN, NaN, NaN, NaN, NaN));
        TasniException e = assertThrows(TasniException.class, () -> LightCurvePlot.create(t, "J1"));
        assertTrue(e.getMessage().startsWith("ep: J1 has no exposure to draw: W1 (0 of 6;"), e.getMessage());
        assertThrows(TasniException.class, () -> PhaseFoldPlot.create(t, "J1", 10));
    }

    @Test
    void skyAndColourMagnitudeCountRowsWithoutAPosition() {
        Table c = Table.create("candidates", DoubleColumn.create("ra", 359.95, 359.99, 0.02, NaN),
                DoubleColumn.create("dec", 1.0, 1.1, 1.2, 1.3), DoubleColumn.create("w1mpro", 15.0, NaN, 14.0, 13.0),
                DoubleColumn.create("w2mpro", 14.0, 14.0, NaN, 12.0));
        assertTrue(js(SkyPlot.create("sky", c)).contains("candidates (3 of 4; 1 without a position)"));
        String region = js(SkyPlot.region("field", null, c, null));
        assertTrue(region.contains("candidates (3 of 4; 1 without a position)"), region);
        // the NaN row does not spoil the wrap at RA 0: the field stays about 0.1° wide
        assertTrue(region.contains("range: [\"0.07"), region);
        assertTrue(js(ColorMagnitudePlot.create("cmd", c)).contains("candidates (2 of 4; 2 without a finite W1 and W2)"));
    }

    @Test
    void summaryCountsSourcesOffTheLogAxisAndUsesTheIdColumn() {
        // a constant source: reduced χ² 0, which a log axis cannot show
        String[] d = new String[12];
        long[] cntr = new long[12];
        double[] mjd = new double[12], m = new double[12], s = new double[12];
        for (int i = 0; i < 12; i++) {
            d[i] = "J1";
            cntr[i] = (1L << 53) + 1;
            mjd[i] = 57000 + 30 * i;
            m[i] = 15;
            s[i] = 0.05;
        }
        Table t = Table.create("ep", StringColumn.create("designation", d), LongColumn.create("cntr", cntr),
                DoubleColumn.create("mjd", mjd), DoubleColumn.create("w1mpro", m), DoubleColumn.create("w1sigmpro", s),
                DoubleColumn.create("w2mpro", m), DoubleColumn.create("w2sigmpro", s));
        String js = js(VariabilitySummaryPlot.create(VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(t)));
        assertTrue(js.matches("(?s).*\\(0 of 1; 1 with χ² ≤ 0, off the log axis\\).*"), js);
        Table byCntr = VariabilityAnalyzer.of(VariabilityConfig.standard()).idColumn("cntr")
                .analyze(t.removeColumns("designation"));
        assertTrue(js(VariabilitySummaryPlot.create(byCntr)).contains("\"9007199254740993\""), "the exact 64-bit id");
    }
}
