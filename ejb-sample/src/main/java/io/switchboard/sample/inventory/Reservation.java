package io.switchboard.sample.inventory;

/** A request to take (reserve) or give back (release) {@code quantity} units of an article. */
public record Reservation(String sku, int quantity) {}
