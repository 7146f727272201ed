package io.invoicesync.platform.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which process owns the embedded server of a lasting data directory: its pid, in {@code <data-dir>.owner} beside the
 * directory (PostgreSQL's own directory stays as PostgreSQL made it). The app that starts the server claims it. An
 * app that finds the server running while the owner's process is gone (killed with SIGKILL, say, which leaves the
 * postmaster running without a parent) takes it over, so that whatever was killed before, the next app to stop
 * stops the server too, instead of leaving it running with no one to stop it.
 */
final class ServerOwner {

    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path ownerFile;

    private ServerOwner(Path dataDir) {
        this.dataDir = dataDir;
        this.ownerFile = dataDir.resolveSibling(dataDir.getFileName() + ".owner");
    }

    static ServerOwner of(Path dataDir) {
        return new ServerOwner(dataDir);
    }

    /** This process started the server: it owns it. */
    void claim() throws IOException {
        try (FileChannel channel = lockedOwnerFile(); FileLock lock = channel.lock()) {
            write(channel, ProcessHandle.current().pid());
        }
    }

    /**
     * Takes the running server over if the process that owned it is gone; null when its owner still runs (the other
     * app), or when no postmaster of this data directory runs (whatever listens on the port is not this server).
     * Under a file lock, so two apps starting at once do not both take it.
     */
    Adopted adoptIfOrphaned() throws IOException {
        try (FileChannel channel = lockedOwnerFile(); FileLock lock = channel.lock()) {
            Optional<Long> owner = read(channel);
            if (owner.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent()) {
                return null;
            }
            Optional<Long> postmaster = postmasterPid().filter(pid -> ProcessHandle.of(pid).isPresent());
            if (postmaster.isEmpty()) {
                return null;
            }
            write(channel, ProcessHandle.current().pid());
            return new Adopted(owner.orElse(null), postmaster.get(), this);
        }
    }

    void release() throws IOException {
        Files.deleteIfExists(ownerFile);
    }

    /** The first line of PostgreSQL's {@code postmaster.pid}: the running server's pid. */
    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private FileChannel lockedOwnerFile() throws IOException {
        return FileChannel.open(ownerFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    private static Optional<Long> read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(FileChannel channel, long pid) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
    }

    /** A server taken over from a process that is gone; {@code formerOwner} is null when none was recorded. */
    record Adopted(Long formerOwner, long postmasterPid, ServerOwner owner) {

        /**
         * PostgreSQL's fast shutdown (SIGINT, what {@code pg_ctl stop -m fast} sends): sessions are ended, the data
         * checkpointed. This process did not start the server, so it has no handle on it but its pid.
         */
        void stop() throws IOException {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmasterPid)).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IOException("kill -INT " + postmasterPid + " failed");
                }
                Optional<ProcessHandle> server = ProcessHandle.of(postmasterPid);
                if (server.isPresent()) {
                    server.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                owner.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while stopping PostgreSQL " + postmasterPid, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("PostgreSQL " + postmasterPid + " did not stop within " + STOP_WAIT, e);
            }
        }
    }
}
