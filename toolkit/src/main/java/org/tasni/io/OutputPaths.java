package org.tasni.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.tasni.TasniException;

/**
 * Checks made on an output path before any input is read: it must not be one of the inputs (the same file, a symbolic
 * link to it or a hard link of it), and it must be possible to create it (no parent is a regular file). Every command
 * and every stage method that writes a file calls {@link #refuseInputs} first, so no run can overwrite what it reads.
 */
public final class OutputPaths {

    private OutputPaths() {}

    /** Refuses {@code out} if it resolves to any of {@code inputs} (nulls are skipped). */
    public static void refuseInputs(Path out, Path... inputs) {
        refuseInputs(out, Arrays.asList(inputs));
    }

    /**
     * Refuses {@code out} if it resolves to any of {@code inputs}: the same path, a symbolic link to an input, or a
     * hard link of it ({@link Files#isSameFile} compares the file keys). Also refuses an output under a regular file.
     *
     * @throws TasniException naming both paths
     */
    public static void refuseInputs(Path out, Collection<Path> inputs) {
        Path abs = out.toAbsolutePath().normalize();
        requireDirectoryPossible(abs);
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            if (sameFile(abs, in)) {
                throw new TasniException(out + ": this output is the input " + in
                        + " (the same file or a link to it); refusing to overwrite an input. Write to another path.");
            }
        }
    }

    /**
     * Refuses two outputs of one run that resolve to the same file (the same path or a link to it): the second
     * written would replace the first. {@code other} may be null.
     *
     * @throws TasniException naming both paths
     */
    public static void refuseClash(Path out, Path other) {
        if (out == null || other == null) {
            return;
        }
        if (sameFile(out, other)) {
            throw new TasniException(out + ": this output is the other output " + other
                    + " of the same run (the same file or a link to it); give the two outputs different paths.");
        }
    }

    /**
     * True when {@code a} and {@code b} name the same file: the same normalized absolute path, or two existing paths
     * with one file key (a symbolic link to it, a hard link of it).
     */
    public static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses a path whose nearest existing ancestor is not a directory: writing there could only fail later with a
     * confusing {@code FileAlreadyExistsException}.
     */
    public static void requireDirectoryPossible(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new TasniException(out + ": is a directory; give a file name for the output.");
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new TasniException(out + ": cannot write here, " + p + " is a file, not a directory.");
                }
                return;
            }
        }
    }

    /**
     * Refuses an output directory that is a regular file or lies under one.
     */
    public static void requireDirectory(Path dir) {
        Path abs = Objects.requireNonNull(dir).toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new TasniException(dir + ": cannot use this as a directory, " + p + " is a file.");
                }
                return;
            }
        }
    }
}
