package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;
import java.util.List;

/** A {@link SessionListener} bean: every method of the session goes to {@code onCall}; methods from the properties. */
final class ListenerDispatch implements SessionDispatch {

    private static final Method ON_CALL;

    static {
        try {
            ON_CALL = SessionListener.class.getMethod("onCall", Call.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<String> methods;
    private final List<String> idempotent;

    private ListenerDispatch(List<String> methods, List<String> idempotent) {
        this.methods = methods;
        this.idempotent = idempotent;
    }

    static ListenerDispatch of(ActivationSettings settings) throws InvalidPropertyException {
        if (settings.methods().isEmpty()) {
            throw new InvalidPropertyException("Switchboard activation of '" + settings.alias() + "': a "
                    + SessionListener.class.getSimpleName() + " bean needs the activation property methods (the"
                    + " session's methods, comma-separated)");
        }
        return new ListenerDispatch(List.copyOf(settings.methods()), List.copyOf(settings.idempotentMethods()));
    }

    @Override
    public List<String> methods() {
        return methods;
    }

    @Override
    public List<String> idempotentMethods() {
        return idempotent;
    }

    @Override
    public Method listenerMethod(String method) {
        return ON_CALL;
    }

    @Override
    public Object invoke(MessageEndpoint endpoint, Call call) throws Exception {
        return ((SessionListener) endpoint).onCall(call);
    }
}
