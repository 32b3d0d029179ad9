package io.switchboard.server.cluster;

import java.util.ArrayList;
import java.util.List;

/** What a test opened (nodes, peers, raw channels), closed in reverse order after it. */
final class OpenedResources implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Keeps {@code resource} to close after the test; returns it. */
    <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
