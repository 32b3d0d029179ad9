package io.switchboard.jca.api;

import jakarta.ejb.ApplicationException;

/**
 * Base of every failure a Switchboard connection reports. Unchecked, so call sites stay simple.
 *
 * <p>In an EJB, an unchecked exception that escapes a business method is by default a system exception: the
 * container logs it, discards the bean instance and rolls the transaction back. To let it reach the bean's caller
 * as itself, declare it an application exception. The annotation below says so, but WildFly reads EJB annotations
 * only from the application's own classes, not from the deployed rar, so an application that lets these
 * exceptions escape its beans declares it in {@code META-INF/ejb-jar.xml} (or {@code WEB-INF/ejb-jar.xml}):
 * <pre>{@code
 * <assembly-descriptor>
 *   <application-exception>
 *     <exception-class>io.switchboard.jca.api.SwitchboardException</exception-class>
 *     <rollback>false</rollback>
 *     <inherited>true</inherited>
 *   </application-exception>
 * </assembly-descriptor>
 * }</pre>
 */
@ApplicationException(inherited = true, rollback = false)
public class SwitchboardException extends RuntimeException {

    private final String code;

    public SwitchboardException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SwitchboardException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The outcome: a result code of the protocol ({@code timeout}, {@code no-such-session}, ...) or
     * {@code connection-failed} for a failure to reach the server.
     */
    public String code() {
        return code;
    }
}
