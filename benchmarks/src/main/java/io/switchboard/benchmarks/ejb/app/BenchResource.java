package io.switchboard.benchmarks.ejb.app;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * What the harness calls over HTTP, one run per request. Modes: {@code adapter} ({@link AdapterEcho}),
 * {@code plain} ({@link PlainEcho}), and two diagnostics without an EJB in between: {@code direct}, the shared
 * plain client called from here (what the EJB invocation costs), and, for throughput only,
 * {@code direct-per-caller} ({@link PerCallerClients}: what a connection per caller costs); and {@code submit}
 * and {@code submit-2pc} ({@link SubmitInTransaction}, the {@code --tx} workload), latency and throughput only. Answers are text:
 * the harness parses them.
 * <ul>
 *   <li>{@code POST check}: one call per mode, the echo compared with what was sent.</li>
 *   <li>{@code POST latency?mode=&calls=}: sequential calls on the request thread; one duration in nanoseconds
 *       per line.</li>
 *   <li>{@code POST throughput?mode=&threads=&millis=}: that many managed threads calling in a loop for that long;
 *       answers {@code calls=<completed> nanos=<window>}.</li>
 *   <li>{@code POST pipelined?mode=&inFlight=&millis=}: one bean invocation keeping that many calls in flight on
 *       one connection ({@link PipelinedEcho}; adapter and plain only); answers as {@code throughput}.</li>
 * </ul>
 * A failed run answers 500 with the failure as text.
 */
@Path("bench")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    /** The payload: 62 bytes, which the client's CBOR mapping sends as a 64-byte document (2-byte header). */
    static final int PAYLOAD_BYTES = 62;

    private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
    /** Throughput only: {@link PerCallerClients}, a plain client per caller thread, no EJB in between. */
    static final String PER_CALLER = "direct-per-caller";
    /** Latency and throughput only: {@link SubmitInTransaction}, one submit per transaction. */
    static final String SUBMIT = "submit";
    /** As {@link #SUBMIT}, with a no-op second XAResource in each transaction: a two-phase commit. */
    static final String SUBMIT_TWO_PHASE = "submit-2pc";

    @EJB(beanName = "AdapterEcho")
    Echo adapter;

    @EJB(beanName = "PlainEcho")
    Echo plain;

    @EJB(beanName = "AdapterEcho")
    PipelinedEcho adapterPipelined;

    @EJB(beanName = "PlainEcho")
    PipelinedEcho plainPipelined;

    @EJB
    PlainClient plainClient;

    @EJB
    SubmitInTransaction submitter;

    @Resource
    ManagedThreadFactory threads;

    @POST
    @Path("check")
    public Response check() {
        return answer(() -> {
            byte[] payload = payload();
            for (String mode : new String[] {"adapter", "plain", "direct"}) {
                byte[] reply = echo(mode).echo(payload);
                if (!Arrays.equals(reply, payload)) {
                    throw new IllegalStateException(
                            mode + ": the echo returned " + (reply == null ? "null" : reply.length + " bytes")
                                    + " instead of the " + payload.length + "-byte payload");
                }
            }
            return "ok";
        });
    }

    @POST
    @Path("latency")
    public Response latency(@QueryParam("mode") String mode, @QueryParam("calls") int calls) {
        return answer(() -> {
            long[] nanos = Runs.sequential(echo(mode), payload(), positive("calls", calls), RUN_DEADLINE);
            StringBuilder text = new StringBuilder(nanos.length * 7);
            for (long n : nanos) {
                text.append(n).append('\n');
            }
            return text.toString();
        });
    }

    @POST
    @Path("throughput")
    public Response throughput(
            @QueryParam("mode") String mode,
            @QueryParam("threads") int threadCount,
            @QueryParam("millis") long millis) {
        return answer(() -> {
            int callers = positive("threads", threadCount);
            Duration length = Duration.ofMillis(positive("millis", (int) Math.min(millis, Integer.MAX_VALUE)));
            Runs.Count count;
            if (PER_CALLER.equals(mode)) {
                try (PerCallerClients clients = new PerCallerClients(callers)) {
                    count = Runs.concurrent(clients::echo, payload(), callers, length, threads);
                }
            } else {
                Echo echo = echo(mode);
                count = Runs.concurrent(i -> echo, payload(), callers, length, threads);
            }
            return "calls=" + count.calls() + " nanos=" + count.nanos();
        });
    }

    @POST
    @Path("pipelined")
    public Response pipelined(
            @QueryParam("mode") String mode, @QueryParam("inFlight") int inFlight, @QueryParam("millis") long millis) {
        return answer(() -> {
            PipelinedEcho echo;
            if ("adapter".equals(mode)) {
                echo = adapterPipelined;
            } else if ("plain".equals(mode)) {
                echo = plainPipelined;
            } else {
                throw new IllegalArgumentException("a pipelined run's mode must be adapter or plain, not " + mode);
            }
            long nanos = Duration.ofMillis(positive("millis", (int) Math.min(millis, Integer.MAX_VALUE)))
                    .toNanos();
            long calls = echo.pipelined(payload(), positive("inFlight", inFlight), nanos);
            return "calls=" + calls + " nanos=" + nanos;
        });
    }

    private Echo echo(String mode) {
        if ("adapter".equals(mode)) {
            return adapter;
        }
        if ("plain".equals(mode)) {
            return plain;
        }
        if ("direct".equals(mode)) {
            String alias = BenchTarget.alias();
            String method = BenchTarget.method();
            var client = plainClient.client();
            return payload -> client.call(alias, method, payload, byte[].class);
        }
        if (SUBMIT.equals(mode)) {
            // The submit workload times the bean invocation (its transaction included), not a round trip: the
            // payload "comes back" at once, the call runs at the publisher afterwards.
            return payload -> {
                submitter.submit(payload);
                return payload;
            };
        }
        if (SUBMIT_TWO_PHASE.equals(mode)) {
            return payload -> {
                submitter.submitBesideAnother(payload);
                return payload;
            };
        }
        throw new IllegalArgumentException("mode must be adapter, plain, direct, submit or submit-2pc, not " + mode);
    }

    static byte[] payload() {
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i + 2);
        }
        return payload;
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }

    private static Response answer(Callable<String> run) {
        try {
            return Response.ok(run.call()).build();
        } catch (Exception | Error e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            return Response.serverError().entity(trace.toString()).build();
        }
    }
}
