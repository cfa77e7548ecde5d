package org.tasni.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The PNG sky map: decodes, draws the density in grey and the highlighted sources in red where they are. */
class PngImageTest {

    @Test
    void densityInGreyHighlightsInRed() throws Exception {
        var r = new java.util.SplittableRandom(3);
        int n = 20_000;
        double[] ra = new double[n], dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 84 + 2 * r.nextDouble();
            dec[i] = 20 + 2 * r.nextDouble();
        }
        Table all = Table.create("all", DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec));
        // one highlighted source at the field's east edge (RA grows to the left: the left side of the picture)
        Table hl = Table.create("orphans", DoubleColumn.create("ra", 86.0), DoubleColumn.create("dec", 21.0));
        PngImage p = SkyPlot.png("test field", all, hl);
        BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(p.png()));
        assertEquals(p.width(), img.getWidth());
        int grey = 0, redLeft = 0, redRight = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y), red = c >> 16 & 255, green = c >> 8 & 255, blue = c & 255;
                grey += red == green && green == blue && red < 255 ? 1 : 0;
                if (red > 150 && green < 80 && blue < 80) {
                    if (x < img.getWidth() / 2) {
                        redLeft++;
                    } else {
                        redRight++;
                    }
                }
            }
        }
        assertTrue(grey > 10_000, "the density is drawn: " + grey);
        assertTrue(redLeft > 0 && redRight == 0, "the orphan at RA 86 is on the left: " + redLeft + " / " + redRight);
        assertTrue(p.html().startsWith("<img alt=\"test field\"") && p.html().contains("data:image/png;base64,"));
    }
}
