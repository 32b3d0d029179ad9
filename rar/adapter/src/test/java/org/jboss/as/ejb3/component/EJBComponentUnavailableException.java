package org.jboss.as.ejb3.component;

import jakarta.ejb.EJBException;

/**
 * Stands in for WildFly's exception of the same name (not on the test class path): what an endpoint proxy throws
 * once the container has begun stopping the bean.
 */
public class EJBComponentUnavailableException extends EJBException {

    private static final long serialVersionUID = 1L;

    public EJBComponentUnavailableException(String message) {
        super(message);
    }
}
