package org.tasni.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The heap's peak over a phase (or a benchmark's run): the pools' peaks are reset at its start and summed at its end.
 */
public final class HeapPeak {

    private HeapPeak() {}

    /** Starts a new peak: every heap pool's peak becomes its current use. */
    public static void reset() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
    }

    /**
     * The sum of the heap pools' peaks since {@link #reset}, MiB. Pools peak at different moments, so this is an upper
     * bound of the true peak; it is what the JVM can tell without a sampling thread.
     */
    public static double mebibytes() {
        long bytes = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid() && p.getPeakUsage() != null) {
                bytes += p.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
