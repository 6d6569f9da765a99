package io.headcount.presence.status;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One thing a device did, applied by the presence script.
 *
 * @param userId the user
 * @param deviceId the device (browser tab, phone, WebSocket connection)
 * @param op what happened
 * @param timeout the device's new deadline from now (d + 2δ, or the grace window for
 * {@link Op#LINGER})
 */
public record DeviceCommand(String userId, String deviceId, Op op, Duration timeout) {

	/** Device ids go into "deviceId|userId" members, so they never contain '|'. */
	public static final String DEVICE_ID_REGEX = "[A-Za-z0-9._:-]{1,64}";

	public static final Pattern DEVICE_ID = Pattern.compile(DEVICE_ID_REGEX);

	/** The device id of a client that did not name one. */
	public static final String DEFAULT_DEVICE = "default";

	public DeviceCommand {
		requireValid(deviceId);
	}

	/**
	 * @return the device id, if it may be used
	 * @throws InvalidDeviceId if it does not match {@link #DEVICE_ID}
	 */
	public static String requireValid(String deviceId) {
		if (!DEVICE_ID.matcher(deviceId).matches()) {
			throw new InvalidDeviceId();
		}
		return deviceId;
	}

	/** The script's name for each operation. */
	public enum Op {

		/**
		 * A heartbeat: refreshes the deadline; a device seen for the first time is
		 * online.
		 */
		HB("hb"),
		/** The device sets online. */
		ONLINE("online"),
		/** The device sets away. */
		AWAY("away"),
		/** The user goes invisible (seen as offline by others) from this device. */
		INVISIBLE("invisible"),
		/** The device leaves now. */
		OFFLINE("offline"),
		/**
		 * The device's connection dropped: it stays for the grace window, without
		 * counting as activity.
		 */
		LINGER("linger");

		private final String script;

		Op(String script) {
			this.script = script;
		}

		String script() {
			return this.script;
		}

		static Op of(PresenceStatus status) {
			return switch (status) {
				case ONLINE -> ONLINE;
				case AWAY -> AWAY;
				case INVISIBLE -> INVISIBLE;
				case OFFLINE -> OFFLINE;
			};
		}

	}

}
