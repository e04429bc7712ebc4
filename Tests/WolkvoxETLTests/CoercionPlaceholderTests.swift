import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// The API's placeholders `-` and `--` (DESIGN.md, "Types after transform"): null where a number
/// or a time is expected, kept as written in text.
struct CoercionPlaceholderTests {
    static let offsets = ZoneOffsets(TimeZone(identifier: "America/Bogota")!)

    static func coerce(_ value: String, _ type: FieldType) -> FlatValue? {
        switch type {
        case .string: Coercion.string(value)
        case .int: Coercion.int(value)
        case .decimal: Coercion.decimal(value)
        case .duration: Coercion.duration(value)
        case .timestamp: Coercion.timestamp(value, offsets)
        case .percent: Coercion.percent(value)
        }
    }

    @Test(arguments: [FieldType.int, .decimal, .duration, .timestamp, .percent], ["-", "--", " - ", "--\t"])
    func aPlaceholderIsNullWhereANumberOrATimeIsExpected(type: FieldType, value: String) {
        #expect(Self.coerce(value, type) == .null)
    }

    @Test(arguments: [FieldType.int, .decimal, .duration, .timestamp, .percent], ["---", "-x", "- -"])
    func longerDashesAreNotPlaceholdersAndDoNotCoerce(type: FieldType, value: String) {
        #expect(Self.coerce(value, type) == nil)
    }

    @Test(arguments: ["-", "--"])
    func textKeepsADashAsWritten(value: String) {
        #expect(Coercion.string(value) == .text(value))
    }
}
