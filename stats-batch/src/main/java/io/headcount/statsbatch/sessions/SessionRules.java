package io.headcount.statsbatch.sessions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sessions report's rules ({@code headcount.sessions.*}), documented in
 * docs/stats-batch.md.
 *
 * @param lookAround how far before the day the report looks for sessions still open at
 * midnight, and after it for the day's closes
 * @param spamOpensPerMinute an address opening more non-bot sessions than this on one
 * site in one minute is spam
 */
@ConfigurationProperties("headcount.sessions")
public record SessionRules(@DefaultValue("6h") Duration lookAround, @DefaultValue("30") int spamOpensPerMinute) {

	public static SessionRules defaults() {
		return new SessionRules(Duration.ofHours(6), 30);
	}

}
