package io.headcount.platform.events;

import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.headcount.platform.scheduling.PeriodicWorker;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@link HeadcountEvent}s to Kafka without ever blocking the caller.
 * <p>
 * {@link #publish} serializes the event and puts it on a bounded in-memory queue; one
 * dedicated sender thread hands queued events to the producer. {@code KafkaTemplate.send}
 * can block for {@code max.block.ms} when topic metadata is missing or the producer's
 * buffer is full (the broker is down), which is why no request thread ever calls it.
 * Events the producer gives back (metadata timeout, delivery timeout) are resent before
 * newer ones, so an outage of minutes loses nothing and keeps each key's order; only a
 * full queue ({@code headcount.events.buffer-capacity}) drops events, counted in
 * {@code headcount.events.dropped}.
 */
public class EventPublisher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventPublisher.class);

	/** How often the sender looks for new events while they keep coming. */
	private static final long BUSY_POLL_MICROS = 500;

	/** How long after the last event the sender keeps looking instead of waiting. */
	private static final long BUSY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final KafkaTemplate<String, String> template;

	private final EventsProperties properties;

	private final BlockingQueue<ProducerRecord<String, String>> queue;

	/** Events the producer handed back; sent before anything newer. */
	private final Deque<ProducerRecord<String, String>> retries = new ConcurrentLinkedDeque<>();

	private final AtomicLong inFlight = new AtomicLong();

	/** Accepted by publish() and not yet acknowledged (nor dropped for good). */
	private final AtomicLong unacknowledged = new AtomicLong();

	private final Counter sent;

	private final Counter dropped;

	private final Counter retried;

	private volatile boolean accepting = true;

	private volatile long lastFailureNanos;

	private volatile long lastDropLogNanos;

	private final PeriodicWorker sender = PeriodicWorker.looping("headcount-event-sender", this::sendNext);

	/** When the sender last found an event; only the sender thread touches it. */
	private long lastEventNanos = System.nanoTime();

	public EventPublisher(KafkaTemplate<String, String> template, EventsProperties properties, MeterRegistry registry) {
		this.template = template;
		this.properties = properties;
		this.queue = new LinkedBlockingQueue<>(properties.bufferCapacity());
		Gauge.builder("headcount.events.queued", this, (publisher) -> publisher.queued())
			.description("Events waiting in memory to be handed to the Kafka producer")
			.register(registry);
		Gauge.builder("headcount.events.in-flight", this.inFlight, AtomicLong::get)
			.description("Events handed to the Kafka producer and not yet acknowledged")
			.register(registry);
		this.sent = Counter.builder("headcount.events.sent")
			.description("Events acknowledged by Kafka")
			.register(registry);
		this.dropped = Counter.builder("headcount.events.dropped")
			.description("Events dropped because the in-memory buffer was full")
			.register(registry);
		this.retried = Counter.builder("headcount.events.retried")
			.description("Events the producer gave back and that are sent again")
			.register(registry);
	}

	/**
	 * Queues the event for Kafka and returns at once, whatever the broker's state.
	 * @return {@code false} if the buffer was full and the event was dropped
	 */
	public boolean publish(HeadcountEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(),
				EventJson.write(event));
		if (this.accepting && this.queue.offer(record)) {
			this.unacknowledged.incrementAndGet();
			return true;
		}
		this.dropped.increment();
		long now = System.nanoTime();
		if (now - this.lastDropLogNanos > TimeUnit.SECONDS.toNanos(10)) {
			this.lastDropLogNanos = now;
			logger.error("Event buffer full ({} events) or shutting down: dropping {} for key {} (Kafka unreachable?)",
					this.properties.bufferCapacity(), event.getClass().getSimpleName(), event.key());
		}
		return false;
	}

	/**
	 * Events not yet acknowledged by Kafka: queued, waiting for a retry, or in flight.
	 */
	public long pending() {
		return this.unacknowledged.get();
	}

	private long queued() {
		return this.queue.size() + this.retries.size();
	}

	/**
	 * One turn of the sender's loop, which {@link #sender} repeats. While events keep
	 * coming, it looks for new ones every {@value #BUSY_POLL_MICROS} µs instead of
	 * waiting on the queue: a waiting sender has to be woken by every {@link #publish}
	 * that finds the queue empty, and that wake-up (a futex call on each side) costs more
	 * CPU than the send itself (docs/architecture.md). After a second without events it
	 * waits on the queue again, so an idle instance does not poll.
	 */
	private void sendNext() {
		ProducerRecord<String, String> record = this.retries.pollFirst();
		if (record != null) {
			backOffAfterFailure();
		}
		else {
			record = this.queue.poll();
			if (record == null) {
				if (System.nanoTime() - this.lastEventNanos < BUSY_NANOS) {
					LockSupport.parkNanos(BUSY_POLL_MICROS * 1000);
					return;
				}
				try {
					record = this.queue.take();
				}
				catch (InterruptedException ex) {
					return; // stop() interrupts: the worker ends
				}
			}
		}
		this.lastEventNanos = System.nanoTime();
		send(record);
	}

	private void backOffAfterFailure() {
		long wait = this.lastFailureNanos + this.properties.retryBackoff().toNanos() - System.nanoTime();
		if (wait > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	private void send(ProducerRecord<String, String> record) {
		this.inFlight.incrementAndGet();
		try {
			// may block up to max.block.ms on metadata or buffer space: only this thread
			// waits
			this.template.send(record).whenComplete((result, failure) -> {
				this.inFlight.decrementAndGet();
				if (failure == null) {
					this.unacknowledged.decrementAndGet();
					this.sent.increment();
				}
				else {
					giveBack(record, failure);
				}
			});
		}
		catch (RuntimeException ex) {
			// the template rethrows what the producer threw synchronously (e.g. a closed
			// producer)
			this.inFlight.decrementAndGet();
			giveBack(record, ex);
		}
	}

	private void giveBack(ProducerRecord<String, String> record, Throwable failure) {
		if (isPermanent(failure)) {
			this.unacknowledged.decrementAndGet();
			this.dropped.increment();
			logger.error("Kafka rejected an event for {} for good, dropping it: {}", record.topic(),
					failure.toString());
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastFailureNanos > TimeUnit.SECONDS.toNanos(10)) {
			logger.warn("Kafka did not take an event for {} (will retry, {} pending): {}", record.topic(), pending(),
					failure.toString());
		}
		this.lastFailureNanos = now;
		this.retried.increment();
		// failures arrive in send order (one producer I/O thread, or this thread), so
		// each key's events go back in order
		this.retries.addLast(record);
	}

	/** Failures that no retry fixes: the event itself is wrong for the broker. */
	private static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException || cause instanceof InvalidTopicException
					|| cause instanceof SerializationException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void start() {
		this.accepting = true;
		this.sender.start();
	}

	/** Waits (up to {@code shutdown-timeout}) for buffered events to reach the broker. */
	@Override
	public void stop() {
		this.accepting = false;
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		while (pending() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		this.sender.stop();
		long lost = pending();
		if (lost > 0) {
			logger.error("Stopping with {} events not acknowledged by Kafka", lost);
		}
		// the template's producer factory is ours, not a bean: close its producer here
		if (this.template.getProducerFactory() instanceof DisposableBean factory) {
			try {
				factory.destroy();
			}
			catch (Exception ex) {
				logger.warn("Could not close the event producer", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.sender.isRunning();
	}

	/**
	 * Starts early and stops late: after the web server has finished its last requests
	 * (phase {@code DEFAULT_PHASE - 2048}), so that their events are still flushed.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
