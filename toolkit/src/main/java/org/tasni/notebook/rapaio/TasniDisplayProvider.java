package org.tasni.notebook.rapaio;

import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import org.tasni.crossmatch.MatchReport;
import org.tasni.notebook.Html;
import org.tasni.notebook.PngImage;
import org.tasni.variability.VariabilityReport;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Renders toolkit results in the rapaio JShell kernel: a {@link Table} as an HTML table (with a text fallback), a
 * Tablesaw Plotly {@link Figure} inline and offline, and report records as one line. Registered through
 * {@code META-INF/services}; the kernel finds it when the toolkit jar is on its class path. Nothing else in the
 * toolkit refers to this package, so the jar works without the kernel.
 */
public final class TasniDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(renderer(Table.class, o -> Html.table((Table) o), o -> ((Table) o).print()),
                renderer(Figure.class, o -> Html.figure((Figure) o), o -> "Plotly figure"),
                renderer(MatchReport.class, Html::report, Object::toString),
                renderer(VariabilityReport.class, Html::report, Object::toString),
                renderer(PngImage.class, o -> ((PngImage) o).html(), Object::toString));
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    private static DisplayRenderer renderer(Class<?> type, java.util.function.Function<Object, String> html,
            java.util.function.Function<Object, String> text) {
        return new DisplayRenderer() {
            @Override
            public Class<?> rendererClass() {
                return type;
            }

            @Override
            public boolean canRender(String mime) {
                return mime == null || mime.isEmpty() || mime.equals("text/html") || mime.equals("text/plain");
            }

            @Override
            public DisplayData render(String mime, Object o) {
                DisplayData d = DisplayData.fromHtml(html.apply(o));
                d.putText(text.apply(o));
                return d;
            }
        };
    }
}
