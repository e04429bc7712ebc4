package import Foundation

/// What one run did, written to `_wolkvox/runs/RUN_ID.json` for people and orchestrators.
package struct RunReport: Codable, Sendable {
    /// What became of a day; the JSON keeps the raw values.
    package enum DayStatus: String, Codable, Sendable, Hashable {
        case landed
        case failed
        /// Landed by the interrupted run this one resumed.
        case skipped
        /// Not reached: the run stopped first.
        case pending
    }

    package struct Day: Codable, Sendable, Equatable {
        package var day: String
        package var status: DayStatus
        package var rows: Int
        package var rejects: Int
        package var windows: [String]
        package var reason: String?
        package var changed: Bool?
    }

    package var runID: String
    package var pipeline: String
    package var report: String
    package var from: String?
    package var to: String?
    package var startedAt: String
    package var finishedAt: String?
    package var seconds: Double?
    package var status: String  // ok | partial | quota | auth | interrupted | failed
    package var exitCode: Int32?
    package var calls: Int
    package var retries: Int
    package var splits: Int
    package var rows: Int
    package var rejects: Int
    package var bytes: Int
    package var days: [Day]
    package var message: String?
    /// Something the run could not act on but a person should know (a report that may not be
    /// enabled on the server).
    package var note: String?
    /// Records the API sent, landed or not: answers cut at the cap may be asked again.
    package var rowsReceived: Int?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case pipeline, report, from, to
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case seconds, status
        case exitCode = "exit_code"
        case calls, retries, splits, rows, rejects, bytes, days, message, note
        case rowsReceived = "rows_received"
    }

    package func write(root: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: root.appendingPathComponent("_wolkvox/runs/\(runID).json"))
    }
}

package enum RunID {
    /// A sortable, unique id: `20261125T174200Z-3f9a1c`.
    package static func make(now: Date = Date()) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        func p(_ v: Int?, _ w: Int = 2) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return "\(p(c.year, 4))\(p(c.month))\(p(c.day))T\(p(c.hour))\(p(c.minute))\(p(c.second))Z-"
            + String(repeating: "0", count: 6 - suffix.count) + suffix
    }

    package static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
