package io.headcount.counter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock the tests can set (to cross bucket boundaries); runs with the system clock
 * otherwise.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	public static final class MutableClock extends Clock {

		private volatile Instant fixed;

		public void set(Instant instant) {
			this.fixed = instant;
		}

		public void advance(Duration duration) {
			this.fixed = this.fixed.plus(duration);
		}

		public void reset() {
			this.fixed = null;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			Instant f = this.fixed;
			return (f != null) ? f : Instant.now();
		}

	}

}
