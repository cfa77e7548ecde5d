package org.tasni.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tasni.TasniException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The commented YAML header of an ECSV 1.0 file: the columns' names and datatypes and the delimiter. SnakeYAML reads
 * the header (the file's '#' lines after line 1, without their "# ") into nodes ({@code compose}), not objects:
 * nothing is constructed, whatever its tag; a scalar is the text written (a column named {@code yes}, {@code null} or
 * {@code 1e3} keeps that name, as astropy means it); and a node knows its line, so a refusal names the file's line. Of
 * a column's entry only {@code name} and {@code datatype} are read (unit, description, format, meta are passed over;
 * a {@code subtype}, astropy's JSON and array columns, is refused), of the top-level keys only {@code datatype} and
 * {@code delimiter} (meta, schema). SnakeYAML also writes a name that YAML would read as something else, quoted. The
 * data below the header is plain CSV, read by {@link CsvReader}.
 *
 * @param names     the columns in order
 * @param kinds     their types, as the header declares them
 * @param datatypes the datatypes the header declares, whose range an integer value must lie in (a uint8 column is
 *                  read into a wider kind)
 * @param delimiter ',' or ' '
 */
record EcsvHeader(List<String> names, List<Kind> kinds, List<String> datatypes, char delimiter) {

    /**
     * The most header text read (SnakeYAML's own limit, 3 MB, would come only after it is all held): an astropy
     * header is a few kilobytes, with every column's meta a few hundred.
     */
    private static final int MAX_HEADER_CHARS = 3_000_000;

    /** The file's line of the header's first YAML line (line 1 is '# %ECSV 1.0'). */
    private static final int FIRST = 2;

    /** Reads the header of the ECSV file {@code path}; {@code name} is the file's name for errors. */
    static EcsvHeader read(Path path, String name) {
        Node root = compose(yaml(path, name), name);
        Map<String, Node> top = root == null ? Map.of() : keys(root, name);
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<String> datatypes = new ArrayList<>();
        Node columns = top.get("datatype");
        if (columns != null && !(columns instanceof SequenceNode)) {
            throw refused(name, columns, "datatype is not a list of columns");
        }
        for (Node entry : columns == null ? List.<Node>of() : ((SequenceNode) columns).getValue()) {
            String at = name + ": line " + (entry.getStartMark().getLine() + FIRST);
            Map<String, Node> keys = keys(entry, name);
            String n = text(keys.get("name"));
            if (n == null || n.isEmpty()) {
                throw new TasniException(at + ": a column of the ECSV header has no name.");
            }
            ReadChecks.requireName(name, n);
            String datatype = text(keys.get("datatype"));
            if (datatype == null || datatype.isEmpty()) {
                throw new TasniException(at + ", column '" + n + "' has no datatype in the ECSV header.");
            }
            Kind k = Kind.ofEcsv(datatype);
            if (k == null) {
                throw new TasniException(at + ", column '" + n + "' has ECSV datatype '" + datatype
                        + "', which is not supported.");
            }
            if (keys.containsKey("subtype")) {
                // astropy's JSON (object) and array columns: each cell is JSON text, read here it would be a string
                // that a rewrite quotes again, no longer what astropy reads back
                String subtype = text(keys.get("subtype"));
                throw new TasniException(at + ", column '" + n + "' has ECSV subtype "
                        + (subtype == null ? "that is not text" : "'" + subtype + "'") + " (cells of JSON or arrays), "
                        + "which is not supported; only scalar columns are read. Drop the column, or split an array "
                        + "into one column per element.");
            }
            names.add(n);
            kinds.add(k);
            datatypes.add(datatype);
        }
        if (names.isEmpty()) {
            throw new TasniException(name + ": the ECSV header lists no columns.");
        }
        Node d = top.get("delimiter");
        String delimiter = d == null ? " " : text(d);
        if (!" ".equals(delimiter) && !",".equals(delimiter)) {
            throw new TasniException(name + ": line " + (d.getStartMark().getLine() + FIRST) + ": only comma- or "
                    + "space-delimited ECSV is supported (delimiter: "
                    + (delimiter == null ? "not text" : "'" + delimiter.replace("'", "''") + "'") + ").");
        }
        return new EcsvHeader(names, kinds, datatypes, delimiter.charAt(0));
    }

    /** The header's YAML: the '#' lines after line 1, without their "# " (or "#"). */
    private static String yaml(Path path, String name) {
        List<String> yaml = new ArrayList<>();
        long chars = 0;
        // bytes that are not UTF-8 read as U+FFFF (which YAML may not hold), not refused: the reader reads ahead into
        // the data, whose bad bytes CsvRecords refuses with their line
        var lenient = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).replaceWith("\uFFFF");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(path), lenient))) {
            String first = r.readLine();
            if (first == null || !first.startsWith("# %ECSV") && !first.startsWith("\uFEFF# %ECSV")) {
                throw new TasniException(name + ": not an ECSV file (line 1 is not '# %ECSV 1.0').");
            }
            for (String line; (line = r.readLine()) != null && line.startsWith("#"); ) {
                if (line.indexOf('\uFFFF') >= 0) {
                    throw new TasniException(name + ": line " + (yaml.size() + FIRST) + " holds bytes that are not "
                            + "UTF-8; a CSV or ECSV file must be UTF-8 (save it again as UTF-8).");
                }
                yaml.add(line.substring(line.startsWith("# ") ? 2 : 1));
                chars += line.length();
                if (chars > MAX_HEADER_CHARS) {
                    throw new TasniException(name + ": line " + (yaml.size() + 1) + ": the ECSV header is longer than "
                            + MAX_HEADER_CHARS + " characters; is every line of the file commented out?");
                }
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read (" + e.getMessage() + ").", e);
        }
        return String.join("\n", yaml);
    }

    /** The YAML's nodes; its tags are passed over, as nothing is constructed (astropy's meta has !!python/tuple). */
    private static Node compose(String yaml, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setTagInspector(tag -> true);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (ReaderException e) { // a character YAML may not hold, at a code point's index
            int line = (int) yaml.codePoints().limit(e.getPosition()).filter(c -> c == '\n').count();
            throw refused(name, line, String.format("character U+%04X is not allowed", e.getCodePoint()));
        } catch (MarkedYAMLException e) {
            String context = e.getContext() == null || e.getContextMark() == null ? ""
                    : e.getContext() + " from line " + (e.getContextMark().getLine() + FIRST) + ": ";
            if (e.getProblemMark() == null) {
                throw new TasniException(name + ": could not read the ECSV header (" + oneLine(context + e.getProblem())
                        + ").");
            }
            throw refused(name, e.getProblemMark().getLine(), context + e.getProblem());
        } catch (YAMLException e) {
            throw new TasniException(name + ": could not read the ECSV header (" + oneLine(e.getMessage()) + ").");
        }
    }

    /** The scalar keys of the mapping {@code node}, each with its value; a key given twice is refused. */
    private static Map<String, Node> keys(Node node, String file) {
        if (!(node instanceof MappingNode m)) {
            throw refused(file, node, "expected a mapping of keys");
        }
        Map<String, Node> keys = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && keys.put(k.getValue(), t.getValueNode()) != null) {
                throw refused(file, k, "key '" + k.getValue() + "' is given twice");
            }
        }
        return keys;
    }

    /** A scalar's text as written, no YAML type applied; null for a collection or a missing key. */
    private static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static TasniException refused(String file, Node at, String why) {
        return refused(file, at.getStartMark().getLine(), why);
    }

    /** A refusal of the header at {@code yamlLine}, from 0 within the YAML. */
    private static TasniException refused(String file, int yamlLine, String why) {
        return new TasniException(file + ": line " + (yamlLine + FIRST) + ": could not read the ECSV header ("
                + oneLine(why) + ").");
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
    }

    /** Writes the header of {@code table} as ECSV 1.0 with a comma delimiter. */
    static void write(Table table, Writer w) throws IOException {
        w.write("# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n");
        for (Column<?> c : table.columns()) {
            w.write("# - {name: " + yamlName(c.name()) + ", datatype: " + Kind.of(table, c).ecsv + "}\n");
        }
        w.write("# schema: astropy-2.0\n");
    }

    /** YAML 1.1's booleans and nulls (any case) among names of letters, digits and underscores. */
    private static final Set<String> NOT_STRINGS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    /**
     * {@code n} as a YAML scalar on one line that astropy (PyYAML, YAML 1.1) reads back as that same string: plain
     * only for a name of letters, digits and underscores that YAML does not read as a boolean or null (a plain
     * {@code null}, {@code yes}, {@code 1e5} or {@code a: b} would come back as None, True, a number or a mapping).
     * Else single-quoted, or double-quoted with escapes where SnakeYAML finds a character YAML may not hold raw or the
     * name has a line break (single quotes would fold it into a space).
     */
    private static String yamlName(String n) {
        if (n.matches("[A-Za-z_][A-Za-z0-9_]*") && !NOT_STRINGS.contains(n.toLowerCase(Locale.ROOT))) {
            return n;
        }
        DumperOptions o = new DumperOptions();
        o.setSplitLines(false);
        StringWriter w = new StringWriter();
        new Yaml(o).serialize(new ScalarNode(Tag.STR, n, null, null, n.matches("(?s).*[\r\n\u0085\u2028\u2029].*")
                ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.SINGLE_QUOTED), w);
        return w.toString().strip();
    }
}
