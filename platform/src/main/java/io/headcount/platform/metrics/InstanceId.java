package io.headcount.platform.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This instance's identity among its replicas ({@code headcount.instance-id}, default
 * {@code <host>-<pid>}): the {@code instance} metric tag and the holder id of leases.
 */
public record InstanceId(String value) {

	public InstanceId {
		if (value.isBlank()) {
			throw new IllegalArgumentException("instance id must not be blank");
		}
	}

	/**
	 * {@code <host>-<pid>}: unique per process, stable for the process's life, readable
	 * in Grafana.
	 */
	public static InstanceId ofThisProcess() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return new InstanceId(host + "-" + ProcessHandle.current().pid());
	}

	@Override
	public String toString() {
		return this.value;
	}

}
