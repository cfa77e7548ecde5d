package org.tasni.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.sky.Healpix;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The rows of one tile's cone for the {@link Downloader}, split into the four sub-pixels while a result overflows
 * (down to nside 8192) and merged on the catalogue's key. It resumes from the journal (a job submitted, a region
 * already split) and from the finished parts in {@code .parts/}, and counts its queries, splits, bytes, resumed jobs
 * and reused parts for the tile's summary row. One per tile, used by one thread.
 */
final class RegionFetch {

    private static final int MAX_ORDER = 13;

    private final Journal journal;
    private final TapClient client;
    private final TileDownload.Plan plan;
    long bytes;
    int queries, splits, resumedJobs, reusedParts;

    RegionFetch(Journal journal, TapClient client, TileDownload.Plan plan) {
        this.journal = journal;
        this.client = client;
        this.plan = plan;
    }

    /** The journal's key of pixel {@code pix} at {@code order} of {@code catalog}. */
    static String key(Catalog catalog, int order, long pix) {
        return catalog.filePrefix() + "/" + order + "/" + pix;
    }

    /** The rows of pixel {@code pix} at {@code order} plus its margin, splitting until no result overflows. */
    Table region(int order, long pix) {
        Path saved = TileLayout.partFile(plan.dir(), plan.catalog().filePrefix(), order, pix);
        if (Files.exists(saved)) {
            Table part = TableIO.read(saved);
            if (Columns.require(part, plan.catalog().idColumn()) instanceof LongColumn) {
                reusedParts++;
                return part;
            }
            // written by an older version that kept the service's id type: asked again, so it is checked like any answer
            delete(saved);
        }
        Healpix hp = Healpix.order(order);
        String key = key(plan.catalog(), order, pix);
        if (!journal.isSplit(key)) {
            double[] c = hp.pix2ang(pix);
            double radius = hp.maxPixRadDeg() * (1 + 1e-9) + plan.marginArcsec() / 3600;
            TapResult r = query(Adql.cone(plan.catalog().table(), plan.catalog().columns(), "ra", "dec", c[0], c[1], radius), key);
            bytes += r.bytes();
            queries++;
            if (!r.overflow()) {
                Table rows = exactIds(r.table(), plan.catalog(), client.base() + " (" + key + ")");
                TableIO.write(rows, saved);
                journal.part(key, rows.rowCount());
                return rows;
            }
            if (order >= MAX_ORDER) {
                throw new TasniException(String.format("tile region %d at nside %d still has more than MAXREC = %d rows; "
                        + "raise maxrec", pix, hp.nside(), plan.maxrec()));
            }
            journal.split(key);
        }
        splits++;
        Table merged = null;
        // The sub-pixels' cones overlap, so a source near their border comes back from two or more of them: a copy from
        // an earlier sub-pixel is the query's geometry, not the service's, and is left out without being counted (a
        // row without an id is recognised by all its values). Copies within one sub-pixel's answer, and rows without
        // an id, stay for TileDownload to count as it counts them in one unsplit answer: neither the counts nor the
        // files depend on MAXREC.
        Set<Object> earlier = new HashSet<>();
        for (long child = 4 * pix; child < 4 * pix + 4; child++) {
            Table part = region(order + 1, child);
            LongColumn id = (LongColumn) part.column(plan.catalog().idColumn());
            Set<Object> own = new HashSet<>();
            BitmapBackedSelection fresh = new BitmapBackedSelection();
            for (int i = 0; i < part.rowCount(); i++) {
                int row = i;
                Object k = id.isMissing(i) ? part.columns().stream().map(c -> c.get(row)).toList() : id.getLong(i);
                if (!earlier.contains(k)) {
                    own.add(k);
                    fresh.add(i);
                }
            }
            earlier.addAll(own);
            Table add = part.where(fresh);
            merged = merged == null ? add : merged.append(add);
        }
        return merged;
    }

    /**
     * {@code t} with its id column as exact 64-bit integers, or a refusal naming the column and its type. Integer
     * columns are widened. A text column is converted when every id in it is an integer's exact digits: that is how a
     * service may send ids without losing one, and converting them keeps the tile files' id type independent of the
     * service's serialisation; a cell that is not such a number is refused with its row. A floating-point column is
     * refused whatever its values: a double rounds ids above 2^53, so distinct sources may already have one id.
     */
    static Table exactIds(Table t, Catalog catalog, String source) {
        String name = catalog.idColumn();
        Column<?> c = Columns.require(t, name);
        if (c instanceof LongColumn) {
            return t;
        }
        LongColumn ids = LongColumn.create(name, t.rowCount());
        if (c instanceof IntColumn || c instanceof ShortColumn) {
            for (int i = 0; i < t.rowCount(); i++) {
                if (c.isMissing(i)) {
                    ids.setMissing(i);
                } else {
                    ids.set(i, c instanceof IntColumn k ? k.getInt(i) : ((ShortColumn) c).getShort(i));
                }
            }
        } else if (c instanceof StringColumn s) {
            for (int i = 0; i < t.rowCount(); i++) {
                String v = s.get(i).strip();
                if (v.isEmpty()) {
                    ids.setMissing(i);
                    continue;
                }
                try {
                    ids.set(i, Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new TasniException(String.format("%s: data row %d (counted from 1) of the id column '%s' holds "
                            + "'%s', which is not an integer id.", source, i + 1, name,
                            v.length() > 40 ? v.substring(0, 40) + "…" : v));
                }
            }
        } else {
            throw new TasniException(String.format("%s: the id column '%s' has type %s; ids must be integers (a %s "
                    + "cannot hold every 64-bit id exactly, so distinct sources could share one).", source, name,
                    c.type().name(), c.type().name().toLowerCase(Locale.ROOT)));
        }
        Table out = t.copy();
        out.replaceColumn(name, ids);
        return out;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new TasniException(p + ": cannot remove a stale part (" + e.getMessage() + ").", e);
        }
    }

    /** Sync, or async with the job in the journal: a job an interrupted run submitted is resumed, not resubmitted. */
    private TapResult query(String adql, String key) {
        if (!plan.async()) {
            return client.sync(adql, plan.maxrec());
        }
        URI job = journal.job(key);
        if (job != null) {
            try {
                TapResult r = client.resume(job, plan.maxrec());
                resumedJobs++;
                return r;
            } catch (TasniException e) {
                // expired, deleted or failed on the server: submit it again
            }
        }
        return client.async(adql, plan.maxrec(), Map.of(), url -> journal.job(key, url));
    }

    /** The tile's summary message: rows left out, splits, resumed jobs and reused parts. */
    String message(DropCounts dropped) {
        List<String> m = new ArrayList<>();
        if (dropped.total() > 0) {
            m.add("left out " + dropped.total() + " row(s): " + dropped);
        }
        if (splits > 0) {
            m.add("split into sub-pixels " + splits + " time(s)");
        }
        if (resumedJobs > 0) {
            m.add("resumed " + resumedJobs + " async job(s) of an interrupted run");
        }
        if (reusedParts > 0) {
            m.add("reused " + reusedParts + " finished part(s) of an interrupted run");
        }
        return String.join("; ", m);
    }
}
