import FlatExport
import Foundation
import Testing

struct DayPartitionStoreTests {
    typealias F = StoreFixture

    @Test func commitLandsPartsAndAManifestThatMatchesTheFiles() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            let staged = try store.openDay(partition: F.day, runID: "run-1")
            try await F.writeSegment(staged, id: "w1", ids: 0..<3)
            try await F.writeSegment(staged, id: "w2", ids: 3..<5)
            let manifest = try staged.commit(
                segmentOrder: ["w1", "w2"], windows: ["w1", "w2"], runID: "run-1", extra: ["report": "cdr_1"])

            let folder = root + "/cdr_1/dt=2025-01-05"
            #expect(listing(root + "/cdr_1") == ["dt=2025-01-05"])
            #expect(listing(folder) == ["_manifest.json", "part-00000.ndjson.gz", "part-00001.ndjson.gz"])
            #expect(try F.landedIDs(store) == [0, 1, 2, 3, 4])
            #expect(manifest.dataset == "cdr_1")
            #expect(manifest.partition == "dt=2025-01-05")
            #expect(manifest.rows == 5)
            #expect(manifest.files.map(\.rows) == [3, 2])
            #expect(manifest.windows == ["w1", "w2"])
            #expect(manifest.runID == "run-1")
            #expect(manifest.extra == ["report": "cdr_1"])
            #expect(manifest.writtenAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            for file in manifest.files {
                let path = folder + "/" + file.path
                #expect(try Shell.run(["gzip", "-t", path]).status == 0)
                #expect(file.sha256 == (try Shell.sha256sum(path)))
                #expect(file.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
            }
            #expect(manifest.bytes == manifest.files.reduce(0) { $0 + $1.bytes })
            #expect(try DayManifest.load(from: folder) == manifest)
            #expect(try store.landedManifest(partition: F.day) == manifest)
            #expect(F.stagingLeftovers(store).isEmpty)
        }
    }

    @Test func manifestUsesSnakeCaseKeys() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            try await F.land(store, segments: [("w", 0..<1)])
            let text = try String(contentsOfFile: store.landedPath(partition: F.day) + "/_manifest.json", encoding: .utf8)
            #expect(text.contains("\"run_id\" : \"run-1\""))
            #expect(text.contains("\"written_at\" : "))
            #expect(text.contains("\"sha256\" : "))
        }
    }

    @Test func rollsAtMaxRecordsPerFileWithTheSameRowsInBothFormats() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.ndjson, .csv], maxRecordsPerFile: 2)
            let manifest = try await F.land(store, segments: [("w", 0..<5)])
            let folder = store.landedPath(partition: F.day)
            #expect(listing(folder) == [
                "_manifest.json", "part-00000.csv.gz", "part-00000.ndjson.gz", "part-00001.csv.gz",
                "part-00001.ndjson.gz", "part-00002.csv.gz", "part-00002.ndjson.gz",
            ])
            #expect(manifest.rows == 5)
            #expect(manifest.files.map(\.rows) == [2, 2, 1, 2, 2, 1])
            #expect(manifest.files.map(\.format) == [.ndjson, .ndjson, .ndjson, .csv, .csv, .csv])
            #expect(try F.landedIDs(store) == [0, 1, 2, 3, 4])
            for part in 0..<3 {
                let csv = String(decoding: try Shell.gunzip(folder + "/part-0000\(part).csv.gz"), as: UTF8.self)
                #expect(csv.hasPrefix("id,name\r\n\(part * 2),\"name, \"\"\(part * 2)\"\"\n\"\r\n"))
            }
        }
    }

    @Test func noCompressionWritesPlainNDJSONAndCSVFiles() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.csv, .ndjson], compression: .none)
            let manifest = try await F.land(store, segments: [("w", 0..<2)])
            let folder = store.landedPath(partition: F.day)
            #expect(listing(folder) == ["_manifest.json", "part-00000.csv", "part-00000.ndjson"])
            #expect(manifest.files.allSatisfy { $0.compression == FlatCompression.none })
            #expect(try F.landedIDs(store) == [0, 1])
            let csv = try String(contentsOfFile: folder + "/part-00000.csv", encoding: .utf8)
            #expect(csv.hasPrefix("id,name\r\n0,"))
        }
    }

    @Test func commitOverALandedDayReplacesItWhole() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, maxRecordsPerFile: 1)
            try await F.land(store, segments: [("w1", 0..<2), ("w2", 2..<3)], runID: "old")
            #expect(listing(store.landedPath(partition: F.day)).count == 4)
            let manifest = try await F.land(store, segments: [("w1", 100..<101)], runID: "new")
            #expect(listing(store.landedPath(partition: F.day)) == ["_manifest.json", "part-00000.ndjson.gz"])
            #expect(try F.landedIDs(store) == [100])
            #expect(manifest.runID == "new")
            #expect(F.stagingLeftovers(store).isEmpty)
        }
    }

    @Test func aDiscardedSegmentLeavesNothing() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.ndjson, .csv])
            let staged = try store.openDay(partition: F.day, runID: "r")
            let capped = try staged.openSegment(id: "w")
            for id in 0..<3 { try await capped.append(F.row(id)) }
            capped.discard()
            #expect(listing(staged.stagedPath).isEmpty)
            // The same window asked again in two halves; one half is finished, then dropped too.
            try await F.writeSegment(staged, id: "w", ids: 10..<12)
            let dropped = try staged.openSegment(id: "w-b")
            try await dropped.append(F.row(99))
            try await dropped.finish()
            dropped.discard()
            try staged.commit(segmentOrder: ["w"], windows: ["w"], runID: "r")
            #expect(try F.landedIDs(store) == [10, 11])
            #expect(listing(store.landedPath(partition: F.day)).count == 3)
        }
    }

    @Test func abandonLeavesTheLandedDayUntouched() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            let before = try await F.land(store, segments: [("w", 0..<2)])
            let staged = try store.openDay(partition: F.day, runID: "r2")
            try await F.writeSegment(staged, id: "w", ids: 50..<60)
            staged.abandon()
            #expect(FileManager.default.fileExists(atPath: staged.stagedPath) == false)
            #expect(try store.landedManifest(partition: F.day) == before)
            #expect(try F.landedIDs(store) == [0, 1])
            #expect(throws: FlatExportError.self) { try staged.openSegment(id: "x") }
        }
    }

    @Test func segmentOrderDecidesPartOrder() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            let staged = try store.openDay(partition: F.day, runID: "r")
            try await F.writeSegment(staged, id: "late", ids: 10..<12)
            try await F.writeSegment(staged, id: "early", ids: 0..<2)
            let manifest = try staged.commit(segmentOrder: ["early", "late"], windows: [], runID: "r")
            #expect(manifest.files.map(\.path) == ["part-00000.ndjson.gz", "part-00001.ndjson.gz"])
            #expect(try F.landedIDs(store) == [0, 1, 10, 11])
        }
    }

    @Test func appendModeKeepsTheLandedFilesAndNumbersNewPartsAfterThem() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.ndjson, .csv])
            let first = try await F.land(store, segments: [("s1", 0..<2)], runID: "r1", mode: .appendToExisting)
            let second = try await F.land(store, segments: [("s2", 2..<3)], runID: "r2", mode: .appendToExisting)
            let folder = store.landedPath(partition: F.day)
            #expect(listing(folder) == [
                "_manifest.json", "part-00000.csv.gz", "part-00000.ndjson.gz", "part-00001.csv.gz", "part-00001.ndjson.gz",
            ])
            #expect(try F.landedIDs(store) == [0, 1, 2])
            #expect(second.rows == 3)
            #expect(second.windows == ["s1", "s2"])
            #expect(Set(first.files).isSubset(of: Set(second.files)))
            #expect(second.files.count == 4)
            for file in second.files { #expect(file.sha256 == (try Shell.sha256sum(folder + "/" + file.path))) }
            #expect(F.stagingLeftovers(store).isEmpty)
        }
    }

    @Test func aDayWithNoRowsLandsAsAManifestAlone() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            try await F.land(store, segments: [("full", 0..<3)])
            let staged = try store.openDay(partition: F.day, runID: "r")
            let empty = try staged.openSegment(id: "w")
            #expect(try await empty.finish().rows == 0)
            let manifest = try staged.commit(segmentOrder: ["w"], windows: ["w"], runID: "r")
            #expect(listing(store.landedPath(partition: F.day)) == ["_manifest.json"])
            #expect(manifest.rows == 0 && manifest.files.isEmpty && manifest.bytes == 0)
        }
    }

    @Test func cleanStagingRemovesLeftoversOfKilledRuns() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            let rejects = try F.store(root: root, dataset: "_wolkvox/rejects/cdr_1")
            try await F.land(store, segments: [("w", 0..<1)])
            // A killed run: staged days never committed nor abandoned.
            try await F.writeSegment(try store.openDay(partition: "2025-01-06", runID: "killed"), id: "w", ids: 0..<5)
            try await F.writeSegment(try rejects.openDay(partition: "2025-01-06", runID: "killed"), id: "w", ids: 0..<5)
            #expect(F.stagingLeftovers(store).count == 2)
            try store.cleanStaging()
            // Only this dataset's leftovers go: another dataset's may belong to a live run.
            #expect(F.stagingLeftovers(store).map { $0.prefix { $0 != "/" } } == ["_wolkvox%2Frejects%2Fcdr_1"])
            try DayPartitionStore.cleanStaging(stagingRoot: store.configuration.stagingRoot)
            #expect(listing(store.configuration.stagingRoot).isEmpty)
            #expect(try F.landedIDs(store) == [0])
        }
    }

    @Test func removeLandedDayTakesTheWholeDayAway() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            try await F.land(store, segments: [("w", 0..<2)])
            #expect(try store.removeLandedDay(partition: F.day))
            #expect(listing(store.datasetPath).isEmpty)
            #expect(try store.landedManifest(partition: F.day) == nil)
            #expect(F.stagingLeftovers(store).isEmpty)
            #expect(try store.removeLandedDay(partition: F.day) == false)
        }
    }

    @Test func nestedDatasetsLandUnderTheirOwnPath() async throws {
        try await withTemporaryDirectory { root in
            let rejects = try F.store(root: root, dataset: "_wolkvox/rejects/cdr_1")
            try await F.land(rejects, segments: [("w", 0..<1)])
            #expect(listing(root + "/_wolkvox/rejects/cdr_1/dt=2025-01-05").count == 2)
            #expect(listing(root + "/_wolkvox") == ["rejects"])
        }
    }

    @Test func segmentsOfOneDayCanBeWrittenFromConcurrentTasks() async throws {
        let root = FileManager.default.temporaryDirectory.path + "/flatexport-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try F.store(root: root, formats: [.ndjson, .csv])
        let staged = try store.openDay(partition: F.day, runID: "r")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    let segment = try staged.openSegment(id: "w\(task)")
                    for id in (task * 1000)..<(task * 1000 + 500) { try await segment.append(F.row(id)) }
                    try await segment.finish()
                }
            }
            try await group.waitForAll()
        }
        let manifest = try staged.commit(segmentOrder: ["w3", "w2", "w1", "w0"], windows: [], runID: "r")
        #expect(manifest.rows == 2000)
        #expect(try F.landedIDs(store) == [3, 2, 1, 0].flatMap { Array(($0 * 1000)..<($0 * 1000 + 500)) })
    }
}
