package org.tasni.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The commented YAML header of an ECSV 1.0 file: the columns' names and datatypes and the delimiter. Only the lines
 * this toolkit needs are read (a full YAML parser would be a dependency for three keys); the data below the header
 * is plain CSV, read by {@link CsvReader}.
 *
 * @param names     the columns in order
 * @param kinds     their types, as the header declares them
 * @param delimiter ',' or ' '
 */
record EcsvHeader(List<String> names, List<Kind> kinds, char delimiter) {

    private static final Pattern COLUMN = Pattern.compile(
            "^#\\s*-\\s*\\{\\s*name:\\s*('[^']*'|\"[^\"]*\"|[^,}]+?)\\s*,\\s*datatype:\\s*([A-Za-z0-9]+)");
    private static final Pattern DELIMITER = Pattern.compile("^#\\s*delimiter:\\s*(.*?)\\s*$");

    /** Reads the header of the ECSV file {@code path}; {@code name} is the file's name for errors. */
    static EcsvHeader read(Path path, String name) {
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        char delimiter = ' ';
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = stripBom(r.readLine());
            if (first == null || !first.startsWith("# %ECSV")) {
                throw new TasniException(name + ": not an ECSV file (line 1 is not '# %ECSV 1.0').");
            }
            String line;
            int no = 1;
            while ((line = r.readLine()) != null && line.startsWith("#")) {
                no++;
                Matcher m = COLUMN.matcher(line);
                Matcher dm = DELIMITER.matcher(line);
                if (m.find()) {
                    String n = m.group(1);
                    if (n.length() >= 2 && n.charAt(0) == '\'') {
                        n = n.substring(1, n.length() - 1).replace("''", "'"); // YAML's single-quote escape
                    } else if (n.length() >= 2 && n.charAt(0) == '"') {
                        n = n.substring(1, n.length() - 1);
                    }
                    Kind k = Kind.ofEcsv(m.group(2));
                    if (k == null) {
                        throw new TasniException(name + ": line " + no + ", column '" + n + "' has ECSV datatype '"
                                + m.group(2) + "', which is not supported.");
                    }
                    names.add(n);
                    kinds.add(k);
                } else if (dm.find()) {
                    String d = dm.group(1);
                    if (d.equals("','")) {
                        delimiter = ',';
                    } else if (!d.equals("' '")) {
                        throw new TasniException(name + ": line " + no + ": only comma- or space-delimited ECSV is "
                                + "supported (delimiter: " + d + ").");
                    }
                }
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read (" + e.getMessage() + ").", e);
        }
        if (names.isEmpty()) {
            throw new TasniException(name + ": the ECSV header lists no columns.");
        }
        return new EcsvHeader(names, kinds, delimiter);
    }

    /** Writes the header of {@code table} as ECSV 1.0 with a comma delimiter. */
    static void write(Table table, Writer w) throws IOException {
        w.write("# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n");
        for (Column<?> c : table.columns()) {
            w.write("# - {name: " + yamlName(c.name()) + ", datatype: " + Kind.of(table, c).ecsv + "}\n");
        }
        w.write("# schema: astropy-2.0\n");
    }

    private static String yamlName(String n) {
        return n.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? n : "'" + n.replace("'", "''") + "'";
    }

    private static String stripBom(String s) {
        return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
