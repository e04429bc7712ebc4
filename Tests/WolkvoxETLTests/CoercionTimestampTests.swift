import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// Naive local times to ISO 8601 with the zone's offset, across DST transitions.
struct CoercionTimestampTests {
    static func iso(_ value: String, _ zone: String) -> FlatValue? {
        Coercion.timestamp(value, ZoneOffsets(TimeZone(identifier: zone)!))
    }

    @Test(arguments: [
        ("2025-01-02 10:11:12", "America/Bogota", "2025-01-02T10:11:12-05:00"),
        ("2025-01-02 10:11:12", "UTC", "2025-01-02T10:11:12+00:00"),
        ("2025-01-02 10:11:12", "Asia/Kolkata", "2025-01-02T10:11:12+05:30"),
        ("2025-01-02T10:11:12", "America/Bogota", "2025-01-02T10:11:12-05:00"),
        ("2025/01/02 10:11:12", "America/Bogota", "2025-01-02T10:11:12-05:00"),
        ("2025-01-02 10:11", "America/Bogota", "2025-01-02T10:11:00-05:00"),
        (" 2025-01-02 10:11:12 ", "America/Bogota", "2025-01-02T10:11:12-05:00"),
        ("1992-06-01 12:00:00", "America/Bogota", "1992-06-01T12:00:00-04:00"),
    ])
    func naiveTimeGetsTheZoneOffset(value: String, zone: String, expected: String) {
        #expect(Self.iso(value, zone) == .text(expected))
    }

    /// 2025-03-09 02:00 EST -> 03:00 EDT; 2025-11-02 02:00 EDT -> 01:00 EST.
    @Test(arguments: [
        ("2025-03-09 01:59:59", "2025-03-09T01:59:59-05:00"),
        ("2025-03-09 02:00:00", "2025-03-09T03:00:00-04:00"),  // gap: moved forward
        ("2025-03-09 02:30:00", "2025-03-09T03:30:00-04:00"),
        ("2025-03-09 02:59:59", "2025-03-09T03:59:59-04:00"),
        ("2025-03-09 03:00:00", "2025-03-09T03:00:00-04:00"),
        ("2025-11-02 00:59:59", "2025-11-02T00:59:59-04:00"),
        ("2025-11-02 01:00:00", "2025-11-02T01:00:00-04:00"),  // ambiguous: first (daylight)
        ("2025-11-02 01:59:59", "2025-11-02T01:59:59-04:00"),
        ("2025-11-02 02:00:00", "2025-11-02T02:00:00-05:00"),
        ("2025-07-01 12:00:00", "2025-07-01T12:00:00-04:00"),
        ("2025-12-31 23:59:59", "2025-12-31T23:59:59-05:00"),
    ])
    func newYorkAcrossBothTransitions(value: String, expected: String) {
        #expect(Self.iso(value, "America/New_York") == .text(expected))
    }

    /// 2025-03-30 02:00 CET -> 03:00 CEST; 2025-10-26 03:00 CEST -> 02:00 CET.
    @Test(arguments: [
        ("2025-03-30 01:59:59", "2025-03-30T01:59:59+01:00"),
        ("2025-03-30 02:15:00", "2025-03-30T03:15:00+02:00"),  // gap: moved forward
        ("2025-03-30 03:00:00", "2025-03-30T03:00:00+02:00"),
        ("2025-10-26 01:59:59", "2025-10-26T01:59:59+02:00"),
        ("2025-10-26 02:30:00", "2025-10-26T02:30:00+02:00"),  // ambiguous: first (daylight)
        ("2025-10-26 03:00:00", "2025-10-26T03:00:00+01:00"),
    ])
    func madridAcrossBothTransitions(value: String, expected: String) {
        #expect(Self.iso(value, "Europe/Madrid") == .text(expected))
    }

    @Test(arguments: ["", "   "])
    func blankTimestampIsNull(value: String) {
        #expect(Self.iso(value, "America/Bogota") == .null)
    }

    @Test(arguments: ["2025-02-30 10:00:00", "2025-01-02 24:00:00", "2025-01-02", "yesterday", "2025-01-02 10:11:12.5"])
    func badTimestampDoesNotCoerce(value: String) {
        #expect(Self.iso(value, "America/Bogota") == nil)
    }

    @Test func tableAgreesWithFoundationAroundTheYear() throws {
        // Every hour of 2025 in a zone with DST: the table's offset equals the zone's own answer
        // for the instant it produces.
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let offsets = ZoneOffsets(zone)
        let start = LocalDateTime.startOf(LocalDay(year: 2025, month: 1, day: 1)).naiveSeconds
        for hour in 0..<(365 * 24) {
            let (naive, offset) = offsets.resolve(start + hour * 3600 + 1800)
            let instant = Date(timeIntervalSince1970: TimeInterval(naive - offset))
            #expect(zone.secondsFromGMT(for: instant) == offset)
        }
    }
}
