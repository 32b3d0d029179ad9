/**
 * The front door, from the application's side: message-driven beans implementing
 * {@link io.switchboard.jca.api.frontdoor.LineListener} receive end users' connect, input and disconnect events
 * (the Switchboard server holds the users' connections, so they stay connected while the application restarts),
 * and {@link io.switchboard.jca.api.SwitchboardConnection} sends to, closes and broadcasts to lines.
 */
package io.switchboard.jca.api.frontdoor;
