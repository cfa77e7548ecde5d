package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stats file is written without Jackson; Jackson, the independent writer it replaced, must write the same text. */
class StatsJsonTest {

    /** Puts {@code values} in order and checks the text against Jackson's default pretty printer of the same map. */
    private static void assertAsJackson(Map<String, Object> values) throws Exception {
        StatsJson j = new StatsJson();
        values.forEach(j::put);
        assertEquals(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values), j.text());
    }

    @Test
    void flatValuesAreWrittenAsJacksonWritesThem() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read_s", 2.997904);
        m.put("tiny_s", 1.0e-7);
        m.put("big", 1.5e300);
        m.put("whole", 3.0);
        m.put("n", 291404L);
        m.put("threads", 2);
        m.put("short", (short) -7);
        m.put("f", 0.1f);
        m.put("gpu", true);
        m.put("none", null);
        m.put("mode", "orphans");
        m.put("note", "");
        m.put("odd \"key\"", "quote \" backslash \\ tab \t newline \n cr \r bs \b ff \f bell \u0007 del \u007f ünïcødé ★");
        assertAsJackson(m);
    }

    @Test
    void nonFiniteNumbersAreStringsAsInJackson() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("minf", Float.NEGATIVE_INFINITY);
        assertAsJackson(m);
    }

    @Test
    void anEmptyMapAndOtherValueTypesAreWrittenByJackson() throws Exception {
        assertAsJackson(new LinkedHashMap<>());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 1);
        m.put("list", List.of(1, 2));
        assertAsJackson(m);
    }
}
