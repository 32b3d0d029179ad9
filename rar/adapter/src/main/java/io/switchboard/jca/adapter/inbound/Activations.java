package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.ClientResources;
import io.switchboard.jca.adapter.ConnectionProperties;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The resource adapter's message endpoints: one {@link SessionActivation} per (endpoint factory, activation spec)
 * pair, started on activation and stopped on deactivation or when the adapter stops.
 */
public final class Activations {

    private static final Logger LOG = Logger.getLogger(Activations.class.getName());

    /** The container hands the same pair to endpointDeactivation as to endpointActivation. */
    private record Key(MessageEndpointFactory factory, ActivationSpec spec) {}

    private final WorkManager workManager;
    private final boolean longRunningHint;
    private final Map<Key, SessionActivation> active = new ConcurrentHashMap<>();
    private final Map<SessionActivation, ActivationView> views = new ConcurrentHashMap<>();
    private final ActivationMBeans mbeans;

    /** @param longRunningHint whether the container takes {@code HintsContext} (long-running work) */
    public Activations(WorkManager workManager, boolean longRunningHint) {
        this(workManager, longRunningHint, new ActivationMBeans());
    }

    Activations(WorkManager workManager, boolean longRunningHint, ActivationMBeans mbeans) {
        this.workManager = workManager;
        this.longRunningHint = longRunningHint;
        this.mbeans = mbeans;
    }

    /**
     * Checks the bean and the properties (a problem fails the deployment) and starts publishing in the
     * background: returns at once, whether the server is up or not.
     *
     * @param adapter the resource adapter's shared connection properties, for those the spec does not set
     */
    public void activate(
            MessageEndpointFactory factory,
            ActivationSpec spec,
            ConnectionProperties adapter,
            ClientResources resources)
            throws ResourceException {
        if (!(spec instanceof SwitchboardActivationSpec switchboardSpec)) {
            throw new NotSupportedException("not a Switchboard activation spec: " + spec);
        }
        ActivationSettings settings = ActivationSettings.of(switchboardSpec, adapter);
        SessionDispatch dispatch = SessionDispatch.of(factory.getEndpointClass(), settings);
        SessionActivation activation =
                new SessionActivation(settings, dispatch, factory, workManager, resources, longRunningHint);
        Key key = new Key(factory, spec);
        if (active.putIfAbsent(key, activation) != null) {
            throw new ResourceException(
                    "the message endpoint publishing '" + settings.alias() + "' is already" + " active");
        }
        ActivationView view = new ActivationView(activation, factory.getEndpointClass());
        views.put(activation, view);
        mbeans.register(view);
        try {
            activation.start();
        } catch (WorkException e) {
            active.remove(key, activation);
            unregister(activation);
            throw new ResourceException("cannot start publishing '" + settings.alias() + "': " + e.getMessage(), e);
        }
        LOG.fine(() -> "activated " + factory.getEndpointClass().getName() + " as '" + settings.alias() + "'");
    }

    /** Rescinds, drains and closes; bounded. Nothing happens for a pair that is not active. */
    public void deactivate(MessageEndpointFactory factory, ActivationSpec spec) {
        SessionActivation activation = active.remove(new Key(factory, spec));
        if (activation != null) {
            activation.stop();
            unregister(activation);
        }
    }

    /** Every activation still running, stopped one after another (the adapter is stopping). */
    public void stopAll() {
        List<SessionActivation> all = new ArrayList<>(active.values());
        active.clear();
        for (SessionActivation activation : all) {
            activation.stop();
            unregister(activation);
        }
    }

    private void unregister(SessionActivation activation) {
        ActivationView view = views.remove(activation);
        if (view != null) {
            mbeans.unregister(view);
        }
    }
}
