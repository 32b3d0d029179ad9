package io.switchboard.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Small helpers for turning Jackson failures into sentences a peer can act on. */
final class Documents {

    private Documents() {}

    static String reason(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return e.getMessage();
    }
}
