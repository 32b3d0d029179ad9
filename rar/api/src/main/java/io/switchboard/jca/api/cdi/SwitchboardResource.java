package io.switchboard.jca.api.cdi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Injects the connection factory bound at a JNDI name, the CDI twin of
 * {@code @Resource(lookup = "java:/switchboard/Default")}:
 * <pre>{@code
 * @Inject @SwitchboardResource("java:/switchboard/Default")
 * SwitchboardConnectionFactory factory;
 * }</pre>
 * The value is {@link Nonbinding}, so one producer ({@link SwitchboardResourceProducer}) serves every JNDI name.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface SwitchboardResource {

    /** The connection definition's JNDI name, as configured on the resource adapter. */
    @Nonbinding
    String value() default DEFAULT_JNDI_NAME;

    /** The JNDI name of the connection definition the documentation and the sample set up. */
    String DEFAULT_JNDI_NAME = "java:/switchboard/Default";

    /** For {@code Instance.select(SwitchboardResource.Literal.of("java:/switchboard/Other"))}. */
    final class Literal extends AnnotationLiteral<SwitchboardResource> implements SwitchboardResource {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String jndiName) {
            return new Literal(jndiName);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
