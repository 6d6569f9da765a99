package io.headcount.presence.visitors;

import org.jspecify.annotations.Nullable;

/**
 * The one frame a watcher may send: {@code {"type":"watch","object":"post-42"}} also
 * watches that object's live sessions ({@code null} stops watching an object).
 */
record WatchFrame(String type, @Nullable String object) {

}
