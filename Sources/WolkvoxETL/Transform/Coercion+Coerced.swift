import FlatExport
import WolkvoxAPI

extension Coercion {
    /// What a value coerces to, told over its bytes (ranges index them): the string path makes
    /// a ``FlatValue`` of it, the flat row path writes it straight into a ``CellWriter``. One
    /// decision, two renderings, so both paths write the same text.
    enum Coerced {
        case null
        /// The value itself, as text.
        case text
        /// `-` when negative, the integer digits (`0` when there are none), then `.` and the
        /// fraction's digits when there is one.
        case decimal(negative: Bool, integer: Range<Int>, fraction: Range<Int>?)
        /// A clock duration in seconds, with the fraction's digits of its last field.
        case seconds(Int, fraction: Range<Int>?)
        /// A naive local time, written as ISO 8601 with the zone's offset.
        case time(LocalDateTime)

        init(_ parts: DecimalParts) {
            self = .decimal(negative: parts.negative, integer: parts.integer, fraction: parts.fraction)
        }

        /// As a typed value; `value` is the string whose bytes are `b`.
        func value(_ value: String, _ b: UnsafeBufferPointer<UInt8>, _ offsets: ZoneOffsets?) -> FlatValue {
            switch self {
            case .null: return .null
            case .text: return .text(value)
            case .time(let time):
                guard let offsets else { preconditionFailure("a timestamp coerced without a zone") }
                return .text(offsets.iso8601(time))
            case .decimal, .seconds:
                var text = ByteBuilder(capacity: b.count + 24)
                defer { text.release() }
                writeNumber(b, into: &text)
                return .number(String(decoding: text.bytes, as: UTF8.self))
            }
        }

        /// Written as the next cell of `cells`; `scratch` holds a text made for it.
        func write(_ b: UnsafeBufferPointer<UInt8>, _ offsets: ZoneOffsets, into cells: inout CellWriter, scratch: inout ByteBuilder) {
            switch self {
            case .null: cells.null()
            case .text: cells.text(b)
            case .time(let time):
                scratch.removeAll()
                offsets.writeISO8601(time, into: &scratch)
                scratch.bytes.withMemoryRebound(to: UInt8.self) { cells.text($0) }
            case .decimal, .seconds:
                scratch.removeAll()
                writeNumber(b, into: &scratch)
                scratch.bytes.withMemoryRebound(to: UInt8.self) { cells.number($0) }
            }
        }

        private func writeNumber(_ b: UnsafeBufferPointer<UInt8>, into out: inout ByteBuilder) {
            switch self {
            case .decimal(let negative, let integer, let fraction):
                if negative { out.append(minus) }
                if integer.isEmpty { out.append(zero) } else { out.append(UnsafeBufferPointer(rebasing: b[integer])) }
                if let fraction {
                    out.append(dot)
                    out.append(UnsafeBufferPointer(rebasing: b[fraction]))
                }
            case .seconds(let total, let fraction):
                var digits = String(total)
                digits.withUTF8 { out.append($0) }
                if let fraction {
                    out.append(dot)
                    out.append(UnsafeBufferPointer(rebasing: b[fraction]))
                }
            case .null, .text, .time:
                break
            }
        }
    }
}
