package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

class AnnotatedDispatchTest {

    private static ActivationSettings settings(String methods) throws Exception {
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        spec.setMethods(methods);
        return ActivationSettings.of(spec, InboundBed.adapterAt("tcp://127.0.0.1:7420"));
    }

    @Test
    void theTableIsTheAnnotatedMethodsWithTheirNamesAndIdempotence() throws Exception {
        SessionDispatch dispatch = SessionDispatch.of(Shop.class, settings(null));
        assertThat(dispatch.methods())
                .containsExactlyInAnyOrder("reserve", "total", "whoami", "fail", "count", "slow", "closing");
        assertThat(dispatch.idempotentMethods()).containsExactly("count");
        assertThat(dispatch.listenerMethod("reserve").getName()).isEqualTo("reserve");
        assertThat(dispatch.listenerMethod("helper")).as("unannotated").isNull();
    }

    public static class Broken implements CallMethods {
        @CallMethod
        public static String statics() {
            return "";
        }

        @CallMethod("hidden")
        String packagePrivate() {
            return "";
        }

        @CallMethod("pair")
        public String two(String a, String b) {
            return a + b;
        }

        @CallMethod("same")
        public String first() {
            return "";
        }

        @CallMethod("same")
        public String second(Call call) {
            return "";
        }
    }

    @Test
    void everyBadSignatureIsReportedAtOnceNamingTheMethod() {
        assertThatThrownBy(() -> SessionDispatch.of(Broken.class, settings(null)))
                .isInstanceOf(ResourceException.class)
                .hasMessageContainingAll(
                        "Broken.statics()",
                        "must not be static",
                        "Broken.packagePrivate()",
                        "must be public",
                        "Broken.two(String, String)",
                        "2 parameters besides Call",
                        "both publish 'same'");
    }

    public static class Empty implements CallMethods {
        public String notAnnotated() {
            return "";
        }
    }

    public static class Both implements CallMethods, SessionListener {
        @Override
        public Object onCall(Call call) {
            return null;
        }
    }

    @Test
    void beansThatCannotBeServedAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SessionDispatch.of(Empty.class, settings(null)))
                .hasMessageContaining("no public @CallMethod methods");
        assertThatThrownBy(() -> SessionDispatch.of(Both.class, settings(null)))
                .hasMessageContaining("implements more than one of");
        assertThatThrownBy(() -> SessionDispatch.of(String.class, settings(null)))
                .hasMessageContaining("implements none of");
    }

    @Test
    void aMethodsPropertyMustAgreeWithTheAnnotations() {
        assertThatThrownBy(() -> SessionDispatch.of(Shop.class, settings("reserve,total")))
                .hasMessageContaining("differs from its @CallMethod methods");
    }

    public static class Base implements CallMethods {
        @CallMethod("hello")
        public String hello() {
            return "base";
        }
    }

    public static class Derived extends Base {
        @Override
        @CallMethod("hello")
        public String hello() {
            return "derived";
        }
    }

    @Test
    void anOverrideReplacesItsSuperclassMethodInsteadOfClashing() throws Exception {
        SessionDispatch dispatch = SessionDispatch.of(Derived.class, settings(null));
        assertThat(dispatch.methods()).containsExactly("hello");
        assertThat(dispatch.listenerMethod("hello").getDeclaringClass()).isEqualTo(Derived.class);
    }
}
