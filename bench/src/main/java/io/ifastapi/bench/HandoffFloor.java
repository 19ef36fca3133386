package io.ifastapi.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;

/**
 * The floor under the Netty adapter's design, for the /hello analysis in docs/performance.md: bare Netty (the
 * adapter's version and epoll transport, one event loop per core) answering a precomputed {@code {"message":"hello"}}
 * with no framework at all, in one of two ways (system property {@code floor.mode}):
 * <ul>
 *   <li>{@code loop}: on the event loop, as the netty-raw peer does;</li>
 *   <li>{@code virtual}: from a new virtual thread per request, whose response is written by the event loop: the
 *       hand-off every iFastAPI request makes, and nothing else.</li>
 * </ul>
 * {@code /set-session} also answers with a constant Set-Cookie, so that bench/ab.sh can load it like the demo:
 * {@code JAVA_OPTS_A="-Dfloor.mode=loop" JAVA_OPTS_B="-Dfloor.mode=virtual" ENDPOINTS=hello bench/ab.sh F F} with
 * {@code F=bench/target/benchmarks.jar@io.ifastapi.bench.HandoffFloor}.
 */
public final class HandoffFloor {
    private static final byte[] HELLO = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private HandoffFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean virtual = switch (System.getProperty("floor.mode", "virtual")) {
            case "virtual" -> true;
            case "loop" -> false;
            default -> throw new IllegalArgumentException("floor.mode must be virtual or loop");
        };
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                EpollIoHandler.newFactory());
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Answer(virtual));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("HandoffFloor (" + (virtual ? "virtual" : "loop") + ") on http://127.0.0.1:" + port);
        listener.closeFuture().sync();
    }

    private static final class Answer extends ChannelInboundHandlerAdapter {
        private final boolean virtual;

        Answer(boolean virtual) {
            this.virtual = virtual;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                boolean cookie = request.uri().startsWith("/set-session");
                if (virtual) {
                    Thread.ofVirtual().start(() -> {
                        FullHttpResponse response = response(cookie);
                        ctx.executor().execute(() -> ctx.writeAndFlush(response, ctx.voidPromise()));
                    });
                } else {
                    ctx.writeAndFlush(response(cookie), ctx.voidPromise());
                }
            }
            ReferenceCountUtil.release(msg);
        }

        private static FullHttpResponse response(boolean cookie) {
            ByteBuf body = Unpooled.wrappedBuffer(HELLO);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length);
            if (cookie) {
                response.headers().set(HttpHeaderNames.SET_COOKIE, "session=x; path=/");
            }
            return response;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
