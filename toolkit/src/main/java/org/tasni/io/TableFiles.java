package org.tasni.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * Several files read as one table, for {@link TableIO#read(String, String...)} with a glob and
 * {@link TableIO#read(java.util.List, String...)}: the glob's expansion and the checked append.
 */
final class TableFiles {

    /** The characters that make a path a glob ({@link FileSystems#getPathMatcher}'s syntax). */
    private static final String GLOB_CHARS = "*?[{";

    private TableFiles() {}

    /** Whether {@code path} is a pattern rather than a file name: it has a glob character and no such file exists. */
    static boolean isGlob(String path) {
        return path.chars().anyMatch(ch -> GLOB_CHARS.indexOf(ch) >= 0) && !Files.exists(Path.of(path));
    }

    /**
     * The regular files that {@code pattern} matches, sorted by their path below the pattern's fixed directory (so,
     * in one directory, by file name). The part before the first component with a glob character is a directory
     * that is listed; {@code **} crosses directories, as in {@link FileSystems#getPathMatcher}.
     */
    static List<Path> glob(String pattern) {
        Path p = Path.of(pattern);
        int first = 0;
        while (first < p.getNameCount() && p.getName(first).toString().chars().noneMatch(ch -> GLOB_CHARS.indexOf(ch) >= 0)) {
            first++;
        }
        Path base = first == 0 ? (p.getRoot() != null ? p.getRoot() : Path.of("."))
                : (p.getRoot() != null ? p.getRoot().resolve(p.subpath(0, first)) : p.subpath(0, first));
        Path rest = p.subpath(first, p.getNameCount());
        if (!Files.isDirectory(base)) {
            throw new TasniException(pattern + ": no directory " + base + " to look in.");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.toString().contains("**") ? Integer.MAX_VALUE : rest.getNameCount();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            files = walk.filter(f -> matcher.matches(base.relativize(f)) && Files.isRegularFile(f))
                    .sorted((a, b) -> base.relativize(a).toString().compareTo(base.relativize(b).toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new TasniException(pattern + ": could not list " + base + " (" + e.getMessage() + ").", e);
        }
        if (files.isEmpty()) {
            throw new TasniException(pattern + ": no file matches (looked in " + base.toAbsolutePath().normalize()
                    + "). Check the directory and the pattern, e.g. \"tiles/wise_hp*.parquet\".");
        }
        return files;
    }

    /**
     * The files read in the given order and appended into one table named {@code name} (one file keeps its own
     * name). Every file must have the same columns (in any order; the first file's order is kept) with the same types.
     */
    static Table readAll(List<Path> files, String name, String... columns) {
        if (files.isEmpty()) {
            throw new TasniException("TableIO.read: no files given (expected one or more).");
        }
        Set<Path> seen = new HashSet<>();
        for (Path f : files) {
            if (!seen.add(OutputPaths.resolved(f))) { // link/../x is not x beside link: compared as opened
                throw new TasniException(f + ": listed twice; every file is read once.");
            }
        }
        Table out = TableIO.read(files.get(0), columns);
        if (files.size() == 1) {
            return out;
        }
        String firstFile = files.get(0).getFileName().toString();
        List<Table> rest = new ArrayList<>();
        for (Path f : files.subList(1, files.size())) {
            Table t = TableIO.read(f, columns);
            requireSameColumns(out, firstFile, t, f.getFileName().toString());
            rest.add(t);
        }
        for (Table t : rest) {
            out.append(t); // by column name, so another column order is fine once the names and types agree
        }
        return out.setName(name);
    }

    /** The name of a table read from several files: the pattern (or the first and last file) and how many files. */
    static String name(String what, int files) {
        return what + " (" + files + " files)";
    }

    /** The name for a list of files: first … last, and how many. */
    static String name(List<Path> files) {
        String first = files.get(0).getFileName().toString(), last = files.get(files.size() - 1).getFileName().toString();
        return name(files.size() == 2 ? first + ", " + last : first + " … " + last, files.size());
    }

    private static void requireSameColumns(Table first, String firstFile, Table t, String file) {
        SameColumns.byName(first, firstFile, t).ifPresent(differs -> {
            throw new TasniException(file + ": " + differs + ". Files read together must have the same columns, of the "
                    + "same types; name the ones you need, as in TableIO.read(files, \"ra\", \"dec\").");
        });
    }
}
