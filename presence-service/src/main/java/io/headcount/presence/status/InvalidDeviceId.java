package io.headcount.presence.status;

/** A device id that does not match {@link DeviceCommand#DEVICE_ID}. */
public final class InvalidDeviceId extends RuntimeException {

	public InvalidDeviceId() {
		super("deviceId must match " + DeviceCommand.DEVICE_ID.pattern(), null, false, false);
	}

}
