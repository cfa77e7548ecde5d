package org.tasni.simulate;

/** The kinds of light curve the epoch simulator injects; the truth table records which one each source got. */
public enum LightCurveClass {
    /** Constant brightness: only photometric noise. */
    CONSTANT,
    /** Stochastic variability: a damped random walk (τ 100–1000 d, σ 0.08–0.3 mag). */
    STOCHASTIC,
    /** A linear fading (magnitude increasing) at a given mag/yr. */
    FADING,
    /** A linear brightening (magnitude decreasing) at a given mag/yr. */
    BRIGHTENING,
    /** A sinusoid with a given period and semi-amplitude. */
    PERIODIC
}
