package org.tasni.notebook;

/**
 * A whole HTML document (such as the pipeline's report) that a notebook shows inline: in an {@code iframe} whose
 * {@code srcdoc} is the page, so that its styles and scripts stay inside it and it works offline.
 */
public interface HtmlPage {

    /** The complete, self-contained document. */
    String html();
}
