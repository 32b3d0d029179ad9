package io.switchboard.jca.adapter;

import java.nio.charset.StandardCharsets;
import javax.transaction.xa.Xid;

/** A branch id as a transaction manager makes one. */
record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {

    static TestXid of(String transaction) {
        return new TestXid(4660, transaction.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    /** Whether {@code other} names the same branch (another Xid implementation, e.g. what recover() returns). */
    boolean sameBranch(Xid other) {
        return other.getFormatId() == formatId
                && java.util.Arrays.equals(other.getGlobalTransactionId(), gtrid)
                && java.util.Arrays.equals(other.getBranchQualifier(), bqual);
    }
}
