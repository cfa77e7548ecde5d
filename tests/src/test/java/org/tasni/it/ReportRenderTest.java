package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's report renders in headless Chromium with no network: a screenshot of the page shows the sky map's
 * candidates and the first candidate's light curve drawn.
 *
 * <p>The page is the one a user gets: {@code run} on data-samples, and the {@code report.html} whose path it prints.
 */
class ReportRenderTest {

    /** The candidates' red on the sky map (matplotlib's tab:red, as SkyPlot draws them). */
    static final int RED = 0xd62728;
    /** The W1 light curve's blue (tab:blue, {@code Band.W1.colour()}); nothing above the candidates uses it. */
    static final int BLUE = 0x1f77b4;

    @TempDir
    Path dir;

    @Test
    void reportRendersOfflineWithSkyMapAndLightCurve() throws Exception {
        var run = Jar.run("run", "--out", dir.resolve("out").toString());
        assertEquals(0, run.code(), run.out() + run.err());
        Matcher m = Pattern.compile("(?m)^report: (.+)$").matcher(run.out());
        assertTrue(m.find(), run.out());
        Path html = Path.of(m.group(1).strip());
        String page = Files.readString(html);
        assertTrue(page.contains("plotly.js v2.35.3"), "plotly.js is inlined");
        assertFalse(Pattern.compile("<script[^>]*\\ssrc\\s*=").matcher(page).find(), "no script from a file or the network");
        assertFalse(page.contains("<link"), "no linked stylesheet");

        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium),
                "skipped: no /usr/bin/chromium (Debian package chromium; .ci/run installs it)");
        Path png = dir.resolve("report.png");
        // tall enough for the summary, funnel, sky map, colour–magnitude diagram and the first candidate
        List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chrome"), "--hide-scrollbars", "--window-size=1200,7000",
                "--virtual-time-budget=15000", "--screenshot=" + png, html.toUri().toString());
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium timed out: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
        BufferedImage img = ImageIO.read(png.toFile());
        int[] red = rowCounts(img, RED), blue = rowCounts(img, BLUE);

        // the first red on the page is the sky map (the field, then the whole sky, each 520 px high)
        int sky = first(red);
        assertTrue(sky >= 0, "no candidate drawn in red anywhere");
        int redInSky = sum(red, sky, sky + 1100);
        // the first blue is the first candidate's light curve, below the sky map and the colour–magnitude diagram
        int lc = first(blue);
        assertTrue(lc > sky + 520, "the light curve (first blue at y = " + lc + ") comes after the sky map (y = " + sky + ")");
        int blueInLc = sum(blue, lc, lc + 450);
        System.out.printf("report screenshot: sky map at y=%d with %d red pixels; light curve at y=%d with %d blue pixels%n",
                sky, redInSky, lc, blueInLc);
        assertTrue(redInSky > 80, "candidates drawn on the sky map: " + redInSky + " red pixels");
        assertTrue(blueInLc > 500, "W1 exposures, visit means and trend drawn: " + blueInLc + " blue pixels");
    }

    /** Per pixel row, how many pixels are within 30 of {@code rgb} in each channel. */
    static int[] rowCounts(BufferedImage img, int rgb) {
        int r0 = rgb >> 16 & 255, g0 = rgb >> 8 & 255, b0 = rgb & 255;
        int[] rows = new int[img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y), r = c >> 16 & 255, g = c >> 8 & 255, b = c & 255;
                if (Math.abs(r - r0) < 30 && Math.abs(g - g0) < 30 && Math.abs(b - b0) < 30) {
                    rows[y]++;
                }
            }
        }
        return rows;
    }

    static int first(int[] rows) {
        for (int y = 0; y < rows.length; y++) {
            if (rows[y] > 0) {
                return y;
            }
        }
        return -1;
    }

    static int sum(int[] rows, int from, int to) {
        int s = 0;
        for (int y = Math.max(0, from); y < Math.min(rows.length, to); y++) {
            s += rows[y];
        }
        return s;
    }
}
