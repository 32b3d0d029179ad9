package io.switchboard.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server's registry of names: register this client's endpoints under a name, resolve a name, watch it. Get it
 * with {@link SwitchboardClient#registry()}. Blocking methods wait at most the client's call timeout.
 */
public interface Registry {

    /**
     * Puts an entry in the registry and waits for the server's answer. Connection-bound entries are registered again
     * after reconnects; TTL entries are refreshed automatically until the registration (or the client) is closed.
     *
     * @throws RequestException when the server refuses (its code and message)
     */
    Registration register(RegisterOptions options);

    /** The entries of {@code name} now: oldest registration first, empty when it has none. */
    List<RegistryEntry> resolve(String name);

    /** As {@link #resolve(String)}, without blocking. */
    CompletableFuture<List<RegistryEntry>> resolveAsync(String name);

    /**
     * Watches {@code name}: the listener hears its entries before this returns, then the new list at every change,
     * and the fresh list after each reconnect.
     *
     * @throws IllegalStateException when this client already watches {@code name}
     */
    NameWatch watch(String name, EntriesListener listener);
}
