package io.switchboard.jca.adapter;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Set;
import java.util.TreeSet;

/** The JavaBean properties of a class, as the container sees its config properties. */
public final class JavaBeans {

    private JavaBeans() {}

    /** Names of the properties with both a getter and a setter of a wrapper or String type. */
    public static Set<String> properties(Class<?> bean) throws IntrospectionException {
        Set<String> names = new TreeSet<>();
        for (PropertyDescriptor p : Introspector.getBeanInfo(bean, Object.class).getPropertyDescriptors()) {
            Class<?> type = p.getPropertyType();
            boolean configType =
                    type == String.class || type == Integer.class || type == Long.class || type == Boolean.class;
            if (p.getReadMethod() != null && p.getWriteMethod() != null && configType) {
                names.add(p.getName());
            }
        }
        return names;
    }
}
