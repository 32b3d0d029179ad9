package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One {@code @CallMethod} of a bean: how its arguments come from a call, and a method handle on the container's
 * endpoint proxy. The proxy class is the container's (EJB 3.2, no-methods listener: it has the bean's listener
 * methods), so the handle is looked up per proxy class, once, and cached; a call only binds and invokes.
 */
final class CallTarget {

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String name;
    private final Method beanMethod;
    private final boolean idempotent;
    /** Per parameter: true for the {@link Call}, false for the payload. */
    private final boolean[] isCall;

    private final Type payloadType;
    private final boolean payloadPrimitive;
    private final ClassValue<MethodHandle> onProxy = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> proxyClass) {
            return handleOn(proxyClass);
        }
    };

    /** {@code beanMethod} is checked: public, not static, at most one parameter besides {@link Call}s. */
    CallTarget(String name, Method beanMethod, boolean idempotent) {
        this.name = name;
        this.beanMethod = beanMethod;
        this.idempotent = idempotent;
        Class<?>[] types = beanMethod.getParameterTypes();
        Type[] generic = beanMethod.getGenericParameterTypes();
        isCall = new boolean[types.length];
        Type payload = null;
        boolean primitive = false;
        for (int i = 0; i < types.length; i++) {
            isCall[i] = types[i] == Call.class;
            if (!isCall[i]) {
                payload = generic[i];
                primitive = types[i].isPrimitive();
            }
        }
        payloadType = payload;
        payloadPrimitive = primitive;
    }

    String name() {
        return name;
    }

    Method beanMethod() {
        return beanMethod;
    }

    boolean idempotent() {
        return idempotent;
    }

    Object invoke(Object endpoint, Call call) throws Exception {
        Object[] args = new Object[isCall.length];
        if (payloadType != null) {
            Object value = call.payloadAs(payloadType);
            if (value == null && payloadPrimitive) {
                throw new IllegalArgumentException(
                        name + " needs a " + payloadType.getTypeName() + " argument; the" + " call has none");
            }
            for (int i = 0; i < args.length; i++) {
                args[i] = isCall[i] ? call : value;
            }
        } else {
            java.util.Arrays.fill(args, call);
        }
        MethodHandle handle = onProxy.get(endpoint.getClass());
        try {
            return (Object) handle.invokeExact(endpoint, args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private MethodHandle handleOn(Class<?> proxyClass) {
        Method method;
        try {
            method = proxyClass.getMethod(beanMethod.getName(), beanMethod.getParameterTypes());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the container's endpoint " + proxyClass.getName() + " has no method "
                    + beanMethod.getName() + "; is "
                    + beanMethod.getDeclaringClass().getName() + " a message-driven"
                    + " bean with the CallMethods listener?");
        }
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            try {
                method.setAccessible(true); // a proxy class that is not public itself
                handle = MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException(
                        "cannot call " + method + " on the container's endpoint: " + e.getMessage(), e);
            }
        }
        return handle.asSpreader(Object[].class, beanMethod.getParameterCount()).asType(SPREAD);
    }

    @Override
    public String toString() {
        return name + " -> " + beanMethod;
    }
}
