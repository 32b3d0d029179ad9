package io.switchboard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test main class run in a child JVM on the test classpath; its stdout lines can be awaited. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line printed so far, whether or not {@link #awaitLine} skipped it. */
    private final List<String> history = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        String transport = System.getProperty(TransportUnderTest.PROPERTY);
        if (transport != null) {
            command.add("-D" + TransportUnderTest.PROPERTY + "=" + transport); // the suite's run on io_uring
        }
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(
                new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                history.add(line);
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child died; nothing more to read
        }
    }

    /** Waits (bounded) for a line starting with {@code prefix}, skipping log lines before it; returns the line. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() - deadline < 0) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.add(line);
            } else if (!process.isAlive() && lines.isEmpty()) {
                throw new AssertionError(
                        "child exited with " + process.exitValue() + " before '" + prefix + "'; output: " + seen);
            }
        }
        throw new AssertionError("child did not print '" + prefix + "' in time; output: " + seen);
    }

    /**
     * Waits (bounded) until the child has printed a line starting with {@code prefix}, at any time so far and in
     * any order with other lines; returns the first such line. For reports whose order among each other is free.
     */
    String awaitPrinted(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            for (String line : history) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("child did not print '" + prefix + "...'; output: " + history);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
