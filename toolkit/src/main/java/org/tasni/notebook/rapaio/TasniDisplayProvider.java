package org.tasni.notebook.rapaio;

import java.util.List;
import java.util.function.Function;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import org.tasni.notebook.Html;
import org.tasni.notebook.NotebookProgress;

/**
 * Renders toolkit results in the rapaio JShell kernel ({@link Html#RENDERINGS}): a table as an HTML table (with a text
 * fallback), a Tablesaw Plotly figure inline and offline, PNG pictures, and report records as one line. Registered through
 * {@code META-INF/services}; the kernel finds it when the toolkit jar is on its class path. Nothing else in the
 * toolkit refers to this package, so the jar works without the kernel.
 *
 * <p>Being loaded by the kernel is also the sign that the toolkit runs in a notebook, so the provider makes
 * {@link NotebookProgress} the stages' default progress display ({@link NotebookProgress#useByDefault()}).
 */
public final class TasniDisplayProvider implements DisplayProvider {

    /** Called by the kernel's service loader; makes the notebook progress display the stages' default. */
    public TasniDisplayProvider() {
        NotebookProgress.useByDefault();
    }

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return Html.RENDERINGS.stream().map(r -> renderer(r.type(), r.html(), r.text())).toList();
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    private static DisplayRenderer renderer(Class<?> type, Function<Object, String> html, Function<Object, String> text) {
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
