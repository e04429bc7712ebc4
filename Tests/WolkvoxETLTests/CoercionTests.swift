import FlatExport
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// The coercions, table by table. `nil` expected means "does not coerce".
struct CoercionTests {
    @Test(arguments: [
        ("hello", FlatValue.text("hello")),
        (" padded ", .text(" padded ")),
        ("0057", .text("0057")),
        ("", .null),
        ("   ", .null),
        ("\t \n", .null),
        ("ñandú", .text("ñandú")),
    ])
    func stringKeepsTextAndNullsBlanks(value: String, expected: FlatValue) {
        #expect(Coercion.string(value) == expected)
    }

    @Test(arguments: [
        ("65", FlatValue?.some(.number("65"))),
        ("007", .number("7")),
        ("0", .number("0")),
        ("000", .number("0")),
        ("-12", .number("-12")),
        ("+12", .number("12")),
        ("-0", .number("0")),
        (" 42 ", .number("42")),
        ("", .null),
        ("  ", .null),
        ("12.0", nil),
        ("1,000", nil),
        ("abc", nil),
        ("-", .null),
        ("---", nil),
        ("1e3", nil),
        ("12 3", nil),
        ("١٢", nil),
        ("123456789012345678901234567890", .number("123456789012345678901234567890")),
    ])
    func intTakesSignAndDigitsOnly(value: String, expected: FlatValue?) {
        #expect(Coercion.int(value) == expected)
    }

    @Test(arguments: [
        ("0.0150", FlatValue?.some(.number("0.0150"))),
        ("1250.50", .number("1250.50")),
        ("12", .number("12")),
        (".5", .number("0.5")),
        ("-.5", .number("-0.5")),
        ("5.", .number("5")),
        ("007.5", .number("7.5")),
        ("00.5", .number("0.5")),
        ("-3.25", .number("-3.25")),
        ("+3.25", .number("3.25")),
        ("-0.0", .number("0.0")),
        (" 1.5 ", .number("1.5")),
        ("0.1000000000000000055511151231257827", .number("0.1000000000000000055511151231257827")),
        ("", .null),
        (" ", .null),
        ("1,5", nil),
        ("N/A", nil),
        ("1e3", nil),
        (".", nil),
        ("1.2.3", nil),
        ("--1", nil),
        ("$5", nil),
    ])
    func decimalKeepsTheSourceDigits(value: String, expected: FlatValue?) {
        #expect(Coercion.decimal(value) == expected)
    }

    @Test(arguments: [
        ("65", FlatValue?.some(.number("65"))),
        ("1.5", .number("1.5")),
        ("00:01:05", .number("65")),
        ("01:05", .number("65")),
        ("1:02:03", .number("3723")),
        ("100:00:00", .number("360000")),
        ("00:00:01.25", .number("1.25")),
        ("0", .number("0")),
        ("007", .number("7")),
        (" 00:01:05 ", .number("65")),
        ("", .null),
        ("  ", .null),
        ("-5", nil),
        ("-00:01:05", nil),
        ("00:60:00", nil),
        ("00:01:60", nil),
        ("1:2:3:4", nil),
        ("abc", nil),
        ("01:", nil),
        (":05", nil),
        ("00:001:05", nil),
        ("1,5", nil),
    ])
    func durationBecomesSeconds(value: String, expected: FlatValue?) {
        #expect(Coercion.duration(value) == expected)
    }

    @Test(arguments: [
        (FieldType.int, "12.0", "not an integer: '12.0'"),
        (.decimal, "1,5", "not a decimal: '1,5'"),
        (.duration, "-5", "not a duration: '-5'"),
        (.timestamp, "yesterday", "not a timestamp: 'yesterday'"),
    ])
    func reasonNamesTheTypeAndTheValue(type: FieldType, value: String, expected: String) {
        #expect(Coercion.reason(type, value) == expected)
    }
}
