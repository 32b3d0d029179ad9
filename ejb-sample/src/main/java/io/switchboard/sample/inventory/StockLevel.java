package io.switchboard.sample.inventory;

/** How many units of an article are left to reserve. */
public record StockLevel(String sku, int available) {}
