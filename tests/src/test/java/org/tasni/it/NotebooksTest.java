package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/**
 * Every tutorial notebook, executed headless as CI does: kernel-setup/install.sh into a temporary JUPYTER_DATA_DIR,
 * then {@code jupyter nbconvert --execute}. No error outputs; tables come out as text/html, figures as Plotly; the
 * HTML export renders offline in headless Chromium (checked from a screenshot).
 */
class NotebooksTest {

    @TempDir
    static Path dir;

    static Jupyter jupyter;
    static final List<Path> EXECUTED = new ArrayList<>();

    static String run(List<String> cmd, Path cwd, int timeoutS) throws IOException, InterruptedException {
        return jupyter.run(cmd, cwd, timeoutS, java.util.Map.of());
    }

    @BeforeAll
    static void installAndExecute() throws Exception {
        jupyter = Jupyter.install(dir);
        List<Path> books;
        try (Stream<Path> s = Files.list(Jar.ROOT.resolve("notebooks"))) {
            books = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(books.size() >= 7, "notebooks: " + books);
        for (Path nb : books) {
            String name = nb.getFileName().toString().replace(".ipynb", "");
            java.util.Map<String, String> env = java.util.Map.of();
            if (name.startsWith("02-download")) {
                // the download tutorial talks to the local DaCHS server; .ci/run sets it up
                String tap = Dachs.urlIfSetUp();
                if (tap == null) {
                    System.err.println(name + ": NOT EXECUTED: " + Dachs.HOW);
                    continue;
                }
                env = java.util.Map.of("TASNI_TAP_URL", tap);
            }
            if (name.equals("pipeline")) {
                // the scheduled-run notebook takes its parameters from the environment
                env = java.util.Map.of("TASNI_OUT", dir.resolve("pipeline-out").toString());
            }
            // each notebook names its kernel: tasni-java, or tasni-spark (the toolkit plus Spark) for 06-spark
            String kernel = new ObjectMapper().readTree(nb.toFile()).path("metadata").path("kernelspec").path("name")
                    .asText("tasni-java");
            List<String> cmd = List.of(Jupyter.JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.kernel_name=" + kernel, "--ExecutePreprocessor.timeout=600",
                    "--ExecutePreprocessor.startup_timeout=60", nb.getFileName().toString(), "--output-dir",
                    dir.toString(), "--output", name + ".out.ipynb");
            // no retry: the kernel's start-up races are fixed (kernel-setup/patch; KernelStartTest starts it 100 times)
            jupyter.run(cmd, nb.getParent(), 900, env);
            EXECUTED.add(dir.resolve(name + ".out.ipynb"));
        }
    }

    /** The pipeline notebook, run headless with TASNI_OUT, writes the same ranked candidates as the {@code run} command. */
    @Test
    void thePipelineNotebookRanksAsTheRunCommandDoes() throws Exception {
        Path fromNotebook = dir.resolve("pipeline-out").resolve("ranked.parquet");
        assertTrue(Files.isRegularFile(fromNotebook), "the notebook wrote " + fromNotebook);
        Path cliOut = dir.resolve("run-out");
        var r = Jar.run("run", "--data", Jar.ROOT.resolve("data-samples").toString(), "--out", cliOut.toString(),
                "--phase", "rank");
        assertEquals(0, r.code(), r.err());
        Table a = TableIO.read(fromNotebook), b = TableIO.read(cliOut.resolve("ranked.parquet"));
        assertTrue(a.rowCount() > 100, "candidates ranked: " + a.rowCount());
        assertEquals(b.rowCount(), a.rowCount());
        assertEquals(b.columnNames(), a.columnNames());
        for (String c : a.columnNames()) {
            for (int i = 0; i < a.rowCount(); i++) {
                assertEquals(b.column(c).getString(i), a.column(c).getString(i), c + " of ranked row " + (i + 1));
            }
        }
    }

    @Test
    void everyNotebookRunsCleanWithHtmlTablesAndFigures() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Path nb : EXECUTED) {
            int tables = 0, figures = 0;
            for (JsonNode cell : json.readTree(nb.toFile()).get("cells")) {
                for (JsonNode o : cell.path("outputs")) {
                    String type = o.get("output_type").asText();
                    assertNotEquals("error", type, nb.getFileName() + ": " + o);
                    if (type.equals("stream") && o.get("name").asText().equals("stderr")) {
                        String text = o.get("text").toString();
                        // the one documented notice: AUTO found no GPU and ran on the CPU
                        assertTrue(text.contains("crossmatch: GPU unavailable"), nb.getFileName() + " stderr: " + text);
                    }
                    String html = o.path("data").path("text/html").toString();
                    tables += html.contains("tasni-table") ? 1 : 0;
                    figures += html.contains("Plotly.newPlot") ? 1 : 0;
                }
            }
            assertTrue(tables > 0, nb.getFileName() + ": a table rendered as text/html");
            assertTrue(figures > 0, nb.getFileName() + ": a Plotly figure");
        }
    }

    @Test
    void exportedHtmlRendersOfflineInChromium() throws Exception {
        Path nb = EXECUTED.stream().filter(p -> p.toString().contains("03-crossmatch")).findFirst().orElseThrow();
        run(List.of(Jupyter.JUPYTER.toString(), "nbconvert", "--to", "html", "--HTMLExporter.require_js_url=",
                "--HTMLExporter.mathjax_url=", nb.toString(), "--output-dir", dir.toString()), dir, 300);
        Path html = dir.resolve(nb.getFileName().toString().replace(".ipynb", ".html"));
        String page = Files.readString(html);
        assertTrue(page.contains("plotly.js v2.35.3"), "plotly.js is inlined");
        assertFalse(java.util.regex.Pattern.compile("<script[^>]*src=\"https?:").matcher(page).find(), "no script from the network");
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium),
                "skipped: no /usr/bin/chromium (Debian package chromium; .ci/run installs it)");
        Path png = dir.resolve("notebook.png");
        run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chrome"), "--hide-scrollbars", "--window-size=1200,2600",
                "--virtual-time-budget=10000", "--screenshot=" + png, html.toUri().toString()), dir, 120);
        BufferedImage img = ImageIO.read(png.toFile());
        // the histogram's bars are plotly's default blue (#1f77b4): count pixels of that colour
        int blue = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                if (Math.abs(r - 0x1f) < 25 && Math.abs(g - 0x77) < 25 && Math.abs(b - 0xb4) < 25) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 2000, "plotted pixels in the screenshot: " + blue);
    }
}
