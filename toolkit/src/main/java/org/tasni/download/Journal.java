package org.tasni.download;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tasni.TasniException;
import org.tasni.io.TileLayout;

/**
 * The download directory's journal ({@code download-journal.tsv}): an append-only, line-per-event record of what a
 * run did, so that a run killed at any moment (even {@code kill -9}) is resumed without fetching anything twice.
 *
 * <pre>
 * CONFIG  wise           table=… margin=60 columns=…  what the directory holds (a run asking for other rows is refused)
 * JOB     wise/6/24180   http://…/async/abc   an async job was submitted for a region (resumed, not resubmitted)
 * SPLIT   wise/5/6045                          the region overflowed: go straight to its four sub-pixels
 * PART    wise/6/24180   5123                  the region's rows are in .parts/ (its file, written atomically)
 * DONE    wise/5/6045    6113   412            the tile's own and margin files are written
 * FAILED  wise/5/6046    reason                the tile failed in this run (it is fetched again next time)
 * </pre>
 *
 * Each line is written with one {@code write}; a line torn by a crash (no final newline) is ignored. JOB and SPLIT lines
 * are the only record of what they say, so they are forced to disk; PART, DONE and FAILED repeat what the files on disk
 * already show and are left to the page cache (a forced write costs about 8 ms here, and a tile has several).
 */
final class Journal {


    private final Path file;
    private final Map<String, URI> jobs = new HashMap<>();
    private final Map<String, String> configs = new HashMap<>();
    private final Set<String> splits = new HashSet<>();

    private Journal(Path file) {
        this.file = file;
    }

    static Journal open(Path dir) {
        Journal j = new Journal(TileLayout.journal(dir));
        if (!Files.exists(j.file)) {
            return j;
        }
        try {
            for (String[] f : records(j.file)) {
                if (f.length >= 3 && f[0].equals("CONFIG")) {
                    j.configs.put(f[1], f[2]);
                } else if (f.length >= 3 && f[0].equals("JOB")) {
                    j.jobs.put(f[1], URI.create(f[2]));
                } else if (f.length >= 2 && f[0].equals("SPLIT")) {
                    j.splits.add(f[1]);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new TasniException(j.file + ": cannot read the download journal (" + e.getMessage() + "); delete it to "
                    + "start afresh (finished tiles are still skipped).", e);
        }
        return j;
    }

    /**
     * What a directory's journal says, per catalogue, in a line each: tiles finished, tiles whose last attempt failed
     * (with the reason), and async jobs submitted for unfinished tiles (a rerun picks them up). Empty without a journal.
     */
    static List<String> describe(Path dir) {
        Path f = TileLayout.journal(dir);
        if (!Files.exists(f)) {
            return List.of();
        }
        Map<String, Set<String>> done = new TreeMap<>(), pendingJobs = new HashMap<>();
        Map<String, Map<String, String>> failed = new HashMap<>();
        try {
            for (String[] x : records(f)) {
                if (x.length < 2 || x[1].split("/").length != 3) {
                    continue;
                }
                String prefix = x[1].split("/")[0];
                done.computeIfAbsent(prefix, k -> new TreeSet<>());
                switch (x[0]) {
                    case "JOB" -> pendingJobs.computeIfAbsent(prefix, k -> new HashSet<>()).add(x[1]);
                    case "PART", "SPLIT" -> pendingJobs.getOrDefault(prefix, new HashSet<>()).remove(x[1]);
                    case "DONE" -> {
                        done.get(prefix).add(x[1]);
                        failed.getOrDefault(prefix, new HashMap<>()).remove(x[1]);
                    }
                    case "FAILED" -> failed.computeIfAbsent(prefix, k -> new TreeMap<>()).put(x[1],
                            x.length > 2 ? x[2] : "");
                    default -> { }
                }
            }
        } catch (IOException e) {
            return List.of(f + ": unreadable (" + e.getMessage() + ")");
        }
        List<String> out = new ArrayList<>();
        for (String prefix : done.keySet()) {
            Map<String, String> fails = failed.getOrDefault(prefix, Map.of());
            // a job of a finished tile is history; one of an unfinished tile is work a rerun resumes
            long jobs = pendingJobs.getOrDefault(prefix, Set.of()).stream().filter(k -> !done.get(prefix).contains(tileOf(k))).count();
            StringBuilder sb = new StringBuilder(String.format("%s: %d tile(s) finished, %d failed in their last attempt, "
                    + "%d async job(s) awaiting a rerun", prefix, done.get(prefix).size(), fails.size(), jobs));
            fails.entrySet().stream().limit(3).forEach(e -> sb.append(String.format("%n    tile %s: %s", e.getKey()
                    .substring(e.getKey().lastIndexOf('/') + 1), e.getValue())));
            out.add(sb.toString());
        }
        return out;
    }

    /** The journal's complete lines, split into fields; a last line torn by a crash (no newline yet) is left out. */
    private static List<String[]> records(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>();
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            out.add(line.split("\t"));
        }
        return out;
    }

    /** The nside-32 tile key of a region key prefix/order/pix. */
    private static String tileOf(String region) {
        String[] p = region.split("/");
        return p[0] + "/5/" + Downloader.tileOf(Integer.parseInt(p[1]), Long.parseLong(p[2]));
    }

    /**
     * Records what a catalogue's files in this directory hold, or checks that it is what they already hold: parts,
     * jobs and tiles of another table, column list or margin must not be mixed into this run's files.
     */
    synchronized void config(String prefix, String description) {
        String before = configs.get(prefix);
        if (before == null) {
            configs.put(prefix, description);
            append(true, "CONFIG", prefix, description);
        } else if (!before.equals(description)) {
            throw new TasniException(file.getParent() + " holds " + prefix + " data downloaded with " + before + ", but this "
                    + "run asks for " + description + ". Use another directory, or delete its " + prefix + " files and "
                    + file.getFileName() + " to start afresh.");
        }
    }

    /** The async job last submitted for a region, or null. */
    synchronized URI job(String region) {
        return jobs.get(region);
    }

    synchronized boolean isSplit(String region) {
        return splits.contains(region);
    }

    synchronized void job(String region, URI url) {
        jobs.put(region, url);
        append(true, "JOB", region, url.toString());
    }

    synchronized void split(String region) {
        splits.add(region);
        append(true, "SPLIT", region);
    }

    synchronized void part(String region, int rows) {
        append(false, "PART", region, Integer.toString(rows));
    }

    synchronized void done(String tile, int rows, int marginRows) {
        append(false, "DONE", tile, Integer.toString(rows), Integer.toString(marginRows));
    }

    synchronized void failed(String tile, String reason) {
        append(false, "FAILED", tile, reason.replaceAll("[\\t\\r\\n]+", " "));
    }

    private void append(boolean durable, String... fields) {
        byte[] line = (String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
                if (durable) {
                    ch.force(false);
                }
            }
        } catch (IOException e) {
            throw new TasniException(file + ": cannot write the download journal (" + e.getMessage() + ").", e);
        }
    }
}
