package io.headcount.counter.fastlane;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.headcount.counter.fastlane.LaneRoutes.Kind;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Fails the start when the fast lane and the full path would disagree on one of the
 * lane's routes: Spring MVC must send the route's request to exactly the controller
 * method the lane calls, through a mapping with no condition the lane does not check
 * (parameters, headers, content types) and to a method whose parameters carry no
 * annotation the lane would skip (validation, security); and the security chain must ask
 * nothing there but an authenticated bearer token, which is all the lane checks.
 */
final class FastLaneGuard implements SmartInitializingSingleton {

	private static final Set<Class<? extends Annotation>> LANE_ARGUMENTS = Set.of(PathVariable.class,
			RequestHeader.class);

	private final Supplier<RequestMappingHandlerMapping> handlerMapping;

	private final Supplier<FilterChainProxy> securityChains;

	/**
	 * Both are looked up once every singleton exists (MVC's mappings are registered by
	 * then).
	 */
	FastLaneGuard(Supplier<RequestMappingHandlerMapping> handlerMapping, Supplier<FilterChainProxy> securityChains) {
		this.handlerMapping = handlerMapping;
		this.securityChains = securityChains;
	}

	@Override
	public void afterSingletonsInstantiated() {
		RequestMappingHandlerMapping mappings = this.handlerMapping.get();
		FilterChainProxy chains = this.securityChains.get();
		List<String> problems = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			problems.addAll(check(kind, mappings, chains));
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The fast lane disagrees with the full path (fix the route or set "
					+ "headcount.counter.fast-lane.enabled=false): " + String.join("; ", problems));
		}
	}

	/**
	 * What is wrong with one route; empty when the lane answers it as the full path
	 * would.
	 */
	static List<String> check(Kind kind, RequestMappingHandlerMapping handlerMapping, FilterChainProxy securityChains) {
		List<String> problems = new ArrayList<>();
		checkHandler(kind, SampleRequest.of(kind.method, kind.samplePath("x")), handlerMapping, problems);
		checkSecurity(kind, SampleRequest.of(kind.method, kind.samplePath("x")), securityChains, problems);
		return problems;
	}

	private static void checkHandler(Kind kind, HttpServletRequest request, RequestMappingHandlerMapping handlerMapping,
			List<String> problems) {
		HandlerExecutionChain chain;
		try {
			chain = handlerMapping.getHandler(request);
		}
		catch (Exception ex) {
			problems.add(kind + " " + kind.method + " " + kind.pattern + " does not resolve: " + ex);
			return;
		}
		if (chain == null || !(chain.getHandler() instanceof HandlerMethod handler)) {
			problems.add(kind + " " + kind.method + " " + kind.pattern + " reaches no controller method");
			return;
		}
		Method method = handler.getMethod();
		if (!kind.controller.isAssignableFrom(handler.getBeanType()) || !method.getName().equals(kind.handler)) {
			problems.add(kind + " " + kind.method + " " + kind.pattern + " reaches " + handler.getShortLogMessage()
					+ ", the lane calls " + kind.controller.getSimpleName() + "#" + kind.handler);
			return;
		}
		RequestMappingInfo info = mappingOf(handler, handlerMapping);
		if (info == null || !info.getPatternValues().contains(kind.pattern)) {
			problems.add(kind + ": " + handler.getShortLogMessage() + " is not mapped to " + kind.pattern);
		}
		else if (!info.getParamsCondition().isEmpty() || !info.getHeadersCondition().isEmpty()
				|| !info.getConsumesCondition().isEmpty() || !producesOnlyJson(info)) {
			problems.add(kind + ": the mapping of " + handler.getShortLogMessage()
					+ " has conditions the lane does not check: " + info);
		}
		for (Parameter parameter : method.getParameters()) {
			for (Annotation annotation : parameter.getAnnotations()) {
				if (!LANE_ARGUMENTS.contains(annotation.annotationType())) {
					problems.add(kind + ": " + handler.getShortLogMessage() + " takes an argument annotated "
							+ annotation.annotationType().getSimpleName() + ", which the lane would skip");
				}
			}
		}
		for (Annotation annotation : method.getAnnotations()) {
			if (annotation.annotationType().getPackageName().startsWith("org.springframework.security")) {
				problems.add(kind + ": " + handler.getShortLogMessage() + " is annotated "
						+ annotation.annotationType().getSimpleName() + ", which the lane would skip");
			}
		}
	}

	private static @Nullable RequestMappingInfo mappingOf(HandlerMethod handler,
			RequestMappingHandlerMapping handlerMapping) {
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
			if (entry.getValue().getMethod().equals(handler.getMethod())) {
				return entry.getKey();
			}
		}
		return null;
	}

	private static void checkSecurity(Kind kind, HttpServletRequest request, FilterChainProxy securityChains,
			List<String> problems) {
		SecurityFilterChain chain = null;
		for (SecurityFilterChain candidate : securityChains.getFilterChains()) {
			if (candidate.matches(request)) {
				chain = candidate;
				break;
			}
		}
		if (chain == null) {
			problems.add(kind + ": no security chain takes " + kind.method + " " + kind.pattern);
			return;
		}
		AuthorizationManager<HttpServletRequest> authorization = null;
		boolean bearerTokens = false;
		for (Filter filter : chain.getFilters()) {
			if (filter instanceof AuthorizationFilter authorizationFilter) {
				authorization = authorizationFilter.getAuthorizationManager();
			}
			bearerTokens |= filter instanceof BearerTokenAuthenticationFilter;
		}
		if (!bearerTokens) {
			problems.add(kind + ": the security chain for " + kind.pattern + " does not take bearer tokens");
		}
		if (authorization == null) {
			problems.add(kind + ": the security chain for " + kind.pattern + " authorizes no request");
			return;
		}
		Jwt jwt = Jwt.withTokenValue("fast-lane-guard").header("alg", "none").subject("fast-lane-guard").build();
		AuthorizationResult result = authorization.authorize(() -> new JwtAuthenticationToken(jwt, List.of()), request);
		if (result == null || !result.isGranted()) {
			problems.add(kind + ": the security chain asks more than an authenticated token for " + kind.method + " "
					+ kind.pattern + " (the lane checks only the token)");
		}
	}

	/**
	 * No produces condition, or only {@code application/json}: the lane takes only
	 * requests that accept JSON ({@code CounterFastLane.acceptsJson}), a subset of those
	 * that condition admits, so a non-JSON {@code Accept} goes down the chain to its 406.
	 */
	private static boolean producesOnlyJson(RequestMappingInfo info) {
		var produces = info.getProducesCondition().getProducibleMediaTypes();
		return produces.isEmpty()
				|| produces.equals(java.util.Set.of(org.springframework.http.MediaType.APPLICATION_JSON));
	}

}
