package io.switchboard.sample;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.cdi.SwitchboardResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** The same calls from a plain CDI bean, with the factory injected by {@code @Inject @SwitchboardResource}. */
@ApplicationScoped
public class CdiSwitchboardCalls {

    @Inject
    @SwitchboardResource("java:/switchboard/Default")
    SwitchboardConnectionFactory connectionFactory;

    public Object call(String alias, String method, Object payload) {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return connection.call(alias, method, payload, Object.class);
        }
    }

    public Duration ping() {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return connection.ping();
        }
    }
}
