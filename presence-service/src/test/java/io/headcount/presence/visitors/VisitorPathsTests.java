package io.headcount.presence.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisitorPathsTests {

	@Test
	void theSiteOfASessionRouteAndOnlyOfOne() {
		assertThat(VisitorPaths.siteOfSessionPath("/v1/sites/shop/sessions")).isEqualTo("shop");
		assertThat(VisitorPaths.siteOfSessionPath("/v1/sites/shop/sessions/AAAAAAAAAAAAAAAA/close")).isEqualTo("shop");
		assertThat(VisitorPaths.siteOfSessionPath("/v1/sites/shop/sessionsX")).isNull();
		assertThat(VisitorPaths.siteOfSessionPath("/v1/sites/shop/visitors")).isNull();
		assertThat(VisitorPaths.siteOfSessionPath("/v1/sites/shop")).isNull();
		assertThat(VisitorPaths.siteOfSessionPath("/v1/presence/me")).isNull();
	}

	@Test
	void theSessionOfASessionRoute() {
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions/AAAAAAAAAAAAAAAA"))
			.isEqualTo("shop/AAAAAAAAAAAAAAAA");
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions/AAAAAAAAAAAAAAAA/heartbeat"))
			.isEqualTo("shop/AAAAAAAAAAAAAAAA");
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions/AAAAAAAAAAAAAAAA/close"))
			.isEqualTo("shop/AAAAAAAAAAAAAAAA");
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions")).isNull();
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions/")).isNull();
		assertThat(VisitorPaths.sessionOfPath("/v1/sites/shop/sessions/AAAA/other")).isNull();
		assertThat(VisitorPaths.sessionOfPath("/v1/presence/me")).isNull();
	}

	@Test
	void theSiteOfAWebSocketPath() {
		assertThat(VisitorPaths.siteOfWebSocketPath("/ws/sites/shop/visitors")).isEqualTo("shop");
		assertThat(VisitorPaths.siteOfWebSocketPath("/ws/sites//visitors")).isNull();
		assertThat(VisitorPaths.siteOfWebSocketPath("/ws/sites/a/b/visitors")).isNull();
		assertThat(VisitorPaths.siteOfWebSocketPath("/ws/presence")).isNull();
	}

}
