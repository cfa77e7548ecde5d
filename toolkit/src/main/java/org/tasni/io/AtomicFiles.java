package org.tasni.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tasni.TasniException;

/**
 * Writes a file so that its final name only ever holds a complete file: the content goes to a hidden temporary file in
 * the same directory, is flushed to disk, and is then renamed over the target in one atomic step. A crash or
 * {@code kill -9} at any moment leaves either the old file or the new one, and at worst a stray {@code .*.tmp-*} file
 * that resume logic ignores.
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
            throw new TasniException(target + ": could not write the file (" + e + ").", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * A fresh temporary path beside {@code target} (hidden, tagged with this process's id so that a later run can tell
     * a dead writer's file from a live one's). The directory is created if needed, and the first time a process writes
     * into a directory it removes the temporary files that dead processes left there (Ctrl-C, kill -9), so they never
     * pile up.
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
        return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
    }

    /** True for the temporary files {@link #write} leaves behind after a crash. */
    public static boolean isTemporary(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.contains(".tmp-");
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
                if (isTemporary(p) && !writerAlive(p)) {
                    deleteQuietly(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new TasniException(dir + ": cannot list the directory (" + e.getMessage() + ").", e);
        }
        return n;
    }

    private static boolean writerAlive(Path tmp) {
        String n = tmp.getFileName().toString();
        String[] pidAndCount = n.substring(n.lastIndexOf(".tmp-") + 5).split("-");
        try {
            return ProcessHandle.of(Long.parseLong(pidAndCount[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }
}
