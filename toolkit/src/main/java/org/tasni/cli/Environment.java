package org.tasni.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which optional parts this machine has, found without starting them: a CUDA driver library, a Spark installation,
 * Jupyter and our {@code tasni-java} kernelspec.
 */
record Environment(String gpu, String spark, String jupyter) {

    private static final List<String> LIB_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/usr/local/nvidia/lib64", "/usr/local/cuda/lib64", "/usr/lib/wsl/lib");

    static Environment probe() {
        return new Environment(probeGpu(), probeSpark(), probeJupyter());
    }

    private static String probeGpu() {
        for (String d : LIB_DIRS) {
            if (Files.exists(Path.of(d, "libcuda.so.1"))) {
                String version = "";
                try {
                    Path v = Path.of("/proc/driver/nvidia/version");
                    if (Files.exists(v)) {
                        version = ", " + Files.readAllLines(v).get(0).replaceAll("\\s+", " ").trim();
                    }
                } catch (Exception ignored) {
                    // the version line is a nicety
                }
                return "YES (" + d + "/libcuda.so.1" + version + ")";
            }
        }
        // only AUTO falls back: --backend gpu fails every tile, naming the missing driver
        return "NO (no libcuda.so.1; --backend auto runs on the CPU, --backend gpu fails)";
    }

    private static String probeSpark() {
        String home = System.getenv("SPARK_HOME");
        if (home != null && Files.isDirectory(Path.of(home))) {
            return "YES (SPARK_HOME=" + home + ")";
        }
        Path onPath = which("spark-submit");
        return onPath != null ? "YES (" + onPath + ")" : "NO (no SPARK_HOME or spark-submit)";
    }

    private static String probeJupyter() {
        Path j = which("jupyter");
        if (j == null) {
            return "NO (no jupyter on PATH; run kernel-setup/install.sh)";
        }
        for (Path k : kernelDirs()) {
            if (Files.isRegularFile(k.resolve("tasni-java/kernel.json"))) {
                return "YES (" + j + ", kernel tasni-java in " + k + ")";
            }
        }
        return "PARTLY (" + j + ", but no tasni-java kernel; run kernel-setup/install.sh)";
    }

    private static List<Path> kernelDirs() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        String home = System.getProperty("user.home");
        return Stream.of(data == null ? null : data + "/kernels", home + "/.local/share/jupyter/kernels",
                "/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels").filter(s -> s != null).map(Path::of).toList();
    }

    static Path which(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
