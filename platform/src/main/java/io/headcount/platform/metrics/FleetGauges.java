package io.headcount.platform.metrics;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.scheduling.PeriodicWorker;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Gauges for fleet-wide figures (online users, concurrent visitors, queue length) that
 * exactly one replica reports at a time, so that a Grafana sum over instances is right at
 * any replica count.
 * <p>
 * The replicas of a service contend for a lease in Redis ({@code SET key id NX PX ttl});
 * the holder renews it every second with a compare-and-renew script. A gauge reads its
 * value only while this instance holds the lease and is {@code NaN} otherwise;
 * {@code micrometer-registry-influx} writes no point for a non-finite value, so the other
 * replicas report nothing. This instance stops reporting one renew interval before its
 * lease could have expired, so two replicas never report the same second; if the holder
 * dies, another one reports within the lease's time to live.
 */
public class FleetGauges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FleetGauges.class);

	private static final RedisScript<Long> RENEW = LuaScript.load(FleetGauges.class, "renew-lease.lua")
		.forTemplate(Long.class);

	private static final RedisScript<Long> RELEASE = LuaScript.load(FleetGauges.class, "release-lease.lua")
		.forTemplate(Long.class);

	private final StringRedisTemplate redis;

	private final MeterRegistry registry;

	private final FleetGaugesProperties properties;

	private final String leaseKey;

	private final String holderId;

	private final CopyOnWriteArrayList<String> registered = new CopyOnWriteArrayList<>();

	private volatile long holdsUntilNanos;

	private volatile boolean holding;

	private volatile long lastErrorLogNanos;

	private final PeriodicWorker renewer;

	/**
	 * @param service the service name: each service has its own lease and reporter
	 */
	public FleetGauges(StringRedisTemplate redis, MeterRegistry registry, FleetGaugesProperties properties,
			String service, InstanceId instance) {
		this.redis = redis;
		this.registry = registry;
		this.properties = properties;
		// one hash tag per service: the lease is a single key on one node
		this.leaseKey = "headcount:fleet-gauges:{" + service + "}:lease";
		// the random part tells two contexts of one process apart (tests)
		this.holderId = instance.value() + "/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		this.renewer = PeriodicWorker.withFixedDelay("headcount-fleet-gauges", properties.renewInterval(), () -> {
			if (!this.registered.isEmpty()) { // no lease traffic for services without
												// fleet gauges
				renewOrAcquire();
			}
		}).withInitialDelay(Duration.ZERO);
		Gauge.builder("headcount.fleet-gauges.lease", this, (gauges) -> gauges.isReporting() ? 1 : 0)
			.description("1 on the one instance that reports the fleet-wide gauges")
			.register(registry);
	}

	/**
	 * Registers a gauge that only the lease holder reports.
	 * @param name a metric name in dot notation, e.g.
	 * {@code headcount.visitors.concurrent}
	 * @param value read once per step on the holder only; may query Redis
	 */
	public Gauge register(String name, String description, Supplier<? extends Number> value) {
		return register(name, description, Tags.empty(), value);
	}

	/**
	 * As {@link #register(String, String, Supplier)}, one of a family of gauges told
	 * apart by bounded tags (a configured site, never a visitor or post id).
	 */
	public Gauge register(String name, String description, Tags tags, Supplier<? extends Number> value) {
		this.registered.addIfAbsent(name);
		// strongly held: Micrometer keeps gauge state weakly, and a lambda the caller
		// does not keep would be collected, after which the gauge silently reports
		// nothing
		return Gauge.builder(name, value, this::read)
			.description(description)
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
	}

	private double read(Supplier<? extends Number> value) {
		if (!isReporting()) {
			return Double.NaN;
		}
		try {
			Number number = value.get();
			return (number != null) ? number.doubleValue() : Double.NaN;
		}
		catch (RuntimeException ex) {
			logger.debug("Fleet gauge value unavailable", ex);
			return Double.NaN;
		}
	}

	/** Whether this instance currently reports the fleet gauges. */
	public boolean isReporting() {
		return this.holding && System.nanoTime() < this.holdsUntilNanos;
	}

	String leaseKey() {
		return this.leaseKey;
	}

	/** One round: renew if held, otherwise try to take the lease. */
	void renewOrAcquire() {
		long started = System.nanoTime();
		long ttlMillis = this.properties.leaseTtl().toMillis();
		try {
			boolean held = this.holding && Long.valueOf(1)
				.equals(this.redis.execute(RENEW, List.of(this.leaseKey), this.holderId, Long.toString(ttlMillis)));
			if (!held) {
				held = Boolean.TRUE.equals(
						this.redis.opsForValue().setIfAbsent(this.leaseKey, this.holderId, this.properties.leaseTtl()));
			}
			if (held) {
				// stop one interval early: by then another instance may not yet have
				// taken over
				this.holdsUntilNanos = started + this.properties.leaseTtl().toNanos()
						- this.properties.renewInterval().toNanos();
			}
			if (held != this.holding) {
				logger.info("{} the fleet gauges lease {}", held ? "Took" : "Lost", this.leaseKey);
			}
			this.holding = held;
		}
		catch (RuntimeException ex) {
			// Redis unreachable: keep reporting only while the lease surely is still ours
			long now = System.nanoTime();
			if (now - this.lastErrorLogNanos > TimeUnit.SECONDS.toNanos(30)) {
				this.lastErrorLogNanos = now;
				logger.warn("Cannot renew the fleet gauges lease {}: {}", this.leaseKey, ex.toString());
			}
		}
	}

	void release() {
		if (!this.holding) {
			return;
		}
		this.holding = false;
		try {
			this.redis.execute(RELEASE, List.of(this.leaseKey), this.holderId);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the fleet gauges lease; it expires by itself", ex);
		}
	}

	@Override
	public void start() {
		this.renewer.start();
	}

	@Override
	public void stop() {
		this.renewer.stop();
		release();
	}

	@Override
	public boolean isRunning() {
		return this.renewer.isRunning();
	}

}
