package io.switchboard.sample;

import io.switchboard.jca.api.SessionDescription;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.time.Duration;
import java.util.List;

/**
 * The adapter as an EJB uses it: the connection factory injected with {@code @Resource}, one pooled connection
 * borrowed per call and returned by try-with-resources. Failures are {@code SwitchboardException}s, which are
 * application exceptions: they reach the caller as themselves. The sessions it calls may be published by a plain
 * client anywhere, or by a message-driven bean of this same application ({@code InventoryBean}, {@code GreeterBean}).
 */
@Stateless
public class SwitchboardCalls {

    /**
     * The resource reference the application's beans inject; each server's own descriptor maps it to the connection
     * factory (WEB-INF/jboss-web.xml on WildFly; GlassFish binds it to the resource of the same JNDI name).
     */
    public static final String RESOURCE_REF = "eis/switchboard";

    @Resource(name = RESOURCE_REF)
    private SwitchboardConnectionFactory connectionFactory;

    /** Calls a published session; {@code timeout} null means the connection definition's call timeout. */
    public Object call(String alias, String method, Object payload, Duration timeout) {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return timeout == null
                    ? connection.call(alias, method, payload, Object.class)
                    : connection.call(alias, method, payload, Object.class, timeout);
        }
    }

    /** Calls a published session and maps the result to {@code resultType}, e.g. a record of the application's. */
    public <T> T call(String alias, String method, Object payload, Class<T> resultType) {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return connection.call(alias, method, payload, resultType);
        }
    }

    public List<SessionDescription> sessions() {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return connection.list();
        }
    }

    public Duration ping() {
        try (SwitchboardConnection connection = connectionFactory.getConnection()) {
            return connection.ping();
        }
    }
}
