package import WolkvoxAPI

/// Density knobs of the mock's synthetic history. The defaults give a realistic but modest
/// volume (a 90-day backfill of `cdr_1` is about 170,000 rows) plus two documented spikes that
/// exceed the API's 60,000-record cap.
///
/// - Important: The data is a pure function of `(seed, configuration)`: changing any knob
///   changes the data; keeping them gives byte-identical records.
package struct MockDatasetConfiguration: Sendable, Hashable {
    /// First and last local day that hold any data (inclusive); outside them every query is empty.
    package var firstDay: LocalDay = LocalDay(year: 2024, month: 1, day: 1)
    package var lastDay: LocalDay = LocalDay(year: 2026, month: 12, day: 31)

    /// Rows per ordinary weekday, by report name (`cdr_6` counts the unconnected outbound calls
    /// it aggregates). Each weekday draws its volume uniformly from the range.
    package var weekdayVolume: [String: ClosedRange<Int>] = Self.defaultWeekdayVolume
    /// Multiplies every weekday volume: 0.01 gives tiny data for fast tests.
    package var volumeScale: Double = 1.0
    /// Saturday and Sunday volume as a fraction of a weekday's.
    package var saturdayFactor: Double = 0.4
    package var sundayFactor: Double = 0.03
    /// Fraction of days with no data at all, for every report (the API answers 404).
    /// Spike days are never empty.
    package var emptyDayRate: Double = 0.03
    /// Whether every non-empty day has rows at exactly 00:00:00 and 23:59:59, so window bounds
    /// are exercised (dated reports only).
    package var boundaryRows: Bool = true
    /// Fraction of `chat_4` records whose body is about 10 KB.
    package var longChatBodyRate: Double = 0.02
    /// Fraction of records with one numeric field that does not coerce (`cost` "N/A",
    /// `time_seg` "1:2:x", `attempt` "N/A", ...), to exercise the transform's reject path.
    package var invalidValueRate: Double = 0
    /// Extra rows on chosen days and hours, on top of the ordinary volume.
    package var spikes: [MockSpike] = [Self.defaultHeavyDay, Self.defaultHeavyHour]

    package init() {}

    package static let defaultWeekdayVolume: [String: ClosedRange<Int>] = [
        "cdr_1": 1_500...4_000,
        "cdr_6": 200...600,
        "chat_4": 150...400,
        "diagram_13": 600...1_500,
        "calls_last_10": 1_500...4_000,
    ]

    /// 2025-03-14 (a Friday): 75,000 extra `cdr_1` rows spread evenly over the 24 hours
    /// (3,125 an hour), so the day exceeds the cap but no hour does.
    package static let defaultHeavyDay = MockSpike(
        report: "cdr_1", day: LocalDay(year: 2025, month: 3, day: 14), hours: 0...23, rows: 75_000)

    /// 2025-03-20 (a Thursday), 10:00-10:59: 62,000 extra `cdr_1` rows in one hour, so even an
    /// hour's window exceeds the cap and must be split further.
    package static let defaultHeavyHour = MockSpike(
        report: "cdr_1", day: LocalDay(year: 2025, month: 3, day: 20), hours: 10...10, rows: 62_000)
}

/// Extra rows for one report on one day, spread evenly over `hours` (the first hours take the
/// remainder), added to that day's ordinary volume.
package struct MockSpike: Sendable, Hashable {
    package var report: String
    package var day: LocalDay
    package var hours: ClosedRange<Int>
    package var rows: Int

    package init(report: String, day: LocalDay, hours: ClosedRange<Int> = 0...23, rows: Int) {
        precondition(hours.lowerBound >= 0 && hours.upperBound <= 23, "spike hours must be within 0...23")
        self.report = report
        self.day = day
        self.hours = hours
        self.rows = rows
    }

    /// Rows this spike adds to `hour` of its day.
    func rows(inHour hour: Int) -> Int {
        guard hours.contains(hour) else { return 0 }
        let n = hours.count
        return rows / n + (hour - hours.lowerBound < rows % n ? 1 : 0)
    }
}
