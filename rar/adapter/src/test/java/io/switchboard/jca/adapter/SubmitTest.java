package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.jca.adapter.TestBed.Greeting;
import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.Ticket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Async calls by ticket outside any transaction: {@code submit} sends at once, {@code fetch} reads by id. */
class SubmitTest {

    private TestBed bed;
    private final TestConnectionManager cm = new TestConnectionManager();
    private SwitchboardConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        factory = (SwitchboardConnectionFactory) bed.factory().createConnectionFactory(cm);
    }

    @AfterEach
    void stop() {
        cm.destroyAll();
        bed.close();
    }

    @Test
    void aSubmittedCallRunsAndItsTicketResolves() throws Exception {
        try (SwitchboardConnection c = factory.getConnection()) {
            Ticket ticket = c.submit(TestBed.ALIAS, "echo", new Greeting("Ada", 2));

            assertThat(ticket.id()).isNotBlank();
            assertThat(ticket.result(Greeting.class).get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(new Greeting("Ada", 2));
            assertThat(c.fetch(ticket.id(), Greeting.class, TestBed.PATIENCE)).isEqualTo(new Greeting("Ada", 2));
        }
    }

    @Test
    void aTicketIsFetchedFromAnotherConnection() throws Exception {
        String id;
        try (SwitchboardConnection c = factory.getConnection()) {
            id = c.submit(TestBed.ALIAS, "echo", "later", Duration.ofSeconds(5)).id();
        }
        TestConnectionManager other = new TestConnectionManager();
        SwitchboardConnectionFactory otherFactory =
                (SwitchboardConnectionFactory) bed.factory().createConnectionFactory(other);
        try (SwitchboardConnection c = otherFactory.getConnection()) {
            assertThat(c.fetch(id, String.class, TestBed.PATIENCE)).isEqualTo("later");
        } finally {
            other.destroyAll();
        }
    }

    @Test
    void failuresComeOutAsTheApisExceptions() throws Exception {
        try (SwitchboardConnection c = factory.getConnection()) {
            assertThatThrownBy(() -> c.submit("nobody", "echo", 1)).isInstanceOf(SessionNotFoundException.class);

            Ticket failing = c.submit(TestBed.ALIAS, "fail", 1);
            assertThatThrownBy(
                            () -> failing.result(String.class).get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(HandlerFailedException.class);
            assertThatThrownBy(() -> c.fetch(failing.id(), String.class, TestBed.PATIENCE))
                    .isInstanceOf(HandlerFailedException.class);
            assertThatThrownBy(() -> c.fetch("no-such-ticket-id", String.class, Duration.ZERO))
                    .isInstanceOf(SwitchboardException.class)
                    .extracting(e -> ((SwitchboardException) e).code())
                    .isIn("no-such-ticket", "bad-request");
        }
    }
}
