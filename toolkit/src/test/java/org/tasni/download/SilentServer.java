package org.tasni.download;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server that accepts connections and never answers (a hung TAP service); counts the connections. */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    public final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

    public SilentServer() throws Exception {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    open.add(socket.accept());
                    accepted.incrementAndGet();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    public String base() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/tap";
    }

    @Override
    public void close() throws Exception {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
