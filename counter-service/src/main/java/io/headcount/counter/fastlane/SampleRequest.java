package io.headcount.counter.fastlane;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

/**
 * A request that exists only to be matched, for {@link FastLaneGuard}: a method and a
 * path, no headers, parameters or body, as the fast lane takes them. Everything it is not
 * asked for answers empty.
 */
final class SampleRequest {

	private SampleRequest() {
	}

	static HttpServletRequest of(String method, String path) {
		Map<String, Object> attributes = new HashMap<>();
		HttpServletMapping mapping = new DefaultServletMapping();
		return (HttpServletRequest) Proxy.newProxyInstance(SampleRequest.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, call, args) -> switch (call.getName()) {
					case "getMethod" -> method;
					case "getRequestURI", "getServletPath" -> path;
					case "getRequestURL" -> new StringBuffer("http://localhost").append(path);
					case "getContextPath" -> "";
					case "getScheme" -> "http";
					case "getProtocol" -> "HTTP/1.1";
					case "getServerName" -> "localhost";
					case "getServerPort" -> 80;
					case "getDispatcherType" -> DispatcherType.REQUEST;
					case "getHttpServletMapping" -> mapping;
					case "getAttribute" -> attributes.get((String) args[0]);
					case "setAttribute" -> attributes.put((String) args[0], args[1]);
					case "removeAttribute" -> attributes.remove((String) args[0]);
					case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
					case "getHeaders", "getHeaderNames", "getParameterNames", "getLocales" ->
						Collections.emptyEnumeration();
					case "getParameterMap" -> Map.of();
					case "getLocale" -> Locale.ROOT;
					case "getIntHeader", "getContentLength" -> -1;
					case "getDateHeader", "getContentLengthLong" -> -1L;
					case "isSecure", "isAsyncStarted", "isAsyncSupported", "isUserInRole",
							"isRequestedSessionIdValid" ->
						false;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "sample request " + method + " " + path;
					default -> null;
				});
	}

	/** The dispatcher servlet's default mapping, {@code /}. */
	private static final class DefaultServletMapping implements HttpServletMapping {

		@Override
		public String getMatchValue() {
			return "";
		}

		@Override
		public String getPattern() {
			return "/";
		}

		@Override
		public String getServletName() {
			return "dispatcherServlet";
		}

		@Override
		public MappingMatch getMappingMatch() {
			return MappingMatch.DEFAULT;
		}

	}

}
