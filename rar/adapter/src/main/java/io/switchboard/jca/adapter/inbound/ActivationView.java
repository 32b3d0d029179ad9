package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;

/** One activation as its JMX MBean shows it: reads the state machine and its counters, changes nothing. */
final class ActivationView implements ActivationMXBean {

    private final SessionActivation activation;
    private final String beanClass;

    ActivationView(SessionActivation activation, Class<?> beanClass) {
        this.activation = activation;
        this.beanClass = beanClass == null ? "" : beanClass.getName();
    }

    @Override
    public String getAlias() {
        return activation.settings().alias();
    }

    @Override
    public String getBeanClass() {
        return beanClass;
    }

    @Override
    public String getState() {
        return activation.state().name();
    }

    @Override
    public String getServerUrls() {
        return String.join(",", activation.settings().serverUrls());
    }

    @Override
    public int getMaxConcurrency() {
        return activation.settings().maxConcurrency();
    }

    @Override
    public long getReconnects() {
        return activation.counters().reconnects();
    }

    @Override
    public long getCallsDelivered() {
        return count(Outcome.DELIVERED);
    }

    @Override
    public long getCallsFailed() {
        return count(Outcome.BEAN_FAILED);
    }

    @Override
    public long getCallsRolledBack() {
        return count(Outcome.ROLLED_BACK);
    }

    @Override
    public long getRedeliveries() {
        return activation.counters().redeliveries();
    }

    @Override
    public int getCallsInProgress() {
        return activation.callsInProgress();
    }

    @Override
    public long getRefusedAtCapacity() {
        return count(Outcome.REFUSED_AT_CAPACITY);
    }

    @Override
    public long getRefusedByWorkManager() {
        return count(Outcome.REFUSED_BY_WORK_MANAGER);
    }

    @Override
    public long getRefusedNoBeanInstance() {
        return count(Outcome.REFUSED_NO_BEAN_INSTANCE);
    }

    @Override
    public long getRefusedStopping() {
        return count(Outcome.REFUSED_STOPPING);
    }

    @Override
    public long getRefusedExpired() {
        return count(Outcome.REFUSED_EXPIRED);
    }

    @Override
    public long getContainerFailures() {
        return count(Outcome.CONTAINER_FAILED);
    }

    private long count(Outcome outcome) {
        return activation.counters().count(outcome);
    }

    @Override
    public String toString() {
        return "ActivationView[" + getAlias() + ", " + getState() + "]";
    }
}
