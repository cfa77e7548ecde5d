package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** IJava's display API (jupyter-jvm-basekernel 2.3.0, as published) renders toolkit objects once registered. */
class KernelDisplayTest {

    @Test
    void tablesFiguresAndReportsRenderAsHtmlWithTextBeside() {
        Renderer r = new Renderer();
        KernelDisplay.register(r);
        Table t = Table.create("sources", DoubleColumn.create("ra", 1.5, 2.5), DoubleColumn.create("dec", -3.0, 4.0));
        DisplayData d = r.render(t);
        String html = String.valueOf(d.getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("tasni-table") && html.contains("2 rows × 2 columns"), html);
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("sources"));
        Html.resetPlotly();
        String fig = String.valueOf(r.render(SkyPlot.create("sky", t)).getData(MIMEType.TEXT_HTML));
        assertTrue(fig.contains("Plotly.newPlot"), "figure inline");
        assertFalse(fig.contains(Html.NO_PLOTLY), "the first figure carries plotly.js itself");
        // a later figure relies on the first one's library, and says so in its place when the page has lost it
        String later = String.valueOf(r.render(SkyPlot.create("sky again", t)).getData(MIMEType.TEXT_HTML));
        assertTrue(later.contains("if (typeof Plotly === 'undefined')") && later.contains(Html.NO_PLOTLY), later);
        assertTrue(later.length() < 1_000_000, "no second copy of plotly.js (4.6 MB): " + later.length());
        // an object of another type still gets the kernel's default, toString()
        assertEquals("42", String.valueOf(r.render(42).getData(MIMEType.TEXT_PLAIN)));
    }

    @Test
    void withoutIJavaOrJJavaInstallSaysSo() {
        assertTrue(KernelDisplay.install().startsWith("Neither IJava nor JJava"));
    }
}
