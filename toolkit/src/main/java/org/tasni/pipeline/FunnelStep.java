package org.tasni.pipeline;

/**
 * One step of the funnel from AllWISE sources to fading thermal orphans.
 *
 * @param step what the step keeps, e.g. "w1snr >= 5"
 * @param rows the rows that remain after it
 */
public record FunnelStep(String step, long rows) {}
