package dev.herald.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a measured window's CPU went, from /proc: the service, PostgreSQL (every process named postgres), this
 * benchmark process (load generator and receiver), and the whole machine. With everything on one 2-core machine,
 * these show which part a scenario is bound by.
 */
final class MachineCpu {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** CPU milliseconds used so far, by part; {@code machineIdle} is the idle time of all cores. */
    record Sample(long service, long postgres, long bench, long machineBusy, long machineIdle) {

        /** What was used between {@code earlier} and this sample. */
        Sample minus(Sample earlier) {
            return new Sample(service - earlier.service, postgres - earlier.postgres, bench - earlier.bench,
                    machineBusy - earlier.machineBusy, machineIdle - earlier.machineIdle);
        }

        /** Milliseconds of CPU per item, by part: "service / PostgreSQL / load + receiver". */
        String perItem(long items) {
            return items == 0 ? "-" : String.format("%.3f / %.3f / %.3f ms", (double) service / items,
                    (double) postgres / items, (double) bench / items);
        }

        /** How busy the machine's cores were, in percent. */
        double busyPercent() {
            long all = machineBusy + machineIdle;
            return all == 0 ? 0 : 100.0 * machineBusy / all;
        }
    }

    private MachineCpu() {
    }

    static Sample sample(HeraldProcess herald) {
        long postgres = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if ("postgres".equals(read(process.resolve("comm")).trim())) {
                    postgres += processMillis(process);
                }
            }
        } catch (IOException e) {
            postgres = -1;
        }
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElse("cpu").trim().split("\\s+");
        long busy = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            long ticks = Long.parseLong(cpu[i]);
            if (i == 4 || i == 5) {
                idle += ticks;
            } else {
                busy += ticks;
            }
        }
        return new Sample(herald.cpuMillis(), postgres,
                processMillis(Path.of("/proc", Long.toString(ProcessHandle.current().pid()))),
                busy * 1000 / CLOCK_TICKS_PER_SECOND, idle * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    private static long processMillis(Path process) {
        String stat = read(process.resolve("stat"));
        if (stat.isEmpty()) {
            return 0; // it ended meanwhile
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
