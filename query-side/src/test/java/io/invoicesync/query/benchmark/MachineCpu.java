package io.invoicesync.query.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the machine and of the processes a benchmark cares about beside the apps, read from /proc (Linux,
 * ticks of 1/100 s): PostgreSQL's processes (all of them: the embedded server's postmaster and each backend), the
 * benchmark's own JVM (its clients) and the machine's idle time. Whether the machine was saturated, and by whom, is
 * what tells a per-invoice cost from a wait.
 */
record MachineCpu(double postgres, double benchmark, double idle, double total) {

    static MachineCpu now() throws IOException {
        return new MachineCpu(postgresSeconds(), processSeconds(Path.of("/proc/self/stat")), machine(3) + machine(4),
                machineTotal());
    }

    /** The shares of the machine (all cores) spent by each between {@code before} and this reading. */
    MachineCpu since(MachineCpu before) {
        double wall = total - before.total;
        return new MachineCpu((postgres - before.postgres) / wall, (benchmark - before.benchmark) / wall,
                (idle - before.idle) / wall, 1.0);
    }

    /** Seconds of machine time (all cores) since boot: the denominator of the shares. */
    private static double machineTotal() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long ticks = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) {
            ticks += Long.parseLong(cpu[i]);
        }
        return ticks / 100.0;
    }

    /** Field {@code index} of /proc/stat's cpu line (3 idle, 4 iowait), in seconds. */
    private static double machine(int index) throws IOException {
        return Long.parseLong(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+")[index + 1]) / 100.0;
    }

    private static double postgresSeconds() throws IOException {
        double seconds = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        seconds += processSeconds(process.resolve("stat"));
                    }
                } catch (IOException gone) {
                    // A backend that ended between the listing and the read: its time is gone with it.
                }
            }
        }
        return seconds;
    }

    /** User and system time of one process (its children that ended are not counted: backends are read apart). */
    static double processSeconds(Path stat) throws IOException {
        String[] fields = Files.readString(stat).split("\\) ")[1].split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
