package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.variability.VariabilityAnalyzer;
import org.tasni.variability.VariabilityConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Any text in a figure (designation, title, table name, hover text) stays data: one valid script, never markup. */
class FigureScriptTest {

    static final String EVIL = "J0</script><script>document.title='PWNED'</script><!-- \"q\" \r\n\u2028\u2029 x\\";

    /** Four epochs of one source, both bands usable. */
    static Table epochs(String designation) {
        String[] d = {designation, designation, designation, designation};
        return Table.create("ep", StringColumn.create("designation", d),
                DoubleColumn.create("mjd", 57000, 57001, 57200, 57400), DoubleColumn.create("w1mpro", 15.0, 15.1, 15.2, 15.3),
                DoubleColumn.create("w1sigmpro", 0.05, 0.05, 0.05, 0.05), DoubleColumn.create("w2mpro", 14.0, 14.1, 14.2, 14.3),
                DoubleColumn.create("w2sigmpro", 0.05, 0.05, 0.05, 0.05), DoubleColumn.create("ra", 10.0, 10.0, 10.0, 10.0),
                DoubleColumn.create("dec", 5.0, 5.0, 5.0, 5.0));
    }

    static List<Figure> figures() {
        Table one = epochs(EVIL).setName(EVIL);
        List<Figure> f = new ArrayList<>();
        f.add(LightCurvePlot.create(one, EVIL));
        f.add(PhaseFoldPlot.create(one, EVIL, 3.3));
        f.add(SkyPlot.create(EVIL, one));
        f.add(SkyPlot.region(EVIL, null, one, one));
        f.add(ColorMagnitudePlot.create(EVIL, one));
        Table stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(one);
        f.add(VariabilitySummaryPlot.create(stats));
        return f;
    }

    /** The script element's content, as the browser sees it: up to the first "</script" after the opening tag. */
    static String body(String html) {
        int open = html.indexOf('>', html.indexOf("<script")) + 1;
        return html.substring(open, html.toLowerCase().indexOf("</script", open));
    }

    @Test
    void textsWithScriptEndsBackslashesAndLineBreaksKeepOneValidScript() {
        for (Figure f : figures()) {
            String html = Html.figure(f, "fig"), js = body(html);
            String lower = html.toLowerCase();
            assertEquals(lower.indexOf("</script"), lower.lastIndexOf("</script"),
                    "one end tag: the figure's own, none from a text");
            assertFalse(js.contains("<!--"), "no HTML comment opener in the script");
            List<String> strings = strings(js);
            // the text arrives whole: the title or a name HTML-escaped (Plotly reads it as HTML), hover text likewise
            assertTrue(strings.stream().anyMatch(s -> s.contains(Html.escape(EVIL))), js);
        }
        assertTrue(strings(body(Html.figure(SkyPlot.create("AllWISE orphans\n(tile 6046) C:\\", null, null), "f")))
                .contains("AllWISE orphans\n(tile 6046) C:\\"), "a title is exactly the text given");
        assertTrue(body(Html.page(SkyPlot.create(EVIL, null, null))).contains("Plotly.newPlot"), "Html.page as well");
    }

    @Test
    void aScriptEndTagInADesignationIsNoMarkup() {
        String evil = "J0</script><script>document.title='PWNED'</script>";
        Table stats = VariabilityAnalyzer.of(VariabilityConfig.standard()).analyze(epochs(evil));
        String html = Html.figure(VariabilitySummaryPlot.create(stats)).toLowerCase();
        assertEquals(html.indexOf("</script>", html.indexOf("tasni_plot")), html.lastIndexOf("</script"), "one end tag");
        assertFalse(html.substring(html.indexOf("tasni_plot")).contains("<script>document"), "no script from a text");
    }

    @Test
    void scriptsPassNodeSyntaxCheck(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed");
        int k = 0;
        for (Figure f : figures()) {
            Path js = dir.resolve("f" + k++ + ".js");
            Files.writeString(js, body(Html.figure(f, "fig")));
            Process p = new ProcessBuilder("/usr/bin/node", "--check", js.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()) + Files.readString(js));
        }
    }

    /**
     * The string literals of a script, decoded as JavaScript reads them; fails on one that a raw line break or the end
     * of the script cuts short, as the browser would refuse the whole script.
     */
    static List<String> strings(String js) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < js.length(); i++) {
            char q = js.charAt(i);
            if (q != '\'' && q != '"') {
                continue;
            }
            StringBuilder s = new StringBuilder();
            for (i++; ; i++) {
                assertTrue(i < js.length(), "a string literal runs to the end of the script");
                char c = js.charAt(i);
                assertFalse(c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029',
                        "a raw line break in a string literal: " + s);
                if (c == q) {
                    break;
                }
                if (c == '\\') {
                    char e = js.charAt(++i);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 'r' -> s.append('\r');
                        case 't' -> s.append('\t');
                        case 'u' -> {
                            s.append((char) Integer.parseInt(js.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> s.append(e);
                    }
                } else {
                    s.append(c);
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /**
     * The repair itself, on raw text that no toolkit figure produces (its own texts are escaped for HTML before), as a
     * user's trace text or a future Tablesaw may: an end tag or a comment opener in a JSON string, an escaped quote.
     */
    @Test
    void rawMarkupInAStringIsNeitherAnEndTagNorACommentAndStaysTheSameText() {
        String js = "var d = [{text: [\"a</script><script>x()\", \"<!-- b \\\" </c\"], name: 'n</script>'}];";
        String out = FigureScript.escapeStrings(js);
        assertFalse(out.contains("</") || out.contains("<!--"), out);
        assertEquals("var d = [{text: [\"a<\\/script><script>x()\", \"<\\!-- b \\\" <\\/c\"], name: 'n<\\/script>'}];", out);
    }
}
