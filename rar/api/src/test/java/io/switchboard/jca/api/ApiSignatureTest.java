package io.switchboard.jca.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API jar names no third-party type in any public signature: the adapter's Jackson, SLF4J and Netty are
 * relocated copies inside the rar, so an API method naming, say, Jackson's {@code JsonNode} could not work for an
 * application (its {@code JsonNode} is another class than the adapter's). Only {@code java.*}, {@code jakarta.*}
 * and {@code io.switchboard.*} types may appear.
 */
class ApiSignatureTest {

    private static final List<String> ALLOWED = List.of("java.", "jakarta.", "io.switchboard.");

    @Test
    void publicSignaturesNameOnlyJavaJakartaAndSwitchboardTypes() throws Exception {
        List<Class<?>> api = apiClasses();
        assertThat(api).as("the API's classes").hasSizeGreaterThan(10);
        Set<String> offending = new TreeSet<>();
        for (Class<?> c : api) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            List<Type> named = new ArrayList<>();
            named.add(c.getGenericSuperclass());
            named.addAll(List.of(c.getGenericInterfaces()));
            annotations(c, named);
            for (TypeVariable<?> v : c.getTypeParameters()) {
                named.addAll(List.of(v.getBounds()));
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    named.add(f.getGenericType());
                    annotations(f, named);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    named.add(m.getGenericReturnType());
                    executable(m, named);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    executable(k, named);
                }
            }
            for (Type t : named) {
                for (Class<?> used : classesIn(t)) {
                    if (!used.isPrimitive() && ALLOWED.stream().noneMatch(used.getName()::startsWith)) {
                        offending.add(c.getName() + " names " + used.getName());
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void theCheckSeesAThirdPartyTypeInASignature() {
        // Guards the walk over generic types: a type argument buried in a wildcard bound is found.
        Type buried = Holder.class.getDeclaredMethods()[0].getGenericReturnType();
        assertThat(classesIn(buried)).contains(org.junit.jupiter.api.Test.class);
    }

    interface Holder {
        List<? extends Class<? extends org.junit.jupiter.api.Test>> tests();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void executable(Executable e, List<Type> named) {
        named.addAll(List.of(e.getGenericParameterTypes()));
        named.addAll(List.of(e.getGenericExceptionTypes()));
        annotations(e, named);
        for (TypeVariable<?> v : e.getTypeParameters()) {
            named.addAll(List.of(v.getBounds()));
        }
    }

    private static void annotations(AnnotatedElement e, List<Type> named) {
        for (Annotation a : e.getDeclaredAnnotations()) {
            named.add(a.annotationType());
        }
    }

    /** Every class a (generic) type mentions. */
    private static List<Class<?>> classesIn(Type type) {
        List<Class<?>> found = new ArrayList<>();
        collect(type, found, new ArrayList<>());
        return found;
    }

    private static void collect(Type type, List<Class<?>> found, List<Type> seen) {
        if (type == null || seen.contains(type)) {
            return;
        }
        seen.add(type);
        if (type instanceof Class<?> c) {
            found.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), found, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, found, seen);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .forEach(b -> collect(b, found, seen));
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), found, seen);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(b, found, seen);
            }
        }
    }

    /** The API's compiled classes, found under this module's output directory. */
    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(SwitchboardConnectionFactory.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, ApiSignatureTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
