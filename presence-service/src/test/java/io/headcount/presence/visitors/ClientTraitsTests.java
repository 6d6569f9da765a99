package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ClientTraitsTests {

	private final ClientTraits traits = new ClientTraits("a-salt");

	@Test
	void browsersAreNotBotsAndCrawlersHeadlessBrowsersAndLibrariesAre() {
		assertThat(this.traits.isBot(Sessions.BROWSER)).isFalse();
		assertThat(this.traits.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
			.isTrue();
		assertThat(this.traits.isBot("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0 Safari/537.36")).isTrue();
		assertThat(this.traits.isBot("curl/8.5.0")).isTrue();
		assertThat(this.traits.isBot("Java/25 HttpClient")).isTrue();
		assertThat(this.traits.isBot(null)).isTrue();
		assertThat(this.traits.isBot(" ")).isTrue();
	}

	@Test
	void anAddressHashesTheSameWithinADayAndSaltAndNeverShowsTheAddress() {
		Instant morning = Instant.parse("2026-12-07T08:00:00Z");
		Instant evening = Instant.parse("2026-12-07T23:59:59Z");
		Instant nextDay = Instant.parse("2026-12-08T00:00:00Z");
		String hash = this.traits.addressHash("203.0.113.7", morning);
		assertThat(hash).hasSize(22).doesNotContain("203").matches("[A-Za-z0-9_-]+");
		assertThat(this.traits.addressHash("203.0.113.7", evening)).isEqualTo(hash);
		assertThat(new ClientTraits("a-salt").addressHash("203.0.113.7", morning)).isEqualTo(hash);
		assertThat(this.traits.addressHash("203.0.113.7", nextDay)).isNotEqualTo(hash);
		assertThat(this.traits.addressHash("203.0.113.8", morning)).isNotEqualTo(hash);
		assertThat(new ClientTraits("another-salt").addressHash("203.0.113.7", morning)).isNotEqualTo(hash);
	}

}
