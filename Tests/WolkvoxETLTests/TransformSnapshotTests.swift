import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// A snapshot without dates carries the poll's time as `snapshot_at`.
struct TransformSnapshotTests {
    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    @Test func aSnapshotWithoutDatesGetsThePollsTimeWithTheZonesOffset() throws {
        let spec = try TransformNestedTests.spec("information.agents")
        let t = RecordTransformer(report: spec, transform: .init(), timeZone: TransformNestedTests.bogota)
        #expect(t.schema.columns == spec.fields.map(\.name) + ["snapshot_at"])
        let record = TransformNestedTests.record(["agent_id": "1", "last_use": "2025-03-04 08:00:00"])
        let stamped = try TransformNestedTests.row(t.stamped(at: Self.instant("2025-03-04T16:30:05Z")).transform(record))
        #expect(stamped.last == .text("2025-03-04T11:30:05-05:00"))
        #expect(stamped[4] == .text("2025-03-04T08:00:00-05:00"))
        #expect(try TransformNestedTests.row(t.transform(record)).last == .null)
    }

    @Test(arguments: [
        ("2025-11-02T05:30:00Z", "2025-11-02T01:30:00-04:00"),  // the first 01:30, daylight time
        ("2025-11-02T06:30:00Z", "2025-11-02T01:30:00-05:00"),  // the second, an hour later
        ("2025-03-09T07:00:00Z", "2025-03-09T03:00:00-04:00"),
    ])
    func thePollsTimeKeepsTheOffsetInForceThenAcrossDaylightSaving(instant: String, expected: String) throws {
        let spec = try TransformNestedTests.spec("information.agents")
        let t = RecordTransformer(report: spec, transform: .init(), timeZone: TimeZone(identifier: "America/New_York")!)
        let row = try TransformNestedTests.row(t.stamped(at: Self.instant(instant)).transform(TransformNestedTests.record(["agent_id": "1"])))
        #expect(row.last == .text(expected))
    }

    @Test func aSnapshotWithItsOwnTimesHasNoSnapshotColumn() {
        let t = RecordTransformer(report: ReportCatalog.callsLast10, transform: .init(), timeZone: TransformNestedTests.bogota)
        #expect(t.schema.columns == ReportCatalog.callsLast10.fields.map(\.name))
    }
}
