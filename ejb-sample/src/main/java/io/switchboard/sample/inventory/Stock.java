package io.switchboard.sample.inventory;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory's state: units available per article, in memory (a real application would keep it in a database).
 * One instance for the application; the container's write lock makes each change atomic, so concurrent
 * reservations never oversell.
 */
@Singleton
@Lock(LockType.WRITE)
public class Stock {

    private final Map<String, Integer> available = new TreeMap<>(Map.of("apple", 10, "pear", 5, "plum", 0));

    /** Takes units out of stock; fails, changing nothing, when there are not that many. */
    public StockLevel reserve(Reservation reservation) {
        int units = checked(reservation);
        int left = available.get(reservation.sku());
        if (units > left) {
            throw new StockException("only " + left + " " + reservation.sku() + " left, " + units + " asked for");
        }
        available.put(reservation.sku(), left - units);
        return level(reservation.sku());
    }

    /** Puts reserved units back. */
    public StockLevel release(Reservation reservation) {
        int units = checked(reservation);
        available.merge(reservation.sku(), units, Integer::sum);
        return level(reservation.sku());
    }

    @Lock(LockType.READ)
    public List<StockLevel> levels() {
        return available.keySet().stream().map(this::level).toList();
    }

    private StockLevel level(String sku) {
        return new StockLevel(sku, available.get(sku));
    }

    /** The quantity, once the article is known and the quantity positive: bad input changes nothing. */
    private int checked(Reservation reservation) {
        if (reservation == null || !available.containsKey(reservation.sku())) {
            throw new StockException("unknown article " + (reservation == null ? null : reservation.sku()) + "; known: "
                    + available.keySet());
        }
        if (reservation.quantity() <= 0) {
            throw new StockException("quantity must be positive, was " + reservation.quantity());
        }
        return reservation.quantity();
    }
}
