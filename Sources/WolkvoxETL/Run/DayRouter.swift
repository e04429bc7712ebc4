import FlatExport
import WolkvoxAPI

/// Writes rows and rejects to per-day staging segments under one segment id.
///
/// - Important: Used by one task only. `discard()` removes everything it wrote.
final class DayRouter {
    let id: String
    private let staging: DayStaging
    private let rejects: DayStaging
    private var segments: [LocalDay: DayStaging.Segment] = [:]
    private var rejectSegments: [LocalDay: DayStaging.Segment] = [:]
    private var current: (day: LocalDay, segment: DayStaging.Segment)?
    private(set) var rows = 0
    private(set) var rejected = 0

    init(id: String, staging: DayStaging, rejects: DayStaging) {
        self.id = id
        self.staging = staging
        self.rejects = rejects
    }

    var dataDays: Set<LocalDay> { Set(segments.keys) }
    var rejectDays: Set<LocalDay> { Set(rejectSegments.keys) }

    func append(_ row: FlatRow, extras: [(String, String)], day: LocalDay) async throws {
        try await segment(for: day).append(row, extras: extras)
        rows += 1
    }

    func appendReject(_ row: FlatRow, day: LocalDay) async throws {
        let s: DayStaging.Segment
        if let existing = rejectSegments[day] {
            s = existing
        } else {
            s = try rejects.openSegment(day: day, id: id)
            rejectSegments[day] = s
        }
        try await s.append(row, extras: [])
        rejected += 1
    }

    private func segment(for day: LocalDay) async throws -> DayStaging.Segment {
        if let current, current.day == day { return current.segment }
        if let s = segments[day] {
            current = (day, s)
            return s
        }
        // Rows come day after day: the day left behind holds no buffer while the window's other
        // days are written (a 31-day window keeps every day's files open until it ends). Only on
        // the way to a new day, so rows that go back and forth between two days cost nothing.
        try await current?.segment.park()
        let s = try staging.openSegment(day: day, id: id)
        segments[day] = s
        current = (day, s)
        return s
    }

    func finish() async throws {
        for s in segments.values { try await s.finish() }
        for s in rejectSegments.values { try await s.finish() }
        current = nil
    }

    func discard() {
        for s in segments.values { s.discard() }
        for s in rejectSegments.values { s.discard() }
        segments = [:]
        rejectSegments = [:]
        current = nil
    }
}
