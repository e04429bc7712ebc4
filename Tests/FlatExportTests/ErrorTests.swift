import FlatExport
import Foundation
import Testing

struct ErrorTests {
    typealias F = StoreFixture

    // Tests run as root, where a 0555 folder does not stop writes: a path under a regular file
    // fails for everyone (ENOTDIR).
    @Test func aRootUnderARegularFileFailsWithNotADirectoryNamingThePath() async throws {
        try withTemporaryDirectory { directory in
            try writeText("not a folder", to: directory + "/file.txt")
            let store = try F.store(root: directory + "/file.txt/sub")
            let error = try #require(throws: FlatExportError.self) { try store.openDay(partition: F.day, runID: "r") }
            #expect(error.code == .notADirectory)
            #expect(error.path == directory + "/file.txt")
            #expect(error.errno == ENOTDIR)
            #expect(error.description.hasPrefix("notADirectory: "))
            #expect(error.description.contains(directory + "/file.txt"))
        }
    }

    @Test func anUnwritableStagingFolderLeavesTheLandedDayIntact() async throws {
        try await withTemporaryDirectory { root in
            let good = try F.store(root: root)
            let before = try await F.land(good, segments: [("w", 0..<3)])
            try writeText("x", to: root + "/blocked")
            let blocked = try F.store(root: root, stagingRoot: root + "/blocked/staging")
            let error = try #require(throws: FlatExportError.self) { try blocked.openDay(partition: F.day, runID: "r") }
            #expect(error.code == .notADirectory)
            #expect(error.path?.hasPrefix(root + "/blocked") == true)
            #expect(try good.landedManifest(partition: F.day) == before)
            #expect(try F.landedIDs(good) == [0, 1, 2])
        }
    }

    @Test func aDatasetFolderThatIsAFileFailsTheCommitAndLandsNothing() async throws {
        try await withTemporaryDirectory { root in
            try writeText("x", to: root + "/cdr_1")
            let store = try F.store(root: root)
            let staged = try store.openDay(partition: F.day, runID: "r")
            try await F.writeSegment(staged, id: "w", ids: 0..<2)
            let error = try #require(throws: FlatExportError.self) {
                try staged.commit(segmentOrder: ["w"], windows: [], runID: "r")
            }
            #expect(error.code == .notADirectory)
            #expect(error.path == root + "/cdr_1")
            staged.abandon()
            #expect(F.stagingLeftovers(store).isEmpty)
        }
    }

    @Test func aCorruptManifestIsReportedWithItsPath() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/_manifest.json"
            try writeText("{\"rows\": ", to: path)
            let error = try #require(throws: FlatExportError.self) { try DayManifest.load(from: path) }
            #expect(error.code == .corruptManifest)
            #expect(error.path == path)
            let missing = try #require(throws: FlatExportError.self) { try DayManifest.load(from: directory + "/none.json") }
            #expect(missing.code == .notFound)
        }
    }

    enum BadSetting: String, CaseIterable {
        case emptyDataset, absoluteDataset, parentDataset, noFormats, repeatedFormat, gzipLevel, maxRecords,
            stagingInsideDataset, partitionKeyWithSlash
    }

    @Test(arguments: BadSetting.allCases)
    func unusableConfigurationsAreRefused(setting: BadSetting) {
        var configuration = DayPartitionStore.Configuration(
            root: "/tmp/lake", dataset: "cdr_1", schema: F.schema, stagingRoot: "/tmp/lake/_staging")
        switch setting {
        case .emptyDataset: configuration.dataset = ""
        case .absoluteDataset: configuration.dataset = "/cdr_1"
        case .parentDataset: configuration.dataset = "a/../../etc"
        case .noFormats: configuration.formats = []
        case .repeatedFormat: configuration.formats = [.csv, .csv]
        case .gzipLevel: configuration.gzipLevel = 10
        case .maxRecords: configuration.maxRecordsPerFile = 0
        case .stagingInsideDataset: configuration.stagingRoot = "/tmp/lake/cdr_1/.staging"
        case .partitionKeyWithSlash: configuration.partitionKey = "d/t"
        }
        #expect(throws: FlatExportError.self) { try DayPartitionStore(configuration) }
    }

    @Test func badPartitionNamesAreRefused() async throws {
        try withTemporaryDirectory { root in
            let store = try F.store(root: root)
            for name in ["", "..", "2025/01/05"] {
                #expect(throws: FlatExportError.self) { try store.openDay(partition: name, runID: "r") }
            }
        }
    }
}
