package io.switchboard.benchmarks.frontdoor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM process holds, read from outside as an operator would: heap used after a full GC (jcmd GC.run, then
 * GC.heap_info), resident set size (/proc/&lt;pid&gt;/status VmRSS), and its open-files limit (/proc/&lt;pid&gt;/limits).
 */
final class ProcessMemory {

    /** "used 53155K" (G1, Parallel, Serial, ZGC: "used 60M") or "26434K used" (Shenandoah). */
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])\\b|\\b(\\d+)([KMG]) used\\b");

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private ProcessMemory() {}

    /** Heap in use, in bytes, right after a full collection requested with jcmd. */
    static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return heapUsed(jcmd(pid, "GC.heap_info"));
    }

    /**
     * The heap's "used" from GC.heap_info, whichever collector the JVM runs: the sum of every "used" figure before
     * the Metaspace lines, since G1, ZGC and Shenandoah print one for the whole heap and Parallel and Serial one per
     * generation ("PSYoungGen total 113152K, used 25895K", "ParOldGen total 258048K, used 0K"). A space's "26% used"
     * is not a size and does not count.
     */
    static long heapUsed(String heapInfo) throws IOException {
        int metaspace = heapInfo.indexOf("Metaspace");
        Matcher m = USED.matcher(metaspace < 0 ? heapInfo : heapInfo.substring(0, metaspace));
        long bytes = 0;
        boolean found = false;
        while (m.find()) {
            boolean before = m.group(1) != null;
            long amount = Long.parseLong(before ? m.group(1) : m.group(3));
            bytes += amount * unit(before ? m.group(2) : m.group(4));
            found = true;
        }
        if (!found) {
            throw new IOException("no heap 'used' figure in jcmd GC.heap_info output: " + heapInfo);
        }
        return bytes;
    }

    private static long unit(String letter) {
        switch (letter) {
            case "K":
                return 1024;
            case "M":
                return 1024 * 1024;
            default:
                return 1024 * 1024 * 1024;
        }
    }

    static long residentBytes(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        Matcher m = RSS.matcher(status);
        if (!m.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The soft limit of open files of process {@code pid} ("self" for this one); -1 when unlimited or unknown. */
    static long openFilesLimit(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft =
                            line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no such process: unknown
        }
        return -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new ArrayList<>(
                List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " exited with " + p.exitValue() + ": "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
