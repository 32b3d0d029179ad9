package io.switchboard.client;

import io.switchboard.client.internal.ConnectionManager;
import io.switchboard.client.internal.PublicValues;
import io.switchboard.client.internal.Registrations;
import io.switchboard.client.internal.Requests;
import io.switchboard.client.internal.Watches;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Resolve;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link Registry} over one client's connection. */
final class ClientRegistry implements Registry {

    private final SwitchboardClient client;
    private final ConnectionManager manager;
    private final Requests requests;
    private final Registrations registrations;
    private final Watches watches;

    ClientRegistry(
            SwitchboardClient client,
            ConnectionManager manager,
            Requests requests,
            Registrations registrations,
            Watches watches) {
        this.client = client;
        this.manager = manager;
        this.requests = requests;
        this.registrations = registrations;
        this.watches = watches;
    }

    @Override
    public Registration register(RegisterOptions options) {
        client.refuseOnIoThread("register");
        return registrations.register(Objects.requireNonNull(options, "options"));
    }

    @Override
    public List<RegistryEntry> resolve(String name) {
        client.refuseOnIoThread("resolve");
        long deadline = client.deadline(client.options().callTimeout());
        return Requests.await(resolveAsync(name, deadline), deadline);
    }

    @Override
    public CompletableFuture<List<RegistryEntry>> resolveAsync(String name) {
        return resolveAsync(name, client.deadline(client.options().callTimeout()));
    }

    private CompletableFuture<List<RegistryEntry>> resolveAsync(String name, long deadline) {
        return resolveWire(name, deadline).thenApply(PublicValues::registryEntries);
    }

    /** RESOLVE, answered with the wire's entries (for the deprecated {@link SwitchboardClient#resolve}). */
    CompletableFuture<List<Entries.Entry>> resolveWire(String name, long deadline) {
        PublishOptions.checkName(name, "name");
        return manager.withConnection(
                deadline,
                c -> requests.send(
                        c,
                        req -> new Resolve(req, name),
                        deadline,
                        "RESOLVE " + name,
                        answer -> Requests.expect(answer, Entries.class).entries()));
    }

    @Override
    public NameWatch watch(String name, EntriesListener listener) {
        client.refuseOnIoThread("watch");
        PublishOptions.checkName(name, "name");
        Objects.requireNonNull(listener, "listener");
        return watches.watch(name, listener);
    }
}
