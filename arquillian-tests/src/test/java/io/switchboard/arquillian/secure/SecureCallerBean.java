package io.switchboard.arquillian.secure;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.SwitchboardException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

/**
 * Calls through the {@code Default} connection definition with container-managed sign-on (the default of
 * {@code @Resource}): the pooled connection logs in as the user of the definition's Elytron authentication-context.
 * Answers {@code ok:<result>} or {@code <code>:<message>}, so the test sees what the server said.
 */
@Stateless
public class SecureCallerBean {

    @Resource(lookup = "java:/switchboard/Default")
    SwitchboardConnectionFactory switchboard;

    public String call(String alias, String method, String payload) {
        try (SwitchboardConnection c = switchboard.getConnection()) {
            return "ok:" + c.call(alias, method, payload, String.class);
        } catch (SwitchboardException e) {
            return e.code() + ":" + e.getMessage();
        }
    }
}
