package io.switchboard.jca.adapter;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * What {@code getConnection(userName, password)} asks the pool for (component-managed sign-on). The container
 * compares request infos with {@link #equals}, so they must compare by value.
 */
public final class SwitchboardConnectionRequestInfo implements ConnectionRequestInfo {

    private final Credentials credentials;

    public SwitchboardConnectionRequestInfo(String userName, String password) {
        this.credentials = new Credentials(userName, password);
    }

    Credentials credentials() {
        return credentials;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwitchboardConnectionRequestInfo other && credentials.equals(other.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(SwitchboardConnectionRequestInfo.class, credentials);
    }

    @Override
    public String toString() {
        return "SwitchboardConnectionRequestInfo[" + credentials + "]";
    }
}
