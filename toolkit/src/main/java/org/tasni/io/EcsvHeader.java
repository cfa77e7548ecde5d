package org.tasni.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The commented YAML header of an ECSV 1.0 file: the columns' names and datatypes and the delimiter. Only the keys
 * this toolkit needs are read, by a reader of the YAML forms astropy writes (a full YAML parser would be a dependency
 * for three keys): a column's entry is a flow mapping ({@code - {name: ra, unit: deg, datatype: float64}}), its keys
 * in any order and its lines wrapped as PyYAML wraps them, or a block mapping (one key a line, as astropy writes a
 * column with meta); names may be plain, single- or double-quoted (with YAML's escapes). The other keys of an entry
 * (unit, description, format, meta, subtype) and the other top-level keys (meta, schema) are passed over. The data
 * below the header is plain CSV, read by {@link CsvReader}.
 *
 * @param names     the columns in order
 * @param kinds     their types, as the header declares them
 * @param datatypes the datatypes the header declares, whose range an integer value must lie in (a uint8 column is
 *                  read into a wider kind)
 * @param delimiter ',' or ' '
 */
record EcsvHeader(List<String> names, List<Kind> kinds, List<String> datatypes, char delimiter) {

    /** Reads the header of the ECSV file {@code path}; {@code name} is the file's name for errors. */
    static EcsvHeader read(Path path, String name) {
        // the header's lines without their "# ", from the file's line 2
        List<String> yaml = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = stripBom(r.readLine());
            if (first == null || !first.startsWith("# %ECSV")) {
                throw new TasniException(name + ": not an ECSV file (line 1 is not '# %ECSV 1.0').");
            }
            String line;
            while ((line = r.readLine()) != null && line.startsWith("#")) {
                yaml.add(line.substring(line.startsWith("# ") ? 2 : 1));
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read (" + e.getMessage() + ").", e);
        }
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<String> datatypes = new ArrayList<>();
        char delimiter = ' ';
        for (int i = 0; i < yaml.size(); i++) {
            String l = yaml.get(i);
            if (!topLevel(l)) {
                continue; // within a key this toolkit does not read
            }
            int colon = l.indexOf(':');
            String key = colon < 0 ? "" : l.substring(0, colon).strip();
            if (key.equals("delimiter")) {
                String d = l.substring(colon + 1).strip();
                String v = new Yaml(l.substring(colon + 1), name, i + 2).value(false);
                if (",".equals(v)) {
                    delimiter = ',';
                } else if (!" ".equals(v)) {
                    throw new TasniException(name + ": line " + (i + 2) + ": only comma- or space-delimited ECSV is "
                            + "supported (delimiter: " + d + ").");
                }
            } else if (key.equals("datatype")) {
                int end = i + 1;
                while (end < yaml.size() && !topLevel(yaml.get(end))) {
                    end++;
                }
                int dash = -1; // the indentation of the list's dashes
                for (int j = i + 1; j < end; j++) {
                    if (!isItem(yaml.get(j), dash)) {
                        continue;
                    }
                    dash = indent(yaml.get(j));
                    int next = j + 1;
                    while (next < end && !isItem(yaml.get(next), dash)) {
                        next++;
                    }
                    String[] column = column(yaml.subList(j, next), dash, name, j + 2);
                    Kind k = Kind.ofEcsv(column[1]);
                    if (k == null) {
                        throw new TasniException(name + ": line " + (j + 2) + ", column '" + column[0]
                                + "' has ECSV datatype '" + column[1] + "', which is not supported.");
                    }
                    names.add(column[0]);
                    kinds.add(k);
                    datatypes.add(column[1]);
                    j = next - 1;
                }
                i = end - 1;
            }
        }
        if (names.isEmpty()) {
            throw new TasniException(name + ": the ECSV header lists no columns.");
        }
        return new EcsvHeader(names, kinds, datatypes, delimiter);
    }

    /** A top-level key's line (not indented, not a list item): it ends the lines of the key before. */
    private static boolean topLevel(String l) {
        return !l.isEmpty() && l.charAt(0) != ' ' && l.charAt(0) != '\t' && l.charAt(0) != '-';
    }

    private static int indent(String l) {
        int n = 0;
        while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    /** Whether {@code l} starts an entry of the datatype list whose dashes are at {@code dash} (-1: not yet known). */
    private static boolean isItem(String l, int dash) {
        int n = indent(l);
        return (dash < 0 || n == dash) && l.startsWith("-", n)
                && (l.length() == n + 1 || l.charAt(n + 1) == ' ' || l.charAt(n + 1) == '\t');
    }

    /** The name and datatype of the column entry made of {@code lines}, the first at file line {@code no}. */
    private static String[] column(List<String> lines, int dash, String file, int no) {
        String first = lines.get(0).substring(dash + 1);
        int at = dash + 1 + indent(first);
        Map<String, String> keys = new HashMap<>();
        if (first.strip().startsWith("{")) {
            String text = String.join("\n", lines).substring(at);
            new Yaml(text, file, no).flowMapping(keys);
        } else {
            // a block mapping: a key a line at the first key's indentation; deeper lines (or a list at it, as
            // astropy writes a meta omap) continue the key above
            int keyIndent = -1;
            List<String> chunk = new ArrayList<>();
            if (!first.isBlank()) {
                keyIndent = at;
                chunk.add(lines.get(0).substring(at));
            }
            for (String l : lines.subList(1, lines.size())) {
                int n = indent(l);
                if (keyIndent < 0 && !l.isBlank()) {
                    keyIndent = n;
                }
                if (n == keyIndent && !isItem(l, n) && !chunk.isEmpty()) {
                    new Yaml(String.join("\n", chunk), file, no).blockKey(keys);
                    chunk.clear();
                }
                chunk.add(chunk.isEmpty() ? l.substring(Math.min(n, l.length())) : l);
            }
            if (!chunk.isEmpty()) {
                new Yaml(String.join("\n", chunk), file, no).blockKey(keys);
            }
        }
        String n = keys.get("name");
        if (n == null || n.isEmpty()) {
            throw new TasniException(file + ": line " + no + ": a column of the ECSV header has no name.");
        }
        String datatype = keys.get("datatype");
        if (datatype == null || datatype.isEmpty()) {
            throw new TasniException(file + ": line " + no + ", column '" + n
                    + "' has no datatype in the ECSV header.");
        }
        return new String[] {n, datatype};
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
     * {@code n} as a YAML scalar that astropy (PyYAML, YAML 1.1) reads back as that same string: plain only for a
     * name of letters, digits and underscores that YAML does not read as a boolean or null; a plain {@code null},
     * {@code yes}, {@code 1e5} or {@code a: b} would come back as None, True, a number or a mapping. Double-quoted,
     * with escapes, where it holds a character YAML may not hold raw or a line break (single quotes would fold it
     * into a space); else single-quoted.
     */
    private static String yamlName(String n) {
        if (n.matches("[A-Za-z_][A-Za-z0-9_]*") && !NOT_STRINGS.contains(n.toLowerCase(Locale.ROOT))) {
            return n;
        }
        if (n.codePoints().allMatch(EcsvHeader::printable)) {
            return "'" + n.replace("'", "''") + "'";
        }
        StringBuilder b = new StringBuilder("\"");
        n.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(printable(c) ? Character.toString(c) : String.format("\\u%04X", c));
            }
        });
        return b.append('"').toString();
    }

    /** Whether YAML holds {@code c} raw in a quoted scalar: printable (as PyYAML's reader has it), no line break. */
    private static boolean printable(int c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static String stripBom(String s) {
        return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /**
     * A cursor over the YAML text of one header entry (its lines joined by '\n'): its keys, its scalars (plain,
     * single- or double-quoted, folded over lines as YAML folds them), and the collections and tags passed over.
     */
    private static final class Yaml {
        private final String s;
        private final String file;
        private final int line;
        private int i;

        Yaml(String s, String file, int line) {
            this.s = s;
            this.file = file;
            this.line = line;
        }

        private TasniException refused(String why) {
            return new TasniException(file + ": line " + line + ": could not read the ECSV header (" + why + ").");
        }

        private boolean at(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void blanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n')) {
                i++;
            }
        }

        /** A flow mapping's keys and scalar values into {@code into}; the cursor is at its '{'. */
        void flowMapping(Map<String, String> into) {
            blanks();
            i++;
            while (true) {
                blanks();
                if (i >= s.length()) {
                    throw refused("a '{' is not closed");
                }
                if (at('}')) {
                    i++;
                    return;
                }
                String key = key(true);
                blanks();
                String value = null;
                if (at(':')) {
                    i++;
                    value = value(true);
                }
                into.put(key, value);
                blanks();
                if (at(',')) {
                    i++;
                } else if (at('}')) {
                    i++;
                    return;
                } else {
                    throw refused("expected ',' or '}' after key '" + key + "'");
                }
            }
        }

        /** A block mapping's {@code key: value} into {@code into}. */
        void blockKey(Map<String, String> into) {
            String key = key(false);
            while (at(' ') || at('\t')) {
                i++;
            }
            if (!at(':')) {
                throw refused("expected 'key: value', found '" + s.strip().lines().findFirst().orElse("") + "'");
            }
            i++;
            into.put(key, value(false));
        }

        private String key(boolean flow) {
            blanks();
            return at('\'') || at('"') ? quoted(s.charAt(i)) : plain(flow, true);
        }

        /** The scalar at the cursor; null for an empty value (YAML's null) and for a collection, passed over. */
        String value(boolean flow) {
            blanks();
            if (i >= s.length()) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return quoted(c);
            }
            if (c == '{' || c == '[') {
                collection();
                return null;
            }
            if (c == '!' || c == '&') {
                // a tag or an anchor: what follows is the value
                while (i < s.length() && " \t\n,{}[]".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                return value(flow);
            }
            boolean blockSequence = c == '-' && (i + 1 == s.length() || " \t\n".indexOf(s.charAt(i + 1)) >= 0);
            if (!flow && (blockSequence || c == '|' || c == '>')) {
                i = s.length(); // a block collection or literal: the rest of the entry's key
                return null;
            }
            return c == '*' ? aliasSkipped() : plain(flow, false);
        }

        private String aliasSkipped() {
            while (i < s.length() && " \t\n,{}[]".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return null;
        }

        /** Passes over the flow collection at the cursor, its quoted scalars included. */
        private void collection() {
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                // a quote opens a scalar only where one starts: "it's" in [it's, x] is plain text
                if ((c == '\'' || c == '"') && (i == 0 || "[{,: \t\n".indexOf(s.charAt(i - 1)) >= 0)) {
                    quoted(c);
                    continue;
                }
                i++;
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return;
                }
            }
            throw refused("a '{' or '[' is not closed");
        }

        /** A plain scalar: up to a flow indicator (in a flow collection), a key's ': ' or a comment, folded. */
        private String plain(boolean flow, boolean key) {
            int from = i;
            boolean comment = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (flow && ",{}[]".indexOf(c) >= 0) {
                    break;
                }
                if (key && c == ':' && (i + 1 == s.length() || " \t\n,{}[]".indexOf(s.charAt(i + 1)) >= 0)) {
                    break;
                }
                if (c == '#' && i > from && " \t\n".indexOf(s.charAt(i - 1)) >= 0) {
                    comment = true;
                    break;
                }
                i++;
            }
            String raw = s.substring(from, i);
            if (comment) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            }
            // a line break in a plain scalar is a space, an empty line a line break
            String[] parts = raw.split("\n", -1);
            StringBuilder b = new StringBuilder(trim(parts[0]));
            int breaks = 0;
            for (int k = 1; k < parts.length; k++) {
                String p = trim(parts[k]);
                if (p.isEmpty()) {
                    breaks++;
                } else {
                    b.append(breaks == 0 ? " " : "\n".repeat(breaks)).append(p);
                    breaks = 0;
                }
            }
            return b.toString();
        }

        private static String trim(String p) {
            int a = 0, z = p.length();
            while (a < z && (p.charAt(a) == ' ' || p.charAt(a) == '\t')) {
                a++;
            }
            while (z > a && (p.charAt(z - 1) == ' ' || p.charAt(z - 1) == '\t')) {
                z--;
            }
            return p.substring(a, z);
        }

        /** The quoted scalar at the cursor ({@code q} its quote), unescaped and folded. */
        private String quoted(char q) {
            i++;
            StringBuilder b = new StringBuilder();
            int keep = 0; // what a line break leaves of b: the blanks that end a line are dropped
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == q) {
                    if (q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i += 2;
                        keep = b.length();
                        continue;
                    }
                    i++;
                    return b.toString();
                }
                if (c == '\n') {
                    // one line break folds into a space; each empty line after it is a line break
                    b.setLength(keep);
                    int breaks = 0;
                    while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                        breaks += s.charAt(i) == '\n' ? 1 : 0;
                        i++;
                    }
                    b.append(breaks == 1 ? " " : "\n".repeat(breaks - 1));
                } else if (c == '\\' && q == '"') {
                    i++;
                    if (at('\n')) {
                        // an escaped line break joins the lines
                        i++;
                        while (at(' ') || at('\t')) {
                            i++;
                        }
                    } else {
                        b.append(escape());
                    }
                } else {
                    b.append(c);
                    i++;
                    if (c == ' ' || c == '\t') {
                        continue;
                    }
                }
                keep = b.length();
            }
            throw refused("a quote is not closed");
        }

        /** The character a double-quoted scalar's escape stands for; the cursor is after its backslash. */
        private String escape() {
            if (i >= s.length()) {
                throw refused("a quote is not closed");
            }
            char c = s.charAt(i++);
            return switch (c) {
                case '0' -> "\0";
                case 'a' -> "\007";
                case 'b' -> "\b";
                case 't', '\t' -> "\t";
                case 'n' -> "\n";
                case 'v' -> "\013";
                case 'f' -> "\f";
                case 'r' -> "\r";
                case 'e' -> "\033";
                case ' ', '"', '/', '\\' -> String.valueOf(c);
                case 'N' -> "\u0085";
                case '_' -> "\u00A0";
                case 'L' -> "\u2028";
                case 'P' -> "\u2029";
                case 'x' -> hex(2);
                case 'u' -> hex(4);
                case 'U' -> hex(8);
                default -> throw refused("unknown escape '\\" + c + "'");
            };
        }

        private String hex(int digits) {
            String h = s.substring(i, Math.min(s.length(), i + digits));
            if (h.length() < digits || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw refused("a '\\' escape is not followed by " + digits + " hexadecimal digits");
            }
            long cp = Long.parseLong(h, 16);
            if (!Character.isValidCodePoint((int) cp) || cp > Character.MAX_CODE_POINT) {
                throw refused("escape '" + h + "' is no Unicode character");
            }
            i += digits;
            return Character.toString((int) cp);
        }
    }
}
