import FlatExport
import Foundation
import Testing

/// A small dataset for store tests: rows `[id, name]` whose ids tell where each row landed.
enum StoreFixture {
    static let schema = FlatSchema(columns: ["id", "name"])
    static let day = "2025-01-05"

    static func store(
        root: String, dataset: String = "cdr_1", formats: [FlatFormat] = [.ndjson],
        compression: FlatCompression = .gzip, maxRecordsPerFile: Int = 1_000_000, stagingRoot: String? = nil
    ) throws -> DayPartitionStore {
        try DayPartitionStore(.init(
            root: root, dataset: dataset, schema: schema, stagingRoot: stagingRoot ?? root + "/_staging", formats: formats,
            compression: compression, gzipLevel: 6, maxRecordsPerFile: maxRecordsPerFile))
    }

    static func row(_ id: Int) -> FlatRow { [.number(String(id)), .text("name, \"\(id)\"\n")] }

    /// Writes `ids` as one finished segment.
    static func writeSegment(_ day: StagedDay, id: String, ids: some Sequence<Int>) async throws {
        let segment = try day.openSegment(id: id)
        for value in ids { try await segment.append(row(value)) }
        try await segment.finish()
    }

    /// Lands `segments` (id, row ids) as one day, in the given order.
    @discardableResult
    static func land(
        _ store: DayPartitionStore, segments: [(String, Range<Int>)], runID: String = "run-1",
        mode: CommitMode = .replace
    ) async throws -> DayManifest {
        let staged = try store.openDay(partition: day, runID: runID)
        for (id, ids) in segments { try await writeSegment(staged, id: id, ids: ids) }
        return try staged.commit(
            segmentOrder: segments.map(\.0), windows: segments.map(\.0), runID: runID, mode: mode)
    }

    /// The ids of a landed day's NDJSON rows, reading parts in name order with `gzip -dc`.
    static func landedIDs(_ store: DayPartitionStore, partition: String = day) throws -> [Int] {
        let folder = store.landedPath(partition: partition)
        var ids: [Int] = []
        for name in listing(folder) where name.hasSuffix(".ndjson.gz") || name.hasSuffix(".ndjson") {
            let path = folder + "/" + name
            let data = name.hasSuffix(".gz") ? try Shell.gunzip(path) : try Data(contentsOf: URL(fileURLWithPath: path))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                ids.append(try #require(object["id"] as? Int))
            }
        }
        return ids
    }

    /// Everything left under the store's staging root (all datasets).
    static func stagingLeftovers(_ store: DayPartitionStore) -> [String] {
        let root = store.configuration.stagingRoot
        return listing(root).flatMap { name in listing(root + "/" + name).map { name + "/" + $0 } }
    }
}
