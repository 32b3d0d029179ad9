package io.switchboard.sample;

/** What a failed request answers: the Switchboard outcome code and its message. */
public record ErrorBody(String code, String message) {}
