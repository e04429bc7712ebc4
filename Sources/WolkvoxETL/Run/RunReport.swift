public import Foundation

/// What one run did, written to `_wolkvox/runs/RUN_ID.json` for people and orchestrators.
public struct RunReport: Codable, Sendable {
    /// What became of a day; the JSON keeps the raw values.
    public enum DayStatus: String, Codable, Sendable, Hashable {
        case landed
        case failed
        /// Landed by the interrupted run this one resumed.
        case skipped
        /// Not reached: the run stopped first.
        case pending
    }

    public struct Day: Codable, Sendable, Equatable {
        public var day: String
        public var status: DayStatus
        public var rows: Int
        public var rejects: Int
        public var windows: [String]
        public var reason: String?
        public var changed: Bool?
    }

    public var runID: String
    public var pipeline: String
    public var report: String
    public var from: String?
    public var to: String?
    public var startedAt: String
    public var finishedAt: String?
    public var seconds: Double?
    public var status: String  // ok | partial | quota | auth | interrupted | failed
    public var exitCode: Int32?
    public var calls: Int
    public var retries: Int
    public var splits: Int
    public var rows: Int
    public var rejects: Int
    public var bytes: Int
    public var days: [Day]
    public var message: String?
    /// Something the run could not act on but a person should know (a report that may not be
    /// enabled on the server).
    public var note: String?
    /// Records the API sent, landed or not: answers cut at the cap may be asked again.
    public var rowsReceived: Int?

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

    public func write(root: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: root.appendingPathComponent("_wolkvox/runs/\(runID).json"))
    }
}

public enum RunID {
    /// A sortable, unique id: `20261125T174200Z-3f9a1c`.
    public static func make(now: Date = Date()) -> String {
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

    public static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
