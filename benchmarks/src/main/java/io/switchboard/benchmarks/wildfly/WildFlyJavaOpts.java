package io.switchboard.benchmarks.wildfly;

import java.util.Map;

/**
 * The WildFly JVM's extra options in the ejb and mdb workloads: the applications' Netty (the plain client the ejb
 * war bundles) with its leak detector off, as the benchmark JVM runs it and as docs/client.md recommends for
 * production (the resource adapter's own relocated Netty has it off by default); then {@code
 * BENCH_WILDFLY_JAVA_OPTS}, which comes later on the command line and so wins.
 */
public final class WildFlyJavaOpts {

    static final String PRODUCTION = "-Dio.netty.leakDetection.level=disabled";

    private WildFlyJavaOpts() {}

    public static String of(Map<String, String> environment) {
        return (PRODUCTION + " " + environment.getOrDefault("BENCH_WILDFLY_JAVA_OPTS", "")).trim();
    }
}
