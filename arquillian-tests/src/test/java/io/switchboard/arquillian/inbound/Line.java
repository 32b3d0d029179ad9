package io.switchboard.arquillian.inbound;

/** An order line: bound from the payload as itself or inside a {@code List<Line>}. */
public record Line(String sku, int quantity, long unitCents) {}
