package org.tasni.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;

/**
 * Writes a file so that its final name only ever holds a complete file: the content goes to a hidden temporary file in
 * the same directory, is flushed to disk, and is then renamed over the target in one atomic step. A crash or
 * {@code kill -9} at any moment leaves either the old file or the new one, and at worst a stray
 * {@code .NAME.tmp-HOST-PID-N} file that resume logic ignores and a later write into that directory removes. Ctrl-C
 * removes the process's own temporary files as it exits.
 */
public final class AtomicFiles {

    /** Writes the content of a file at a path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path temporary) throws IOException;
    }

    private static final AtomicLong COUNTER = new AtomicLong();
    /** Directories this process has already cleared of dead writers' temporary files. */
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();
    /** This process's temporary files not yet renamed or removed: what Ctrl-C would otherwise leave. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    /**
     * The name of a temporary file: its target's name, the host, the process id and a counter. The host matters on a
     * directory that several machines mount (NFS, a cluster's shared disk, containers): a process id is only
     * meaningful on its own host, so another host's files are never judged dead. The name part may be cut short
     * ({@link #temporaryFor}); the host has no '-' ({@link #HOST}), so the pattern reads back unambiguously.
     */
    private static final Pattern TEMPORARY = Pattern.compile("\\..*\\.tmp-([A-Za-z0-9_.]+)-(\\d+)-\\d+");
    /**
     * The names of earlier versions, without the host: taken as this host's, as those versions did. Only with an
     * extension this toolkit writes before ".tmp-", so that a user's {@code .notes.tmp-2024-01} is no such file.
     */
    private static final Pattern TEMPORARY_WITHOUT_HOST = Pattern.compile(
            "\\..*\\.(parquet|csv|ecsv|arrow|vot|xml|json|html|tsv)\\.tmp-(\\d+)-\\d+");
    private static final String HOST = host();
    /** The longest file name of the usual file systems (ext4, XFS, APFS, NTFS), in bytes. */
    private static final int MAX_NAME_BYTES = 255;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(AtomicFiles::deleteQuietly),
                "tasni-temporary-files"));
    }

    private AtomicFiles() {}

    /**
     * Runs {@code writer} on a temporary path beside {@code target}, then renames it to {@code target}.
     *
     * @throws TasniException naming the target if writing or renaming fails; the temporary file is removed
     */
    public static void write(Path target, PathWriter writer) {
        Path abs = target.toAbsolutePath();
        Path tmp = temporaryFor(abs);
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TasniException(target + ": could not write the file (" + reason(e) + ").", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        } finally {
            released(tmp);
        }
    }

    /**
     * What went wrong, in the operating system's words ("Read-only file system", "File name too long"), without the
     * JDK's exception class that {@code toString} would put first.
     */
    public static String reason(IOException e) {
        // the files it names are often the temporary ones; the caller names the file the user asked for
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** A temporary file of {@link #temporaryFor} that was renamed into place or removed: Ctrl-C need not remove it. */
    public static void released(Path tmp) {
        OPEN.remove(tmp);
    }

    /**
     * A fresh temporary path beside {@code target} (hidden, tagged with this host and process id so that a later run
     * can tell a dead writer's file from a live one's). The directory is created if needed, and the first time a
     * process writes into a directory it removes the temporary files that dead processes of this host left there
     * (kill -9), so they never pile up.
     *
     * @throws TasniException if a parent of {@code target} is a regular file, or the directory cannot be created
     */
    public static Path temporaryFor(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        OutputPaths.requireDirectoryPossible(abs);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TasniException(target + ": cannot create the directory " + dir + " (" + e + ").", e);
        }
        if (CLEANED.add(dir)) {
            removeStale(dir);
        }
        String suffix = ".tmp-" + HOST + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        // a target name of up to 255 bytes is valid, the same name with the suffix may not be: the name part is cut
        String name = abs.getFileName().toString();
        int budget = MAX_NAME_BYTES - 1 - suffix.length();
        while (name.getBytes(StandardCharsets.UTF_8).length > budget) {
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
        }
        Path tmp = abs.resolveSibling("." + name + suffix);
        OPEN.add(tmp);
        return tmp;
    }

    /** True for the temporary files {@link #write} leaves behind after a crash (another name with ".tmp-" is not). */
    public static boolean isTemporary(Path p) {
        String n = p.getFileName().toString();
        return TEMPORARY.matcher(n).matches() || TEMPORARY_WITHOUT_HOST.matcher(n).matches();
    }

    /**
     * Deletes the temporary files in {@code dir} that a killed process left behind (those of live processes stay, since
     * another run may be writing them). Returns how many were removed.
     */
    public static int removeStale(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (isStale(p)) {
                    deleteQuietly(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot list the directory (" + e.getMessage() + ").", e);
        }
        return n;
    }

    /** A temporary file whose writer is dead: a process of this host that is gone. */
    public static boolean isStale(Path p) {
        return isTemporary(p) && !writerAlive(p);
    }

    /** Whether a temporary file's writer may still be writing it: alive on this host, or on another host at all. */
    private static boolean writerAlive(Path tmp) {
        String n = tmp.getFileName().toString();
        Matcher m = TEMPORARY.matcher(n);
        String pid;
        if (m.matches()) {
            if (!m.group(1).equals(HOST)) {
                return true; // its process id means nothing here
            }
            pid = m.group(2);
        } else {
            m = TEMPORARY_WITHOUT_HOST.matcher(n);
            if (!m.matches()) {
                return true;
            }
            pid = m.group(2);
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // a process id beyond a long is no process of this host's: leave the file alone
        }
    }

    /**
     * This host's name, in the characters a temporary file's name can carry unambiguously ('-' and others become
     * '_'). Linux gives it from /proc without a lookup; elsewhere the JDK asks the resolver once.
     */
    private static String host() {
        String h = "";
        try {
            h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e2) {
                h = "localhost";
            }
        }
        h = h.replaceAll("[^A-Za-z0-9_.]", "_");
        return h.isEmpty() ? "localhost" : h.length() > 64 ? h.substring(0, 64) : h;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }
}
