package org.tasni.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The DaCHS TAP server of {@code tests/dachs/dachs-up.sh}, serving the samples as {@code irsa.allwise_p3as_psd},
 * {@code gaiadr3.gaia_source} and {@code irsa.neowiser_p1bs_psd}. {@code .ci/run} installs and starts it; here the
 * script is run again (as root, about a second once up) to make sure the tables match the current samples.
 * Elsewhere the tests skip, saying how to set it up; {@code TASNI_TAP_URL} points them at a server already loaded.
 */
final class Dachs {

    private static String url;

    private Dachs() {}

    static final String HOW = "DaCHS is not set up here: run `sudo tests/dachs/dachs-up.sh` (as .ci/run does), or set TASNI_TAP_URL";

    /** The TAP base URL, or the test is skipped with {@link #HOW}. */
    static String url() throws Exception {
        String u = urlIfSetUp();
        Assumptions.assumeTrue(u != null, HOW);
        return u;
    }

    /** The TAP base URL with the sample tables loaded, or null where DaCHS is not installed (or this is not root). */
    static synchronized String urlIfSetUp() throws Exception {
        if (url != null) {
            return url;
        }
        String given = System.getenv("TASNI_TAP_URL");
        if (given != null && !given.isBlank()) {
            return url = given;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/dachs")) || !"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        Path log = Files.createTempFile("dachs-up", ".log");
        Process p = new ProcessBuilder("bash", Jar.ROOT.resolve("tests/dachs/dachs-up.sh").toString())
                .redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("tests/dachs/dachs-up.sh failed:\n" + Files.readString(log));
        }
        return url = out.substring(out.lastIndexOf('\n') + 1);
    }
}
