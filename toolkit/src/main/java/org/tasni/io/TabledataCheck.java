package org.tasni.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.tasni.TasniException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks the TABLEDATA cells of a VOTable's first table before STIL reads them, because STIL reads what it cannot
 * parse as a null, silently: an {@code int} cell "abc" or a {@code long} cell "4295806720.5" became missing, a row
 * with fewer cells than fields was padded with nulls, one with more had the rest dropped, and "1e400" in a
 * {@code double} became infinity. Each is refused here with the file, the data row (from 1) and the field. Written by
 * hand: STIL has no strict mode for cell values, and no other VOTable reader on Maven Central checks them.
 *
 * <p>Only scalar numeric and boolean fields are checked (character fields hold any text; array fields are refused
 * by the reader); an empty cell or the field's {@code VALUES/@null} is a null. Cells are checked in the first table
 * only, and not where its data are BINARY, BINARY2 or FITS (binary values cannot be mis-typed).
 *
 * <p>The scan also counts the document's tables, and refuses a document of more than one, naming them: STIL reads
 * the first only, and the others were dropped without a word. It refuses a field name with leading or trailing
 * whitespace too ({@link ReadChecks#requireName}), which STIL trims.
 */
final class TabledataCheck extends DefaultHandler {

    /** A scalar field's datatype, as the cell text is parsed. */
    private record Field(String name, String datatype, boolean array, String nullValue) {}

    private final String file;
    private final List<Field> fields = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    /** In the document's first table; and there, before any binary data (its TABLEDATA cells are checked). */
    private boolean inTable, checking, inTd, inField;
    private int tableDepth;
    /** Every table's name ("" where it has none), in the document's order. */
    private final List<String> tables = new ArrayList<>();
    private long row;
    private int cell;

    private TabledataCheck(String file) {
        this.file = file;
    }

    /** Checks the document in {@code in} (not closed); see the class comment. */
    static void check(String file, InputStream in) throws IOException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            // a VOTable needs no DTD or external entity: none is fetched or expanded
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.newSAXParser().parse(new InputSource(in), new TabledataCheck(file));
        } catch (SAXException e) {
            if (e.getException() instanceof TasniException te) {
                throw te;
            }
            // not well-formed: STIL's read reports it in its own words
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
        String tag = localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
        switch (tag) {
            case "TABLE" -> {
                tables.add(a.getValue("name") == null ? "" : a.getValue("name"));
                if (tables.size() == 1) {
                    inTable = checking = true;
                }
                tableDepth++;
            }
            case "FIELD" -> {
                if (inTable && tableDepth == 1) {
                    if (a.getValue("name") != null) {
                        try {
                            // STIL trims the attribute as Tablesaw trims a name: ' y ' would be read as 'y'
                            ReadChecks.requireName(file, a.getValue("name"));
                        } catch (TasniException e) {
                            throw new SAXException(e);
                        }
                    }
                    String size = a.getValue("arraysize");
                    fields.add(new Field(a.getValue("name"), a.getValue("datatype"),
                            size != null && !size.isBlank() && !size.trim().equals("1"), null));
                    inField = true;
                }
            }
            case "VALUES" -> {
                // a FIELD's own VALUES only (a PARAM's, after it, says nothing of the field's cells)
                String nul = a.getValue("null");
                if (inField && nul != null) {
                    Field last = fields.get(fields.size() - 1);
                    fields.set(fields.size() - 1, new Field(last.name(), last.datatype(), last.array(), nul.trim()));
                }
            }
            case "BINARY", "BINARY2", "FITS" -> {
                if (inTable) {
                    checking = false;
                }
            }
            case "TR" -> {
                row++;
                cell = 0;
            }
            case "TD" -> {
                inTd = checking;
                text.setLength(0);
            }
            default -> { }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inTd) {
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String tag = localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
        if (!checking && !tag.equals("TABLE")) {
            return;
        }
        switch (tag) {
            case "TD" -> {
                inTd = false;
                if (cell >= fields.size()) {
                    throw refusal("data row " + row + " has more cells than the table's " + fields.size() + " fields");
                }
                check(fields.get(cell), text.toString().trim());
                cell++;
            }
            case "TR" -> {
                if (cell != fields.size()) {
                    throw refusal("data row " + row + " has " + cell + " cell(s) for the table's " + fields.size()
                            + " fields");
                }
            }
            case "FIELD" -> inField = false;
            case "TABLE" -> {
                if (--tableDepth == 0) {
                    inTable = checking = false;
                }
            }
            default -> { }
        }
    }

    @Override
    public void endDocument() throws SAXException {
        if (tables.size() > 1) {
            String names = tables.stream().limit(10).map(n -> n.isEmpty() ? "(no name)" : "'" + n + "'")
                    .collect(java.util.stream.Collectors.joining(", "));
            throw refusal("the VOTable holds " + tables.size() + " tables (" + names
                    + (tables.size() > 10 ? ", …" : "") + "); this toolkit reads one table per file. Save each table "
                    + "to a file of its own");
        }
    }

    private SAXException refusal(String what) {
        return new SAXException(new TasniException(file + ": " + what + "."));
    }

    /** Refuses a cell STIL would read as a null or as an infinity it does not hold. */
    private void check(Field f, String v) throws SAXException {
        if (v.isEmpty() || f.array() || f.datatype() == null || v.equals(f.nullValue())) {
            return;
        }
        String type = f.datatype();
        boolean ok = switch (type) {
            case "boolean" -> isBoolean(v);
            case "unsignedByte" -> fitsInteger(v, 0, 255);
            case "short" -> fitsInteger(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case "int" -> fitsInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "long" -> fitsInteger(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case "float" -> fitsReal(v, true);
            case "double" -> fitsReal(v, false);
            default -> true; // char, unicodeChar: any text; bit and complex types are refused by the reader
        };
        if (!ok) {
            throw refusal("field '" + f.name() + "' (" + type + ") holds '" + v + "' at data row " + row
                    + ", which is not a " + type + " value" + (type.equals("float") || type.equals("double")
                    ? " (or overflows it; STIL reads an infinity only as +Inf or -Inf)" : ""));
        }
    }

    private static boolean isBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "t", "f", "true", "false", "1", "0", "?" -> true;
            default -> false;
        };
    }

    /** A decimal integer, or a hexadecimal one with 0x (VOTable 1.4 §6.1; STIL parses its digits as a signed number), in [lo, hi]. */
    private static boolean fitsInteger(String v, long lo, long hi) {
        try {
            boolean hex = v.startsWith("0x") || v.startsWith("0X");
            long x = hex ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            return x >= lo && x <= hi;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A number, NaN, or an infinity as STIL reads one: "+Inf", "-Inf" and Java's "Infinity" forms. STIL reads any other
     * text it cannot parse as NaN, so "Inf", "inf" or astropy's "+InF" (infinities) are refused; so is a finite text
     * beyond the type's range, which would read as an infinity.
     */
    private static boolean fitsReal(String v, boolean single) {
        switch (v) {
            case "+Inf", "-Inf", "Infinity", "+Infinity", "-Infinity" -> {
                return true;
            }
            default -> { }
        }
        if (v.equalsIgnoreCase("nan")) {
            return true;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isNaN(d) || !Double.isInfinite(single ? (float) d : d);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
