package org.tasni.pipeline.report;

import java.util.function.Supplier;
import org.tasni.TasniException;
import org.tasni.notebook.Html;
import tech.tablesaw.plotly.components.Figure;

/**
 * The figures of one page, numbered in page order ({@code fig_1}, {@code fig_2}, …) so that the same inputs give the
 * same bytes. plotly.js itself is in the page's head once ({@link Html#plotlyScript()}).
 */
final class Figures {

    private int next = 1;

    /** The figure's HTML in a frame. */
    String add(Figure f) {
        return "<div class=\"figure\">" + Html.figure(f, "fig_" + next++) + "</div>\n";
    }

    /**
     * The figure, or a note saying why it cannot be drawn: a plot that refuses its data (no epochs of a source, too
     * few points for a periodogram) costs that figure, not the page.
     *
     * @param what what the figure shows, for the note ("light curve")
     */
    String addOrExplain(String what, Supplier<Figure> figure) {
        try {
            return add(figure.get());
        } catch (TasniException e) {
            return Markup.missing("No " + what + ": " + e.getMessage());
        }
    }
}
