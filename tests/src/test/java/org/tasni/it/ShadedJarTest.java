package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as built: minimized (toolkit/pom.xml), yet complete, and started through the launcher. */
class ShadedJarTest {

    /**
     * References that were never satisfiable and are left so on purpose: hadoop-auth is excluded from the jar
     * (toolkit/pom.xml), and JTS's LineSegment keeps a class constant for WKTConstants, whose strings javac inlined.
     */
    private static final Set<String> KNOWN_MISSING = Set.of("org.apache.hadoop.util.PlatformName",
            "org.locationtech.jts.io.WKTConstants");
    private static final String KNOWN_MISSING_PACKAGE = "org.apache.hadoop.security.authentication.server.";

    @TempDir
    Path dir;

    /**
     * Minimizing keeps what is reachable from the toolkit's classes: no class in the jar may refer to a class that
     * minimizing removed. A reference into a package the jar does not have at all is an optional dependency that the
     * libraries only use when it is present (Kerberos, MSV, log4j, …) and was never in the jar.
     */
    @Test
    void everyReferenceIntoAShippedPackageResolves() throws Exception {
        Set<String> packages = new TreeSet<>();
        try (ZipFile zip = new ZipFile(Jar.JAR.toFile())) {
            zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .forEach(n -> packages.add(n.substring(0, Math.max(0, n.lastIndexOf('/'))).replace('/', '.')));
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(err),
                "--multi-release", "17", "--missing-deps", Jar.JAR.toString());
        assertEquals(0, code, err.toString());
        List<String> removed = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            // "   a.b.C   -> d.e.F   not found"
            String[] w = line.trim().split("\\s+");
            if (w.length == 5 && w[1].equals("->") && w[3].equals("not")) {
                String target = w[2];
                String pkg = target.substring(0, Math.max(0, target.lastIndexOf('.')));
                if (packages.contains(pkg) && !KNOWN_MISSING.contains(target) && !target.startsWith(KNOWN_MISSING_PACKAGE)) {
                    removed.add(w[0] + " -> " + target);
                }
            }
        }
        assertTrue(out.toString().contains("not found"), "jdeps ran and reported the optional dependencies");
        assertEquals(List.of(), removed, "classes that minimizing removed but the jar refers to");
    }

    /** Tablesaw's own readers and writers (found through the ClassGraph shim), ICU, fastutil, Guava, plotly. */
    @Test
    void libraryFeaturesWorkFromTheJarAlone() throws Exception {
        Path probe = Path.of(JarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(java(), "-Djava.awt.headless=true", "-cp", Jar.JAR + ":" + probe,
                JarProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe timed out");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        for (String f : List.of("tablesaw csv", "tablesaw csv, latin-1 detected", "tablesaw group-by", "tablesaw plot")) {
            assertTrue(out.contains("ok " + f + "\n"), f + " in " + out);
        }
    }

    /**
     * toolkit/bin/tasni from another directory and through a symlink: the same output as java -jar, nothing on stderr,
     * and the class-data archive made on the first start is the one later starts map (-Xshare:on fails otherwise).
     */
    @Test
    void launcherRunsFromAnywhereWithItsArchive() throws Exception {
        Path link = dir.resolve("tasni");
        Files.createSymbolicLink(link, Jar.ROOT.resolve("toolkit/bin/tasni"));
        Path csv = dir.resolve("targets.csv");
        Jar.Result first = launch(link, "convert", Jar.ROOT.resolve("data-samples/targets.parquet").toString(), csv.toString());
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.err());
        Path expected = dir.resolve("expected.csv");
        Jar.Result plain = Jar.run("convert", "data-samples/targets.parquet", expected.toString());
        assertEquals(0, plain.code(), plain.err());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(csv));
        try (var s = Files.list(Jar.JAR.getParent())) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().matches("tasni-toolkit_.*_java\\.jsa")), "an archive beside the jar");
        }
        Jar.Result shared = launch(link, "-J-Xshare:on", "--version");
        assertEquals(0, shared.code(), shared.out() + shared.err());
        assertEquals(Jar.run("--version").out(), shared.out());
        assertEquals("", shared.err());
        Jar.Result help = launch(link, "--help");
        assertEquals(Jar.run("--help").out(), help.out());
        Files.delete(link);
    }

    private Jar.Result launch(Path launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TASNI_JAVA", java());
        Path out = dir.resolve("launch.out"), err = dir.resolve("launch.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Jar.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
