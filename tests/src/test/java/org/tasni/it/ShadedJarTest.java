package org.tasni.it;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
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
        Jar.Result shared = launch(link, "-J-Xshare:on", "convert", Jar.ROOT.resolve("data-samples/targets.parquet").toString(),
                dir.resolve("shared.csv").toString());
        assertEquals(0, shared.code(), shared.out() + shared.err());
        assertEquals("", shared.err());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(dir.resolve("shared.csv")));
        Jar.Result version = launch(link, "--version");
        assertEquals(Jar.run("--version").out(), version.out());
        assertEquals("", version.err());
        Jar.Result help = launch(link, "--help");
        assertEquals(Jar.run("--help").out(), help.out());
        Files.delete(link);
    }

    /**
     * The launcher's class-data file is made by the first start of a jar and JVM only: the second start maps that
     * same file (its classes come from the "shared objects file", and the file is not written again), and a jar newer
     * than the file gets a new one in its place. A start that only prints its version or help neither makes nor maps
     * it. A copy of the jar keeps these files apart from the build's.
     */
    @Test
    void launcherMakesItsClassDataOnceAndReusesIt() throws Exception {
        Path jarDir = Files.createDirectories(dir.resolve("jar"));
        Path jar = Files.copy(Jar.JAR, jarDir.resolve("tasni-toolkit.jar"));
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        String targets = Jar.ROOT.resolve("data-samples/targets.parquet").toString();
        Path versionLoads = dir.resolve("version-load.log");
        Jar.Result version = launch(launcher, jar, "-J-Xlog:class+load=info:file=" + versionLoads, "--version");
        assertEquals(0, version.code(), version.err());
        assertEquals("", version.err());
        assertEquals(Jar.run("--version").out(), version.out());
        try (var files = Files.list(jarDir)) {
            assertEquals(List.of(jar), files.toList(), "--version makes no class-data file");
        }
        assertFalse(mainLoad(versionLoads).contains("shared objects file"), "--version maps none");
        Jar.Result help = launch(launcher, jar, "crossmatch", "--help");
        assertEquals(0, help.code(), help.err());
        assertEquals(Jar.run("crossmatch", "--help").out(), help.out());
        try (var files = Files.list(jarDir)) {
            assertEquals(List.of(jar), files.toList(), "a command's --help makes no class-data file");
        }

        Jar.Result first = launch(launcher, jar, "convert", targets, dir.resolve("first.csv").toString());
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.err());
        Path archive = onlyClassData(jarDir);
        var made = Files.readAttributes(archive, java.nio.file.attribute.BasicFileAttributes.class);

        Path loads = dir.resolve("class-load.log");
        Jar.Result second = launch(launcher, jar, "-J-Xlog:class+load=info:file=" + loads, "convert", targets,
                dir.resolve("second.csv").toString());
        assertEquals(0, second.code(), second.err());
        assertEquals("", second.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("first.csv")), Files.readAllBytes(dir.resolve("second.csv")));
        assertEquals(archive, onlyClassData(jarDir), "the same file, not another one");
        var reused = Files.readAttributes(archive, java.nio.file.attribute.BasicFileAttributes.class);
        assertEquals(made.fileKey(), reused.fileKey(), "not written again");
        assertEquals(made.lastModifiedTime(), reused.lastModifiedTime(), "not written again");
        assertTrue(mainLoad(loads).contains("shared objects file"), "mapped from the class-data file: " + mainLoad(loads));

        // with the archive there, a start that only prints help or the version still does not map it
        for (List<String> args : List.of(List.of("--help"), List.of("-V"), List.of("help"), List.<String>of())) {
            Path log = dir.resolve("load-" + args.size() + (args.isEmpty() ? "" : args.get(0)) + ".log");
            List<String> all = new ArrayList<>(List.of("-J-Xlog:class+load=info:file=" + log));
            all.addAll(args);
            Jar.Result printed = launch(launcher, jar, all.toArray(String[]::new));
            assertEquals(0, printed.code(), args + ": " + printed.err());
            assertFalse(mainLoad(log).contains("shared objects file"), args + " maps no archive: " + mainLoad(log));
        }

        // a rebuilt jar: the file is made again, in the same place
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Jar.Result rebuilt = launch(launcher, jar, "convert", targets, dir.resolve("rebuilt.csv").toString());
        assertEquals(0, rebuilt.code(), rebuilt.err());
        assertEquals("", rebuilt.err());
        assertEquals(archive, onlyClassData(jarDir));
        var remade = Files.readAttributes(archive, java.nio.file.attribute.BasicFileAttributes.class);
        assertNotEquals(made.lastModifiedTime(), remade.lastModifiedTime(), "made again for the newer jar");
    }

    /**
     * The launcher caps vectorised loops at 256 bits exactly where the CPU has AVX-512 (the first "flags" line of
     * /proc/cpuinfo, read here in Java), and leaves the JVM's own width elsewhere; an option of the user's still wins.
     */
    @Test
    void launcherCapsTheVectorWidthOnlyWithAvx512() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Assumptions.assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo: the launcher adds no vector option");
        String flags = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
        boolean avx512 = List.of(flags.split("\\s+")).contains("avx512f");
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        Jar.Result launched = launch(launcher, "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(0, launched.code(), launched.err());
        Process p = new ProcessBuilder(java(), "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
        String plain = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (avx512) {
            assertEquals(32, maxVectorSize(launched.out()), "AVX-512 (" + flags.length() + " chars of flags)");
        } else {
            assertEquals(maxVectorSize(plain), maxVectorSize(launched.out()), "no AVX-512: the JVM's own width");
        }
        Jar.Result own = launch(launcher, Map.of("TASNI_JAVA_OPTS", "-XX:MaxVectorSize=16"), "--java",
                "-XX:+PrintFlagsFinal", "-version");
        assertEquals(16, maxVectorSize(own.out()), "TASNI_JAVA_OPTS comes after the launcher's options");
    }

    /**
     * The launcher's per-method JIT thresholds name methods that exist in the jar (a renamed method would lose them
     * without a word), and the JVM starts with them and prints nothing about them.
     */
    @Test
    void launcherCompileCommandsNameMethodsOfTheJar() throws Exception {
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CompileThresholdScaling,([\\w.$]+)::(\\w+),")
                .matcher(Files.readString(launcher));
        int named = 0;
        java.net.URL[] urls = {Jar.JAR.toUri().toURL()};
        try (java.net.URLClassLoader jar = new java.net.URLClassLoader(urls, null)) {
            while (m.find()) {
                String method = m.group(2);
                Class<?> owner = Class.forName(m.group(1), false, jar);
                boolean exists = java.util.Arrays.stream(owner.getDeclaredMethods()).anyMatch(x -> x.getName().equals(method));
                assertTrue(exists, m.group(1) + " has no method " + method);
                named++;
            }
        }
        assertTrue(named > 0, "the launcher names a method");
        Jar.Result launched = launch(launcher, "--java", "-version");
        assertEquals(0, launched.code(), launched.err());
        assertFalse((launched.out() + launched.err()).contains("CompileCommand"), launched.out() + launched.err());
    }

    /**
     * The launcher asks for transparent huge pages exactly where the kernel hands them out on request or always (the
     * mode in brackets in /sys/kernel/mm/transparent_hugepage/enabled, read here in Java), never under "[never]"; an
     * option of the user's still wins.
     */
    @Test
    void launcherAsksForHugePagesOnlyWhereTheKernelGivesThem() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        Assumptions.assumeTrue(Files.isReadable(thp), "no " + thp + ": the launcher adds no huge-page option");
        String mode = Files.readString(thp).trim();
        boolean given = mode.contains("[madvise]") || mode.contains("[always]");
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        Jar.Result launched = launch(launcher, "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(0, launched.code(), launched.err());
        assertEquals(given, flag(launched.out(), "UseTransparentHugePages"), "kernel mode: " + mode);
        assertEquals("", launched.err().lines().filter(l -> l.contains("page")).collect(java.util.stream.Collectors.joining("\n")),
                "no warning about pages");
        Jar.Result own = launch(launcher, Map.of("TASNI_JAVA_OPTS", "-XX:-UseTransparentHugePages"), "--java",
                "-XX:+PrintFlagsFinal", "-version");
        assertFalse(flag(own.out(), "UseTransparentHugePages"), "TASNI_JAVA_OPTS comes after the launcher's options");
    }

    /**
     * The launcher fixes G1's young generation at 64 MB; a size of the user's still wins, and a collector or young
     * size of the user's (in any of the places JVM options come from) leaves both to the JVM.
     */
    @Test
    void launcherSetsTheYoungGenerationUnlessTheUserDoes() throws Exception {
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        Jar.Result launched = launch(launcher, "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(0, launched.code(), launched.err());
        assertEquals(64L << 20, size(launched.out(), "MaxNewSize"));
        Jar.Result own = launch(launcher, Map.of("TASNI_JAVA_OPTS", "-Xmn128m"), "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(128L << 20, size(own.out(), "MaxNewSize"), "TASNI_JAVA_OPTS comes after the launcher's options");
        Jar.Result smaller = launch(launcher, "--java", "-XX:MaxNewSize=32m", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(32L << 20, size(smaller.out(), "MaxNewSize"), "a smaller young generation of the user's");
        // a collector or young-generation option of the user's leaves the young generation to the JVM: a fixed 64 MB
        // in a 48 MB heap of SerialGC (or a ratio beside it) made the JVM print warnings before the command's output
        String version = Jar.run("--version").out();
        record Start(String javaOpts, List<String> args) {}
        for (Start start : List.of(new Start("-XX:+UseSerialGC -Xmx48m", List.of("--version")),
                new Start("", List.of("-J-XX:+UseParallelGC", "-J-Xmx32m", "--version")),
                new Start("-XX:NewRatio=2", List.of("--version")))) {
            Jar.Result quiet = launch(launcher, Map.of("TASNI_JAVA_OPTS", start.javaOpts()), start.args().toArray(String[]::new));
            assertEquals(0, quiet.code(), start + ": " + quiet.err());
            assertEquals(version, quiet.out(), start + ": nothing but the version on standard output");
            assertEquals("", quiet.err(), start.toString());
        }
        // a collector chosen in the JVM's own variable: the launcher names none beside it, which would stop the JVM
        Jar.Result tool = launch(launcher, Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC"), "--version");
        assertEquals(0, tool.code(), tool.out() + tool.err());
        assertEquals(version, tool.out());
    }

    @Test
    void launcherSetsTheCollectionRatioAndTheArchiveMappingUnlessTheUserDoes() throws Exception {
        Path launcher = Jar.ROOT.resolve("toolkit/bin/tasni");
        Jar.Result ours = launch(launcher, "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals(0, ours.code(), ours.err());
        assertEquals("2", jvmFlag(ours.out(), "GCTimeRatio"));
        assertEquals("0", jvmFlag(ours.out(), "ArchiveRelocationMode"));
        // the JVM's own variables come before the command line: the launcher leaves out what the user set there
        Jar.Result tool = launch(launcher, Map.of("JAVA_TOOL_OPTIONS", "-XX:GCTimeRatio=9"), "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals("9", jvmFlag(tool.out(), "GCTimeRatio"), tool.err());
        Jar.Result mode = launch(launcher, Map.of("JDK_JAVA_OPTIONS", "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=1"),
                "--java", "-XX:+PrintFlagsFinal", "-version");
        assertEquals("1", jvmFlag(mode.out(), "ArchiveRelocationMode"), mode.err());
        // a collector of the user's gets its own ratio (Parallel's is 99), as it gets its own young generation
        Jar.Result parallel = launch(launcher, Map.of("TASNI_JAVA_OPTS", "-XX:+UseParallelGC"), "--java", "-XX:+PrintFlagsFinal",
                "-version");
        assertEquals(jvmFlag(jvmFlags("-XX:+UseParallelGC"), "GCTimeRatio"), jvmFlag(parallel.out(), "GCTimeRatio"));
    }

    /** -XX:+PrintFlagsFinal of this JVM started with {@code options} alone, without the launcher. */
    private String jvmFlags(String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Path out = dir.resolve("flags.out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        return Files.readString(out);
    }

    /** The line of a -Xlog:class+load log that says where org.tasni.cli.Main came from. */
    private static String mainLoad(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" org.tasni.cli.Main "))
                .findFirst().orElseThrow(() -> new AssertionError("org.tasni.cli.Main not loaded? " + log));
    }

    /** The value of JVM flag {@code name} (of any type: bool, intx, size_t…) in the output of -XX:+PrintFlagsFinal. */
    private static String jvmFlag(String printFlagsFinal, String name) {
        return printFlagsFinal.lines().filter(l -> l.matches("\\s*\\w+\\s+" + name + "\\s+=.*")).findFirst()
                .map(l -> l.replaceAll(".*=\\s*(\\w+).*", "$1"))
                .orElseThrow(() -> new AssertionError("no " + name + " in " + printFlagsFinal));
    }

    private static int maxVectorSize(String printFlagsFinal) {
        return Integer.parseInt(jvmFlag(printFlagsFinal, "MaxVectorSize"));
    }

    private static boolean flag(String printFlagsFinal, String name) {
        return Boolean.parseBoolean(jvmFlag(printFlagsFinal, name));
    }

    private static long size(String printFlagsFinal, String name) {
        return Long.parseLong(jvmFlag(printFlagsFinal, name));
    }

    /** The one class-data file (AppCDS archive or AOT cache) the launcher keeps beside the jar in {@code jarDir}. */
    private static Path onlyClassData(Path jarDir) throws Exception {
        try (var s = Files.list(jarDir)) {
            List<Path> files = s.filter(f -> !f.getFileName().toString().equals("tasni-toolkit.jar")).toList();
            assertEquals(1, files.size(), "one class-data file beside the jar: " + files);
            assertTrue(files.get(0).getFileName().toString().matches("tasni-toolkit_.*\\.(jsa|aot)"), files.toString());
            return files.get(0);
        }
    }

    private Jar.Result launch(Path launcher, Path jar, String... args) throws Exception {
        return launch(launcher, Map.of("TASNI_JAR", jar.toString()), args);
    }

    private Jar.Result launch(Path launcher, String... args) throws Exception {
        return launch(launcher, Map.of(), args);
    }

    private Jar.Result launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("TASNI_JAVA", java());
        pb.environment().putAll(env);
        Path out = dir.resolve("launch.out"), err = dir.resolve("launch.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Jar.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
