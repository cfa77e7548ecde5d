package org.tasni.cli;

import java.util.function.Function;
import org.tasni.TasniException;
import org.tasni.variability.PeriodogramConfig;
import org.tasni.variability.VariabilityConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --preset} values spelled as the presets' labels ("tasni-legacy"), which picocli's own enum conversion would
 * also accept but answer, for an unknown one, without the word "preset"; here an unknown value is a parameter error
 * that names it and lists the choices (exit 1).
 */
final class PresetConverters {

    private PresetConverters() {}

    private static <E> E convert(String value, Function<String, E> of) {
        try {
            return of.apply(value);
        } catch (TasniException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code variability --preset}. */
    static final class Variability implements ITypeConverter<VariabilityConfig.Preset> {
        @Override
        public VariabilityConfig.Preset convert(String value) {
            return PresetConverters.convert(value, VariabilityConfig.Preset::of);
        }
    }

    /** {@code periodogram --preset}. */
    static final class Periodogram implements ITypeConverter<PeriodogramConfig.Preset> {
        @Override
        public PeriodogramConfig.Preset convert(String value) {
            return PresetConverters.convert(value, PeriodogramConfig.Preset::of);
        }
    }
}
