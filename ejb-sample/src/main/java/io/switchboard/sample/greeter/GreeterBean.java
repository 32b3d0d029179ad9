package io.switchboard.sample.greeter;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.time.Instant;

/**
 * Publishes session {@value #ALIAS} with the general listener: the methods are named in the activation config and
 * one {@code onCall} answers them all, reading the payload as it needs.
 * <ul>
 *   <li>{@code hello}: a greeting for the name in the payload (a JSON string), or for the caller without one.</li>
 *   <li>{@code time}: the server's clock.</li>
 * </ul>
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = GreeterBean.ALIAS),
            @ActivationConfigProperty(propertyName = "methods", propertyValue = "hello,time"),
            @ActivationConfigProperty(propertyName = "idempotentMethods", propertyValue = "hello,time"),
            // Idempotent calls caught by a node going down are re-routed to another node running this bean.
            @ActivationConfigProperty(propertyName = "policy", propertyValue = "reroute"),
        })
public class GreeterBean implements SessionListener {

    public static final String ALIAS = "greeter";

    @Override
    public Object onCall(Call call) {
        switch (call.method()) {
            case "hello":
                String name = call.payloadAs(String.class);
                return "Hello, " + (name == null || name.isBlank() ? call.caller() : name) + "!";
            case "time":
                return Instant.now().toString();
            default:
                // Unreachable: the server answers unknown-method for anything not in "methods".
                throw new IllegalArgumentException("greeter has no method " + call.method());
        }
    }
}
