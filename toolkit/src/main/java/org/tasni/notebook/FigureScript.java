package org.tasni.notebook;

import tech.tablesaw.plotly.components.Figure;

/**
 * A figure's script element that stays one valid script whatever text its titles, names and hover texts hold.
 *
 * <p>Tablesaw writes titles and trace names into single-quoted JavaScript strings escaped for HTML only ({@code &}
 * {@code < > " '} as entities): a backslash or a line break in them is left raw, so a designation ending in
 * {@code \} ended the string early and the whole figure stayed blank without an error. Hover texts go in as JSON
 * (double-quoted, escaped for JavaScript) but not for HTML, so a {@code </script>} in a designation ended the script
 * element and what followed ran as the page's own script. Both are repaired here, on the script as Tablesaw wrote it,
 * so the titles, trace names and hover texts of every figure shown through {@link Html} are covered, the toolkit's
 * and any a user builds (not a marker colour, symbol or colour scale, which Tablesaw writes as given).
 *
 * <p>The repair reads the script's string literals: in a single-quoted one (Tablesaw's HTML-escaped text, which never
 * holds a raw {@code '}) every backslash is the text's own; in a double-quoted one (JSON) a backslash already starts an
 * escape and is kept with the character after it. Tablesaw's annotations put HTML-escaped text in double quotes, where
 * a backslash cannot be told from an escape; the toolkit draws none.
 */
final class FigureScript {

    private FigureScript() {}

    /** Tablesaw's {@code <script>…</script>} for the figure under {@code divId}, its strings made safe. */
    static String of(Figure f, String divId) {
        String js = f.asJavascript(divId);
        int open = js.indexOf('>', js.indexOf("<script")) + 1, close = js.lastIndexOf("</script>");
        return js.substring(0, open) + escapeStrings(js.substring(open, close)) + js.substring(close);
    }

    /**
     * The script with every string literal's content escaped so that it is one JavaScript string holding the same text,
     * and so that no {@code </} or {@code <!--} (which end or confuse an HTML script element) is left in it.
     */
    static String escapeStrings(String js) {
        StringBuilder sb = new StringBuilder(js.length() + 64);
        char quote = 0;
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (quote == 0 || c == quote) {
                quote = quote == 0 && (c == '\'' || c == '"') ? c : 0;
                sb.append(c);
            } else if (c == '\\' && quote == '"') {
                sb.append(c);
                if (i + 1 < js.length()) {
                    sb.append(js.charAt(++i));
                }
            } else {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\u2028' -> sb.append("\\u2028");
                    case '\u2029' -> sb.append("\\u2029");
                    // "<\/" and "<\!--" are the same text to JavaScript, and no end tag or comment to HTML
                    case '<' -> sb.append(js.startsWith("/", i + 1) || js.startsWith("!--", i + 1) ? "<\\" : "<");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
