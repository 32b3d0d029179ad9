package io.switchboard.benchmarks;

/**
 * CPU time counters from the text of Linux /proc files, in clock ticks (USER_HZ). Both files count in the same
 * ticks, so a share of the machine computed from them needs no tick rate.
 */
final class ProcCpuTimes {

    /**
     * The machine's counters summed over all cpus (the {@code cpu} line of /proc/stat), and how many cpus there are.
     *
     * @param busy user + nice + system + irq + softirq + steal (guest time is already inside user and nice)
     * @param total busy + idle + iowait: every tick of every cpu, so {@code total / cpus} ticks is the wall time
     */
    record MachineTicks(long busy, long total, int cpus) {}

    private ProcCpuTimes() {}

    /** From the text of /proc/stat ({@code cpu  user nice system idle iowait irq softirq steal guest guest_nice}). */
    static MachineTicks machine(String procStat) {
        long[] fields = null;
        int cpus = 0;
        for (String line : procStat.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("cpu")) {
                fields = numbers(words, procStat);
            } else if (words[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        if (fields == null || fields.length < 4 || cpus == 0) {
            throw new IllegalArgumentException(
                    "not /proc/stat (no cpu line with at least 4 counters and no cpuN lines): " + firstLine(procStat));
        }
        long busy = field(fields, 0)
                + field(fields, 1)
                + field(fields, 2)
                + field(fields, 5)
                + field(fields, 6)
                + field(fields, 7);
        long idle = field(fields, 3) + field(fields, 4);
        return new MachineTicks(busy, busy + idle, cpus);
    }

    /**
     * A process's own CPU ticks plus those of its children it has waited for, from the text of /proc/&lt;pid&gt;/stat:
     * utime + stime + cutime + cstime (fields 14 to 17). The command name (field 2) is in parentheses and may itself
     * hold spaces and parentheses, so the fields are counted from its last closing parenthesis.
     */
    static long process(String pidStat) {
        int nameEnd = pidStat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not /proc/<pid>/stat (no command name): " + firstLine(pidStat));
        }
        String[] afterName = pidStat.substring(nameEnd + 1).trim().split("\\s+");
        // afterName[0] is field 3 (state), so field n is afterName[n - 3].
        if (afterName.length < 15) {
            throw new IllegalArgumentException("not /proc/<pid>/stat (fewer than 17 fields): " + firstLine(pidStat));
        }
        try {
            long total = 0;
            for (int field = 14; field <= 17; field++) {
                total += Long.parseLong(afterName[field - 3]);
            }
            return total;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not /proc/<pid>/stat (fields 14-17 are no tick counts): " + firstLine(pidStat), e);
        }
    }

    private static long[] numbers(String[] words, String text) {
        long[] values = new long[words.length - 1];
        try {
            for (int i = 1; i < words.length; i++) {
                values[i - 1] = Long.parseLong(words[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not /proc/stat (the cpu line holds no tick counts): " + firstLine(text), e);
        }
        return values;
    }

    /** A counter older kernels may not have (steal came in 2.6.11): zero when absent. */
    private static long field(long[] fields, int index) {
        return index < fields.length ? fields[index] : 0;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
