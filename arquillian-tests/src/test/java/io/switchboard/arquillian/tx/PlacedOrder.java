package io.switchboard.arquillian.tx;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The database row that must agree with the submitted call: written in the same transaction. */
@Entity
public class PlacedOrder {

    @Id
    private String id;

    protected PlacedOrder() {}

    public PlacedOrder(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }
}
