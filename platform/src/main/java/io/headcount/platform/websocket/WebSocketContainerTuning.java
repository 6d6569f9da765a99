package io.headcount.platform.websocket;

import java.lang.reflect.Field;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.web.context.ServletContextAware;

/**
 * Applies the per-connection limits to the servlet container's WebSocket container, as
 * Spring's {@code ServletServerContainerFactoryBean} does, but quietly does nothing where
 * there is no container (a MockMvc test), so that every service can have it without
 * breaking its slice tests. Also warns when Tomcat's frame buffer size was fixed before
 * the platform could lower it.
 */
class WebSocketContainerTuning implements ServletContextAware, InitializingBean {

	static final String DEFAULT_BUFFER_SIZE_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	/**
	 * Tomcat's per-connection binary message buffer. {@link JsonWebSocketHandler} refuses
	 * binary frames (1003) at their first fragment, so a buffer the size of a text one
	 * would be allocated for every open connection and never used.
	 */
	static final int BINARY_BUFFER_SIZE = 128;

	private static final Logger logger = LoggerFactory.getLogger(WebSocketContainerTuning.class);

	private final WebSocketProperties properties;

	private ServletContext servletContext;

	WebSocketContainerTuning(WebSocketProperties properties) {
		this.properties = properties;
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		this.servletContext = servletContext;
	}

	@Override
	public void afterPropertiesSet() {
		Object attribute = (this.servletContext != null)
				? this.servletContext.getAttribute(ServerContainer.class.getName()) : null;
		if (!(attribute instanceof ServerContainer container)) {
			return;
		}
		int bufferSize = (int) this.properties.containerBufferSize().toBytes();
		container.setDefaultMaxTextMessageBufferSize(bufferSize);
		container.setDefaultMaxBinaryMessageBufferSize(Math.min(bufferSize, BINARY_BUFFER_SIZE));
		container.setAsyncSendTimeout(this.properties.sendTimeLimit().toMillis());
		if (!this.properties.idleTimeout().isZero()) {
			container.setDefaultMaxSessionIdleTimeout(this.properties.idleTimeout().toMillis());
		}
		warnIfFrameBufferIsLarge(container, bufferSize);
	}

	private static void warnIfFrameBufferIsLarge(ServerContainer container, int wanted) {
		Integer actual = tomcatFrameBufferSize(container.getClass().getClassLoader());
		if (actual != null && actual > wanted) {
			logger.warn(
					"Tomcat's WebSocket frame buffer is {} bytes per connection; start the JVM with -D{}={} "
							+ "to save about {} KiB per idle connection",
					actual, DEFAULT_BUFFER_SIZE_PROPERTY, wanted, (actual - wanted) / 1024);
		}
	}

	/**
	 * Tomcat's {@code Constants.DEFAULT_BUFFER_SIZE}, read once when Tomcat's class was
	 * loaded.
	 */
	static Integer tomcatFrameBufferSize(ClassLoader classLoader) {
		try {
			Class<?> constants = Class.forName("org.apache.tomcat.websocket.Constants", true, classLoader);
			Field field = constants.getDeclaredField("DEFAULT_BUFFER_SIZE");
			field.setAccessible(true);
			return field.getInt(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
