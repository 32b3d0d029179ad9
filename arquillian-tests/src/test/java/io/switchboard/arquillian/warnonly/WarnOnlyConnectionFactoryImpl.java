package io.switchboard.arquillian.warnonly;

import javax.naming.Reference;

/** The connection factory of the deliberately flawed test adapter; never asked for a connection. */
public class WarnOnlyConnectionFactoryImpl implements WarnOnlyConnectionFactory {

    private static final long serialVersionUID = 1L;

    private Reference reference;

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
