package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.wildfly.War;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Assembles {@code switchboard-bench.war} at run time ({@link War}): the classes of package {@code ejb.app}, and
 * in WEB-INF/lib a plain Switchboard client as an application that does not use the adapter would bundle it:
 * client, protocol, Netty 4.2 without the native epoll jars (so it runs on NIO, as the adapter does inside
 * WildFly), and the Jackson CBOR/Smile dataformats at WildFly's Jackson version. Jackson itself and SLF4J come
 * from WildFly's modules, the adapter API from the deployed rar (MANIFEST
 * {@code Dependencies}). The adapter's own copy of the client is relocated inside the rar, so the war cannot use
 * it as {@code io.switchboard.client}.
 */
final class BenchWar {

    static final String NAME = "switchboard-bench.war";
    static final String CONTEXT = "switchboard-bench";
    private static final String APP_PACKAGE = "io.switchboard.benchmarks.ejb.app";
    static final String DEPENDENCIES = "deployment.switchboard.rar, com.fasterxml.jackson.core.jackson-annotations,"
            + " com.fasterxml.jackson.core.jackson-core, com.fasterxml.jackson.core.jackson-databind, org.slf4j,"
            + " jdk.unsupported";

    private BenchWar() {}

    /** Writes the war to {@code war}; {@code dataformatDir} holds the Jackson dataformat jars. */
    static void build(Path war, Path dataformatDir) throws IOException {
        List<Path> libs = new ArrayList<>(clientJars(System.getProperty("java.class.path")));
        libs.addAll(dataformatJars(dataformatDir));
        War.write(war, APP_PACKAGE, DEPENDENCIES, Map.of(), libs);
    }

    /**
     * The plain client's jars among the class path entries: the Switchboard client and protocol and the Netty jars,
     * leaving out the native epoll jars and everything else (the server, NATS, logback, Jackson).
     */
    static List<Path> clientJars(String classPath) {
        List<Path> jars = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .map(Path::of)
                .filter(jar -> isClientJar(jar.getFileName().toString()))
                .toList();
        for (String needed : List.of("switchboard-client-", "switchboard-protocol-", "netty-transport-")) {
            if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith(needed))) {
                throw new IllegalStateException("no " + needed + "*.jar on the class path; build with benchmarks/run");
            }
        }
        return jars;
    }

    private static boolean isClientJar(String name) {
        return name.startsWith("switchboard-client-")
                || name.startsWith("switchboard-protocol-")
                || (name.startsWith("netty-") && !name.contains("native-epoll"));
    }

    private static List<Path> dataformatJars(Path dir) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().startsWith("jackson-dataformat-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IOException(
                    "cannot list the Jackson dataformats in " + dir + " (benchmarks/run ejb copies them"
                            + " there with dependency:copy@ejb-war-libs)",
                    e);
        }
        if (jars.size() != 2) {
            throw new IOException("expected the CBOR and Smile dataformat jars in " + dir + ", found " + jars);
        }
        return jars;
    }
}
