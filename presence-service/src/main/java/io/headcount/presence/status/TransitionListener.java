package io.headcount.presence.status;

/**
 * Told about every change of a user's effective status, on whichever instance made it.
 */
@FunctionalInterface
public interface TransitionListener {

	void onTransition(Outcome transition);

}
