/**
 * The application the transaction tests deploy ({@code tx-app.war}): a stateless bean whose container-managed
 * ({@code REQUIRED}) methods submit async calls through the connection factory, alone or with a JPA write on
 * WildFly's {@code ExampleDS}, and a servlet the tests drive it with over HTTP. Runs inside WildFly.
 */
package io.switchboard.arquillian.tx;
