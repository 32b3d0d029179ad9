package io.switchboard.client;

import java.util.List;

/**
 * Told about a watched registry name: first its entries when the watch is made (again after every reconnect),
 * then the whole new list whenever an entry is registered, renewed, unregistered or expires. Runs on the client's
 * I/O thread: return quickly and never block there.
 */
@FunctionalInterface
public interface EntriesListener {

    /** @param entries every entry of {@code name} now, oldest registration first; empty when it has none */
    void onEntries(String name, List<RegistryEntry> entries);
}
