package io.switchboard.server.auth;

import io.switchboard.protocol.Names;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.CallGate;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Permission;

/**
 * The {@code call} permission at the router's gate: asked before the alias is looked up, so an alias the caller may
 * not call is {@code forbidden} whether or not it is published. The server's own {@code $lines} drives end users'
 * lines: it needs {@code frontdoor-handle} (on any alias) instead.
 */
public final class CallPermissions implements CallGate {

    @Override
    public Result refusal(Connection caller, Deliver call) {
        String alias = call.alias();
        if (Names.isReserved(alias)) {
            return caller.grants().allowsAny(Permission.FRONTDOOR_HANDLE)
                    ? null
                    : Result.failure(
                            call.id(),
                            ResultCode.FORBIDDEN,
                            "calls to the server's own sessions (" + Names.abbreviate(alias)
                                    + ") need the frontdoor-handle permission");
        }
        return caller.grants().allows(Permission.CALL, alias)
                ? null
                : Result.failure(call.id(), ResultCode.FORBIDDEN, "you may not call '" + Names.abbreviate(alias) + "'");
    }
}
