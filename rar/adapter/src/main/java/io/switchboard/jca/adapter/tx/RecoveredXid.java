package io.switchboard.jca.adapter.tx;

import java.util.Arrays;

/** A prepared branch's XID as the server's XA_RECOVER lists it, in the form the transaction manager reads. */
final class RecoveredXid implements javax.transaction.xa.Xid {

    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    RecoveredXid(io.switchboard.protocol.message.Xid xid) {
        this.formatId = xid.formatId();
        this.gtrid = xid.gtridBytes();
        this.bqual = xid.bqualBytes();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof javax.transaction.xa.Xid other
                && other.getFormatId() == formatId
                && Arrays.equals(other.getGlobalTransactionId(), gtrid)
                && Arrays.equals(other.getBranchQualifier(), bqual);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    @Override
    public String toString() {
        return io.switchboard.protocol.message.Xid.of(formatId, gtrid, bqual).toString();
    }
}
