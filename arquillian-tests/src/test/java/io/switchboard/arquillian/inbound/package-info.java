/**
 * The message-driven beans the inbound tests deploy, each in a small ShrinkWrap archive next to switchboard.rar.
 * They run inside WildFly; the tests call them from outside with a plain Switchboard client.
 */
package io.switchboard.arquillian.inbound;
