package io.switchboard.jca.adapter.tx;

import java.util.Objects;

/**
 * A call held back until its transaction commits.
 *
 * @param what        what it does, for log lines and errors (e.g. {@code send to line l-17})
 * @param failsCommit whether its failure at commit fails the commit (a submit: the application could not see the
 *                    refusal); a front-door send's failure (the user left) is only logged
 * @param send        sends it now; throws what the request throws
 * @param drop        tells whoever waits on it that it will never be sent
 */
public record DeferredCall(String what, boolean failsCommit, Runnable send, Runnable drop) {

    public DeferredCall {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(drop, "drop");
    }
}
