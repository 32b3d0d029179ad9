/**
 * The Switchboard resource adapter's application API: inject a {@link io.switchboard.jca.api.SwitchboardConnectionFactory},
 * borrow a {@link io.switchboard.jca.api.SwitchboardConnection}, call sessions. Compile against this jar with scope
 * {@code provided}; the deployed {@code .rar} supplies it at run time.
 */
package io.switchboard.jca.api;
