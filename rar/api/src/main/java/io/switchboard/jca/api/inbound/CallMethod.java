package io.switchboard.jca.api.inbound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a public method of a {@link CallMethods} message-driven bean as a method of its session.
 *
 * <p>Parameters: any number of {@link Call} parameters (the call itself) and at most one other parameter, which
 * is bound from the payload with Jackson (generic types such as {@code List<Item>} included); with no such
 * parameter the payload is ignored. The return value is the result payload ({@code void}: an empty payload).
 * Methods must be public and not static; two methods may not publish the same name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CallMethod {

    /** The session method's name; empty means the Java method's name. */
    String value() default "";

    /**
     * Whether the method may safely run twice: the server then re-routes a call to another publisher of the same
     * alias when this one is lost mid-call, instead of answering {@code publisher-lost}.
     */
    boolean idempotent() default false;
}
