package io.switchboard.client.internal;

import io.switchboard.client.WelcomeBack;
import java.util.List;

/** One {@code welcome-back} event; {@code more} says that further parts of the same welcome-back follow. */
record WelcomeBackPart(
        String frontDoor,
        String reason,
        List<WelcomeBack.Entry> lines,
        List<WelcomeBack.Entry> disconnected,
        boolean more) {}
