package io.switchboard.server.routing;

import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;

/**
 * Asked about every DELIVER with valid names before its alias is looked up, so that a refusal cannot tell whether
 * the alias exists (unlike a {@link CallInterceptor}, which sees resolved calls). The permission check lives here.
 */
public interface CallGate {

    /** Lets every call through. */
    CallGate OPEN = (caller, call) -> null;

    /** @return null to let the call on, else the RESULT refusing it */
    Result refusal(Connection caller, Deliver call);
}
