package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Wrong arguments are one TasniException that names them, never a raw NullPointerException or Tablesaw error. */
class PlotArgumentsTest {

    static String refused(Executable e) {
        return assertThrows(TasniException.class, e).getMessage();
    }

    @Test
    void foldRefusesAnInfiniteOrSubExposurePeriod() {
        Table t = FigureScriptTest.epochs("J1");
        assertTrue(refused(() -> PhaseFoldPlot.create(t, "J1", Double.POSITIVE_INFINITY)).contains("finite"));
        assertTrue(refused(() -> PhaseFoldPlot.create(t, "J1", 1e-300)).contains("7.7 s exposure"));
        assertTrue(PhaseFoldPlot.create(t, "J1", 0.001).asJavascript("p").contains("folded at 0.001000 d"));
    }

    @Test
    void periodogramOfConstantMagnitudesIsRefused() {
        Table t = FigureScriptTest.epochs("J1");
        t.replaceColumn("w1mpro", DoubleColumn.create("w1mpro", 15.0, 15.0, 15.0, 15.0));
        assertTrue(refused(() -> PeriodogramPlot.create(t, "J1", "w1")).contains("ep: J1 W1 has no periodogram"));
    }

    @Test
    void benchmarkNamesAWrongMeasureOrColumnAndTitlesItsAxis() {
        Table bench = Table.create("crossmatch benchmark", StringColumn.create("tool", "tasni", "astropy", "stilts"),
                DoubleColumn.create("seconds", 0.25, 1.1, Double.NaN));
        assertTrue(refused(() -> BenchmarkPlot.create(bench, "secs")).contains("'secs'"));
        assertTrue(refused(() -> BenchmarkPlot.create(bench.copy().removeColumns("tool"), "seconds")).contains("'tool'"));
        assertTrue(refused(() -> BenchmarkPlot.create(bench, "per_second")).contains("'per_second'"));
        String js = BenchmarkPlot.create(bench, "seconds").asJavascript("p");
        assertTrue(js.contains("title: 'seconds'") && js.contains("(2 of 3 rows; 1 did not run)"), js);
        // a tool's two rows (warm and first) are two bars, each named with what it measured, its name as text
        Table two = Table.create("xm", StringColumn.create("tool", "tasni</script>", "tasni</script>"),
                StringColumn.create("what", "match, best of 5 warm", "match, first (cold JIT)"),
                DoubleColumn.create("seconds", 0.17, 0.40));
        String html = Html.figure(BenchmarkPlot.create(two, "seconds"), "b");
        assertTrue(html.contains("match, best of 5 warm") && html.contains("match, first (cold JIT)")
                && html.contains("tasni&lt;/script&gt;"), html);
        assertFalse(html.substring(0, html.lastIndexOf("</script>")).contains("</script>"), html);
    }

    @Test
    void nullArgumentsAreNamed() {
        Table t = FigureScriptTest.epochs("J1");
        assertEquals("LightCurvePlot.create: epochs is missing (null); give one.", refused(() -> LightCurvePlot.create(null, "J1")));
        assertTrue(refused(() -> LightCurvePlot.create(t, null)).contains("designation is missing (null)"));
        assertTrue(refused(() -> PhaseFoldPlot.create(null, "J1", 1)).contains("epochs is missing (null)"));
        assertTrue(refused(() -> PeriodogramPlot.create(t, "J1", (String) null)).contains("band is missing (null)"));
        assertTrue(refused(() -> SkyPlot.create(null, t)).contains("title is missing (null)"));
        assertTrue(refused(() -> SkyPlot.png(null, t, null)).contains("title is missing (null)"));
        assertTrue(refused(() -> ColorMagnitudePlot.create(null, t)).contains("title is missing (null)"));
        assertTrue(refused(() -> VariabilitySummaryPlot.create(null)).contains("stats is missing (null)"));
        assertTrue(refused(() -> SeparationHistogram.create(null, 3)).contains("result is missing (null)"));
        assertTrue(refused(() -> BenchmarkPlot.create(null, "seconds")).contains("benchmark is missing (null)"));
        assertTrue(refused(() -> Html.table(null)).contains("table is missing (null)"));
        assertTrue(refused(() -> Html.escape(null)).contains("text is missing (null)"));
        assertTrue(refused(() -> Html.figure(null)).contains("figure is missing (null)"));
        assertTrue(refused(() -> KernelDisplay.register(null)).contains("renderer is missing (null)"));
    }

    @Test
    void progressPrintsTheUnitsDoneWithAnUnknownTotal() {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            NotebookProgress p = new NotebookProgress();
            p.onStart("read", 0);
            p.onProgress(1);
            p.onProgress(3);
            p.onDone();
            p.onStart("stream", -1);
            for (int i = 1; i <= 1000; i++) {
                p.onProgress(i);
            }
            p.onDone();
            p.onStart("huge", Long.MAX_VALUE / 2);
            p.onProgress(Long.MAX_VALUE / 4);
            p.onDone();
            p.onStart(null, 4);
            p.onDone();
        } finally {
            System.setOut(out);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("read: done, 3 in"), s);
        assertTrue(s.contains("stream: 100 so far") && s.contains("stream: done, 1000 in"), s);
        assertTrue(s.contains("huge: 2305843009213693951/4611686018427387903 (50%)"), s);
        assertTrue(s.contains("huge: done, 2305843009213693951 of 4611686018427387903 in"), s);
        assertTrue(s.contains("progress: done, 4 in"), s);
    }
}
