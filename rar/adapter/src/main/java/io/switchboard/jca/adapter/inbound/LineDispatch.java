package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.frontdoor.Line;
import io.switchboard.jca.api.frontdoor.LineInput;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.frontdoor.WelcomeBack;
import io.switchboard.jca.api.inbound.Call;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A {@link LineListener} bean: the handler of a front door. Its session is the handler alias with the four
 * event methods the server sends; each goes to the listener method of the same name.
 */
final class LineDispatch implements SessionDispatch {

    static final String CONNECT = "connect";
    static final String INPUT = "input";
    static final String DISCONNECT = "disconnect";
    static final String WELCOME_BACK = "welcome-back";
    private static final List<String> METHODS = List.of(CONNECT, INPUT, DISCONNECT, WELCOME_BACK);

    private static final Method ON_CONNECT = listenerMethod("onConnect", Line.class);
    private static final Method ON_INPUT = listenerMethod("onInput", Line.class, LineInput.class);
    private static final Method ON_DISCONNECT = listenerMethod("onDisconnect", Line.class, String.class);
    private static final Method ON_WELCOME_BACK = listenerMethod("onWelcomeBack", WelcomeBack.class);

    private static final LineDispatch INSTANCE = new LineDispatch();

    private LineDispatch() {}

    static LineDispatch of(ActivationSettings settings) throws InvalidPropertyException {
        if (!settings.methods().isEmpty() || !settings.idempotentMethods().isEmpty()) {
            throw new InvalidPropertyException("Switchboard activation of '" + settings.alias() + "': a "
                    + LineListener.class.getSimpleName() + " bean handles the front door's events " + METHODS
                    + "; remove the activation properties methods and idempotentMethods");
        }
        return INSTANCE;
    }

    @Override
    public List<String> methods() {
        return METHODS;
    }

    @Override
    public List<String> idempotentMethods() {
        return List.of(); // an event is repeated by the server only after its instance is lost, marked so
    }

    @Override
    public Method listenerMethod(String method) {
        switch (method) {
            case CONNECT:
                return ON_CONNECT;
            case INPUT:
                return ON_INPUT;
            case DISCONNECT:
                return ON_DISCONNECT;
            case WELCOME_BACK:
                return ON_WELCOME_BACK;
            default:
                // The server routes only published methods; anything else is a server bug worth naming.
                throw new IllegalArgumentException("not a front door event: " + method);
        }
    }

    @Override
    public Object invoke(MessageEndpoint endpoint, Call call) {
        LineListener listener = (LineListener) endpoint;
        switch (call.method()) {
            case CONNECT:
                listener.onConnect(LineEventView.line(call));
                return null;
            case INPUT:
                return listener.onInput(LineEventView.line(call), LineEventView.input(call));
            case DISCONNECT:
                listener.onDisconnect(LineEventView.line(call), LineEventView.reason(call));
                return null;
            case WELCOME_BACK:
                listener.onWelcomeBack(LineEventView.welcomeBack(call));
                return null;
            default:
                throw new IllegalArgumentException("not a front door event: " + call.method());
        }
    }

    private static Method listenerMethod(String name, Class<?>... parameters) {
        try {
            return LineListener.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
