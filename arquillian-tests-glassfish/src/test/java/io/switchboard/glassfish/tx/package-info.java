/**
 * What {@code tx-app.war} holds of this suite's own: a bean that submits through the transactional connector resources
 * (the servlet driving it and its base come from arquillian-support), and a transacted message-driven bean. Deployed into GlassFish by {@code TransactionsIT}; never loaded in the test
 * JVM.
 */
package io.switchboard.glassfish.tx;
