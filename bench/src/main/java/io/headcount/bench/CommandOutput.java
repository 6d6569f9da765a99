package io.headcount.bench;

import java.nio.file.Path;

/**
 * A finished command: exit code, standard output and error interleaved, and the log they
 * were saved to.
 */
public record CommandOutput(int exitCode, String output, Path log) {

	public CommandOutput requireSuccess(String what) {
		if (this.exitCode != 0) {
			throw new IllegalStateException(what + " exited with " + this.exitCode + ":\n" + this.output);
		}
		return this;
	}

}
