package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SessionHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The test session "calc": one method per payload kind, plus failures. */
final class Calculator implements SessionHandler {

    static final String ALIAS = "calc";
    static final List<String> METHODS =
            List.of("add", "echo", "reverse", "raw", "nothing", "shout", "later", "fail", "failLater");

    record Pair(int a, int b) {}

    record Sum(int sum) {}

    /** A mutable bean, to show POJOs work as well as records. */
    public static class Person {
        public String name;
        public int age;

        public Person() {}

        Person(String name, int age) {
            this.name = name;
            this.age = age;
        }
    }

    @Override
    public Object handle(IncomingCall call) {
        switch (call.method()) {
            case "add": {
                Pair p = call.payloadAs(Pair.class);
                return new Sum(p.a() + p.b());
            }
            case "echo":
                return call.payloadTree();
            case "reverse": {
                byte[] in = call.payloadAs(byte[].class);
                byte[] out = new byte[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[in.length - 1 - i];
                }
                return out;
            }
            case "raw":
                return RawPayload.of(call.payload());
            case "nothing":
                return null;
            case "shout": {
                Person p = call.payloadAs(Person.class);
                return new Person(p.name.toUpperCase(), p.age + 1);
            }
            case "later":
                return CompletableFuture.supplyAsync(
                        () -> new Sum(call.payloadAs(Pair.class).a() * 10));
            case "fail":
                throw new IllegalStateException("division by zero in " + call.payloadAs(JsonNode.class));
            case "failLater":
                return CompletableFuture.failedFuture(new IllegalArgumentException("no luck"));
            default:
                throw new UnsupportedOperationException(call.method());
        }
    }
}
