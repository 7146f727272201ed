package io.invoicesync.query.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of PostgreSQL that can put one commit in doubt: armed with a marker, it watches what each
 * client connection sends, and on the connection that sent the marker (a bound value, such as an event's payload
 * type), it passes the next {@code COMMIT} on to the server and then cuts the connection before the server's answer
 * can come back. The server commits; the client never learns it did. Once only, then it is a plain proxy again.
 */
public final class CommitCuttingProxy implements AutoCloseable {

    private static final int TAIL = 256;

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public CommitCuttingProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "commit-cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts the connection that sends {@code marker}, right after it sends its next COMMIT. */
    public void armOn(String marker) {
        cut = false;
        armed.set(marker);
    }

    /** Whether the armed cut has happened. */
    public boolean hasCut() {
        return cut;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean watch) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            StringBuilder tail = new StringBuilder();
            boolean sawMarker = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    if (!watch || armed.get() == null) {
                        continue;
                    }
                    // The bytes seen lately on this connection, as text: a marker or COMMIT may span two reads.
                    tail.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    String marker = armed.get();
                    if (!sawMarker && marker != null && tail.indexOf(marker) >= 0) {
                        sawMarker = true;
                        tail.setLength(0);
                    } else if (sawMarker && tail.indexOf("COMMIT") >= 0 && armed.compareAndSet(marker, null)) {
                        // Given to the server, which reads it before the end of the stream and commits; the client's
                        // end is reset at once, so the server's answer never reaches it.
                        cut = true;
                        abort(from);
                        return;
                    }
                    if (tail.length() > TAIL) {
                        tail.delete(0, tail.length() - TAIL);
                    }
                }
            } catch (IOException closed) {
                // One end went: take the other with it.
            } finally {
                close(from);
                close(to);
            }
        }, "commit-cutting-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException gone) {
            // Already closed.
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException gone) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CommitCuttingProxy::close);
    }
}
