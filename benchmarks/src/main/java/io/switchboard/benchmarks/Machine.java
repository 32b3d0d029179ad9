package io.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, printed with them: a busy 2-core machine gives different numbers. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cpus (" + cpuModel() + "), java "
                + System.getProperty("java.runtime.version") + ", load average " + loadAverage();
    }

    /** The 1-, 5- and 15-minute load averages (Linux), or "unknown". */
    public static String loadAverage() {
        List<String> lines = read("/proc/loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] fields = lines.get(0).split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
