package io.switchboard.arquillian.inbound;

/** The answer of {@code it-orders.total}: the sum of the lines, and who asked (from the {@link io.switchboard.jca.api.inbound.Call}). */
public record Total(int lines, long cents, String caller) {}
