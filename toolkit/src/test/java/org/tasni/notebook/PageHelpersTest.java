package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** What a page of several figures needs: numbered figures, escaping, a zoomed sky map, a compact periodogram. */
class PageHelpersTest {

    @Test
    void envelopeKeepsEveryPeakWithFewerPoints() {
        int n = 40_000;
        double[] period = new double[n], power = new double[n];
        for (int i = 0; i < n; i++) {
            double f = 0.001 + i * 0.00005; // uniform in frequency, as the Lomb–Scargle grid
            period[i] = 1 / f;
            power[i] = 0.1 * (1 + Math.sin(i * 0.37)) / 2;
        }
        int[] peaks = {3, 250, 17_000, 39_990};
        for (int k = 0; k < peaks.length; k++) {
            power[peaks[k]] = 0.5 + 0.1 * k;
        }
        double[][] e = PeriodogramPlot.envelope(period, power, 3000);
        assertTrue(e[0].length <= 3000 && e[0].length > 1000, "points: " + e[0].length);
        for (int k = 0; k < peaks.length; k++) {
            int at = java.util.Arrays.binarySearch(negate(e[0]), -period[peaks[k]]);
            assertTrue(at >= 0, "peak " + k + " kept at its period");
            assertEquals(power[peaks[k]], e[1][at]);
        }
        for (int i = 1; i < e[0].length; i++) {
            assertTrue(e[0][i] < e[0][i - 1], "grid order kept");
        }
        assertSame(period, PeriodogramPlot.envelope(period, power, n)[0], "few enough points: all of them");
    }

    private static double[] negate(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -x[i];
        }
        return y;
    }

    @Test
    void regionIsZoomedWithRaToTheLeftAcrossRaZero() {
        Table t = Table.create("candidates", DoubleColumn.create("ra", 359.5, 0.5), DoubleColumn.create("dec", -1.0, 1.0));
        String js = PageHelpersTest.js(SkyPlot.region("field", null, t, null));
        assertTrue(js.contains("candidates (2)"));
        // across RA 0 the field is continuous: 359.5 drawn as -0.5, and the range runs from high RA to low RA
        assertTrue(js.contains("\"-0.5\""), js);
        assertTrue(js.contains("range: [\"0.6\",\"-0.6\"]"), js);
        Table starred = t.copy().setName("FADING");
        assertTrue(js(SkyPlot.create("sky", null, t, starred)).contains("FADING (2)"));
        assertTrue(js(SkyPlot.create("sky", null, t, starred)).contains("star"));
    }

    @Test
    void figuresWithTheirOwnIdsAndEscaping() {
        Figure f = SkyPlot.create("sky", null, null);
        assertTrue(Html.figure(f, "fig_7").startsWith("<div id=\"fig_7\"></div>"));
        assertThrows(TasniException.class, () -> Html.figure(f, "fig-7\"><script>"));
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Html.escape("<b> & \"x\" 'y'"));
        assertTrue(Html.plotlyScript().startsWith("<script type=\"text/javascript\">") && Html.plotlyScript().contains("v2.35.3"));
    }

    static String js(Figure f) {
        return f.asJavascript("plot");
    }

    /** A figure of many points says how much it writes into the notebook; an ordinary one says nothing. */
    @Test
    void aLargeFigureSaysHowManyMegabytesItWrites() {
        int n = 150_000;
        double[] ra = new double[n], dec = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            ra[i] = 80 + r.nextDouble();
            dec[i] = 20 + r.nextDouble();
        }
        Table many = Table.create("many", tech.tablesaw.api.DoubleColumn.create("ra", ra),
                tech.tablesaw.api.DoubleColumn.create("dec", dec));
        String html = Html.figure(SkyPlot.create("many", many), "big");
        assertTrue(html.startsWith("<p class=\"tasni-note\">This figure writes "), html.substring(0, 200));
        double mb = Double.parseDouble(html.substring(html.indexOf("writes ") + 7, html.indexOf(" MB")));
        assertEquals((html.length() - html.indexOf("<div")) / 1e6, mb, 0.06, "the note's size is the figure's");
        Table few = many.first(10);
        assertTrue(Html.figure(SkyPlot.create("few", few), "small").startsWith("<div id=\"small\">"));
    }
}
