package io.switchboard.sample;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.cdi.SwitchboardResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The same calls from a plain CDI bean, with the factory injected by {@code @Inject @SwitchboardResource}. Through an
 * {@link Instance}, resolved on first use: GlassFish does not see the producer in the deployed rar (it deploys the rar
 * with CDI off), and a plain injection point would fail the whole application's deployment there.
 */
@ApplicationScoped
public class CdiSwitchboardCalls {

    @Inject
    @SwitchboardResource("java:/switchboard/Default")
    Instance<SwitchboardConnectionFactory> connectionFactory;

    public Object call(String alias, String method, Object payload) {
        try (SwitchboardConnection connection = connectionFactory.get().getConnection()) {
            return connection.call(alias, method, payload, Object.class);
        }
    }

    public Duration ping() {
        try (SwitchboardConnection connection = connectionFactory.get().getConnection()) {
            return connection.ping();
        }
    }
}
