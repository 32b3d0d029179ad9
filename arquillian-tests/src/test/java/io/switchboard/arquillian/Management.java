package io.switchboard.arquillian;

import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * WildFly's management model, spoken the way the CLI and the admin console speak it (DMR operations over the
 * management port). Every operation must succeed; a failure is an assertion error with WildFly's description.
 */
final class Management implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final ModelControllerClient client;
    private final boolean ownsClient;

    private Management(ModelControllerClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
    }

    static Management connect() {
        try {
            return new Management(
                    ModelControllerClient.Factory.create(InetAddress.getByName(HOST), managementPort()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps a client someone else owns (a ServerSetupTask's); {@link #close()} leaves it open. */
    static Management using(ModelControllerClient client) {
        return new Management(client, false);
    }

    static int managementPort() {
        return 9990 + Integer.getInteger("wildfly.port.offset", 0);
    }

    static int httpPort() {
        return 8080 + Integer.getInteger("wildfly.port.offset", 0);
    }

    /** An address from name/value pairs: {@code address("subsystem", "jca", ...)}. */
    static ModelNode address(String... pairs) {
        ModelNode address = new ModelNode().setEmptyList();
        for (int i = 0; i < pairs.length; i += 2) {
            address.add(pairs[i], pairs[i + 1]);
        }
        return address;
    }

    static ModelNode operation(String name, ModelNode address) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        op.get("address").set(address);
        return op;
    }

    static ModelNode writeAttribute(ModelNode address, String attribute, ModelNode value) {
        ModelNode op = operation("write-attribute", address);
        op.get("name").set(attribute);
        op.get("value").set(value);
        return op;
    }

    /** Several operations as one, all or nothing (a CLI batch). */
    static ModelNode composite(Iterable<ModelNode> steps) {
        ModelNode op = operation("composite", new ModelNode().setEmptyList());
        ModelNode list = op.get("steps").setEmptyList();
        steps.forEach(list::add);
        return op;
    }

    /** Executes and returns the whole response; fails unless the outcome is success. */
    ModelNode execute(ModelNode op) {
        ModelNode response;
        try {
            response = client.execute(op);
        } catch (IOException e) {
            throw new UncheckedIOException("management operation failed to run: " + op, e);
        }
        if (!"success".equals(response.get("outcome").asString())) {
            throw new AssertionError("management operation failed: " + op + "\n -> " + response);
        }
        return response;
    }

    ModelNode result(ModelNode op) {
        return execute(op).get("result");
    }

    /** Whether WildFly answered that the change takes effect only after a reload. */
    static boolean requiresReload(ModelNode response) {
        ModelNode headers = response.get("response-headers");
        return headers.hasDefined("operation-requires-reload")
                && headers.get("operation-requires-reload").asBoolean();
    }

    String serverState() {
        ModelNode op = operation("read-attribute", new ModelNode().setEmptyList());
        op.get("name").set("server-state");
        return result(op).asString();
    }

    /** {@code :reload}, then waits until the server (and with it every deployment) is running again. */
    void reload() {
        try {
            client.execute(operation("reload", new ModelNode().setEmptyList()));
        } catch (IOException closedWhileAnswering) {
            // The channel may close before the answer arrives; the polling below tells whether it worked.
        }
        // The old controller may still answer "running" for a moment: first see it go down (a reload with
        // deployments takes far longer than one poll), then wait for it to come back.
        long leaving = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ("running".equals(stateOrNull()) && System.nanoTime() - leaving < 0) {
            Poll.pause();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"running".equals(stateOrNull())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("WildFly did not come back from :reload within 120 s");
            }
            Poll.pause();
        }
    }

    private String stateOrNull() {
        try {
            ModelNode op = operation("read-attribute", new ModelNode().setEmptyList());
            op.get("name").set("server-state");
            ModelNode response = client.execute(op);
            return "success".equals(response.get("outcome").asString())
                    ? response.get("result").asString()
                    : null;
        } catch (IOException | RuntimeException notReachable) {
            return null;
        }
    }

    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
