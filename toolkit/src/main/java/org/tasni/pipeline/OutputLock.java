package org.tasni.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tasni.TasniException;

/**
 * One run at a time in an output directory: a run holds {@code OUT/.pipeline/lock} locked while it writes, and a second
 * run into the same directory is refused at once. Two runs at once had both exited 0 with each other's files mixed in
 * (one's summary showing the other's counts, a funnel no run could give).
 *
 * <p>The lock is the operating system's ({@link FileChannel#tryLock}): a run killed with {@code kill -9} loses it with
 * its process, so the next run (a resume) finds it free; nothing is left to clean up. The file stays: deleting it while
 * another process opens it would let two runs lock two different files of one name. Its text (host, pid, start) only
 * names the holder in the refusal. Reading the output directory ({@code status}) takes no lock.
 *
 * <p>Within one JVM (two {@code Pipeline} objects in one notebook kernel) the operating system does not tell two holders
 * apart, and closing any channel on the file would release the JVM's lock; so this JVM's own runs are kept apart by a
 * table of the directories it holds, checked before the file is opened at all.
 */
final class OutputLock implements AutoCloseable {

    /** The output directories this JVM's runs hold (their real paths), and who holds each. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code out} for one run, creating its {@code .pipeline/} folder.
     *
     * @throws TasniException naming {@code out} and the holder when another run holds it
     */
    static OutputLock acquire(Path out) {
        Path file = PipelineLayout.lockFile(out);
        Path key;
        try {
            Files.createDirectories(file.getParent());
            key = out.toRealPath();
        } catch (IOException e) {
            throw new TasniException(file + ": cannot create the run's lock file (" + e.getMessage() + ").", e);
        }
        String me = holder();
        String other = HELD.putIfAbsent(key, me + " in this JVM");
        if (other != null) {
            throw busy(out, other);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                // the holder's own words, its first line only (it may not have written them yet)
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                throw busy(out, text.lines().findFirst().orElse(""));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new OutputLock(key, ch, l);
        } catch (IOException | OverlappingFileLockException | TasniException e) {
            HELD.remove(key);
            closeQuietly(ch);
            if (e instanceof TasniException te) {
                throw te;
            }
            if (e instanceof OverlappingFileLockException) {
                // another channel of this JVM holds it, outside the table (a path the table spells otherwise)
                throw busy(out, "another run in this JVM");
            }
            throw new TasniException(file + ": cannot lock the output directory for this run (" + e.getMessage()
                    + ").", e);
        }
    }

    private static TasniException busy(Path out, String holder) {
        return new TasniException(out + ": another pipeline run is writing into this output directory"
                + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to end, or give another --out "
                + "(.out(DIR)). status reads it meanwhile.");
    }

    /** "pid 1234 on host h, since 2026-12-03T20:01:02Z". */
    private static String holder() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "an unnamed host";
            }
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock goes with the channel either way
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        } finally {
            closeQuietly(channel);
            HELD.remove(key);
        }
    }
}
