import FlatExport
import WolkvoxAPI

extension Coercion {
    /// Parses the API's naive `YYYY-MM-DD HH:MM:SS` (surrounding spaces allowed) without
    /// allocating; other accepted shapes (`T`, `/`, no seconds) go through `LocalDateTime(record:)`.
    static func localDateTime(_ value: String) -> LocalDateTime? {
        withBytes(value) { localDateTime($0) }
    }

    /// `localDateTime(_:)` over a value's UTF-8 bytes.
    static func localDateTime(_ b: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        let r = trimmed(b)
        guard r.count == 19 else { return LocalDateTime(record: String(decoding: b, as: UTF8.self)) }
        let s = r.lowerBound
        guard b[s + 4] == minus, b[s + 7] == minus, b[s + 10] == 32, b[s + 13] == colon, b[s + 16] == colon
        else { return LocalDateTime(record: String(decoding: b, as: UTF8.self)) }
        func num(_ at: Int, _ width: Int) -> Int? {
            var v = 0
            for i in s + at..<s + at + width {
                guard isDigit(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - zero)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
            let sec = num(17, 2), mo >= 1, mo <= 12, d >= 1, d <= LocalDay.daysIn(month: mo, year: y), h < 24,
            mi < 60, sec < 60
        else { return nil }
        return LocalDateTime(day: LocalDay(year: y, month: mo, day: d), hour: h, minute: mi, second: sec)
    }

    /// The naive local time as ISO 8601 with the zone's offset; blank, `-` and `--` are null.
    static func timestamp(_ value: String, _ offsets: ZoneOffsets) -> FlatValue? {
        typed(value, .timestamp, offsets)
    }
}
