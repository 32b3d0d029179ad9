package io.switchboard.arquillian.warnonly;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/** The connection factory interface of the deliberately flawed test adapter. */
public interface WarnOnlyConnectionFactory extends Serializable, Referenceable {}
