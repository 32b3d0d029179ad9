package io.switchboard.arquillian.xakill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A test XAResource that stops the transaction manager at one point of two-phase commit: when the transaction
 * manager reaches {@link Phase#PREPARE prepare} or {@link Phase#COMMIT commit} of this resource, it writes the
 * phase's {@link #marker marker file} in the server's base directory (so the test knows the point is reached) and
 * parks the thread for good, until the test kills the JVM with SIGKILL. Where it is enlisted decides what the other resources
 * went through: Narayana prepares and commits in the order of enlistment.
 * <p>
 * Deliberately not {@code Serializable} and not recoverable: after the restart Narayana cannot find it again and
 * says so in its log, which must not keep the other branches from being recovered.
 */
public final class CrashPoint implements XAResource {

    /** Where in two-phase commit the JVM stops. */
    public enum Phase {
        PREPARE,
        COMMIT
    }

    /** The file written when the point is reached, relative to {@code jboss.server.base.dir}. */
    public static String marker(Phase phase) {
        return "crash-point-reached-" + phase;
    }

    private final Phase phase;

    CrashPoint(Phase phase) {
        this.phase = phase;
    }

    @Override
    public int prepare(Xid xid) {
        if (phase == Phase.PREPARE) {
            stopHere();
        }
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        if (phase == Phase.COMMIT) {
            stopHere();
        }
    }

    private void stopHere() {
        Path marker = Path.of(System.getProperty("jboss.server.base.dir")).resolve(marker(phase));
        try {
            Files.writeString(marker, phase.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            LockSupport.park(this);
            // Until SIGKILL: an interrupt (e.g. from the transaction reaper) must not let the transaction go on.
            Thread.interrupted();
        }
    }

    @Override
    public void rollback(Xid xid) {}

    @Override
    public void start(Xid xid, int flags) {}

    @Override
    public void end(Xid xid, int flags) {}

    @Override
    public void forget(Xid xid) {}

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
