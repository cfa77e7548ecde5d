package org.tasni.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tasni.TasniException;

/**
 * A command timed as a fresh process, with the peak resident memory of that process: what a user waits for and what
 * the machine must hold when the command runs on its own.
 *
 * <p>The peak comes from {@code /usr/bin/time -f %M} when it is installed (the kernel's own high-water mark, read by
 * {@code wait4} after the child exits, so nothing is missed). Without it, {@code VmHWM} in {@code /proc/PID/status}
 * is read every 10 ms while the child lives; the high-water mark only grows, so the last reading before exit is the
 * peak up to at most 10 ms before the end. {@link Result#peakSource()} says which, for the row's notes.
 */
public final class ChildRun {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /**
     * How long the machine is left alone before a process whose time is compared with a peer's: a process started in
     * the seconds after another freed gigabytes (a read probe's heap, a benchmark JVM's) ran slower while the kernel
     * handed that memory back to the hypervisor (a virtual machine with free-page reporting). The toolkit's convert,
     * started by a JVM that had just freed 3 GB: 0.52–0.69 s, the same after a 5 s pause 0.42–0.48 s (6 each).
     */
    static final long SETTLE_MILLIS = 5_000;

    private ChildRun() {}

    /** Leaves the machine alone for {@link #SETTLE_MILLIS}, so that the next process meets it as its peer does. */
    static void settle() throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
    }

    /**
     * A finished command.
     *
     * @param seconds    wall time from start to exit, seconds
     * @param peakRssMb  peak resident set of the process, MiB (NaN if it could not be read)
     * @param peakSource how the peak was read, for notes
     * @param output     its standard output and error, together
     */
    public record Result(double seconds, double peakRssMb, String peakSource, String output) {}

    /** The JVM running this code, so a child toolkit process uses the same Java. */
    public static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs {@code cmd} in {@code dir} and waits for it.
     *
     * @throws TasniException if it fails or runs past {@code timeoutMinutes}, with the command and its output's end
     */
    public static Result run(List<String> cmd, Path workDir, long timeoutMinutes) throws IOException, InterruptedException {
        // absolute: the child runs in dir, where a relative path to its peak file would name dir/dir/…
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "child-", ".log");
        Path rss = Files.createTempFile(dir, "child-", ".rss");
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        List<String> full = new ArrayList<>();
        if (gnuTime) {
            full.addAll(List.of(GNU_TIME.toString(), "-q", "-f", "%M", "-o", rss.toString()));
        }
        full.addAll(cmd);
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            long hwmKb = gnuTime ? 0 : pollHwm(p);
            boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
                throw new TasniException(cmd.get(0) + " ran past " + timeoutMinutes + " min: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new TasniException(cmd.get(0) + " failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n" + tail(out));
            }
            if (gnuTime) {
                String kb = Files.readString(rss).strip();
                // GNU time writes a "Command exited…" line before %M when the child fails; it did not here
                hwmKb = kb.isEmpty() ? 0 : Long.parseLong(kb.substring(kb.lastIndexOf('\n') + 1).strip());
            }
            return new Result(seconds, hwmKb > 0 ? hwmKb / 1024.0 : Double.NaN,
                    gnuTime ? "peak RSS of the process (/usr/bin/time %M)" : "peak RSS of the process (VmHWM, 10 ms polls)", out);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(rss);
        }
    }

    /** The last VmHWM read before the process ended, KiB (0 if none could be read). */
    private static long pollHwm(Process p) throws InterruptedException {
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        long last = 0;
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        last = Math.max(last, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process ended between isAlive and the read: the last reading stands
            }
            Thread.sleep(10);
        }
        return last;
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
    }
}
