/**
 * The benchmark application deployed into WildFly as {@code switchboard-bench.war}: two stateless EJBs that make
 * the same echo call, one through the resource adapter's pooled connection ({@link
 * io.switchboard.benchmarks.ejb.app.AdapterEcho}), one through a plain {@code SwitchboardClient} the war bundles
 * ({@link io.switchboard.benchmarks.ejb.app.PlainEcho}), and a Jakarta REST resource the harness drives them with.
 * Nothing here runs in the benchmark JVM; {@code BenchWar} copies these classes into the war.
 */
package io.switchboard.benchmarks.ejb.app;
