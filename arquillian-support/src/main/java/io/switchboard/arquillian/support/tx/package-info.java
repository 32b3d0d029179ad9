/**
 * What every suite's {@code tx-app.war} holds from here (added with ShrinkWrap, see {@code TxApp.sharedClasses()}): a
 * servlet, {@link io.switchboard.arquillian.support.tx.TxServlet}, driving the suite's stateless bean through
 * {@link io.switchboard.arquillian.support.tx.Submitter}; the bean extends
 * {@link io.switchboard.arquillian.support.tx.SubmitterBase} and names its container's connector resources. Runs
 * inside the container, so it uses the Jakarta EE and adapter APIs only (the container and switchboard.rar provide
 * them), never the client or test-support.
 */
package io.switchboard.arquillian.support.tx;
