import FlatExport
import Foundation
import Synchronization
import WolkvoxAPI

/// The run's side of a `DayPartitionStore`: opens each day's staging lazily, hands out segments
/// to the window tasks, and lands or abandons days.
///
/// Shared by the window tasks (two may write pieces of the same day at once), hence the lock.
final class DayStaging: Sendable {
    typealias Segment = SegmentWriter

    enum Mode: Sendable {
        /// The landed day is replaced whole by the staged one.
        case replace
        /// The staged files are added to the landed day (snapshots of a real-time report).
        case appendToExisting
    }

    let store: DayPartitionStore
    /// Where committed days go: `store` itself for a folder, or a bucket.
    let landing: any DayLanding
    let runID: String
    private let days = Mutex<[LocalDay: StagedDay]>([:])

    /// - Parameter landing: where days land when not in `root` (a bucket); `root` then only
    ///   names a local folder of the staging's own.
    init(
        root: URL, dataset: String, stagingRoot: URL, schema: FlatSchema, load: Pipeline.Load, gzipEngine: GzipEngine,
        runID: String,
        landing: (any DayLanding)? = nil
    ) throws {
        store = try DayPartitionStore(
            .init(
                root: root.path, dataset: dataset, schema: schema, stagingRoot: stagingRoot.path,
                formats: load.formats.map { FlatFormat(rawValue: $0.rawValue)! },
                compression: FlatCompression(rawValue: load.compression.rawValue)!, gzipLevel: load.gzipLevel,
                maxRecordsPerFile: load.maxRecordsPerFile, gzipEngine: gzipEngine))
        self.landing = landing ?? store
        self.runID = runID
    }

    private func stagedDay(_ day: LocalDay) throws -> StagedDay {
        try days.withLock { days in
            if let staged = days[day] { return staged }
            let staged = try store.openDay(partition: day.description, runID: runID)
            days[day] = staged
            return staged
        }
    }

    func openSegment(day: LocalDay, id: String) throws -> Segment {
        try stagedDay(day).openSegment(id: id)
    }

    private func take(_ day: LocalDay) -> StagedDay? {
        days.withLock { $0.removeValue(forKey: day) }
    }

    /// Lands a day: its segments in the given order. A day no window wrote rows for lands empty.
    func commit(day: LocalDay, segmentIDs: [String], windows: [String], mode: Mode) async throws -> DayManifest {
        let staged = try take(day) ?? store.openDay(partition: day.description, runID: runID)
        do {
            return try await commit(staged, segmentIDs: segmentIDs, windows: windows, mode: mode)
        } catch {
            staged.abandon()
            throw error
        }
    }

    /// Lands the day's rejects when there are any; when there are none, removes rejects an earlier
    /// run left for the day, which this run's data replaced. Returns the number of rejects.
    func commitIfAny(day: LocalDay, segmentIDs: [String], windows: [String], mode: Mode) async throws -> Int {
        if let staged = take(day) {
            return try await commit(staged, segmentIDs: segmentIDs, windows: windows, mode: mode).rows
        }
        // Moved into staging before removal, so a reader sees the old rejects or none, never half.
        if mode == .replace { _ = try await landing.removeLandedDay(partition: day.description) }
        return 0
    }

    private func commit(_ staged: StagedDay, segmentIDs: [String], windows: [String], mode: Mode) async throws -> DayManifest {
        switch mode {
        case .appendToExisting:
            // Adding to a landed day links its files beside the new ones: the staging's own
            // store only (snapshot reports are refused for buckets).
            return try staged.commit(segmentOrder: segmentIDs, windows: windows, runID: runID, extra: [:], mode: .appendToExisting)
        case .replace:
            // Unreadable counts as absent: the day is then landed again, which is always safe.
            let current = (try? await landing.landedManifest(partition: staged.partition)) ?? nil
            guard let prepared = try staged.prepare(segmentOrder: segmentIDs, windows: windows, runID: runID, current: current) else {
                // The same bytes as landed: nothing is written, and the manifest names the run that wrote them.
                return current!
            }
            try await landing.publish(prepared)
            return prepared.manifest
        }
    }
}

extension DayManifest {
    var fileDigests: [String] { files.map(\.sha256) }
}
