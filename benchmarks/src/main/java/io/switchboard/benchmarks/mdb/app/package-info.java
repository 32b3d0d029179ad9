/**
 * The benchmark application deployed into WildFly as {@code switchboard-bench-mdb.war}: one message-driven bean,
 * {@link io.switchboard.benchmarks.mdb.app.EchoBean}, that publishes the echo session through switchboard.rar's
 * inbound side. Nothing here runs in the benchmark JVM; {@code MdbWar} copies these classes into the war.
 */
package io.switchboard.benchmarks.mdb.app;
