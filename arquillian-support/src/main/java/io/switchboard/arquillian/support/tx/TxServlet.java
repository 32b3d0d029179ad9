package io.switchboard.arquillian.support.tx;

import static io.switchboard.arquillian.support.tx.PlainText.required;
import static io.switchboard.arquillian.support.tx.PlainText.respond;

import io.switchboard.jca.api.Ticket;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Drives the suite's {@link Submitter} for the tests, answering plain text. Every request names the connector
 * resource ({@code pool}) and the session ({@code alias}, {@code method}), and runs one bean method, so one
 * transaction:
 * <ul>
 *   <li>{@code POST /tx/submit?outcome=commit|rollback&payload=a&payload=b...}: {@code committed} or
 *       {@code rolled-back: <why>}; with {@code results=await}, the servlet waits for every ticket's result after
 *       the commit and answers {@code committed: <results, comma-separated>}</li>
 *   <li>{@code POST /tx/marker?payload=m}: one call with no transaction; {@code sent}</li>
 *   <li>{@code POST /tx/ticket?payload=p}: one submit in a committed transaction; lines {@code result-inside},
 *       {@code id-inside} (what the ticket did before commit), {@code result} (its future after commit) and
 *       {@code fetched} (the outcome by id from another connection)</li>
 * </ul>
 */
@WebServlet("/tx/*")
public class TxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Far beyond what a committed call takes; a ticket that never resolves fails the request, it does not hang. */
    private static final Duration RESULT_WAIT = Duration.ofSeconds(30);

    @EJB
    Submitter submitter;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pool = required(request, "pool");
        String alias = required(request, "alias");
        String method = required(request, "method");
        String answer;
        switch (String.valueOf(request.getPathInfo())) {
            case "/submit" -> {
                List<String> payloads = List.of(request.getParameterValues("payload"));
                // results=await: GlassFish's suite checks the tickets' results here; WildFly's has /ticket tests.
                answer = switch (required(request, "outcome")) {
                    case "commit" ->
                        committed(
                                () -> submitter.submitAll(pool, alias, method, payloads),
                                "await".equals(request.getParameter("results")));
                    case "rollback" -> rolledBack(() -> submitter.submitAllThenFail(pool, alias, method, payloads));
                    default -> throw new IllegalArgumentException("outcome must be commit or rollback");
                };
            }
            case "/marker" -> {
                submitter.submitOutside(pool, alias, method, required(request, "payload"));
                answer = "sent";
            }
            case "/ticket" -> answer = ticket(pool, alias, method, required(request, "payload"));
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "no " + request.getPathInfo());
                return;
            }
        }
        respond(response, answer);
    }

    /** {@code committed}, or with {@code awaitResults} each ticket's result, waited for with a deadline. */
    private static String committed(Supplier<List<Ticket>> transaction, boolean awaitResults) {
        List<Ticket> tickets;
        try {
            tickets = transaction.get();
        } catch (EJBException e) {
            return PlainText.rolledBack(e);
        }
        // The bean has returned: the container committed its transaction.
        if (!awaitResults) {
            return "committed";
        }
        List<String> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            results.add(resultOf(ticket));
        }
        return "committed: " + String.join(",", results);
    }

    private static String rolledBack(Runnable transaction) {
        try {
            transaction.run();
            return "committed (the bean did not throw?)";
        } catch (EJBException e) {
            return PlainText.rolledBack(e);
        }
    }

    private String ticket(String pool, String alias, String method, String payload) {
        TicketProbe probe = submitter.submitAndProbe(pool, alias, method, payload);
        // The bean has returned: the container committed its transaction.
        String result = resultOf(probe.ticket());
        String fetched;
        try {
            fetched = submitter.fetch(pool, probe.ticket().id(), RESULT_WAIT);
        } catch (RuntimeException e) {
            fetched = "failed: " + e;
        }
        return "result-inside: " + probe.resultInside() + "\nid-inside: " + probe.idInside() + "\nresult: " + result
                + "\nfetched: " + fetched;
    }

    private static String resultOf(Ticket ticket) {
        try {
            return ticket.result(String.class).get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
