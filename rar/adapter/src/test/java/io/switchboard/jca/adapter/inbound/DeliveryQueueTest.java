package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallRefusedException;
import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;
import io.switchboard.protocol.ResultCode;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's rules, with a work manager whose works run only when the test says so (so every interleaving is the
 * test's choice), and one with real threads for the concurrency a blocking bean needs.
 */
class DeliveryQueueTest {

    private static final Runnable NOTHING = () -> {};

    private final SteppedWorkManager stepped = new SteppedWorkManager();
    private final TestWorkManager threads = new TestWorkManager();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdown();
    }

    @Test
    void aBurstIsOneScheduledWorkThatRunsEveryCallInOrder() {
        DeliveryQueue queue = new DeliveryQueue(16, 4, stepped, "burst");
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(queue.offer(new RecordingCall("call-" + i, ran))).isTrue();
        }
        assertThat(stepped.pending).as("one drainer for the whole burst").hasSize(1);

        Work first = stepped.pending.poll();
        // Taking call-0 leaves four waiting and none starting: it starts a second drainer, before running call-0.
        DeliveryDrainer drainer = (DeliveryDrainer) first;
        DeliveryQueue.QueuedCall taken = queue.take(drainer);
        assertThat(stepped.pending).as("a helper, in case call-0 blocks").hasSize(1);
        taken.run(NOTHING);
        // No more helpers while one is still starting, however many calls wait.
        while ((taken = queue.take(drainer)) != null) {
            assertThat(stepped.pending).hasSize(1);
            taken.run(NOTHING);
        }
        assertThat(ran).containsExactly("call-0", "call-1", "call-2", "call-3", "call-4");
        assertThat(queue.drainers()).as("the helper, not yet run").isEqualTo(1);

        stepped.runAll(); // the helper finds the queue empty and goes
        assertThat(queue.drainers()).isZero();
        assertThat(queue.scheduled()).isEqualTo(2);
        assertThat(ran).hasSize(5);
    }

    @Test
    void aCallerCallingOneAfterTheOtherIsServedByOneDrainerWithNoneWokenBeside() {
        DeliveryQueue queue = new DeliveryQueue(16, 4, stepped, "sequential");
        List<String> ran = new ArrayList<>();
        int[] next = {1};
        // Each call's caller sends the next one the moment its answer is on the way (before the drainer is back).
        class Sequential extends RecordingCall {
            Sequential(String name) {
                super(name, ran);
            }

            @Override
            public void run(Runnable answering) {
                super.run(answering);
                if (next[0] < 5) {
                    queue.offer(new Sequential("call-" + next[0]++));
                    assertThat(stepped.pending)
                            .as("no drainer started beside the returning one")
                            .isEmpty();
                }
            }
        }
        queue.offer(new Sequential("call-0"));
        assertThat(stepped.pending).hasSize(1);
        stepped.pending.poll().run();
        assertThat(ran).containsExactly("call-0", "call-1", "call-2", "call-3", "call-4");
        assertThat(queue.scheduled()).as("one drainer for five calls").isEqualTo(1);
        assertThat(queue.drainers()).isZero();
    }

    @Test
    void aCallBeyondTheCapacityIsRefusedAndNothingIsQueuedForIt() {
        DeliveryQueue queue = new DeliveryQueue(2, 2, stepped, "bounded");
        List<String> ran = new ArrayList<>();
        assertThat(queue.offer(new RecordingCall("a", ran))).isTrue();
        assertThat(queue.offer(new RecordingCall("b", ran))).isTrue();
        assertThat(queue.offer(new RecordingCall("c", ran)))
                .as("third of capacity 2")
                .isFalse();
        assertThat(queue.waiting()).isEqualTo(2);
        stepped.runAll();
        assertThat(ran).containsExactly("a", "b");
        assertThat(queue.offer(new RecordingCall("d", ran))).as("room again").isTrue();
        stepped.runAll();
        assertThat(ran).containsExactly("a", "b", "d");
        assertThatThrownBy(() -> new DeliveryQueue(0, 1, stepped, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverMoreDrainersThanTheMaximum() {
        DeliveryQueue queue = new DeliveryQueue(100, 3, stepped, "capped");
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queue.offer(new RecordingCall("c" + i, ran));
        }
        // Each drainer takes one call and holds it (a blocking bean): helpers start one after the other up to 3.
        List<DeliveryQueue.QueuedCall> held = new ArrayList<>();
        Work next;
        List<DeliveryDrainer> started = new ArrayList<>();
        while ((next = stepped.pending.poll()) != null) {
            DeliveryDrainer drainer = (DeliveryDrainer) next;
            started.add(drainer);
            held.add(queue.take(drainer));
        }
        assertThat(started).hasSize(3);
        assertThat(queue.drainers()).isEqualTo(3);
        assertThat(queue.waiting()).isEqualTo(17);
        held.forEach(call -> call.run(NOTHING));
        for (DeliveryDrainer drainer : started) {
            for (DeliveryQueue.QueuedCall c = queue.take(drainer); c != null; c = queue.take(drainer)) {
                c.run(NOTHING);
            }
        }
        assertThat(ran).hasSize(20);
        assertThat(stepped.pending).isEmpty();
        assertThat(queue.scheduled()).as("no drainer beyond the three").isEqualTo(3);
    }

    @Test
    void releaseIsSafeTwiceStopsTheDrainerAndTheLastOneGoneRefusesWhatWaits() {
        DeliveryQueue queue = new DeliveryQueue(16, 1, stepped, "released");
        List<String> ran = new ArrayList<>();
        RecordingCall a = new RecordingCall("a", ran);
        RecordingCall b = new RecordingCall("b", ran);
        RecordingCall c = new RecordingCall("c", ran);
        queue.offer(a);
        queue.offer(b);
        queue.offer(c);
        DeliveryDrainer drainer = (DeliveryDrainer) stepped.pending.poll();
        DeliveryQueue.QueuedCall first = queue.take(drainer);
        drainer.release();
        drainer.release();
        first.run(NOTHING); // the call in progress finishes
        assertThat(queue.take(drainer)).as("released: takes no more").isNull();
        assertThat(ran).containsExactly("a");
        assertThat(b.refusal).isNotNull();
        assertThat(b.outcome).isEqualTo(Outcome.REFUSED_STOPPING);
        assertThat(((CallRefusedException) c.refusal).code()).isEqualTo(ResultCode.SHUTTING_DOWN);
        assertThat(queue.waiting()).isZero();
        assertThat(queue.drainers()).isZero();
    }

    @Test
    void aReleasedDrainerLeavesTheQueuedCallsToTheDrainersStillThere() {
        DeliveryQueue queue = new DeliveryQueue(16, 2, stepped, "shared");
        List<String> ran = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            queue.offer(new RecordingCall(name, ran));
        }
        DeliveryDrainer one = (DeliveryDrainer) stepped.pending.poll();
        DeliveryQueue.QueuedCall a = queue.take(one); // starts a second drainer
        DeliveryDrainer two = (DeliveryDrainer) stepped.pending.poll();
        one.release();
        a.run(NOTHING);
        assertThat(queue.take(one)).isNull();
        assertThat(queue.waiting()).as("the second drainer takes them").isEqualTo(2);
        two.run();
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void aRejectedDrainerRefusesTheCallsNobodyElseWillTakeAndTheNextCallTriesAgain() {
        DeliveryQueue queue = new DeliveryQueue(16, 4, stepped, "rejected");
        List<String> ran = new ArrayList<>();
        stepped.reject = true;
        RecordingCall a = new RecordingCall("a", ran);
        RecordingCall b = new RecordingCall("b", ran);
        queue.offer(a);
        assertThat(a.outcome).isEqualTo(Outcome.REFUSED_BY_WORK_MANAGER);
        assertThat(((CallRefusedException) a.refusal).code()).isEqualTo(ResultCode.BUSY);
        assertThat(a.refusal).hasMessageContaining("work manager rejected");
        assertThat(queue.drainers()).isZero();
        stepped.reject = false;
        queue.offer(b);
        stepped.runAll();
        assertThat(ran).containsExactly("b");
    }

    @Test
    void aBlockingCallDoesNotHoldUpTheCallsQueuedBehindIt() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(16, 4, threads, "blocking");
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch othersRan = new CountDownLatch(3);
        List<String> ran = new CopyOnWriteArrayList<>();
        queue.offer(new RecordingCall("blocker", ran) {
            @Override
            public void run(Runnable answering) {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.run(answering);
            }
        });
        for (int i = 0; i < 3; i++) {
            queue.offer(new RecordingCall("quick-" + i, ran) {
                @Override
                public void run(Runnable answering) {
                    super.run(answering);
                    othersRan.countDown();
                }
            });
        }
        assertThat(othersRan.await(10, TimeUnit.SECONDS))
                .as("the quick calls ran while the first one blocked")
                .isTrue();
        assertThat(ran).containsExactlyInAnyOrder("quick-0", "quick-1", "quick-2");
        released.countDown();
        InboundBed.await("the blocker ran and every drainer went", () -> ran.size() == 4 && queue.drainers() == 0);
    }

    /** A call that records that it ran, or how it was refused. */
    private static class RecordingCall implements DeliveryQueue.QueuedCall {
        private final String name;
        private final List<String> ran;
        volatile Outcome outcome;
        volatile Throwable refusal;

        RecordingCall(String name, List<String> ran) {
            this.name = name;
            this.ran = ran;
        }

        @Override
        public void run(Runnable answering) {
            ran.add(name);
            answering.run();
        }

        @Override
        public void refuse(Outcome outcome, Throwable why) {
            this.outcome = outcome;
            this.refusal = why;
        }
    }

    /** Keeps scheduled works until the test runs them; rejects them all while {@code reject} is set. */
    private static final class SteppedWorkManager implements WorkManager {
        final ArrayDeque<Work> pending = new ArrayDeque<>();
        boolean reject;

        void runAll() {
            Work work;
            while ((work = pending.poll()) != null) {
                work.run();
            }
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
                throws WorkException {
            if (reject) {
                throw new WorkRejectedException("the test rejects all work");
            }
            pending.add(work);
        }

        @Override
        public void scheduleWork(Work work) throws WorkException {
            scheduleWork(work, INDEFINITE, null, null);
        }

        @Override
        public void doWork(Work work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
