package io.switchboard.arquillian.warnonly;

/** The connection class the flawed test adapter declares; never instantiated. */
public class WarnOnlyConnection implements AutoCloseable {

    @Override
    public void close() {}
}
