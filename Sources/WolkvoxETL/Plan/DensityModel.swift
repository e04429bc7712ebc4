package import WolkvoxAPI

/// How many records a report holds per hour, as far as this pipeline knows: what earlier runs
/// landed (kept in the state), a profile by weekday and hour learned from them, and what a
/// truncated response revealed during this run.
///
/// The planner sizes windows with it so they come back under the cap at the first call; `plan`
/// uses the same numbers to estimate calls.
package struct DensityModel: Sendable {
    /// Rows per hour of days an earlier run landed whole: exact, barring late arrivals.
    private var landedHours: [LocalDay: [Double]] = [:]
    /// Median rows per hour by ISO weekday (index 0 = Monday) over the most recent landed days of
    /// that weekday. The median ignores the odd heavy day, which is what sizing needs.
    private var profile: [[Double]?] = Array(repeating: nil, count: 7)
    /// Mean of the known weekday profiles, for a weekday no landed day has shown yet.
    private var typicalDay: [Double]?
    /// Rows a truncated response showed per hour bucket (naive seconds / 3600): at least that many.
    private var revealed: [Int: Double] = [:]

    /// Most recent landed days of each weekday the profile is taken from.
    package static let profileDays = 8

    package init() {}

    /// The model earlier runs left in the state: per-hour counts of landed days (days landed
    /// before hours were kept spread their rows evenly).
    package init(state: PipelineState) {
        var byWeekday: [[(LocalDay, [Double])]] = Array(repeating: [], count: 7)
        for (key, landed) in state.landed {
            guard let day = LocalDay(iso: key) else { continue }
            let hours = landed.hours.map { $0.map(Double.init) }
                ?? Array(repeating: Double(landed.rows) / 24, count: 24)
            guard hours.count == 24 else { continue }
            landedHours[day] = hours
            byWeekday[day.isoWeekday - 1].append((day, hours))
        }
        for weekday in 0..<7 where !byWeekday[weekday].isEmpty {
            let recent = byWeekday[weekday].sorted { $0.0 > $1.0 }.prefix(Self.profileDays).map(\.1)
            profile[weekday] = (0..<24).map { hour in Self.median(recent.map { $0[hour] }) }
        }
        let known = profile.compactMap { $0 }
        if !known.isEmpty {
            typicalDay = (0..<24).map { hour in known.map { $0[hour] }.reduce(0, +) / Double(known.count) }
        }
    }

    /// The share of one of `lanes` parameter values: the state keeps a day's rows of every value
    /// together, and with nothing known of how they divide, each is taken to hold an equal part.
    /// A value that holds more shows it in its first answers, which size its later windows.
    package func shared(among lanes: Int) -> DensityModel {
        guard lanes > 1 else { return self }
        let part = 1 / Double(lanes)
        var model = self
        model.landedHours = landedHours.mapValues { $0.map { $0 * part } }
        model.profile = profile.map { $0?.map { $0 * part } }
        model.typicalDay = typicalDay?.map { $0 * part }
        model.revealed = revealed.mapValues { $0 * part }
        return model
    }

    /// Whether the model knows nothing: windows then take the widest span the API allows.
    package var isEmpty: Bool { landedHours.isEmpty && typicalDay == nil && revealed.isEmpty }

    /// Days whose size an earlier run measured.
    package func isLanded(_ day: LocalDay) -> Bool { landedHours[day] != nil }

    /// Records a truncated response showed, by hour bucket; buckets the window covered but that
    /// showed nothing are zero. They are lower bounds: the response was cut.
    package mutating func reveal(_ counts: [Int: Int]) {
        for (bucket, n) in counts { revealed[bucket] = max(revealed[bucket] ?? 0, Double(n)) }
    }

    /// Expected rows in one hour bucket, or nil when nothing is known about it.
    package func rows(inBucket bucket: Int) -> Double? {
        let day = LocalDay(daysSinceEpoch: Self.floorDiv(bucket, 24))
        let hour = bucket - Self.floorDiv(bucket, 24) * 24
        let base = landedHours[day]?[hour] ?? profile[day.isoWeekday - 1]?[hour] ?? typicalDay?[hour]
        switch (base, revealed[bucket]) {
        case (let b?, let r?): return max(b, r)
        case (let b?, nil): return b
        case (nil, let r?): return r
        case (nil, nil): return nil
        }
    }

    /// Expected rows in a window (hours it covers in part count in proportion), or nil when
    /// some hour of it is unknown.
    package func rows(in window: Window) -> Double? {
        var total = 0.0
        var cursor = window.start.naiveSeconds
        let end = window.end.naiveSeconds
        while cursor <= end {
            let bucket = Self.floorDiv(cursor, 3600)
            let bucketEnd = min(end, bucket * 3600 + 3599)
            guard let rate = rows(inBucket: bucket) else { return nil }
            total += rate * Double(bucketEnd - cursor + 1) / 3600
            cursor = bucketEnd + 1
        }
        return total
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
