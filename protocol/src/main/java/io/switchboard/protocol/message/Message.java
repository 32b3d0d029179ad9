package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** One protocol message; its frame type decides how it is laid out on the wire. */
public sealed interface Message
        permits Hello,
                Welcome,
                ErrorMessage,
                Ping,
                Pong,
                Shutdown,
                Publish,
                Rescind,
                Ack,
                ListSessions,
                Listing,
                Subscribe,
                Unsubscribe,
                SessionEvent,
                Deliver,
                Result,
                Reply,
                Register,
                Registered,
                Unregister,
                Refresh,
                Resolve,
                Entries,
                Watch,
                Unwatch,
                TicketIssued,
                Fetch,
                XaPrepare,
                XaCommit,
                XaRollback,
                XaRecover,
                XaXids {

    FrameType frameType();
}
