package io.headcount.statsbatch.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.headcount.platform.events.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The archive's settings ({@code headcount.archive.*}).
 *
 * @param directory the archive's root
 * @param topics the topics archived (each maps to its {@link ArchiveTable} by name)
 * @param groupId the consumer group; its committed offsets say what is archived
 * @param fileEvents a partition's buffer is written when it holds this many events
 * @param fileAge or when its oldest event waited this long
 * @param dedupWindow how many recent event ids per partition are remembered to drop a
 * re-sent event (the report drops any that are left)
 * @param pollTimeout how long one poll waits for records
 */
@ConfigurationProperties("headcount.archive")
public record ArchiveSettings(@DefaultValue("archive") Path directory, @DefaultValue( {
		Topics.SESSION_EVENTS, Topics.PRESENCE_EVENTS, Topics.COUNTER_EVENTS,
		Topics.WAITING_ROOM_EVENTS }) List<String> topics, @DefaultValue("headcount-stats-batch") String groupId,
		@DefaultValue("200000") int fileEvents, @DefaultValue("60s") Duration fileAge,
		@DefaultValue("1000000") int dedupWindow, @DefaultValue("500ms") Duration pollTimeout){

	public ArchiveSettings {
		if (fileEvents < 1 || dedupWindow < 0) {
			throw new IllegalArgumentException("headcount.archive.file-events must be >= 1, dedup-window >= 0");
		}
	}

}
