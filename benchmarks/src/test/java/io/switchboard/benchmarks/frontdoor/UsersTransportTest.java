package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.Test;

class UsersTransportTest {

    @Test
    void autoTakesTheCheapestReaderThisMachineOffers() {
        UsersTransport expected = IoUring.isAvailable()
                ? UsersTransport.IO_URING
                : Epoll.isAvailable() ? UsersTransport.EPOLL : UsersTransport.NIO;
        assertThat(UsersTransport.choose("auto")).isEqualTo(expected);
    }

    @Test
    void eachKindNamesItsChannelAndLabel() {
        assertThat(UsersTransport.choose("nio").channelType()).isEqualTo(NioSocketChannel.class);
        assertThat(UsersTransport.EPOLL.channelType()).isEqualTo(EpollSocketChannel.class);
        assertThat(UsersTransport.IO_URING.channelType()).isEqualTo(IoUringSocketChannel.class);
        assertThat(UsersTransport.IO_URING.label()).isEqualTo("io_uring");
    }

    @Test
    void aKindThisMachineLacksIsRefusedWithTheReason() {
        if (IoUring.isAvailable()) {
            assertThat(UsersTransport.choose("io_uring")).isEqualTo(UsersTransport.IO_URING);
        } else {
            assertThatThrownBy(() -> UsersTransport.choose("io_uring")).isInstanceOf(UnsatisfiedLinkError.class);
        }
        assertThatThrownBy(() -> UsersTransport.choose("kqueue")).hasMessageContaining("kqueue");
    }
}
