import FlatExport
import Foundation
import Testing

/// A commit that names the wrong segments changes nothing, so the caller can fix it or abandon.
struct CommitValidationTests {
    typealias F = StoreFixture

    enum Mistake: String, CaseIterable {
        case unknownID, duplicateID, openSegmentUnlisted, finishedSegmentUnlisted, unfinishedSegmentListed
    }

    @Test(arguments: Mistake.allCases)
    func aWrongSegmentOrderIsRefusedAndTheLandedDayStays(mistake: Mistake) async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root)
            let before = try await F.land(store, segments: [("old", 0..<2)])
            let staged = try store.openDay(partition: F.day, runID: "r")
            try await F.writeSegment(staged, id: "a", ids: 10..<11)
            var pending: SegmentWriter? = nil
            let order: [String]
            switch mistake {
            case .unknownID: order = ["a", "nope"]
            case .duplicateID: order = ["a", "a"]
            case .openSegmentUnlisted:
                pending = try staged.openSegment(id: "b")
                order = ["a"]
            case .finishedSegmentUnlisted:
                try await F.writeSegment(staged, id: "b", ids: 20..<21)
                order = ["a"]
            case .unfinishedSegmentListed:
                pending = try staged.openSegment(id: "b")
                order = ["a", "b"]
            }
            let error = try #require(throws: FlatExportError.self) {
                try staged.commit(segmentOrder: order, windows: [], runID: "r")
            }
            #expect(error.code == .invalidState)
            #expect(try store.landedManifest(partition: F.day) == before)
            #expect(try F.landedIDs(store) == [0, 1])
            // Nothing was consumed: settling the segments makes the same day committable.
            pending?.discard()
            if mistake == .finishedSegmentUnlisted {
                try staged.commit(segmentOrder: ["a", "b"], windows: [], runID: "r")
                #expect(try F.landedIDs(store) == [10, 20])
            } else {
                try staged.commit(segmentOrder: ["a"], windows: [], runID: "r")
                #expect(try F.landedIDs(store) == [10])
            }
        }
    }

    @Test func aSegmentIDInUseCannotBeOpenedTwice() async throws {
        try withTemporaryDirectory { root in
            let staged = try F.store(root: root).openDay(partition: F.day, runID: "r")
            let first = try staged.openSegment(id: "w")
            #expect(throws: FlatExportError.self) { try staged.openSegment(id: "w") }
            first.discard()
            _ = try staged.openSegment(id: "w")
        }
    }

    @Test func aFinishedSegmentRefusesMoreRows() async throws {
        try await withTemporaryDirectory { root in
            let staged = try F.store(root: root).openDay(partition: F.day, runID: "r")
            let segment = try staged.openSegment(id: "w")
            try await segment.finish()
            let error = try await #require(throws: FlatExportError.self) { try await segment.append(F.row(1)) }
            #expect(error.code == .invalidState)
        }
    }

    @Test func aCommittedDayCannotBeCommittedAgain() async throws {
        try withTemporaryDirectory { root in
            let staged = try F.store(root: root).openDay(partition: F.day, runID: "r")
            try staged.commit(segmentOrder: [], windows: [], runID: "r")
            #expect(throws: FlatExportError.self) { try staged.commit(segmentOrder: [], windows: [], runID: "r") }
        }
    }
}
