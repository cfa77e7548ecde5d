package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.tasni.io.TableIO;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** The plots are built from the sample light curves and carry the traces they promise. */
class PlotsTest {

    static Table epochs;
    static String source;

    @BeforeAll
    static void load() {
        epochs = TableIO.read("../data-samples/neowise_epochs.parquet");
        Table truth = TableIO.read("../data-samples/neowise_truth.parquet");
        source = truth.where(truth.stringColumn("true_class").isEqualTo("FADING")).stringColumn("designation").get(0);
    }

    static String js(Figure f) {
        return f.asJavascript("plot");
    }

    @Test
    void lightCurveHasExposuresVisitMeansAndTrends() {
        String js = js(LightCurvePlot.create(epochs, source));
        for (String s : new String[] {"W1 exposures", "W1 visit means", "W1 trend", "W2 exposures", "W2 trend", "reversed", source}) {
            assertTrue(js.contains(s), s);
        }
    }

    @Test
    void skyMapColourMagnitudeSeparationsAndBenchmarks() {
        Table wise = TableIO.read("../data-samples/tiles/wise_hp06046.parquet");
        Table gaia = TableIO.read("../data-samples/tiles/gaia_hp06046.parquet");
        Table orphans = org.tasni.crossmatch.CrossMatcher.radius(3).orphans(wise, gaia);
        String sky = js(SkyPlot.create("orphans", wise, orphans));
        assertTrue(sky.contains("orphans (" + orphans.rowCount() + ")") && sky.contains("all (" + wise.rowCount() + ")"));
        // Aitoff: RA 180° maps to x = 0, RA increases to the left, the poles to y = ±π/2, RA 0 on the equator to x = π
        assertArrayEquals(new double[] {0, 0}, SkyPlot.aitoff(180, 0), 1e-12);
        assertTrue(SkyPlot.aitoff(190, 0)[0] < 0);
        assertEquals(Math.PI / 2, SkyPlot.aitoff(42, 90)[1], 1e-12);
        assertEquals(Math.PI, SkyPlot.aitoff(0, 0)[0], 1e-12);
        assertTrue(js(ColorMagnitudePlot.create("CMD", wise, orphans)).contains("W1 − W2 = 0.5"));
        assertTrue(js(SeparationHistogram.create(org.tasni.crossmatch.CrossMatcher.radius(3).nearest(wise, gaia), 10))
                .contains("sep_arcsec ≤ 10.0″"));
        Table bench = Table.create("crossmatch benchmark", tech.tablesaw.api.StringColumn.create("tool", "tasni", "astropy"),
                tech.tablesaw.api.DoubleColumn.create("seconds", 0.25, 1.1));
        assertTrue(js(BenchmarkPlot.create(bench, "seconds")).contains("astropy"));
    }

    @Test
    void periodogramPhaseFoldAndSummary() {
        String p = js(PeriodogramPlot.create(epochs, source, "w1"));
        assertTrue(p.contains("W1 power") && p.contains("FAP 1%") && p.contains("log"), "periodogram");
        String f = js(PhaseFoldPlot.create(epochs, source, 0.73));
        assertTrue(f.contains("folded at 0.7300 d") && f.contains("phase"));
        Table stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs);
        String s = js(VariabilitySummaryPlot.create(stats));
        assertTrue(s.contains("FADING (") && s.contains("NORMAL ("), "one trace per flag with its count");
        assertThrows(TasniException.class, () -> PhaseFoldPlot.create(epochs, source, 0));
        assertThrows(TasniException.class, () -> LightCurvePlot.create(epochs, "J000000.00+000000.0"));
    }
}
