package io.switchboard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table: a header row, then rows, columns padded to their widest cell. Columns whose cells are all
 * numbers (with an optional unit) are right-aligned.
 */
final class Table {

    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9][0-9.,]*( ?[A-Za-zµ%/]+)?|-");

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers.clone();
    }

    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells for " + headers.length + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        boolean[] right = new boolean[headers.length];
        Arrays.fill(right, !rows.isEmpty());
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
                right[c] &= NUMERIC.matcher(row[c]).matches();
            }
        }
        // A table of empty headers (key and value) prints without a header line.
        if (Arrays.stream(headers).anyMatch(h -> !h.isEmpty())) {
            line(out, headers, widths, right);
        }
        for (String[] row : rows) {
            line(out, row, widths, right);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        out.println(line);
    }
}
