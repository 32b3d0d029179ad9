package io.switchboard.benchmarks;

/** Measures {@link OtherWork} over a stretch of time: {@link #start()} before a slice, {@link Span#end()} after it. */
interface OtherWorkMeter {

    /** A meter that never knows: every span ends {@link OtherWork#UNKNOWN}. */
    OtherWorkMeter NONE = () -> () -> OtherWork.UNKNOWN;

    /** Starts a span now. */
    Span start();

    /** The stretch from {@link #start()} on. */
    interface Span {
        /** Ends the span now: the other work done during it. */
        OtherWork end();
    }
}
