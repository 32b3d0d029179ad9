/**
 * What WildFly's {@code tx-app.war} holds of this suite's own (the servlet the tests drive and the bean base come from
 * arquillian-support): the stateless {@link io.switchboard.arquillian.tx.SubmitterBean} whose container-managed
 * ({@code REQUIRED}) methods submit async calls through the {@code Default} connection definition, and the orders: a
 * bean that writes a JPA row on WildFly's {@code ExampleDS} and submits in one transaction, with its servlet. Runs
 * inside WildFly.
 */
package io.switchboard.arquillian.tx;
