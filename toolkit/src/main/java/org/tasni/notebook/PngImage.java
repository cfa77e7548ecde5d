package org.tasni.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.tasni.io.AtomicFiles;

/**
 * A PNG picture: the fallback where an image is better than an interactive figure (hundreds of thousands of points, a
 * page for e-mail). It renders inline in the notebook kernels and saves to a file.
 *
 * @param title a short description, used as the image's alternative text
 */
public record PngImage(String title, byte[] png, int width, int height) {

    /** An {@code <img>} with the picture inlined (base64), so the notebook stays self-contained and offline. */
    public String html() {
        return "<img alt=\"" + Html.escape(title) + "\" width=\"" + width + "\" height=\"" + height
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"/>";
    }

    /** Writes the picture to {@code file}, atomically (a temporary file, then a rename). */
    public void save(Path file) {
        AtomicFiles.write(file, tmp -> Files.write(tmp, png));
    }

    /** One line: the size and the title, e.g. "PNG 900×520 (48213 bytes): AllWISE orphans". */
    @Override
    public String toString() {
        return "PNG " + width + "×" + height + " (" + png.length + " bytes): " + title;
    }
}
