package io.switchboard.server.routing;

/**
 * How much of one alias this node serves now: its local publishers and their calls in flight.
 *
 * @param publishers local publications of the alias (0 = not published here)
 * @param inFlight   calls in flight over them
 */
public record AliasLoad(int publishers, int inFlight) {

    public static final AliasLoad NONE = new AliasLoad(0, 0);
}
