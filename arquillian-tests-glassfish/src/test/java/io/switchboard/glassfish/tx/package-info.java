/**
 * What {@code tx-app.war} holds: a bean that submits through the transactional connector resources, its servlet,
 * and a transacted message-driven bean. Deployed into GlassFish by {@code TransactionsIT}; never loaded in the test
 * JVM.
 */
package io.switchboard.glassfish.tx;
