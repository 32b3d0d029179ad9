package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.PublishOptions;
import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link CallMethods} bean: its {@link CallMethod}s are the session. The table is built from the bean class at
 * activation, every rule checked there, and every problem reported at once, so a deployment fails with the whole
 * list rather than the first.
 */
final class AnnotatedDispatch implements SessionDispatch {

    private final Map<String, CallTarget> targets;
    private final List<String> methods;
    private final List<String> idempotent;

    private AnnotatedDispatch(Map<String, CallTarget> targets, List<String> idempotent) {
        this.targets = new HashMap<>(targets);
        this.methods = List.copyOf(targets.keySet());
        this.idempotent = idempotent;
    }

    static AnnotatedDispatch of(Class<?> beanClass, ActivationSettings settings) throws ResourceException {
        List<String> problems = new ArrayList<>();
        Map<String, CallTarget> targets = new LinkedHashMap<>();
        for (Method method : annotatedMethods(beanClass)) {
            CallMethod annotation = method.getAnnotation(CallMethod.class);
            String name = annotation.value().isEmpty() ? method.getName() : annotation.value();
            List<String> wrong = signatureProblems(method);
            try {
                PublishOptions.checkName(name, "the method name");
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
            if (!wrong.isEmpty()) {
                problems.add(describe(method) + ": " + String.join(", ", wrong));
                continue;
            }
            CallTarget previous = targets.putIfAbsent(name, new CallTarget(name, method, annotation.idempotent()));
            if (previous != null) {
                problems.add(
                        describe(method) + " and " + describe(previous.beanMethod()) + " both publish '" + name + "'");
            }
        }
        if (targets.isEmpty() && problems.isEmpty()) {
            problems.add("it has no public @" + CallMethod.class.getSimpleName() + " methods");
        }
        if (!settings.methods().isEmpty()
                && problems.isEmpty()
                && !settings.methods().equals(targets.keySet())) {
            problems.add("the activation property methods " + settings.methods() + " differs from its @"
                    + CallMethod.class.getSimpleName() + " methods " + targets.keySet()
                    + " (leave the property out: the annotations are enough)");
        }
        Set<String> idempotent = new LinkedHashSet<>(settings.idempotentMethods());
        targets.values().stream().filter(CallTarget::idempotent).forEach(t -> idempotent.add(t.name()));
        if (problems.isEmpty() && !targets.keySet().containsAll(idempotent)) {
            problems.add("idempotentMethods " + idempotent + " names methods it does not have");
        }
        if (!problems.isEmpty()) {
            throw new ResourceException("cannot publish " + beanClass.getName() + " as Switchboard session '"
                    + settings.alias() + "': " + String.join("; ", problems));
        }
        return new AnnotatedDispatch(targets, List.copyOf(idempotent));
    }

    /** Every method of the class and its superclasses carrying the annotation, the most derived one first. */
    private static List<Method> annotatedMethods(Class<?> beanClass) {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic() || !method.isAnnotationPresent(CallMethod.class)) {
                    continue;
                }
                // An override in a subclass replaces its superclass's method.
                String signature = method.getName() + java.util.Arrays.toString(method.getParameterTypes());
                if (seen.add(signature)) {
                    found.add(method);
                }
            }
        }
        return found;
    }

    private static List<String> signatureProblems(Method method) {
        List<String> wrong = new ArrayList<>();
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers)) {
            wrong.add("it must be public");
        }
        if (Modifier.isStatic(modifiers)) {
            wrong.add("it must not be static");
        }
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            wrong.add("its class must be public");
        }
        long payloadParameters = java.util.Arrays.stream(method.getParameterTypes())
                .filter(type -> type != Call.class)
                .count();
        if (payloadParameters > 1) {
            wrong.add("it has " + payloadParameters + " parameters besides " + Call.class.getSimpleName()
                    + "; the payload binds to at most one (use a record for several values)");
        }
        return wrong;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(
                        ", ",
                        java.util.Arrays.stream(method.getParameterTypes())
                                .map(Class::getSimpleName)
                                .toList())
                + ")";
    }

    @Override
    public List<String> methods() {
        return methods;
    }

    @Override
    public List<String> idempotentMethods() {
        return idempotent;
    }

    @Override
    public Method listenerMethod(String method) {
        CallTarget target = targets.get(method);
        return target == null ? null : target.beanMethod();
    }

    @Override
    public Object invoke(MessageEndpoint endpoint, Call call) throws Exception {
        CallTarget target = targets.get(call.method());
        if (target == null) {
            // The server checks methods before delivering; this is a server that did not.
            throw new IllegalArgumentException("this session has no method '" + call.method() + "'");
        }
        return target.invoke(endpoint, call);
    }
}
