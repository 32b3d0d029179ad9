/**
 * The Switchboard Java client.
 *
 * <p>{@link io.switchboard.client.SwitchboardClient} is the entry point: connect with a URL
 * ({@code tcp://host:port} or {@code unix:///path}) or {@link io.switchboard.client.ClientOptions}, then call
 * sessions ({@code call}, {@code callAsync}, with {@link io.switchboard.client.CallOptions} for headers and a
 * timeout), publish your own ({@code publish} with a {@link io.switchboard.client.SessionHandler}, which sees each
 * {@link io.switchboard.client.IncomingCall} with its caller and headers), list them ({@code list}, each a
 * {@link io.switchboard.client.SessionInfo}) and follow them ({@code subscribe}: a
 * {@link io.switchboard.client.SessionListener} hears each {@link io.switchboard.client.SessionChange}).
 *
 * <p>Feature APIs come off the client: {@link io.switchboard.client.Registry} ({@code client.registry()}: register,
 * resolve and watch names), {@link io.switchboard.client.Tickets} ({@code client.tickets()}: submit async calls,
 * fetch their outcome), {@link io.switchboard.client.Lines} ({@code client.lines()}). The values they and the
 * client hand back are types of this package ({@link io.switchboard.client.SessionInfo},
 * {@link io.switchboard.client.SessionChange}, {@link io.switchboard.client.RegistryEntry}, ...), not the wire's
 * messages.
 *
 * <p>Front door (the server holds end users' connections, "lines", for the application): handle one with
 * {@code handleFrontDoor} and a {@link io.switchboard.client.FrontDoorHandler} (connect, input, disconnect,
 * welcome-back), push to lines with {@link io.switchboard.client.Lines} ({@code client.lines()}: send, close,
 * broadcast).
 *
 * <p>Failures are unchecked {@link io.switchboard.client.SwitchboardException}s:
 * <ul>
 *   <li>{@link io.switchboard.client.CallException}: the call's result code was not {@code ok}
 *       ({@link io.switchboard.client.LineNotFoundException} for {@code no-such-line});</li>
 *   <li>{@link io.switchboard.client.RequestException}: the server refused a control request (ERROR frame);</li>
 *   <li>{@link io.switchboard.client.ConnectionLostException}: the connection dropped while waiting; the request
 *       may or may not have taken effect;</li>
 *   <li>{@link io.switchboard.client.NotConnectedException}: no connection before the deadline; nothing was sent;</li>
 *   <li>{@link io.switchboard.client.ClientClosedException}: the client was closed;</li>
 *   <li>{@link io.switchboard.client.ListTooLargeException}: a list answer passed
 *       {@link io.switchboard.client.ClientOptions#maxListBytes()} (a broken or hostile server).</li>
 * </ul>
 *
 * <p>Traffic: {@code client.traffic()} is a {@link io.switchboard.client.ClientTraffic} snapshot of the bytes the
 * client has sent and received since it was created, over all its connections (reconnects and registry look-ups
 * included), counted at the socket: after TLS and compression, frame headers included. It costs two sums.
 *
 * <p>Threading: one I/O thread per client. Async futures, session listeners and handlers published with a direct
 * executor run on it; they must not block (blocking client methods refuse to run there).
 */
package io.switchboard.client;
