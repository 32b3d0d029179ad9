import io.switchboard.client.ClientOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's backend: a plain Switchboard client that publishes session {@code echo}, so the sample application in
 * WildFly has something to call. Run by demo/run as a single-file program:
 * {@code java -cp <client jars> demo/EchoPublisher.java tcp://127.0.0.1:7420}
 * <ul>
 *   <li>{@code echo}: answers the payload as it came.</li>
 *   <li>{@code upper}: answers a text payload in upper case.</li>
 *   <li>{@code fail}: always fails, to show how a handler error reaches the application.</li>
 * </ul>
 */
public final class EchoPublisher {

    public static void main(String[] args) throws InterruptedException {
        String url = args.length > 0 ? args[0] : "tcp://127.0.0.1:7420";
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        SwitchboardClient client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName("demo-echo-publisher")
                .build());
        client.publish(PublishOptions.builder("echo").methods(List.of("echo", "upper", "fail")).build(),
                EchoPublisher::handle, handlers);
        System.out.println("echo publisher: session 'echo' (echo, upper, fail) published on " + url);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            handlers.shutdown();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static Object handle(IncomingCall call) {
        switch (call.method()) {
            case "upper":
                return call.payloadAs(String.class).toUpperCase();
            case "fail":
                throw new IllegalStateException("the demo's 'fail' method always fails");
            default:
                return call.payloadTree();
        }
    }
}
