import FlatExport
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// `percent`: the API's `"34.64 %"` as the decimal 34.64.
struct CoercionPercentTests {
    @Test(arguments: [
        ("34.64 %", FlatValue?.some(.number("34.64"))),
        ("34.64%", .number("34.64")),
        ("100 %", .number("100")),
        ("0.00 %", .number("0.00")),
        ("007.5 %", .number("7.5")),
        ("12.5", .number("12.5")),
        (" 3 % ", .number("3")),
        ("-", .null),
        ("--", .null),
        ("", .null),
        ("  ", .null),
        ("%", nil),
        ("abc %", nil),
        ("34,64 %", nil),
    ])
    func percentKeepsTheSourcesDigits(value: String, expected: FlatValue?) {
        #expect(Coercion.percent(value) == expected)
    }

    @Test func theReasonNamesThePercentage() {
        #expect(Coercion.reason(.percent, "abc %") == "not a percentage: 'abc %'")
    }
}
