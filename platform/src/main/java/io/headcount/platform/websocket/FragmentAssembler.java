package io.headcount.platform.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Assembles one session's text messages from Tomcat's fragments: its per-connection
 * buffers are small on purpose, so a message longer than a buffer arrives in pieces. Only
 * the thread that reads the session calls it.
 */
final class FragmentAssembler {

	private final int maxCharacters;

	/** Only while a message is in pieces: most messages arrive whole. */
	private @Nullable StringBuilder partial;

	FragmentAssembler(int maxCharacters) {
		this.maxCharacters = maxCharacters;
	}

	/**
	 * @return the whole message; {@code null} while more fragments are due
	 * @throws TooBig when the message is longer than the limit (what came so far is
	 * dropped)
	 */
	@Nullable String assemble(String fragment, boolean last) throws TooBig {
		if (this.partial == null && last) {
			if (fragment.length() > this.maxCharacters) {
				throw new TooBig(this.maxCharacters);
			}
			return fragment;
		}
		if (this.partial == null) {
			this.partial = new StringBuilder(Math.min(this.maxCharacters, 2 * fragment.length()));
		}
		if (this.partial.length() + fragment.length() > this.maxCharacters) {
			this.partial = null;
			throw new TooBig(this.maxCharacters);
		}
		this.partial.append(fragment);
		if (!last) {
			return null;
		}
		String message = this.partial.toString();
		this.partial = null;
		return message;
	}

	/** A message over the limit; the session closes with 1009. */
	static final class TooBig extends Exception {

		TooBig(int maxCharacters) {
			super("message longer than " + maxCharacters + " characters", null, false, false);
		}

	}

}
