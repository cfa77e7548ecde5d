package org.tasni.download;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.sky.Healpix;
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
            reusedParts++;
            return TableIO.read(saved);
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
                TableIO.write(r.table(), saved);
                journal.part(key, r.table().rowCount());
                return r.table();
            }
            if (order >= MAX_ORDER) {
                throw new TasniException(String.format("tile region %d at nside %d still has more than MAXREC = %d rows; "
                        + "raise maxrec", pix, hp.nside(), plan.maxrec()));
            }
            journal.split(key);
        }
        splits++;
        Table merged = null;
        Set<Object> seen = new HashSet<>();
        for (long child = 4 * pix; child < 4 * pix + 4; child++) {
            Table part = region(order + 1, child);
            Column<?> id = Columns.require(part, plan.catalog().idColumn());
            BitmapBackedSelection fresh = new BitmapBackedSelection();
            for (int i = 0; i < part.rowCount(); i++) {
                if (seen.add(id.get(i))) {
                    fresh.add(i);
                }
            }
            Table add = part.where(fresh);
            merged = merged == null ? add : merged.append(add);
        }
        return merged;
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
