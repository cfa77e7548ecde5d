/**
 * Sky geometry: unit vectors and separations, HEALPix NESTED pixels, and proper-motion propagation.
 *
 * <p>Start with {@link org.tasni.sky.SkyMath} for positions and separations, {@link org.tasni.sky.Healpix} for
 * tiles ({@code Healpix.nside(32).ang2pix(ra, dec)}) and {@link org.tasni.sky.ProperMotion} to move a catalogue
 * between epochs.
 *
 * <h2>Conventions</h2>
 * Positions are ICRS {@code ra}, {@code dec} in degrees, RA folded into [0, 360). Separations computed here keep
 * full precision down to 1e-6″ (atan2 of cross and dot products, never acos of a dot product). Proper motions are
 * {@code pmra} (including cos δ) and {@code pmdec} in mas/yr, and epochs are Julian years. This package depends on
 * nothing else in the toolkit.
 */
package org.tasni.sky;
