package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One phase's work: the files it reads and writes, and the computation. Implementations write every output atomically
 * ({@code AtomicFiles}, {@code TableIO.write}), so that a run killed at any moment leaves whole files only.
 */
interface Step {

    Phase phase();

    /** The files whose content the outputs depend on, listed as they are now (before the phase runs). */
    List<Path> inputs(PipelineConfig c);

    /** The files the phase writes. */
    List<Path> outputs(PipelineConfig c);

    /**
     * Computes the outputs.
     *
     * @param say where one-line progress notes go (the console, or nowhere in a notebook)
     */
    Outcome run(PipelineConfig c, Consumer<String> say);

    /** Forgets what the step keeps besides its outputs (per-tile records), before a forced recomputation. */
    default void forget(PipelineConfig c) {}
}
