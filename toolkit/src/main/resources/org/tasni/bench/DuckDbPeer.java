import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB side of TASNI's `benchmark io`, compiled once by the benchmark and run as `java -cp
 * duckdb_jdbc.jar:CLASSES DuckDbPeer FILE REPEAT NUMERIC STRINGS` in its own JVM (DuckDB is not bundled with the
 * toolkit). It runs the query that matches the toolkit's read: the row count, sum and count of each numeric column and
 * the count of the non-empty values of each string column (count(nullif(s, '')), row by row, as the toolkit's probe
 * counts them), once cold (the first query of a fresh process) and REPEAT times warm, and prints one line
 * "IO-RESULT {json}" in the toolkit probe's format. After the timed queries, an untimed one gives each string column's
 * distinct non-empty values, as a count and the toolkit probe's order-independent checksum, for the agreement check.
 */
public class DuckDbPeer {
    public static void main(String[] args) throws Exception {
        String file = args[0].replace("'", "''");
        int repeat = Integer.parseInt(args[1]);
        List<String> numeric = list(args[2]), strings = list(args[3]);
        StringBuilder q = new StringBuilder("SELECT count(*)");
        for (String c : numeric) {
            q.append(", sum(\"").append(c).append("\")::DOUBLE, count(\"").append(c).append("\")");
        }
        for (String c : strings) {
            q.append(", count(nullif(\"").append(c).append("\", ''))");
        }
        q.append(" FROM read_parquet('").append(file).append("')");
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            String version, threads;
            try (ResultSet rs = st.executeQuery("SELECT version(), current_setting('threads')")) {
                rs.next();
                version = rs.getString(1);
                threads = rs.getString(2);
            }
            double cold = 0, warm = Double.POSITIVE_INFINITY;
            StringBuilder result = null;
            for (int k = 0; k <= repeat; k++) {
                long t0 = System.nanoTime();
                StringBuilder r = new StringBuilder();
                try (ResultSet rs = st.executeQuery(q.toString())) {
                    rs.next();
                    r.append("\"rows\":").append(rs.getLong(1)).append(",\"sums\":{");
                    int col = 2;
                    StringBuilder counts = new StringBuilder();
                    for (int c = 0; c < numeric.size(); c++) {
                        double sum = rs.getDouble(col++);
                        long n = rs.getLong(col++);
                        r.append(c == 0 ? "" : ",").append('"').append(numeric.get(c)).append("\":").append(rs.wasNull() ? 0 : sum);
                        counts.append(c == 0 ? "" : ",").append('"').append(numeric.get(c)).append("\":").append(n);
                    }
                    r.append("},\"counts\":{").append(counts).append("},\"nonempty\":{");
                    for (int c = 0; c < strings.size(); c++) {
                        r.append(c == 0 ? "" : ",").append('"').append(strings.get(c)).append("\":").append(rs.getLong(col++));
                    }
                    r.append('}');
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (k == 0) {
                    cold = s;
                    result = r;
                } else {
                    warm = Math.min(warm, s);
                }
            }
            // outside the timed queries, as the toolkit's probe: the distinct non-empty values, counted and summed
            result.append(",\"distinct\":{");
            for (int c = 0; c < strings.size(); c++) {
                String name = strings.get(c).replace("\"", "\"\"");
                long n = 0, sum = 0;
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT \"" + name + "\" FROM read_parquet('" + file
                        + "') WHERE \"" + name + "\" IS NOT NULL AND \"" + name + "\" <> ''")) {
                    while (rs.next()) {
                        n++;
                        sum += hash(rs.getString(1));
                    }
                }
                result.append(c == 0 ? "" : ",").append('"').append(strings.get(c)).append("\":{\"count\":").append(n)
                        .append(",\"checksum\":\"").append(Long.toHexString(sum)).append("\"}");
            }
            result.append('}');
            System.out.println("IO-RESULT {\"cold_s\":" + cold + ",\"warm_s\":" + (repeat > 0 ? warm : cold)
                    + ",\"version\":\"" + version + "\",\"threads\":" + threads + "," + result + "}");
        }
    }

    /** The toolkit probe's hash of one value (IoProbe.checksum): FNV-1a 64 of the UTF-8 bytes, SplitMix64-mixed. */
    static long hash(String v) {
        long h = 0xcbf29ce484222325L;
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static List<String> list(String arg) {
        return arg.equals("-") ? List.of() : new ArrayList<>(List.of(arg.split(",")));
    }
}
