package io.switchboard.benchmarks.ejb.app;

/**
 * Where the echo session is: system properties the harness puts on WildFly's command line, so the war needs no
 * configuration of its own. (The adapter gets the same server URL from its connection definition.)
 */
final class BenchTarget {

    static final String SERVER_URL_PROPERTY = "switchboard.bench.serverUrl";
    static final String ALIAS_PROPERTY = "switchboard.bench.alias";
    static final String METHOD_PROPERTY = "switchboard.bench.method";

    private BenchTarget() {}

    static String serverUrl() {
        return required(SERVER_URL_PROPERTY);
    }

    static String alias() {
        return required(ALIAS_PROPERTY);
    }

    static String method() {
        return required(METHOD_PROPERTY);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + property + " is not set; start WildFly with -D" + property + "=...");
        }
        return value;
    }
}
