package io.switchboard.jca.adapter;

import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Subject;

/**
 * Who a physical connection authenticates as: sent in the HELLO credentials slot, and the key that keeps
 * connections of different users apart in the pool. Immutable; the password never appears in {@link #toString()}.
 */
final class Credentials {

    /** No user: the HELLO carries no credentials. */
    static final Credentials NONE = new Credentials(null, null);

    private final String userName;
    private final String password;

    Credentials(String userName, String password) {
        this.userName = userName;
        this.password = password;
    }

    /**
     * The credentials a connection request stands for, in the order of the Connectors specification:
     * container-managed sign-on (the {@link PasswordCredential} of the {@code Subject} whose managed connection
     * factory equals this one; a credential for another factory, or for none, is never used), then component-managed
     * sign-on (the request info of {@code getConnection(user, password)}), then the connection definition's
     * configured userName/password. A Subject without a credential for this factory falls through to the next.
     * No privileged action: reading a Subject's private credentials needs one only under a Security Manager, which
     * Java 17+ deprecates and WildFly does not run.
     */
    static Credentials resolve(
            ManagedConnectionFactory factory, Subject subject, ConnectionRequestInfo info, Credentials configured) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (factory.equals(pc.getManagedConnectionFactory())) {
                    return new Credentials(
                            pc.getUserName(), pc.getPassword() == null ? null : new String(pc.getPassword()));
                }
            }
        }
        if (info instanceof SwitchboardConnectionRequestInfo request) {
            return request.credentials();
        }
        return configured;
    }

    String userName() {
        return userName;
    }

    /** The HELLO credentials: {@code user} and {@code password} when set. */
    Map<String, String> asHelloCredentials() {
        Map<String, String> entries = new LinkedHashMap<>();
        if (userName != null) {
            entries.put("user", userName);
        }
        if (password != null) {
            entries.put("password", password);
        }
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other
                && Objects.equals(userName, other.userName)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userName, password);
    }

    @Override
    public String toString() {
        return userName == null ? "no user" : "user " + userName;
    }
}
