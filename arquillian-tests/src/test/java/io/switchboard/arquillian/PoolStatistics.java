package io.switchboard.arquillian;

import org.jboss.dmr.ModelNode;

/** The connection definition's {@code statistics=pool} runtime resource, as the admin console shows it. */
final class PoolStatistics {

    private final ModelNode values;

    PoolStatistics(ModelNode values) {
        this.values = values;
    }

    /** Physical connections the pool holds (in use and idle). */
    int active() {
        return values.get("ActiveCount").asInt();
    }

    /** Connections handed out to the application right now. */
    int inUse() {
        return values.get("InUseCount").asInt();
    }

    int idle() {
        return values.get("IdleCount").asInt();
    }

    /** How many more could be handed out (max-pool-size minus in use). */
    int available() {
        return values.get("AvailableCount").asInt();
    }

    int created() {
        return values.get("CreatedCount").asInt();
    }

    int destroyed() {
        return values.get("DestroyedCount").asInt();
    }

    int maxUsed() {
        return values.get("MaxUsedCount").asInt();
    }

    /** Requests that gave up after blocking-timeout-wait-millis without a connection. */
    int blockingFailures() {
        return values.get("BlockingFailureCount").asInt();
    }

    boolean enabled() {
        return values.get("statistics-enabled").asBoolean();
    }

    @Override
    public String toString() {
        return "pool[active=" + active() + ", inUse=" + inUse() + ", idle=" + idle() + ", available=" + available()
                + ", created=" + created() + ", destroyed=" + destroyed() + ", maxUsed=" + maxUsed()
                + ", blockingFailures=" + blockingFailures() + "]";
    }
}
