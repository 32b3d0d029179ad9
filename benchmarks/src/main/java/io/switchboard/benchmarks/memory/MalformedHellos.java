package io.switchboard.benchmarks.memory;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 13: with authentication on, the server survives a flood of malformed HELLOs and bad credentials, its
 * resident memory stays flat, and a well-behaved client still gets in afterwards. Not a timed benchmark.
 *
 * <p>It starts the server as its own process with an {@code auth-users} file, reads the process's RSS from
 * {@code /proc/<pid>/status}, sends {@code count} HELLOs on as many connections ({@code parallel} at a time), each a
 * different kind of wrong (wrong password, unknown user, credentials of the wrong shape or type, a 200 KB token,
 * a truncated line, binary garbage), reads each answer until the server closes, and reads the RSS again; three
 * rounds, so growth that goes on from round to round shows. Then a client with the right password connects and lists
 * the sessions. Exit code 1 if anything of that fails. Give the server a heap limit, else the RSS mostly shows the
 * JVM growing its heap: {@code BENCH_SERVER_JAVA_OPTS=-Xmx256m}.
 *
 * <pre>
 * benchmarks/run build first (or ./mvnw -pl benchmarks -am package -DskipTests), then
 * java -cp "benchmarks/target/lib/*:benchmarks/target/classes" \
 *     io.switchboard.benchmarks.memory.MalformedHellos [count=10000] [parallel=64]
 * </pre>
 */
public final class MalformedHellos {

    private static final String USER = "flood-check";
    private static final String PASSWORD = "the-right-password";
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(15);
    /** The same flood again and again: memory that keeps growing from round to round would be a leak. */
    private static final int ROUNDS = 3;

    private MalformedHellos() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path dir = Files.createTempDirectory("malformed-hellos");
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - name: %s
                    password: "%s"
                """.formatted(
                        USER, BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray())));
        try (SwitchboardServerProcess server =
                SwitchboardServerProcess.start(dir, List.of("--auth-users", users.toString()))) {
            URI url = URI.create(server.url());
            System.out.printf(
                    "server pid %d at %s; %d malformed HELLOs, %d at a time%n", server.pid(), url, count, parallel);
            welcomed(server.url(), "warm-up");
            long before = rssKib(server.pid());
            System.out.printf("RSS before: %d MiB%n", before >> 10);
            boolean internal = false;
            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, LongAdder> answers = flood(url, count, parallel);
                long after = rssKib(server.pid());
                System.out.printf(
                        "round %d: answers %s; RSS %d MiB (%+d MiB since before)%n",
                        round, answers, after >> 10, (after - before) >> 10);
                internal |= answers.keySet().stream().anyMatch(a -> a.contains("internal"));
            }
            welcomed(server.url(), "after the flood");
            if (internal) {
                System.out.println("FAILED: some HELLO was answered internal");
                System.exit(1);
            }
        }
    }

    private static Map<String, LongAdder> flood(URI url, int count, int parallel) throws Exception {
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] hello = malformed(i);
            sent.add(pool.submit(() -> {
                String answer = answerTo(url, hello);
                answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
            }));
        }
        for (Future<?> one : sent) {
            one.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return answers;
    }

    /** A client with the right password connects and lists: the server still serves. */
    private static void welcomed(String url, String when) {
        ClientOptions options =
                ClientOptions.builder().url(url).user(USER, PASSWORD).build();
        try (SwitchboardClient client = SwitchboardClient.connect(options)) {
            System.out.printf(
                    "%s: a good client got in and listed %d sessions%n",
                    when, client.list().size());
        }
    }

    private static byte[] malformed(int i) {
        String line = switch (i % 8) {
            case 0 -> hello("{\"user\":\"" + USER + "\",\"password\":\"wrong-" + i + "\"}");
            case 1 -> hello("{\"user\":\"nobody-" + i + "\",\"password\":\"x\"}");
            case 2 -> hello("{\"user\":5,\"password\":[1,2]}");
            case 3 -> hello("\"credentials as a string\"");
            case 4 -> hello("{\"token\":\"" + "t".repeat(200_000) + "\"}");
            case 5 -> hello("{\"user\":\"" + USER + "\"}");
            case 6 -> "{\"type\":\"hello\",\"version\":1,\"client\":\"flood\",\"credentials\":{\"user\":";
            default -> null;
        };
        if (line == null) {
            return new byte[] {0, 0, 0, 9, 1, (byte) 0xff, (byte) 0xfe, 0, 0, 0, 0, 0, 0}; // binary mode, garbage
        }
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String hello(String credentials) {
        return "{\"type\":\"hello\",\"version\":1,\"client\":\"flood\",\"credentials\":" + credentials + "}";
    }

    /** Sends one HELLO and reads until the server closes; the first error code it names, or what happened. */
    private static String answerTo(URI url, byte[] hello) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
            socket.setSoTimeout((int) ANSWER_DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder seen = new StringBuilder();
            for (int n; (n = in.read(buffer)) > 0 && seen.length() < 8192; ) {
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return classify(seen.toString());
        } catch (SocketTimeoutException e) {
            return "no close within " + ANSWER_DEADLINE.toSeconds() + " s";
        } catch (IOException e) {
            return "io: " + e.getClass().getSimpleName();
        }
    }

    private static String classify(String answer) {
        for (String code :
                List.of("unauthorized", "bad-request", "frame-too-large", "handshake-required", "internal")) {
            if (answer.contains(code)) {
                return code;
            }
        }
        return answer.isEmpty() ? "closed without an answer" : "other";
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
