package io.headcount.counter.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BucketStatsTests {

	@Test
	void bucketsReadInMillionthsAddUpExactly() {
		// as the script writes them: count, sum, min, max in millionths
		BucketStats a = BucketStats
			.fromFields(Map.of("60", "2", "60:s", "300000", "60:lo", "100000", "60:hi", "200000"), "60");
		BucketStats b = BucketStats
			.fromFields(Map.of("120", "1", "120:s", "-1500000", "120:lo", "-1500000", "120:hi", "-1500000"), "120");
		assertThat(a.sum()).isEqualByComparingTo("0.3");
		BucketStats both = a.plus(b).plus(BucketStats.EMPTY);
		assertThat(both.count()).isEqualTo(3);
		assertThat(both.sum()).isEqualByComparingTo("-1.2");
		assertThat(both.min()).isEqualByComparingTo("-1.5");
		assertThat(both.max()).isEqualByComparingTo("0.2");
		assertThat(both.avg()).isEqualByComparingTo("-0.4");
	}

	@Test
	void anEmptyBucketHasNoAverageNorExtremes() {
		BucketStats empty = BucketStats.fromFields(Map.of(), "60");
		assertThat(empty.count()).isZero();
		assertThat(empty.sum()).isEqualByComparingTo("0");
		assertThat(empty.avg()).isNull();
		assertThat(empty.min()).isNull();
		assertThat(empty.max()).isNull();
	}

	@Test
	void averagesKeepSixteenDigitsAndWholeNumbersStayPlain() {
		BucketStats thirds = new BucketStats(3, new BigDecimal("10"), BigDecimal.ONE, BigDecimal.TEN);
		assertThat(thirds.avg()).isEqualByComparingTo("3.333333333333333");
		assertThat(BucketStats.plain(new BigDecimal("1E+3")).toString()).isEqualTo("1000");
		assertThat(BucketStats.plain(new BigDecimal("2.500")).toString()).isEqualTo("2.5");
	}

	@Test
	void functionsAreAListOfKnownNames() {
		assertThat(StatFunction.parse("max, count,avg,count")).containsExactly(StatFunction.COUNT, StatFunction.AVG,
				StatFunction.MAX);
		assertThatThrownBy(() -> StatFunction.parse("count,median")).isInstanceOf(InvalidEvent.class)
			.hasMessageContaining("median");
	}

}
