package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

class DeliveryTransactionTest {

    private static Xid xid(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
        return new Xid() {
            @Override
            public int getFormatId() {
                return 7;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return bytes.clone();
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
    }

    @Test
    void itRecordsTheOutcomeForTheXidItWasStartedWithEvenAsAnotherObject() throws Exception {
        DeliveryTransaction transaction = new DeliveryTransaction();
        assertThat(transaction.outcome()).isEqualTo(DeliveryTransaction.Outcome.NOT_ENLISTED);
        transaction.start(xid("a"), XAResource.TMNOFLAGS);
        assertThat(transaction.outcome()).isEqualTo(DeliveryTransaction.Outcome.IN_PROGRESS);
        transaction.end(xid("a"), XAResource.TMSUCCESS);
        assertThat(transaction.prepare(xid("a"))).isEqualTo(XAResource.XA_OK);
        transaction.commit(xid("a"), false);
        assertThat(transaction.outcome()).isEqualTo(DeliveryTransaction.Outcome.COMMITTED);
    }

    @Test
    void aRollbackIsRecorded() throws Exception {
        DeliveryTransaction transaction = new DeliveryTransaction();
        transaction.start(xid("a"), XAResource.TMNOFLAGS);
        transaction.end(xid("a"), XAResource.TMFAIL);
        transaction.rollback(xid("a"));
        assertThat(transaction.outcome()).isEqualTo(DeliveryTransaction.Outcome.ROLLED_BACK);
    }

    @Test
    void anotherTransactionsXidIsRefusedAndChangesNothing() throws Exception {
        DeliveryTransaction transaction = new DeliveryTransaction();
        assertThatThrownBy(() -> transaction.commit(xid("a"), true))
                .isInstanceOfSatisfying(
                        XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_NOTA));
        transaction.start(xid("a"), XAResource.TMNOFLAGS);
        assertThatThrownBy(() -> transaction.rollback(xid("b")))
                .isInstanceOfSatisfying(
                        XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_NOTA));
        assertThatThrownBy(() -> transaction.start(xid("b"), XAResource.TMNOFLAGS))
                .as("one delivery, one transaction")
                .isInstanceOfSatisfying(
                        XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_PROTO));
        assertThat(transaction.outcome()).isEqualTo(DeliveryTransaction.Outcome.IN_PROGRESS);
    }

    @Test
    void nothingIsEverInDoubtAndNoOtherResourceIsTheSame() {
        DeliveryTransaction transaction = new DeliveryTransaction();
        assertThat(transaction.recover(XAResource.TMSTARTRSCAN)).isEmpty();
        assertThat(transaction.isSameRM(transaction)).isTrue();
        assertThat(transaction.isSameRM(new DeliveryTransaction())).isFalse();
        assertThat(transaction.setTransactionTimeout(30)).isTrue();
        assertThat(transaction.getTransactionTimeout()).isEqualTo(30);
    }
}
