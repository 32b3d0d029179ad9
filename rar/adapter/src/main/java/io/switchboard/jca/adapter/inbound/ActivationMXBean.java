package io.switchboard.jca.adapter.inbound;

/**
 * What an operator sees of one message-driven bean's activation, as the JMX MBean
 * {@code io.switchboard:type=Activation,name=<alias>} in the platform MBean server (jconsole, WildFly's
 * {@code /subsystem=jmx}). Counts start at the activation and end with it.
 */
public interface ActivationMXBean {

    /** The session the bean publishes. */
    String getAlias();

    /** The message-driven bean's class. */
    String getBeanClass();

    /** CONNECTING, PUBLISHED, DISCONNECTED, DRAINING or STOPPED. */
    String getState();

    /** The server URLs the activation publishes on, comma-separated. */
    String getServerUrls();

    int getMaxConcurrency();

    /** Connection attempts after a lost connection or a failed attempt. */
    long getReconnects();

    /** Calls the bean ran and answered (ok). */
    long getCallsDelivered();

    /** Calls the bean ran and that failed (handler-error with the bean's message). */
    long getCallsFailed();

    /** Calls answered handler-error because the bean's transaction rolled back (after any redeliveries). */
    long getCallsRolledBack();

    /** Deliveries of a call again after its transaction rolled back (hold sessions, maxRedeliveries). */
    long getRedeliveries();

    /** Calls handed to the bean and not answered yet. */
    int getCallsInProgress();

    /** Calls refused with busy because maxConcurrency calls were in progress. */
    long getRefusedAtCapacity();

    /** Calls refused with busy because the container's work manager rejected them. */
    long getRefusedByWorkManager();

    /** Calls refused with busy because the container had no bean instance for them in time. */
    long getRefusedNoBeanInstance();

    /** Calls refused with shutting-down because the bean was being undeployed. */
    long getRefusedStopping();

    /** Calls not run because their deadline passed before a thread was free. */
    long getRefusedExpired();

    /** Calls the container failed to deliver or complete (e.g. a commit failed without the adapter's resource). */
    long getContainerFailures();
}
