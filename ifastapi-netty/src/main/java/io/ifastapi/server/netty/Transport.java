package io.ifastapi.server.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket layer: Linux's epoll through Netty's native transport when it loads (fewer syscalls and allocations
 * than NIO's selector), else the JDK's NIO, which works everywhere. The epoll classes are only touched by
 * {@link #detect()}'s guarded check and by the EPOLL constant's methods, so a missing or unloadable native library
 * (another OS, another CPU, a stripped jar) means NIO, never a failure.
 */
enum Transport {
    EPOLL {
        @Override
        IoHandlerFactory ioHandler() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return EpollServerSocketChannel.class;
        }
    },
    NIO {
        @Override
        IoHandlerFactory ioHandler() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }
    };

    abstract IoHandlerFactory ioHandler();

    abstract Class<? extends ServerChannel> serverChannel();

    static Transport detect() {
        try {
            return Epoll.isAvailable() ? EPOLL : NIO;
        } catch (LinkageError noNativeTransport) {
            return NIO;
        }
    }
}
