package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tasni.TasniException;
import org.tasni.download.NeowiseEpochs;
import org.tasni.io.Columns;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout.DataFile;
import org.tasni.variability.Band;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * The NEOWISE exposures of the candidates, and of nothing else: {@link Source#SAMPLES} selects them from
 * {@code DATA/neowise_epochs.parquet}; a TAP service or IRSA is asked for them with TAP_UPLOAD joins.
 */
final class EpochsStep implements Step {

    /** The NEOWISE table of an IRSA-shaped TAP service other than IRSA's own (our local DaCHS serves this). */
    static final String TAP_NEOWISE = "irsa.neowiser_p1bs_psd";

    @Override
    public Phase phase() {
        return Phase.EPOCHS;
    }

    @Override
    public List<Path> inputs(PipelineConfig c) {
        List<Path> in = new ArrayList<>(List.of(DataFile.CANDIDATES.in(c.out())));
        if (c.source() == Source.SAMPLES) {
            in.add(DataFile.NEOWISE_EPOCHS.in(c.data()));
        }
        return in;
    }

    @Override
    public List<Path> outputs(PipelineConfig c) {
        return List.of(DataFile.NEOWISE_EPOCHS.in(c.out()));
    }

    @Override
    public Outcome run(PipelineConfig c, Consumer<String> say) {
        Table candidates = TableIO.read(DataFile.CANDIDATES.in(c.out()));
        Set<String> wanted = new HashSet<>(Columns.strings(candidates, "designation").asList());
        List<String> notes = new ArrayList<>(), warnings = new ArrayList<>(), failures = new ArrayList<>();
        Path out = DataFile.NEOWISE_EPOCHS.in(c.out());
        Set<String> found = new HashSet<>();
        long rows;
        if (c.source() == Source.SAMPLES) {
            Path file = DataFile.NEOWISE_EPOCHS.in(c.data());
            if (!file.toFile().isFile()) {
                throw new TasniException(file + ": no NEOWISE epochs in the data directory (source samples reads the "
                        + "candidates' light curves from it).");
            }
            requireColumns(file);
            Contiguity order = new Contiguity();
            MjdSpan fileSpan = new MjdSpan(), keptSpan = new MjdSpan();
            long[] before = {0}; // the file's rows before this row group
            rows = RowGroups.filter(file, g -> {
                StringColumn d = Columns.strings(g, "designation");
                Selection keep = d.isIn(wanted);
                for (int i : keep) {
                    order.see(d.get(i));
                }
                NumericColumn<?> mjd = mjd(g, file);
                for (int i = 0; i < g.rowCount(); i++) {
                    if (!d.get(i).isBlank()) { // Epochs' rule for a missing id
                        fileSpan.see(mjd.getDouble(i), before[0] + i + 1);
                    }
                }
                for (int i : keep) {
                    keptSpan.see(mjd.getDouble(i), before[0] + i + 1);
                }
                before[0] += g.rowCount();
                return keep;
            }, () -> {
                // the whole column first (its first row is the plainest example), then the candidates' rows alone,
                // which are all the variability sees
                fileSpan.refuseIfNoneInside(file);
                keptSpan.refuseIfNoneInside(file);
            }, out)[1];
            found.addAll(order.seen());
            if (!order.contiguous()) {
                // the periodogram streams the file source by source: group each source's exposures together
                Table all = TableIO.read(out);
                TableIO.write(all.sortOn("designation", "mjd"), out);
                notes.add("the data file's exposures were not grouped by source: sorted by designation and mjd");
            }
        } else {
            NeowiseEpochs n = c.source() == Source.IRSA ? NeowiseEpochs.irsa()
                    : NeowiseEpochs.at(c.tapUrl().orElseThrow()).table(TAP_NEOWISE);
            ResultTable<NeowiseEpochs.Report> r = n.forTargets(candidates.selectColumns("designation", "ra", "dec"))
                    .upload(c.upload()).notices(say).run();
            notes.add(r.report().toString());
            if (r.report().failed() > 0) {
                failures.add(r.report().failed() + " of " + r.report().targets() + " targets' epochs could not be "
                        + "fetched (see the notes above); they are ranked without a light curve");
            }
            // the service's row order is its own: sort so that the same exposures give the same file
            Table epochs = r.sortOn("designation", "mjd");
            found.addAll(Columns.strings(epochs, "designation").asSet());
            try (RowGroups.Sink sink = new RowGroups.Sink(out)) {
                sink.accept(epochs.setName(DataFile.NEOWISE_EPOCHS.fileName()));
                sink.commit();
            }
            rows = epochs.rowCount();
        }
        long without = wanted.stream().filter(x -> !found.contains(x)).count();
        notes.add(String.format("%,d exposures of %d of the %d candidates", rows, found.size(), wanted.size()));
        if (without > 0) {
            warnings.add(without + " candidate(s) have no NEOWISE exposure: they are ranked with the caveat no_light_curve");
        }
        return new Outcome(candidates.rowCount(), rows, notes, warnings, failures);
    }

    /**
     * Refuses a data file without a column the epochs or the variability need, naming it: the variability reads this
     * step's copy, OUT/neowise_epochs.parquet, and named that copy ("neowise_epochs.parquet: no column 'w1sigmpro'")
     * for a fault of the user's file, as did the selection here for a missing designation (a bare file name). Read
     * from the footer, before any row.
     */
    private static void requireColumns(Path file) {
        List<String> have = ParquetIO.columnNames(file);
        List<String> lacking = new ArrayList<>();
        if (!have.contains("designation")) {
            lacking.add("'designation' (each exposure's source)");
        }
        for (Band b : Band.values()) {
            if (!have.contains(b.magnitudeColumn()) && !have.contains(b.magnitudeAlias())) {
                lacking.add("'" + b.magnitudeColumn() + "' or '" + b.magnitudeAlias() + "' (its " + b.label()
                        + " magnitude)");
            }
            if (!have.contains(b.errorColumn()) && !have.contains(b.errorAlias())) {
                lacking.add("'" + b.errorColumn() + "' or '" + b.errorAlias() + "' (its " + b.label() + " error)");
            }
        }
        if (!lacking.isEmpty()) {
            throw new TasniException(file + ": no column " + String.join(", no column ", lacking) + " (columns: "
                    + String.join(", ", have) + "); the variability of every NEOWISE exposure needs them.");
        }
    }

    /**
     * The data file's mjd column. The variability phase reads the copy this step writes and would name that copy,
     * and a row of it, for a fault of the data file: so the column is checked here, naming the data file.
     */
    private static NumericColumn<?> mjd(Table g, Path file) {
        if (!g.containsColumn("mjd")) {
            throw new TasniException(file + ": no column 'mjd' (columns: " + String.join(", ", g.columnNames())
                    + "); every NEOWISE exposure needs its time.");
        }
        if (!(g.column("mjd") instanceof NumericColumn<?> n)) {
            throw new TasniException(file + ": column 'mjd' has type " + g.column("mjd").type().name()
                    + "; expected a number (the exposure's MJD).");
        }
        return n;
    }

    /**
     * The variability's rule for a wholly wrong time column, applied to the data file with its own row numbers: finite
     * mjds of rows with a source id, none inside the WISE/NEOWISE span, is a mistake about the whole file (a JD, a date
     * in seconds), refused; a few outside it are the variability's to drop and count.
     */
    private static final class MjdSpan {
        private long finite, outside, firstRow;
        private double firstValue;

        /** The mjd of the file's row {@code row} (from 1). */
        void see(double mjd, long row) {
            if (!Double.isFinite(mjd)) {
                return; // dropped and counted by the variability
            }
            finite++;
            if (mjd < DropReason.MJD_MIN || mjd > DropReason.MJD_MAX) {
                if (outside++ == 0) {
                    firstRow = row;
                    firstValue = mjd;
                }
            }
        }

        void refuseIfNoneInside(Path file) {
            if (DropReason.noneInSpan(finite, outside)) {
                throw DropReason.noMjdInSpan(file.toString(), firstRow, firstValue);
            }
        }
    }

    /** Whether each source's rows come in one run (the periodogram streams source by source), and which were seen. */
    private static final class Contiguity {
        private final Set<String> seen = new HashSet<>();
        private String last;
        private boolean contiguous = true;

        void see(String designation) {
            if (!designation.equals(last)) {
                contiguous &= seen.add(designation);
                last = designation;
            }
        }

        Set<String> seen() {
            return seen;
        }

        boolean contiguous() {
            return contiguous;
        }
    }
}
