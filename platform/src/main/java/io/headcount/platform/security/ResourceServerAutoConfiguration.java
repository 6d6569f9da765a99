package io.headcount.platform.security;

import java.time.Clock;
import java.util.List;

import io.headcount.platform.web.ProblemResponses;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The resource server every service runs. Before Boot's security auto-configurations, so
 * that they back off (no generated password, no default chain); Boot's issuer-uri /
 * jwk-set-uri decoder is used when no shared secret is configured.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, JwtDecoder.class })
@EnableConfigurationProperties(HeadcountSecurityProperties.class)
@EnableWebSecurity
public final class ResourceServerAutoConfiguration {

	/**
	 * Open to anyone: probes, API docs, and the error page Spring renders problems on.
	 */
	static final List<String> PUBLIC_PATHS = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
			"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");

	/** Operations and fleet administration: need {@code SCOPE_admin}. */
	static final List<String> ADMIN_PATHS = List.of("/admin/**", "/v1/admin/**", "/actuator/**");

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	@Conditional(OnHmacSecretCondition.class)
	JwtDecoder hmacJwtDecoder(HeadcountSecurityProperties properties, Environment environment,
			HeadcountTokenValidator tokenValidator) {
		String secret = properties.jwt().hmacSecret();
		if (!StringUtils.hasText(secret)) {
			secret = environment.getRequiredProperty(OnHmacSecretCondition.ENVIRONMENT_VARIABLE);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(DevTokens.secretKey(secret))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(tokenValidator);
		return decoder;
	}

	/**
	 * Also picked up by Boot's issuer-uri / jwk-set-uri decoder, which adds every
	 * {@code OAuth2TokenValidator<Jwt>} bean to its defaults.
	 */
	@Bean
	@ConditionalOnMissingBean(HeadcountTokenValidator.class)
	HeadcountTokenValidator headcountTokenValidator(HeadcountSecurityProperties properties) {
		HeadcountSecurityProperties.Jwt jwt = properties.jwt();
		return new HeadcountTokenValidator(jwt.clockSkew(), jwt.issuer(), jwt.audience(), Clock.systemUTC());
	}

	/**
	 * The firewall's refusals (encoded slashes, NUL, non-ASCII headers) are the client's
	 * mistake: 400 as a problem detail, not the 500 Spring Security would leave.
	 */
	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	RequestRejectedHandler problemRequestRejectedHandler() {
		return (request, response, ex) -> ProblemResponses.write(request, response,
				ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Bad Request",
						"The request holds characters that are not allowed in a header, path or parameter"));
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain headcountSecurityFilterChain(HttpSecurity http, HeadcountSecurityProperties properties,
			ObjectProvider<JwtDecoder> decoder,
			@Qualifier("corsConfigurationSource") ObjectProvider<CorsConfigurationSource> cors) throws Exception {
		if (decoder.getIfAvailable() == null) {
			throw new IllegalStateException("No way to verify JWTs: set " + OnHmacSecretCondition.PROPERTY + " (or "
					+ OnHmacSecretCondition.ENVIRONMENT_VARIABLE + ", at least 32 bytes) or "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri");
		}
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
		http.csrf(AbstractHttpConfigurer::disable) // bearer tokens, no cookies: nothing
													// to forge
			// the named source, handed over explicitly: left to find one itself, Spring
			// Security 7 took MVC's HandlerMappingIntrospector, which looks up every
			// request's handler a second time (docs/architecture.md, "Request cost")
			.cors((configurer) -> cors.ifAvailable(configurer::configurationSource))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(PUBLIC_PATHS.toArray(String[]::new))
				.permitAll()
				.requestMatchers(properties.publicPaths().toArray(String[]::new))
				.permitAll()
				.requestMatchers(ADMIN_PATHS.toArray(String[]::new))
				.hasAuthority("SCOPE_admin")
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.bearerTokenResolver(new WebSocketAwareBearerTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		return http.build();
	}

}
