/// A run's figures so far, handed to a progress display after every window and landed day.
public struct RunProgress: Sendable, Equatable {
    public var pipeline: String
    public var daysTotal: Int
    public var daysLanded: Int
    public var daysFailed: Int
    public var rows: Int
    public var calls: Int
    public var retries: Int
    public var windowsLeft: Int
    public var seconds: Double

    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }

    /// Remaining time at the pace so far, by days; nil until a day has landed.
    public var etaSeconds: Double? {
        guard daysLanded > 0, daysTotal > daysLanded + daysFailed else { return nil }
        return seconds / Double(daysLanded) * Double(daysTotal - daysLanded - daysFailed)
    }

    /// One line: `calls-nightly: 12/90 days · 41,200 rows (8,100/s) · 9 calls · 0 retries · ETA 1m05s`.
    public var line: String {
        var text = "\(pipeline): \(daysLanded)/\(daysTotal) days"
        if daysFailed > 0 { text += " (\(daysFailed) failed)" }
        text += " · \(rows) rows (\(Int(rowsPerSecond))/s) · \(calls) calls · \(retries) retries"
        if let eta = etaSeconds {
            let s = Int(eta.rounded())
            text += " · ETA " + (s >= 60 ? "\(s / 60)m\(s % 60 < 10 ? "0" : "")\(s % 60)s" : "\(s)s")
        }
        return text
    }
}
