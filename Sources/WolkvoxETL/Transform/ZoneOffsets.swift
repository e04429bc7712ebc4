import FlatExport
import Foundation
import WolkvoxAPI

/// A zone's UTC offsets as a table over naive local time, so turning the API's naive
/// timestamps into instants needs no `Calendar` and no `DateFormatter` per row.
///
/// Built once from the zone's transitions between 1900 and 2200 (a few hundred entries);
/// a lookup is a binary search.
///
/// - Important: Local times that do not exist (the spring-forward gap) are moved forward by the
///   gap's length, as java.time does: `02:30` on a day clocks jump from 02:00 to 03:00 becomes
///   `03:30` at the new offset. Ambiguous local times (the fall-back hour) take the FIRST
///   offset, the one in force before the transition (daylight time).
struct ZoneOffsets: Sendable {
    /// Naive second at which transition `i` takes effect: the transition instant at the old offset.
    private let boundaries: [Int]
    private let before: [Int]
    private let after: [Int]
    /// Offset before the first transition (or always, for a zone without transitions).
    private let initial: Int
    private let zone: TimeZone
    private let tableRange: Range<Int>

    static let tableStart = -2_208_988_800  // 1900-01-01T00:00:00Z
    static let tableEnd = 7_258_118_400  // 2200-01-01T00:00:00Z

    init(_ zone: TimeZone) {
        self.zone = zone
        var boundaries: [Int] = []
        var before: [Int] = []
        var after: [Int] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.tableStart))
        initial = zone.secondsFromGMT(for: cursor)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < TimeInterval(Self.tableEnd), next > cursor
        {
            let instant = Int(next.timeIntervalSince1970.rounded())
            let old = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant - 1)))
            let new = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            if old != new {
                boundaries.append(instant + old)
                before.append(old)
                after.append(new)
            }
            cursor = next
        }
        self.boundaries = boundaries
        self.before = before
        self.after = after
        tableRange = (Self.tableStart + 86_400)..<(Self.tableEnd - 86_400)
    }

    /// The offset in force at naive local second `naive`, and the naive time to write (moved
    /// forward when `naive` falls in a spring-forward gap).
    func resolve(_ naive: Int) -> (naive: Int, offset: Int) {
        guard tableRange.contains(naive) else { return slowResolve(naive) }
        // Last boundary <= naive.
        var lo = 0
        var hi = boundaries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if boundaries[mid] <= naive { lo = mid + 1 } else { hi = mid }
        }
        let i = lo - 1
        guard i >= 0 else { return (naive, initial) }
        let gap = after[i] - before[i]
        if gap > 0, naive < boundaries[i] + gap { return (naive + gap, after[i]) }
        return (naive, after[i])
    }

    /// Outside the table (before 1900, after 2200): ask the zone; gaps are not moved.
    private func slowResolve(_ naive: Int) -> (naive: Int, offset: Int) {
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - guess)))
        return (naive, offset)
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` (`±HH:MM:SS` for the odd pre-1900-style offset with seconds).
    func iso8601(_ time: LocalDateTime) -> String {
        let (naive, offset) = resolve(time.naiveSeconds)
        return Self.iso8601(naive == time.naiveSeconds ? time : LocalDateTime(naiveSeconds: naive), offset: offset)
    }

    /// An instant (whole seconds) as the zone's local time with the offset in force then: in the
    /// fall-back hour the instant tells which of the two offsets it was, which a naive time cannot.
    func iso8601(instant: Date) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let naive = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        return Self.iso8601(LocalDateTime(naiveSeconds: naive), offset: offset)
    }

    /// `iso8601(_:)` appended to `out`, for a row written as bytes.
    func writeISO8601(_ time: LocalDateTime, into out: inout ByteBuilder) {
        let (naive, offset) = resolve(time.naiveSeconds)
        let t = naive == time.naiveSeconds ? time : LocalDateTime(naiveSeconds: naive)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxISO8601Count) { text in
            let count = Self.write(t, offset: offset, into: text)
            out.append(UnsafeBufferPointer(rebasing: text[0..<count]))
        }
    }

    private static let maxISO8601Count = 28

    private static func iso8601(_ t: LocalDateTime, offset: Int) -> String {
        String(unsafeUninitializedCapacity: maxISO8601Count) { write(t, offset: offset, into: $0) }
    }

    /// Writes `t` and `offset` at the start of `out` (room for 28 bytes); returns the count.
    private static func write(_ t: LocalDateTime, offset: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let magnitude = abs(offset)
        let withSeconds = magnitude % 60 != 0
        let count = withSeconds ? 28 : 25
        func put(_ value: Int, _ width: Int, at index: Int) {
            var v = value
            for k in stride(from: index + width - 1, through: index, by: -1) {
                out[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(t.day.year, 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(t.day.month, 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(t.day.day, 2, at: 8)
        out[10] = UInt8(ascii: "T")
        put(t.hour, 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(t.minute, 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(t.second, 2, at: 17)
        out[19] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        put(magnitude / 3600, 2, at: 20)
        out[22] = UInt8(ascii: ":")
        put(magnitude / 60 % 60, 2, at: 23)
        if withSeconds {
            out[25] = UInt8(ascii: ":")
            put(magnitude % 60, 2, at: 26)
        }
        return count
    }
}
