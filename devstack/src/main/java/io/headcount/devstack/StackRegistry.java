package io.headcount.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stack's bookkeeping under
 * {@code ${java.io.tmpdir}/headcount-devstack/<ownerPid>-<random>}: the owner, one pid
 * file per running server and the ports it holds. A shutdown hook cannot run when a JVM
 * is killed with -9, so two other things read these files: a tiny shell watchdog that
 * kills the servers within a second of the owner's death, and {@link #reapStale} at the
 * next start, for anything the watchdog missed. Processes are identified by pid
 * <em>and</em> start time, so a reused pid is never killed.
 */
final class StackRegistry implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StackRegistry.class);

	private static final Pattern STACK_DIR = Pattern.compile("(\\d+)-.+");

	private static final String OWNER = "owner";

	private static final String PIDS = "pids";

	private static final String PORTS = "ports";

	// Polls the owner each second; a zombie counts as dead; a pid is only killed if its
	// start time still matches.
	private static final String WATCHDOG_SCRIPT = """
			owner=$1; dir=$2
			started() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1,20; }
			owner_start=$(started "$owner" | cut -d' ' -f2)
			while :; do
			  case $(started "$owner") in ''|Z*) break ;; *" $owner_start") ;; *) break ;; esac
			  sleep 1
			done
			for f in "$dir/pids"/*; do
			  [ -f "$f" ] || continue
			  read pid start < "$f" || continue
			  case $(started "$pid") in ''|Z*) ;; *" $start") kill -9 "$pid" 2>/dev/null ;; esac
			done
			rm -rf "$dir"
			""";

	private final Path dir;

	private Process watchdog;

	private StackRegistry(Path dir) {
		this.dir = dir;
	}

	static Path root() {
		return Path.of(System.getProperty("java.io.tmpdir"), "headcount-devstack");
	}

	/**
	 * Reaps stale stacks under {@code root}, then registers a new one owned by this JVM
	 * and starts its watchdog.
	 */
	static StackRegistry create(Path root) {
		try {
			Files.createDirectories(root);
			reapStale(root);
			ProcessHandle self = ProcessHandle.current();
			Path dir = Files.createTempDirectory(root, self.pid() + "-");
			Files.createDirectories(dir.resolve(PIDS));
			write(dir.resolve(OWNER), self.pid() + " " + startTicks(self.pid()).orElse("?"));
			StackRegistry registry = new StackRegistry(dir);
			registry.startWatchdog();
			return registry;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot register the devstack under " + root, ex);
		}
	}

	Path dir() {
		return this.dir;
	}

	void recordProcess(String name, ProcessHandle process) {
		write(this.dir.resolve(PIDS).resolve(name), process.pid() + " " + startTicks(process.pid()).orElse("?"));
	}

	void forgetProcess(String name) {
		try {
			Files.deleteIfExists(this.dir.resolve(PIDS).resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Records ports this stack holds, so that stacks starting in other JVMs leave them
	 * alone (even while down).
	 */
	synchronized void reservePorts(Collection<Integer> ports) {
		Set<Integer> all = new HashSet<>(portsOf(this.dir));
		all.addAll(ports);
		write(this.dir.resolve(PORTS), String.join(" ", all.stream().sorted().map(String::valueOf).toList()));
	}

	/** Ports reserved by every registered stack, this one included. */
	static Set<Integer> reservedPorts(Path root) {
		Set<Integer> ports = new HashSet<>();
		for (Path stack : list(root)) {
			ports.addAll(portsOf(stack));
		}
		return ports;
	}

	private static Set<Integer> portsOf(Path stack) {
		Set<Integer> ports = new HashSet<>();
		read(stack.resolve(PORTS)).ifPresent(text -> {
			for (String port : text.trim().split("\\s+")) {
				if (!port.isEmpty()) {
					ports.add(Integer.parseInt(port));
				}
			}
		});
		return ports;
	}

	/**
	 * Kills the recorded servers of every stack whose owner JVM is gone and deletes its
	 * directory. Returns the directories reaped.
	 */
	static List<Path> reapStale(Path root) {
		List<Path> reaped = new ArrayList<>();
		for (Path stack : list(root)) {
			Matcher name = STACK_DIR.matcher(stack.getFileName().toString());
			if (!name.matches() || ownerAlive(stack, Long.parseLong(name.group(1)))) {
				continue;
			}
			List<ProcessHandle> killed = new ArrayList<>();
			for (Path pidFile : list(stack.resolve(PIDS))) {
				recorded(pidFile).ifPresent(process -> {
					process.destroyForcibly();
					killed.add(process);
				});
			}
			for (ProcessHandle process : killed) {
				try {
					process.onExit().get(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					logger.warn("Stale devstack process {} did not exit after SIGKILL", process.pid());
				}
			}
			deleteRecursively(stack);
			logger.info("Reaped stale devstack {} (owner gone; killed {})", stack,
					killed.stream().map(ProcessHandle::pid).toList());
			reaped.add(stack);
		}
		return reaped;
	}

	private static boolean ownerAlive(Path stack, long ownerPid) {
		Optional<String> ticks = startTicks(ownerPid);
		if (ticks.isEmpty()) {
			return false;
		}
		// Before the owner file is written the directory is brand new: trust the pid in
		// its name.
		return read(stack.resolve(OWNER)).map(owner -> owner.trim().split(" "))
			.map(owner -> owner.length < 2 || owner[1].equals("?") || owner[1].equals(ticks.get()))
			.orElse(true);
	}

	/**
	 * The recorded process, if it still runs and is still the same process (same start
	 * time).
	 */
	private static Optional<ProcessHandle> recorded(Path pidFile) {
		return read(pidFile).map(text -> text.trim().split(" "))
			.filter(fields -> fields.length == 2)
			.flatMap(fields -> {
				long pid = Long.parseLong(fields[0]);
				return startTicks(pid).filter(fields[1]::equals).flatMap(ticks -> ProcessHandle.of(pid));
			});
	}

	/**
	 * A process's start time in clock ticks since boot (field 22 of
	 * {@code /proc/<pid>/stat}); empty if the process is gone or a zombie. Together with
	 * the pid it identifies a process across pid reuse.
	 */
	static Optional<String> startTicks(long pid) {
		return read(Path.of("/proc", Long.toString(pid), "stat")).flatMap(stat -> {
			// The command name (field 2) may contain spaces and parentheses: split after
			// the last ')'.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
			return (fields.length > 19 && !fields[0].equals("Z")) ? Optional.of(fields[19]) : Optional.empty();
		});
	}

	private void startWatchdog() throws IOException {
		this.watchdog = new ProcessBuilder("/bin/sh", "-c", WATCHDOG_SCRIPT, "devstack-watchdog",
				Long.toString(ProcessHandle.current().pid()), this.dir.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	Optional<ProcessHandle> watchdog() {
		return Optional.ofNullable(this.watchdog).filter(Process::isAlive).map(Process::toHandle);
	}

	/**
	 * Stops the watchdog and deletes the registry directory (and the work directory when
	 * it lives inside).
	 */
	@Override
	public void close() {
		if (this.watchdog != null) {
			this.watchdog.destroyForcibly();
			try {
				this.watchdog.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// Its `sleep 1` child exits by itself within a second.
		}
		deleteRecursively(this.dir);
	}

	static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			paths.sorted(Comparator.reverseOrder()).forEach(each -> {
				try {
					Files.deleteIfExists(each);
				}
				catch (IOException ex) {
					// A server still writing into a directory we delete: the next pass or
					// reap gets it.
				}
			});
		}
		catch (NoSuchFileException ex) {
			// Deleted concurrently (the watchdog or another JVM's reaper): fine.
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Cannot delete {}: {}", path, ex.toString());
		}
	}

	private static List<Path> list(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			List<Path> result = new ArrayList<>();
			entries.forEach(result::add);
			return result;
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static Optional<String> read(Path file) {
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Writes through a temporary file and a rename, so that readers in other processes
	 * never see half a file.
	 */
	private static void write(Path file, String content) {
		try {
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.writeString(temporary, content + "\n", StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
