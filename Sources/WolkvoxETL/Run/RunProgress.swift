/// A run's figures so far, handed to a progress display after every window and landed day.
package struct RunProgress: Sendable, Equatable {
    package var pipeline: String
    package var daysTotal: Int
    package var daysLanded: Int
    package var daysFailed: Int
    package var rows: Int
    package var calls: Int
    package var retries: Int
    package var windowsLeft: Int
    package var seconds: Double

    package var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }

    /// Remaining time at the pace so far, by days; nil until a day has landed.
    package var etaSeconds: Double? {
        guard daysLanded > 0, daysTotal > daysLanded + daysFailed else { return nil }
        return seconds / Double(daysLanded) * Double(daysTotal - daysLanded - daysFailed)
    }

    /// One line: `calls-nightly: 12/90 days · 41,200 rows (8,100/s) · 9 calls · 0 retries · ETA 1m05s`.
    package var line: String {
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
